"""A remote SPARQL 1.1 endpoint behind the :class:`~kg.store.KnowledgeStore` protocol.

Queries go through SPARQLWrapper (SPARQL 1.1 Protocol, JSON results turned
back into pyoxigraph terms); named graphs are written with the SPARQL 1.1
Graph Store HTTP Protocol (``PUT``/``DELETE`` on ``?graph=IRI``,
https://www.w3.org/TR/sparql11-http-rdf-update/). The endpoint must query
the union of its named graphs by default, as the embedded store does
(``oxigraph serve --union-default-graph``; Fuseki ``tdb2:unionDefaultGraph``): the
store checks it before the first query and says how to configure it otherwise.
A query naming its dataset (``FROM``, ``FROM NAMED``) is refused, since such a
union default graph may ignore it. An answer that is not SPARQL JSON results (an
HTML page, ``{}``, an error written into a 200 answer) is an error, and no message
repeats the credentials (``user:password@`` is taken out of URLs).

Parameters are bound as RDF terms: each term is written in its N-Triples
form into a ``VALUES`` block opened at the start of the query's outer group,
never pasted from the user's string.

>>> inject_values("SELECT ?x WHERE { ?x a ?t }", {"t": NamedNode("https://example.org/T")})
'SELECT ?x WHERE { VALUES (?t) { (<https://example.org/T>) } ?x a ?t }'
>>> graph_store_url("http://127.0.0.1:7878/query")
'http://127.0.0.1:7878/store'
>>> split_credentials("https://ann:s3cret@example.org/sparql")
('https://example.org/sparql', 'ann', 's3cret')
"""

from __future__ import annotations

import ast
import base64
import contextlib
import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from typing import IO, Any, cast

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, serialize
from SPARQLWrapper import JSON, POST, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.mapping.vocab import PREFIXES
from kg.resources import sparql
from kg.store import Results, StoreError, Term
from kg.store.sparqltext import has_dataset_clause, outer_brace

# Oxigraph serves /query and /store; Fuseki /ds/sparql and /ds/data.
_GSP_SUFFIXES = {"query": "store", "sparql": "data"}
UNION_HELP = ("start Oxigraph with --union-default-graph, or set tdb2:unionDefaultGraph true "
              "in Fuseki's dataset configuration (Virtuoso and GraphDB query the union by default)")


def _plumbing(name: str) -> str:
    return sparql(f"{name}.rq")


def graph_store_url(endpoint: str) -> str:
    """The Graph Store endpoint next to a query endpoint (Oxigraph ``/store``, Fuseki ``/data``)."""
    parts = urllib.parse.urlsplit(endpoint)
    head, _, last = parts.path.rpartition("/")
    if last not in _GSP_SUFFIXES:
        raise StoreError(f"{endpoint}: cannot tell the Graph Store endpoint of this SPARQL "
                         "endpoint; set TKG_GSP_ENDPOINT")
    return urllib.parse.urlunsplit(parts._replace(path=f"{head}/{_GSP_SUFFIXES[last]}", query=""))


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """``url`` without its ``user:password@`` part, and that user and password."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return (urllib.parse.urlunsplit(parts._replace(netloc=netloc)),
            urllib.parse.unquote(parts.username or "") or None,
            urllib.parse.unquote(parts.password or "") or None)


def _results_json(where: str, body: bytes, content_type: str) -> dict[str, Any]:
    """SPARQL 1.1 JSON results, or a :class:`StoreError` saying what came instead."""
    text = body.decode("utf-8", "replace")
    try:
        out = json.loads(text)
    except ValueError:
        shown = " ".join(re.sub(r"<[^>]*>", " ", text).split())
        shown = shown if len(shown) <= 200 else "…" + shown[-200:]  # an error is written last
        raise StoreError(f"{where}: the answer is not SPARQL JSON results "
                         f"({content_type or 'no content type'}): {shown or 'empty'}") from None
    head, res = (out.get("head"), out.get("results")) if isinstance(out, dict) else (None, None)
    if not (isinstance(head, dict) and isinstance(head.get("vars"), list)
            and isinstance(res, dict) and isinstance(res.get("bindings"), list)):
        raise StoreError(f"{where}: the answer is JSON but not SPARQL SELECT results: "
                         f"{' '.join(text.split())[:200]}")
    return cast(dict[str, Any], out)


def _ntriples(name: str, t: Term) -> str:
    if isinstance(t, BlankNode):
        raise StoreError(f"parameter {name}: a blank node cannot be bound on a remote endpoint")
    return str(t)  # pyoxigraph writes terms in their N-Triples form, escaped


def inject_values(query: str, bindings: Mapping[str, Term]) -> str:
    """``query`` with one ``VALUES`` row binding each variable to its term."""
    if not bindings:
        return query
    for name in bindings:
        if not re.fullmatch(r"\w+", name):
            raise StoreError(f"{name!r} is not a SPARQL variable name")
    head = " ".join(f"?{n}" for n in bindings)
    row = " ".join(_ntriples(n, t) for n, t in bindings.items())
    brace = outer_brace(query)
    if brace < 0:
        raise StoreError("the query has no group pattern to bind parameters in")
    at = brace + 1
    return f"{query[:at]} VALUES ({head}) {{ ({row}) }}{query[at:]}"


def _explain(err: SPARQLWrapperException) -> str:
    """The server's own message (SPARQLWrapper appends it after 'Response:'), on one line."""
    kind = type(err).__name__
    text = str(err)
    _, _, response = text.partition("Response:")
    body = response.strip()
    if body.startswith(("b'", 'b"')):  # the repr of the response's bytes
        with contextlib.suppress(ValueError, SyntaxError):
            body = ast.literal_eval(body).decode("utf-8", "replace")
    body = " ".join(body.split())[:300]
    return f"{kind}: {body}" if body else f"{kind}: {' '.join(text.split())[:300]}"


