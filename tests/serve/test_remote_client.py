"""``tkg serve --endpoint URL`` asks the endpoint through the project's one SPARQL client: it
sends the credentials the other commands send (``TKG_ENDPOINT_USER`` and
``TKG_ENDPOINT_PASSWORD``, or ``user:password@`` in the URL) through a real proxy that demands
them in front of a real ``oxigraph serve``, never shows the password, and answers ``503`` when
the endpoint says nothing within the time limit and ``502`` when it cannot be reached."""

from __future__ import annotations

import base64
import contextlib
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.serve.engine import QueryTimeout, RemoteEngine
from kg.store.client import SparqlClient
from tests.authproxy import AuthProxy, basic
from tests.serve.conftest import free_port, tkg_serve
from tests.store.test_remote_endpoint import Server, start_server

pytestmark = pytest.mark.server
USER, PASSWORD = "ann", "pw-51d9e"
G = "https://example.org/graph/serve"
LABELS = "SELECT ?o WHERE { ?s <https://example.org/label> ?o }"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``oxigraph serve`` holding one labelled resource."""
    server = start_server(tmp_path_factory.mktemp("serve-remote"), "--union-default-graph")
    SparqlClient(server.url).update(f'INSERT DATA {{ GRAPH <{G}> {{ <https://example.org/s> '
                                    '<https://example.org/label> "étiquette" } }')
    yield server
    server.stop()


@pytest.fixture
def proxy(oxigraph: Server) -> Iterator[AuthProxy]:
    with AuthProxy(oxigraph.url, user=USER, password=PASSWORD) as proxy:
        yield proxy


@dataclass(frozen=True)
class Site:
    url: str
    log: Path  # what tkg serve wrote on stderr, read once it has stopped


def _get(url: str, accept: str = "application/sparql-results+json") -> tuple[int, str]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


@contextlib.contextmanager
def serving(endpoint: str, tmp_path: Path, *, timeout: float = 10,
            env: dict[str, str] | None = None) -> Iterator[Site]:
    """``tkg serve --endpoint ENDPOINT`` on a free port with ``env`` as its only ``TKG_*``
    variables; up once it answers on ``/sparql`` (its form needs no endpoint)."""
    log = tmp_path / f"serve-{time.monotonic_ns()}.log"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("TKG_")} | (env or {})
    with log.open("wb") as err:
        try:
            with tkg_serve("--endpoint", endpoint, "--timeout", str(timeout), env=environ,
                           stderr=err, ready="/sparql") as url:
                yield Site(url, log)
        except RuntimeError as failed:
            pytest.fail(f"tkg serve did not start ({failed}): {log.read_text()}")


def _sparql(site: Site, query: str = LABELS) -> tuple[int, str]:
    return _get(f"{site.url}/sparql?{urllib.parse.urlencode({'query': query})}")


def test_serve_sends_the_environment_credentials(proxy: AuthProxy, tmp_path: Path) -> None:
    env = {"TKG_ENDPOINT_USER": USER, "TKG_ENDPOINT_PASSWORD": PASSWORD}
    with serving(proxy.url(), tmp_path, env=env) as site:
        status, body = _sparql(site)
    assert status == 200, body
    assert '"value":"étiquette"' in body.replace(" ", "")
    assert proxy.seen and set(proxy.seen) == {basic(USER, PASSWORD)}


def test_serve_sends_the_credentials_written_in_its_url_and_never_prints_them(
        proxy: AuthProxy, tmp_path: Path) -> None:
    url = proxy.url().replace("http://", f"http://{USER}:{PASSWORD}@")
    with serving(url, tmp_path) as site:
        status, body = _sparql(site)
        page_status, page = _get(f"{site.url}/sparql", accept="text/html")
    assert status == 200, body
    assert page_status == 200
    assert set(proxy.seen) == {basic(USER, PASSWORD)}
    log = site.log.read_text()
    assert f"serving {proxy.url()} at" in log
    assert PASSWORD not in log + page + body


def test_serve_without_credentials_says_how_to_give_them(proxy: AuthProxy, tmp_path: Path) -> None:
    with serving(proxy.url(), tmp_path) as site:
        status, body = _sparql(site)
    assert status == 400
    assert body.startswith("remote endpoint: HTTP 401, it wants credentials: set "
                           "TKG_ENDPOINT_USER and TKG_ENDPOINT_PASSWORD"), body
    assert proxy.seen == [None]


def test_serve_with_a_refused_password_neither_shows_nor_logs_it(
        proxy: AuthProxy, tmp_path: Path) -> None:
    env = {"TKG_ENDPOINT_USER": USER, "TKG_ENDPOINT_PASSWORD": "wrong-pw-3e8a"}
    with serving(proxy.url(), tmp_path, env=env) as site:
        status, body = _sparql(site)
        page_status, page = _get(f"{site.url}/queries/cofunding", accept="text/html")
    assert status == 400 and "HTTP 401, the credentials were refused" in body, body
    assert page_status == 400 and "the credentials were refused" in page
    assert "wrong-pw-3e8a" not in body + page + site.log.read_text()
    assert basic(USER, "wrong-pw-3e8a") in proxy.seen


@pytest.fixture
def silent() -> Iterator[str]:
    """An endpoint that takes the connection and never answers: the kernel accepts it into the
    listening socket's backlog, nothing reads it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/query"


