"""One small Store protocol, and the embedded Oxigraph store behind it.

The default graph of every query is the union of the named graphs (one per
source document, plus the reference graph). Oxigraph keeps duplicates across
graphs in that union, so queries that add numbers select ``DISTINCT`` facts
first.

>>> from pyoxigraph import NamedNode, Quad, Literal
>>> s = OxigraphStore()
>>> g = "https://example.org/g"
>>> s.replace_graph(g, [Quad(NamedNode("https://example.org/a"), NamedNode("https://example.org/p"),
...                          Literal("x"), NamedNode(g))])
>>> s.count(), [r["o"] for r in s.select("SELECT ?o { ?s ?p ?o }")]
(1, ['x'])
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    Variable,
    serialize,
)

from kg.mapping.vocab import PREFIXES

Term = NamedNode | BlankNode | Literal

FORMATS = {
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
}


class StoreError(Exception):
    """The store cannot be opened, read or written."""


@dataclass(frozen=True, slots=True)
class Results:
    """A SELECT result: variables in order and rows of RDF terms (``None`` when unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def __iter__(self):  # type: ignore[no-untyped-def]
        for row in self.rows:
            yield {v: (t.value if t is not None else None) for v, t in zip(self.variables, row, strict=True)}


class KnowledgeStore(Protocol):
    """What the pipeline needs of a store; embedded and remote stores implement it."""

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None: ...
    def remove_graph(self, graph: str) -> None: ...
    def graphs(self) -> list[str]: ...
    def count(self) -> int: ...
    def select(self, query: str, *, bindings: Mapping[str, Term] | None = None) -> Results: ...
    def dump(self, out: IO[bytes], *, fmt: RdfFormat) -> None: ...
    def close(self) -> None: ...


def _results(solutions: QuerySolutions) -> Results:
    variables = tuple(v.value for v in solutions.variables)
    rows = tuple(tuple(s[v] for v in variables) for s in solutions)
    return Results(variables=variables, rows=rows)


class OxigraphStore:
    """Oxigraph through pyoxigraph: on disk when given a folder, else in memory (for tests)."""

    def __init__(self, path: Path | None = None) -> None:
        try:
            if path is not None:
                path.mkdir(parents=True, exist_ok=True)
            self._store = Store(str(path)) if path is not None else Store()
        except OSError as err:
            raise StoreError(f"{path}: cannot open the store ({err})") from None
        self.path = path
        self.union = True  # the default graph of queries is the union of the named graphs

    def distinct_facts(self) -> OxigraphStore:
        """An in-memory store whose default graph holds each triple of this store's named graphs
        once, however many graphs state it; its queries read that default graph.

        Joins over the union repeat a fact once per graph stating it, so a pattern of ``n``
        facts each stated by ``k`` documents gives k**n solutions before ``DISTINCT``: rules that
        join run over these facts instead (:mod:`kg.detect`).
        """
        facts = OxigraphStore()
        facts.union = False
        for g in self._store.named_graphs():
            buf = io.BytesIO()
            self._store.dump(buf, RdfFormat.N_TRIPLES, from_graph=g)
            facts._store.load(buf.getvalue(), RdfFormat.N_TRIPLES)
        return facts

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace one named graph: the new quads are inserted in one transaction.

        The quads are all built before the old graph is dropped, so a document that fails
        to extract or map never touches the store. Oxigraph persists in the background;
        :meth:`close` flushes once (flushing after every graph made loading 1.7x slower).
        """
        g = NamedNode(graph)
        items = [Quad(q.subject, q.predicate, q.object, g) for q in quads]
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)
        self._store.extend(items)

    def remove_graph(self, graph: str) -> None:
        g = NamedNode(graph)
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def count(self) -> int:
        return len(self._store)

    def select(self, query: str, *, bindings: Mapping[str, Term] | None = None) -> Results:
        subs: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
            Variable(k): v for k, v in (bindings or {}).items()}
        try:
            out = self._store.query(query, use_default_graph_as_union=self.union, substitutions=subs)
        except SyntaxError as err:
            raise StoreError(f"SPARQL syntax error: {err}") from None
        if not isinstance(out, QuerySolutions):
            raise StoreError("expected a SELECT query")
        return _results(out)

    def construct(self, query: str) -> list[Quad]:
        out = self._store.query(query, use_default_graph_as_union=True)
        return [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in out]  # type: ignore[union-attr]

    def dump(self, out: IO[bytes], *, fmt: RdfFormat) -> None:
        """Write the dataset; a format without graphs (Turtle...) gets the union, deduplicated."""
        if fmt.supports_datasets:
            self._store.dump(out, fmt, prefixes=PREFIXES)
            return
        triples = {q.triple for q in self._store.quads_for_pattern(None, None, None)}
        serialize(sorted(triples, key=str), out, fmt, prefixes=PREFIXES)

    def close(self) -> None:
        self._store.flush()
        del self._store
