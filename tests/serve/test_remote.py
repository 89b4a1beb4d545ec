"""``tkg serve --endpoint URL``: the same site over a remote SPARQL 1.1 endpoint, here a real
``oxigraph serve`` (PyPI package ``oxigraph``) on 127.0.0.1 holding the sample's graphs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat

from kg.queries import load_query
from kg.store import OxigraphStore
from tests.serve.conftest import CONVENTION, DELIBERATION, build_store, free_port, get, wait_for

pytestmark = pytest.mark.server


def _oxigraph() -> str:
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the `oxigraph` command (PyPI package oxigraph, a dev dependency) is missing")
    return found


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@dataclass(frozen=True)
class Endpoint:
    url: str
    store: Path


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """``oxigraph serve`` holding the graphs of a store built from the sample."""
    root = tmp_path_factory.mktemp("remote")
    store_dir = build_store(root / "store", reference=False)
    store = OxigraphStore(store_dir, read_only=True)
    dump = root / "sample.nq"
    with dump.open("wb") as out:
        store.dump(out, fmt=RdfFormat.N_QUADS)
    store.close()
    binary, location = _oxigraph(), root / "oxigraph"
    subprocess.run([binary, "load", "--location", str(location), "--file", str(dump)], check=True,
                   capture_output=True)
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--union-default-graph",
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        yield Endpoint(f"http://127.0.0.1:{port}/query", store_dir)
    finally:
        _stop(proc)


def _serve(*args: str) -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TKG_")}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), *args],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def remote_site(endpoint: Endpoint) -> Iterator[str]:
    """``tkg serve --endpoint``: the site over the Oxigraph server."""
    yield from _serve("--endpoint", endpoint.url)


@pytest.fixture(scope="module")
def federating_site(endpoint: Endpoint) -> Iterator[str]:
    """``tkg serve --store`` whose queries may call the Oxigraph server with SERVICE."""
    yield from _serve("--store", str(endpoint.store), "--allow-service", endpoint.url)


def test_remote_pages_negotiate_and_draw(remote_site: str) -> None:
    path = "/" + DELIBERATION.split("/", 4)[4]
    status, _, body = get(remote_site + path, accept="text/html")
    assert status == 200 and 'class="chart vote"' in body.decode()
    status, _, body = get(remote_site + "/" + CONVENTION.split("/", 4)[4], accept="text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    assert (rdflib.URIRef(CONVENTION), rdflib.RDF.type,
            rdflib.URIRef("https://w3id.org/territoires-kg/ontology#Convention")) in g


def test_remote_sparql_answers_and_refuses_updates(remote_site: str) -> None:
    query = urllib.parse.urlencode({"query": load_query("cofunding").text})
    status, _, body = get(f"{remote_site}/sparql?{query}", accept="text/csv")
    assert status == 200 and len(body.decode().strip().splitlines()) == 13
    status, _, body = get(f"{remote_site}/sparql?{query}", accept="application/sparql-results+json")
    assert len(json.loads(body)["results"]["bindings"]) == 12
    update = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    status, _, _ = get(remote_site + "/sparql", data=update,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403


def test_service_on_the_allow_list_is_run(federating_site: str, endpoint: Endpoint) -> None:
    query = (f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{endpoint.url}> {{ ?c a "
             "<https://w3id.org/territoires-kg/ontology#Contribution> } }")
    status, _, body = get(f"{federating_site}/sparql?{urllib.parse.urlencode({'query': query})}",
                          accept="application/sparql-results+json")
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "12"
    other = query.replace(endpoint.url, endpoint.url.replace("/query", "/other"))
    status, _, _ = get(f"{federating_site}/sparql?{urllib.parse.urlencode({'query': other})}")
    assert status == 403