def test_an_endpoint_silent_past_the_time_limit_is_503(silent: str, tmp_path: Path) -> None:
    with serving(silent, tmp_path, timeout=1) as site:
        status, body = _sparql(site)
    assert status == 503
    assert body.startswith("remote endpoint: no answer within 1 s, the request was abandoned")


def test_an_endpoint_that_cannot_be_reached_is_502(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there any more
    with serving(closed, tmp_path) as site:
        status, body = _sparql(site)
    assert status == 502
    assert body.startswith("remote endpoint: cannot reach the SPARQL endpoint"), body
    assert closed not in body


def test_the_engine_maps_each_failure_to_the_status_it_always_had(
        oxigraph: Server, silent: str) -> None:
    answer = RemoteEngine(oxigraph.url, timeout=10, limit=10).run(LABELS)
    assert (answer.kind, answer.status) == ("bindings", 200)
    refused = RemoteEngine(oxigraph.url, timeout=10, limit=10).run("SELECT ?s WHERE { ?s ?p }")
    assert refused.status == 400 and b"refused (HTTP 400)" in refused.body
    with pytest.raises(QueryTimeout, match=r"no answer within 0\.5 s"):
        RemoteEngine(silent, timeout=0.5, limit=10).run(LABELS)
    closed = f"http://127.0.0.1:{free_port()}/query"
    assert RemoteEngine(closed, timeout=5, limit=10).run(LABELS).status == 502


class _Failing(BaseHTTPRequestHandler):
    """An endpoint failing with ``500`` and a message that repeats the credentials it was sent;
    on ``/html``, a web page with ``200``."""

    def do_POST(self) -> None:  # the name http.server dispatches POST to
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.startswith("/html"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>Welcome</body></html>")
            return
        sent = base64.b64decode(self.headers.get("Authorization", "Basic ").split()[-1])
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"internal error for " + sent)

    def log_message(self, *args: object) -> None:
        pass


def test_an_endpoint_failing_or_answering_a_web_page_is_502_without_the_password() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://{USER}:{PASSWORD}@127.0.0.1:{server.server_port}/query"
        answer = RemoteEngine(url, timeout=10, limit=10).run(LABELS)
        page = RemoteEngine(url.replace("/query", "/html"), timeout=10, limit=10).run(LABELS)
    finally:
        server.shutdown()
        server.server_close()
    assert answer.status == 502
    assert answer.body.decode() == ("remote endpoint: the request was refused (HTTP 500): "
                                    "internal error for ***")
    assert (page.status, page.body) == (502, b"remote endpoint: the answer is text/html, not SPARQL "
                                             b"JSON results nor N-Triples")


def test_the_engine_counts_rows_and_triples_against_the_result_limit(oxigraph: Server) -> None:
    engine = RemoteEngine(oxigraph.url, timeout=10, limit=0)
    assert b"more than 0 rows" in engine.run(LABELS).body
    assert b"more than 0 triples" in engine.run("CONSTRUCT WHERE { ?s ?p ?o }").body
    assert RemoteEngine(oxigraph.url, timeout=10, limit=1).run("ASK { ?s ?p ?o }").kind == "boolean"
