"""The remote store's plumbing: parameter binding, Graph Store URLs, credentials, errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from kg.cli import open_store
from kg.config import Settings
from kg.store import StoreError
from kg.store.remote import RemoteStore, graph_store_url, inject_values

G = "https://example.org/g"


def test_string_parameter_is_bound_as_an_escaped_literal_not_as_query_text() -> None:
    hostile = 'x" } } DELETE WHERE { ?s ?p ?o } #'
    out = inject_values("SELECT ?s WHERE { ?s ?p ?name }", {"name": Literal(hostile)})
    assert out == ('SELECT ?s WHERE { VALUES (?name) { ("x\\" } } DELETE WHERE { ?s ?p ?o } #") } '
                   "?s ?p ?name }")


def test_values_block_opens_the_outer_group_not_a_brace_in_a_comment_string_or_iri() -> None:
    query = '# a { here\nPREFIX ex: <https://example.org/x#> SELECT ("{" AS ?b) ?s { ?s ?p ?o }'
    out = inject_values(query, {"o": NamedNode("https://example.org/o")})
    assert out.endswith('SELECT ("{" AS ?b) ?s { VALUES (?o) { (<https://example.org/o>) } '
                        "?s ?p ?o }")


def test_blank_node_parameter_is_refused() -> None:
    with pytest.raises(StoreError, match="blank node"):
        inject_values("SELECT * { ?s ?p ?o }", {"s": BlankNode()})


@pytest.mark.parametrize(("endpoint", "graph_store"), [
    ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store"),
    ("http://localhost:3030/ds/sparql", "http://localhost:3030/ds/data"),
])
def test_graph_store_endpoint_is_derived_from_the_query_endpoint(endpoint: str,
                                                                 graph_store: str) -> None:
    assert graph_store_url(endpoint) == graph_store


def test_unknown_endpoint_layout_asks_for_tkg_gsp_endpoint() -> None:
    with pytest.raises(StoreError, match="TKG_GSP_ENDPOINT"):
        RemoteStore("http://127.0.0.1:8890/custom").replace_graph(G, [])


class _Recorder(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str, str | None, bytes]]] = []

    def do_PUT(self) -> None:  # the name http.server dispatches PUT to
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append(("PUT", self.path, self.headers.get("Authorization"), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    _Recorder.seen = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_graph_is_put_as_ntriples_with_credentials_from_the_environment(recorder: str) -> None:
    env = {"TKG_ENDPOINT": f"{recorder}/query", "TKG_GSP_ENDPOINT": f"{recorder}/rdf-graph-store",
           "TKG_ENDPOINT_USER": "alice", "TKG_ENDPOINT_PASSWORD": "s3cret"}
    settings = Settings.from_env(env)
    assert "s3cret" not in repr(settings)
    store = open_store(settings)
    quad = Quad(NamedNode("https://example.org/a"), NamedNode("https://example.org/p"),
                Literal("é"), NamedNode(G))
    store.replace_graph(G, [quad])
    [(method, path, auth, body)] = _Recorder.seen
    assert method == "PUT"
    assert path == "/rdf-graph-store?graph=https%3A%2F%2Fexample.org%2Fg"
    assert auth == "Basic YWxpY2U6czNjcmV0"  # base64("alice:s3cret")
    assert body.decode() == '<https://example.org/a> <https://example.org/p> "é" .\n'


def test_unreachable_graph_store_is_a_store_error() -> None:
    store = RemoteStore("http://127.0.0.1:9/query")
    with pytest.raises(StoreError, match="cannot reach the Graph Store endpoint"):
        store.replace_graph(G, [])
