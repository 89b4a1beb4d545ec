"""A remote SPARQL 1.1 endpoint behind the :class:`~kg.store.KnowledgeStore` protocol.

Requests go through :class:`kg.store.client.SparqlClient` (SPARQL 1.1 Protocol for
queries, Graph Store HTTP Protocol to write named graphs; credentials, time limit and
errors). The endpoint must query the union of its named graphs by default, as the
embedded store does (``oxigraph serve --union-default-graph``; Fuseki
``tdb2:unionDefaultGraph``): the store checks it before the first query and says how to
configure it otherwise. A query naming its dataset (``FROM``, ``FROM NAMED``) is
refused, since such a union default graph may ignore it.

Parameters are bound as RDF terms: each term is written in its N-Triples
form into a ``VALUES`` block opened at the start of the query's outer group,
never pasted from the user's string.

>>> inject_values("SELECT ?x WHERE { ?x a ?t }", {"t": NamedNode("https://example.org/T")})
'SELECT ?x WHERE { VALUES (?t) { (<https://example.org/T>) } ?x a ?t }'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO

from pyoxigraph import NamedNode, Quad, RdfFormat, serialize

from kg.mapping.vocab import PREFIXES
from kg.resources import sparql
from kg.store import Results, StoreError, Term, inject_values
from kg.store.client import (
    DEFAULT_TIMEOUT,
    SparqlClient,
    graph_store_url,
    split_credentials,
)
from kg.store.sparqltext import has_dataset_clause

__all__ = ["UNION_HELP", "RemoteStore", "graph_store_url", "inject_values", "split_credentials"]

UNION_HELP = ("start Oxigraph with --union-default-graph, or set tdb2:unionDefaultGraph true "
              "in Fuseki's dataset configuration (Virtuoso and GraphDB query the union by default)")


def _plumbing(name: str) -> str:
    return sparql(f"{name}.rq")


class RemoteStore:
    """A SPARQL 1.1 endpoint (query) and its Graph Store endpoint (load).

    Credentials, if any, come from the endpoint's URL or from the environment through
    :class:`kg.config.Settings` (``TKG_ENDPOINT_USER``, ``TKG_ENDPOINT_PASSWORD``), never
    from the command line.
    """

    def __init__(self, endpoint: str, *, graph_store: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = DEFAULT_TIMEOUT,
                 check_union: bool = True) -> None:
        self.client = SparqlClient(endpoint, user=user, password=password,
                                   graph_store=graph_store, timeout=timeout)
        self.endpoint = self.client.endpoint
        self._union_checked = not check_union  # a build only writes: no need to check

    @property
    def graph_store(self) -> str:
        return self.client.graph_store

    def _select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        return self.client.select(inject_values(query, bindings or {}))

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
            raise StoreError(f"{self.endpoint}: the endpoint's default graph does not hold its "
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

    def graph_count(self) -> int:
        return len(self.graphs())

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

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace one named graph with a single ``PUT`` (the server swaps it whole)."""
        body = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b""
        self.client.put_graph(graph, body)

    def remove_graph(self, graph: str) -> None:
        self.client.delete_graph(graph)

    def close(self) -> None:
        """Nothing to release: each request opens and closes its own connection."""
