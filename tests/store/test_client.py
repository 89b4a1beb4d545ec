"""The one SPARQL protocol client, against real servers on 127.0.0.1: an Oxigraph server behind
a proxy that demands HTTP Basic credentials, and small servers that answer badly on purpose."""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.store import StoreError
from kg.store.client import (
    CredentialsError,
    EndpointAnswerError,
    EndpointError,
    EndpointTimeoutError,
    EndpointUnreachableError,
    SparqlClient,
)
from kg.store.remote import RemoteStore
from tests.authproxy import AuthProxy, basic
from tests.store.test_remote_endpoint import Server, start_server

USER, PASSWORD = "ann", "pw-7c1f"
G = "https://example.org/graph/one"
FACT = Quad(NamedNode("https://example.org/s"), NamedNode("https://example.org/p"),
            Literal("été", language="fr"), NamedNode(G))
OBJECTS = "SELECT ?o WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("client"), "--union-default-graph")
    yield server
    server.stop()


@pytest.fixture
def proxy(server: Server) -> Iterator[AuthProxy]:
    with AuthProxy(server.url, user=USER, password=PASSWORD) as proxy:
        yield proxy


@pytest.mark.server
def test_every_request_of_the_remote_store_carries_the_credentials(proxy: AuthProxy) -> None:
    store = RemoteStore(proxy.url(), user=USER, password=PASSWORD)
    store.replace_graph(G, [FACT])
    assert [r["o"] for r in store.select(OBJECTS)] == ["été"]
    assert store.graphs() == [G]
    store.remove_graph(G)
    assert store.count() == 0
    assert len(proxy.seen) >= 6 and set(proxy.seen) == {basic(USER, PASSWORD)}


@pytest.mark.server
def test_an_update_goes_to_the_update_endpoint_with_the_credentials(proxy: AuthProxy) -> None:
    url = proxy.url().replace("http://", f"http://{USER}:{PASSWORD}@")
    client = SparqlClient(url)
    client.update(f'INSERT DATA {{ GRAPH <{G}> {{ <https://example.org/s> '
                  f'<https://example.org/p> "x" }} }}')
    assert [row[0] for row in client.select(OBJECTS).rows] == [Literal("x")]
    assert client.delete_graph(G) and not client.delete_graph(G)
    assert set(proxy.seen) == {basic(USER, PASSWORD)}


@pytest.mark.server
def test_a_refused_query_is_an_answer_error_with_the_servers_message(server: Server) -> None:
    with pytest.raises(EndpointAnswerError, match=r"refused \(HTTP 400\): .*"):
        SparqlClient(server.url).select("SELECT ?s WHERE { ?s ?p }")


@pytest.mark.server
def test_credentials_refused_are_a_credentials_error_without_the_password(
        proxy: AuthProxy) -> None:
    with pytest.raises(CredentialsError, match="HTTP 401, the credentials were refused") as err:
        SparqlClient(proxy.url(), user=USER, password="wrong-pw-91").select(OBJECTS)
    assert "wrong-pw-91" not in str(err.value)


@pytest.mark.server
def test_a_query_of_any_form_comes_back_as_the_server_wrote_it(proxy: AuthProxy) -> None:
    client = SparqlClient(proxy.url(), user=USER, password=PASSWORD)
    client.update(f'INSERT DATA {{ GRAPH <{G}> {{ <https://example.org/s> '
                  f'<https://example.org/p> "x" }} }}')
    try:
        body, media = client.query(OBJECTS)
        assert media == "application/sparql-results+json"
        assert json.loads(body)["results"]["bindings"] == [{"o": {"type": "literal", "value": "x"}}]
        body, media = client.query("ASK { ?s ?p 'x' }")
        assert media == "application/sparql-results+json" and json.loads(body)["boolean"] is True
        body, media = client.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert media == "application/n-triples"
        assert body.decode().strip() == '<https://example.org/s> <https://example.org/p> "x" .'
    finally:
        client.delete_graph(G)
    assert set(proxy.seen) == {basic(USER, PASSWORD)}


@pytest.mark.server
def test_a_query_refused_by_the_server_carries_its_status(server: Server) -> None:
    with pytest.raises(EndpointAnswerError, match=r"refused \(HTTP 400\): .*") as err:
        SparqlClient(server.url).query("CONSTRUCT WHERE { ?s ?p }")
    assert err.value.status == 400


class _Awkward(BaseHTTPRequestHandler):
    """``/slow``: SPARQL JSON results written a few bytes at a time; ``/echo`` and ``/raw``: a
    500 error whose body repeats the Authorization header the client sent, decoded or as it came."""

    def do_POST(self) -> None:  # the name http.server dispatches POST to
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.startswith("/slow"):
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should
            return
        sent = self.headers.get("Authorization", "Basic ")
        echoed = sent.encode() if self.path.startswith("/raw") else base64.b64decode(sent.split()[-1])
        body = b"bad credentials: " + echoed
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def awkward() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Awkward)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_an_answer_still_arriving_after_the_time_limit_is_abandoned(awkward: str) -> None:
    with pytest.raises(EndpointTimeoutError, match="no answer within 1 s"):
        SparqlClient(awkward + "/slow", timeout=1).select(OBJECTS)
    with pytest.raises(EndpointTimeoutError, match="no answer within 1 s"):  # not 20 s of spaces
        SparqlClient(awkward + "/slow", timeout=1).query(OBJECTS)


def test_a_time_limit_under_a_second_holds_on_a_server_that_never_answers() -> None:
    with socket.socket() as silent:  # the kernel takes the connection; nothing ever reads it
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        with pytest.raises(EndpointTimeoutError, match=r"no answer within 0\.5 s"):
            SparqlClient(url, timeout=0.5).query(OBJECTS)


@pytest.mark.parametrize(("path", "shown"), [("/echo", "***"), ("/raw", "Basic ***")])
def test_a_password_a_server_echoes_is_not_repeated(awkward: str, path: str, shown: str) -> None:
    with pytest.raises(EndpointAnswerError, match=r"HTTP 500\): bad credentials: ") as err:
        SparqlClient(awkward + path, user=USER, password=PASSWORD).select(OBJECTS)
    assert str(err.value).endswith(f"bad credentials: {shown}")
    assert PASSWORD not in str(err.value) and basic(USER, PASSWORD) not in str(err.value)
    assert err.value.status == 500


def test_an_unreachable_endpoint_is_an_unreachable_error() -> None:
    with pytest.raises(EndpointUnreachableError, match=r"127.0.0.1:9/query: cannot reach the "
                                                        r"SPARQL endpoint"):
        SparqlClient("http://127.0.0.1:9/query", timeout=5).select(OBJECTS)


def test_a_password_without_a_user_is_refused_before_any_request() -> None:
    with pytest.raises(CredentialsError, match="TKG_ENDPOINT_PASSWORD is set but "
                                               "TKG_ENDPOINT_USER is not"):
        SparqlClient("http://127.0.0.1:9/query", password=PASSWORD)


def test_every_client_error_is_a_store_error_of_one_family() -> None:
    for cls in (EndpointUnreachableError, EndpointTimeoutError, EndpointAnswerError,
                CredentialsError):
        assert issubclass(cls, EndpointError) and issubclass(cls, StoreError)


def test_the_graph_store_address_cannot_always_be_guessed(tmp_path: Path) -> None:
    with pytest.raises(EndpointError, match="set TKG_GSP_ENDPOINT"):
        _ = SparqlClient("https://ann:pw@example.org/sparql-endpoint").graph_store
