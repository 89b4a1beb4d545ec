"""Stores for the query tests: the embedded store and a real Oxigraph server, same data.

A dataset is named by a key: ``sample`` (the reference graph and the sample deliberation),
``reference`` (the reference graph alone) or the path of a TriG/Turtle fixture. Each key
gets one in-memory embedded store and one Oxigraph server (``oxigraph serve`` from the
``oxigraph`` PyPI package, on 127.0.0.1, a free port, a temporary folder, the union of the
named graphs as default graph), loaded through ``tkg build --endpoint`` for the sample and
through :class:`kg.store.remote.RemoteStore` otherwise; all are stopped at the end of the session.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from kg.cli import main
from kg.mapping import Iris
from kg.pipeline import build_reference
from kg.store import KnowledgeStore, OxigraphStore
from kg.store.remote import RemoteStore

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_GRAPH = "https://example.org/graph/fixture"


def fixture_graphs(path: Path) -> dict[str, list[Quad]]:
    """The named graphs of a fixture; a Turtle file's triples go to one fixture graph."""
    fmt = RdfFormat.TRIG if path.suffix == ".trig" else RdfFormat.TURTLE
    graphs: dict[str, list[Quad]] = {}
    for q in parse(path=str(path), format=fmt):
        g = q.graph_name.value if isinstance(q.graph_name, NamedNode) else FIXTURE_GRAPH
        graphs.setdefault(g, []).append(q)
    return graphs


def load(store: KnowledgeStore, key: str, *, sample: Path) -> None:
    if key == "reference":
        build_reference(store, iris=Iris())
    elif key == "sample" and isinstance(store, RemoteStore):
        code = main(["build", str(sample), "--endpoint", store.endpoint])
        assert code == 0, "tkg build --endpoint failed"
    else:
        for graph, quads in fixture_graphs(Path(key)).items():
            store.replace_graph(graph, quads)


def _oxigraph() -> str:
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if found is None:
        pytest.fail("the `oxigraph` command (PyPI package oxigraph, a dev dependency) is missing")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], *, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"oxigraph serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    pytest.fail(f"oxigraph serve did not answer on {url} within {timeout}s")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], str]]:
    """A factory of fresh Oxigraph servers; returns each one's query endpoint URL."""
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> str:
        port = _free_port()
        folder = tmp_path_factory.mktemp("oxigraph")
        proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(folder),
                                 "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(proc)
        url = f"http://127.0.0.1:{port}/query"
        _wait_until_up(url, proc)
        return url

    yield start
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def stores(oxigraph_server: Callable[[], str], sample_store: OxigraphStore,
           sample_path: Path) -> Callable[[str, str], KnowledgeStore]:
    """``stores(kind, key)``: the embedded or server store holding dataset ``key``, cached."""
    cache: dict[tuple[str, str], KnowledgeStore] = {("embedded", "sample"): sample_store}

    def get(kind: str, key: str) -> KnowledgeStore:
        if (kind, key) not in cache:
            store: KnowledgeStore = (OxigraphStore() if kind == "embedded"
                                     else RemoteStore(oxigraph_server()))
            load(store, key, sample=sample_path)
            cache[(kind, key)] = store
        return cache[(kind, key)]

    return get