def _term(b: Mapping[str, Any]) -> Term | None:
    kind, value = b.get("type"), b.get("value", "")
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        try:
            return BlankNode(value)
        except ValueError:
            return BlankNode()
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in b:
            return Literal(value, language=b["xml:lang"])
        if "datatype" in b:
            return Literal(value, datatype=NamedNode(b["datatype"]))
        return Literal(value)
    return None  # RDF-star triple terms are not part of this model


class RemoteStore:
    """A SPARQL 1.1 endpoint (query) and its Graph Store endpoint (load).

    Credentials, if any, come from the environment through :class:`kg.config.Settings`
    (``TKG_ENDPOINT_USER``, ``TKG_ENDPOINT_PASSWORD``), never from the command line.
    """

    def __init__(self, endpoint: str, *, graph_store: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = 300,
                 check_union: bool = True) -> None:
        endpoint, url_user, url_password = split_credentials(endpoint)
        if password and not user and not url_user:
            raise StoreError("TKG_ENDPOINT_PASSWORD is set but TKG_ENDPOINT_USER is not: "
                             "set both, or neither")
        user, password = (user, password) if user else (url_user, url_password)
        self.endpoint = endpoint
        self._graph_store = split_credentials(graph_store)[0] if graph_store else None
        self._auth = (user, password or "") if user else None
        self._secret = password or ""
        self._timeout = timeout
        self._union_checked = not check_union  # a build only writes: no need to check

    @property
    def graph_store(self) -> str:
        return self._graph_store or graph_store_url(self.endpoint)

    def _error(self, message: str) -> StoreError:
        """An error whose message never repeats the password, whatever a server echoed."""
        return StoreError(message.replace(self._secret, "***") if self._secret else message)

    # -- SPARQL 1.1 Protocol ------------------------------------------------------------

    def _client(self, query: str) -> SPARQLWrapper:
        client = SPARQLWrapper(self.endpoint)
        client.setQuery(query)
        # SPARQLWrapper guesses the query form from keywords and can be misled by the words of
        # a comment ("copy", "load"...) into sending the query as an update; it is a SELECT.
        client.queryType = SELECT
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(self._timeout)  # type: ignore[arg-type]  # a float works: urlopen takes it
        if self._auth:
            client.setCredentials(*self._auth)
        return client

    def _json(self, query: str) -> dict[str, Any]:
        where = self.endpoint
        try:
            response = self._client(query).query().response
            body, content_type = response.read(), response.headers.get("Content-Type", "")
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise self._timed_out() from None
            raise self._error(f"{where}: cannot reach the SPARQL endpoint ({err.reason})") from None
        except SPARQLWrapperException as err:
            raise self._error(f"{where}: {_explain(err)}") from None
        except TimeoutError:
            raise self._timed_out() from None
        except (ConnectionError, http.client.HTTPException) as err:
            raise self._error(f"{where}: the connection to the SPARQL endpoint was lost "
                              f"({type(err).__name__}: {err or 'no answer'})") from None
        return _results_json(where, body, content_type)

    def _timed_out(self) -> StoreError:
        return self._error(f"{self.endpoint}: no answer within {self._timeout:g} s, the query was "
                           "abandoned (--timeout SECONDS sets the limit; the server may still "
                           "be working on it)")

    def _select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        out = self._json(inject_values(query, bindings or {}))
        variables = tuple(out["head"]["vars"])
        rows = tuple(tuple(_term(b[v]) if v in b else None for v in variables)
                     for b in out["results"]["bindings"])
        return Results(variables=variables, rows=rows)

    def check_union_default_graph(self) -> None:
        """Raise :class:`StoreError` if the default graph does not hold the named graphs'
        triples: every query of the library would then answer nothing."""
        sample = self._select(_plumbing("endpoint-named-sample")).rows
        if not sample or any(t is None for t in sample[0]):
            return  # no named graph yet: nothing to tell
        s, p, o = sample[0]
        found = self._select(_plumbing("endpoint-default-holds"),
                             {"s": s, "p": p, "o": o})  # type: ignore[dict-item]
        if not found.rows:
            raise self._error(f"{self.endpoint}: the endpoint's default graph does not hold its "
                              "named graphs, so every query would answer nothing: " + UNION_HELP)

    def select(self, query: str, *, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run a SELECT over the endpoint's default graph, checked first to be the union."""
        if has_dataset_clause(query):
            raise StoreError("FROM and FROM NAMED are refused on a remote endpoint, whose union "
                             "default graph may ignore them: use GRAPH <iri> { … } in the query")
        if not self._union_checked:
            self.check_union_default_graph()
            self._union_checked = True
        return self._select(query, bindings)

    def graphs(self) -> list[str]:
        return sorted(g.value for (g,) in self._select(_plumbing("store-graphs")).rows
                      if isinstance(g, NamedNode))

    def count(self) -> int:
        (n,) = self._select(_plumbing("store-count")).rows[0]
        return int(n.value) if n is not None else 0

    def quads(self) -> list[Quad]:
        rows = self._select(_plumbing("store-quads")).rows
        return [Quad(s, p, o, g) for s, p, o, g in rows  # type: ignore[arg-type]
                if s is not None and isinstance(p, NamedNode) and o is not None
                and isinstance(g, NamedNode)]

    def dump(self, out: IO[bytes], *, fmt: RdfFormat) -> None:
        """Write the named graphs; a format without graphs (Turtle...) gets their union."""
        quads = self.quads()
        if fmt.supports_datasets:
            serialize(sorted(quads, key=str), out, fmt, prefixes=PREFIXES)
            return
        serialize(sorted({q.triple for q in quads}, key=str), out, fmt, prefixes=PREFIXES)

    # -- SPARQL 1.1 Graph Store HTTP Protocol ---------------------------------------------

    def _graph_request(self, method: str, graph: str, body: bytes | None = None) -> int:
        base = self.graph_store
        url = f"{base}{'&' if '?' in base else '?'}graph={urllib.parse.quote(graph, safe='')}"
        req = urllib.request.Request(url, data=body, method=method)
        if body is not None:
            req.add_header("Content-Type", "application/n-triples")
        if self._auth:
            token = base64.b64encode(":".join(self._auth).encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(req, timeout=self._timeout) as resp:
                return int(resp.status)
        except urllib.error.HTTPError as err:
            if method == "DELETE" and err.code == 404:
                return 404
            detail = err.read(300).decode("utf-8", "replace").strip().splitlines()
            raise self._error(f"{base}: {method} graph {graph} failed: HTTP {err.code} "
                              f"{(detail or [err.reason])[0]}") from None
        except urllib.error.URLError as err:
            raise self._error(f"{base}: cannot reach the Graph Store endpoint "
                              f"({err.reason})") from None
        except (TimeoutError, ConnectionError, http.client.HTTPException) as err:
            raise self._error(f"{base}: cannot reach the Graph Store endpoint "
                              f"({type(err).__name__}: {err or 'no answer'})") from None

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace one named graph with a single ``PUT`` (the server swaps it whole)."""
        body = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b""
        self._graph_request("PUT", graph, body)

    def remove_graph(self, graph: str) -> None:
        self._graph_request("DELETE", graph)

    def close(self) -> None:
        """Nothing to release: each request opens and closes its own connection."""
