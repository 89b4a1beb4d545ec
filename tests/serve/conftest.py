"""A store built from the sample on disk, and a real ``tkg serve`` over it on 127.0.0.1.

The store also holds one deliberation whose title is markup (``<script>alert(1)</script>``)
and which links to a ``javascript:`` IRI, to check that pages escape every text read from a
document and link only to web addresses.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.mapping import Iris
from kg.mapping.vocab import DCTERMS, RDF, RDFS, TKG, node
from kg.pipeline import build, build_reference
from kg.store import OxigraphStore
from tests.conftest import copy_store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"
BASE = Iris().base
DELIBERATION = (BASE + "epci/242100410/deliberation/2024-09-26/"
                "territoire-bourgogne-industrie-2024-2027-convention-accord-cadre")
CONVENTION = BASE + "convention/ti-2703/2024-2027"
SCRIPT_TITLE = "<script>alert(1)</script>"
SCRIPT_DELIBERATION = BASE + "epci/242100410/deliberation/2024-10-01/markup-title"
TIMEOUT = 3.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tkg serve exited with {process.returncode}: "
                               f"{process.stderr.read().decode() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def build_store(path: Path, *, reference: bool = True) -> Path:
    store = OxigraphStore(path)
    if reference:
        build_reference(store, iris=Iris())
    outcomes = build([SAMPLE], store, iris=Iris())
    assert not any(o.error for o in outcomes), outcomes
    graph = NamedNode(BASE + "graph/test-markup")
    s = NamedNode(SCRIPT_DELIBERATION)
    store.replace_graph(graph.value, [
        Quad(s, node(RDF.type), node(TKG.Deliberation), graph),
        Quad(s, node(DCTERMS.title), Literal(SCRIPT_TITLE), graph),
        Quad(s, node(TKG.decidedBy), NamedNode(BASE + "epci/242100410"), graph),
        Quad(s, node(RDFS.seeAlso), NamedNode("javascript:alert(2)"), graph),
    ])
    store.close()
    return path


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory, reference_store_template: Path) -> Path:
    """The reference graph (a copy of the session's store) and the documents of ``build_store``."""
    folder = copy_store(reference_store_template, tmp_path_factory.mktemp("serve") / "store")
    return build_store(folder, reference=False)


@dataclass(frozen=True)
class Server:
    url: str
    store: Path


@contextlib.contextmanager
def tkg_serve(*args: str, env: Mapping[str, str], stderr: int | IO[bytes] = subprocess.PIPE,
              ready: str = "/") -> Iterator[str]:
    """``tkg serve ARGS`` in its own process on a free port, with exactly ``env``, until the
    block ends; yields its URL once ``ready`` answers."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", *args, "--port", str(port)],
                               env=dict(env), stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + ready, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def serving(store: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """``tkg serve --store STORE OPTIONS`` in its own process on a free port, until the block
    ends, with ``env`` (default: this process's) and a 3-second time limit; ``TKG_ENDPOINT`` is
    never passed on."""
    env = {**(os.environ if env is None else env), "TKG_SERVE_TIMEOUT": str(TIMEOUT)}
    env.pop("TKG_ENDPOINT", None)
    with tkg_serve("--store", str(store), *options, env=env) as url:
        yield Server(url, store)


@pytest.fixture(scope="session")
def server(store_dir: Path) -> Iterator[Server]:
    """``tkg serve`` in its own process, on a free port, with a 3-second time limit."""
    with serving(store_dir) as running:
        yield running


Answer = tuple[int, dict[str, str], bytes]


def get(url: str, *, accept: str | None = None, data: bytes | None = None,
        headers: dict[str, str] | None = None, method: str | None = None) -> Answer:
    """Status, headers and body of one request; an HTTP error status is returned, not raised."""
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if accept:
        req.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()
