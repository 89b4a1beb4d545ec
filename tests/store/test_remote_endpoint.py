"""A remote endpoint, tested against real Oxigraph servers (``oxigraph serve`` on 127.0.0.1):
one without the union default graph, one with a 3-second time-out, one stopped mid-build;
answers that are not SPARQL results, and credentials kept out of messages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from kg.store import StoreError
from kg.store.remote import RemoteStore
from tests.queries.conftest import _free_port, _oxigraph, _wait_until_up
from tests.store.test_faults import SLOW, TKG_NS, write_documents

pytestmark = pytest.mark.server
TKG = [sys.executable, "-m", "kg.cli"]
# Oxigraph's --timeout-s cancels this one (it checks the time between graphs).
POURS = f"SELECT ?pour WHERE {{ GRAPH ?g {{ ?v <{TKG_NS}votesFor> ?pour }} }}"
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
SLOW_IN_GRAPHS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?x { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } }"


@dataclass
class Server:
    location: Path
    url: str
    proc: subprocess.Popen[bytes]

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=20)


def start_server(location: Path, *options: str) -> Server:
    port = _free_port()
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}", *options],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    _wait_until_up(url, proc)
    return Server(location, url, proc)


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.stop(signal.SIGKILL)


def tkg(*args: str, env: dict[str, str] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TKG, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_an_endpoint_without_the_union_default_graph_is_reported_with_how_to_configure_it(
        tmp_path: Path, sample_path: Path, servers: list[Server]) -> None:
    server = start_server(tmp_path / "ox", "--timeout-s", "3")
    servers.append(server)
    built = tkg("build", str(sample_path), "--no-reference", "--endpoint", server.url)
    assert built.returncode == 0, built.stderr
    for command in (["query", "votes"], ["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
                    ["validate"]):
        result = tkg(*command, "--endpoint", server.url)
        assert result.returncode == 2, (command, result.stdout)
        assert "default graph does not hold its named graphs" in result.stderr
        assert "--union-default-graph" in result.stderr and "tdb2:unionDefaultGraph" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_server_side_time_out_written_into_the_answer_and_a_client_time_out_are_errors(
        tmp_path: Path, sample_path: Path, servers: list[Server]) -> None:
    server = start_server(tmp_path / "ox", "--union-default-graph", "--timeout-s", "3")
    servers.append(server)
    assert tkg("build", str(sample_path), "--no-reference", "--endpoint", server.url).returncode == 0
    result = tkg("sparql", SLOW_IN_GRAPHS, "--timeout", "30", "--endpoint", server.url, timeout=120)
    assert result.returncode == 2
    assert "not SPARQL JSON results" in result.stderr and "cancelled" in result.stderr
    result = tkg("sparql", SLOW, "--timeout", "1", "--endpoint", server.url, timeout=120)
    assert result.returncode == 2
    assert "no answer within 1 s" in result.stderr and "Traceback" not in result.stderr
    result = tkg("sparql", "SELECT * FROM <https://example.org/g> WHERE { ?s ?p ?o }",
                 "--endpoint", server.url)
    assert result.returncode == 2 and "FROM and FROM NAMED are refused" in result.stderr


def _document_graphs(url: str) -> int:
    try:
        store = RemoteStore(url, timeout=2)
        return len([g for g in store.graphs() if "/graph/reference/" not in g])
    except StoreError:
        return -1


def test_a_server_stopping_mid_build_gives_a_clear_error_and_the_next_build_completes(
        tmp_path: Path, sample_path: Path, servers: list[Server]) -> None:
    docs = tmp_path / "docs"
    write_documents(docs, sample_path.read_text(encoding="utf-8"), list(range(40, 48)))
    server = start_server(tmp_path / "ox", "--union-default-graph")
    servers.append(server)
    build = subprocess.Popen([*TKG, "build", str(docs), "--no-reference", "--endpoint", server.url],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _document_graphs(server.url) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.stop(signal.SIGKILL)
    _out, err = build.communicate(timeout=120)
    assert build.returncode == 2, err
    assert "cannot reach" in err and "run the same build again to complete the store" in err
    assert "Traceback" not in err
    again = start_server(server.location, "--union-default-graph")
    servers.append(again)
    result = tkg("build", str(docs), "--no-reference", "--endpoint", again.url)
    assert result.returncode == 0, result.stderr
    pours = tkg("sparql", POURS, "--format", "csv", "--endpoint", again.url)
    assert pours.returncode == 0, pours.stderr
    assert sorted(int(line) for line in pours.stdout.split()[1:]) == list(range(40, 48))
    sizes = tkg("sparql", QUADS, "--format", "csv", "--endpoint", again.url)
    assert len(set(sizes.stdout.split()[1:])) == 1  # every document's graph complete


class _Bad(BaseHTTPRequestHandler):
    answers: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/html": ("text/html", b"<html><body><h1>Maintenance</h1>Back soon</body></html>"),
        "/empty": ("application/sparql-results+json", b"{}"),
    }

    def do_POST(self) -> None:  # the name http.server dispatches POST to
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        content_type, body = self.answers[self.path.split("?")[0]]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def bad_endpoint() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Bad)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("path", "expected"), [
    ("/html", "not SPARQL JSON results (text/html): Maintenance Back soon"),
    ("/empty", "JSON but not SPARQL SELECT results: {}"),
])
def test_an_error_written_into_a_200_answer_is_read_as_an_error(
        bad_endpoint: str, path: str, expected: str) -> None:
    with pytest.raises(StoreError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        RemoteStore(bad_endpoint + path, check_union=False).select("SELECT * WHERE { ?s ?p ?o }")


def test_credentials_never_appear_in_messages() -> None:
    result = tkg("query", "votes", "--endpoint", "http://ann:s3cret@127.0.0.1:9/query")
    assert result.returncode == 2
    assert "127.0.0.1:9" in result.stderr
    assert "s3cret" not in result.stderr and "ann:" not in result.stderr and "ann@" not in result.stderr


def test_a_password_without_a_user_is_an_error_that_says_so() -> None:
    result = tkg("query", "votes", "--endpoint", "http://127.0.0.1:9/query",
                 env={"TKG_ENDPOINT_PASSWORD": "s3cret", "TKG_ENDPOINT_USER": ""})
    assert result.returncode == 2
    assert "TKG_ENDPOINT_PASSWORD is set but TKG_ENDPOINT_USER is not" in result.stderr
    assert "s3cret" not in result.stderr
