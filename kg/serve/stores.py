"""The stores the server reads: the embedded store opened read-only, or a remote endpoint.

Opened read-only, the embedded store takes no lock, so ``tkg serve`` can run beside the
other commands reading the same folder; a write through it is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

from pyoxigraph import (
    BlankNode,
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
from kg.serve.settings import ServeSettings
from kg.store import KnowledgeStore, Results, StoreError, Term


class ReadOnlyStore:
    """An Oxigraph folder opened read-only; the same reads as :class:`kg.store.OxigraphStore`."""

    def __init__(self, path: Path) -> None:
        if not (path / "CURRENT").is_file():
            raise StoreError(f"{path}: no store here (build one with `tkg build`)")
        try:
            self._store = Store.read_only(str(path))
        except OSError as err:
            raise StoreError(f"{path}: cannot open the store read-only ({err})") from None
        self.path = path

    def select(self, query: str, *, bindings: Mapping[str, Term] | None = None) -> Results:
        subs: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
            Variable(k): v for k, v in (bindings or {}).items()}
        out = self._store.query(query, use_default_graph_as_union=True, substitutions=subs)
        if not isinstance(out, QuerySolutions):
            raise StoreError("expected a SELECT query")
        variables = tuple(v.value for v in out.variables)
        return Results(variables, tuple(tuple(s[v] for v in variables) for s in out))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def count(self) -> int:
        return len(self._store)

    def dump(self, out: IO[bytes], *, fmt: RdfFormat) -> None:
        """Write the dataset; a format without graphs (Turtle...) gets the union, deduplicated."""
        if fmt.supports_datasets:
            self._store.dump(out, fmt, prefixes=PREFIXES)
            return
        triples = {q.triple for q in self._store.quads_for_pattern(None, None, None)}
        serialize(sorted(triples, key=str), out, fmt, prefixes=PREFIXES)

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        raise StoreError("the server's store is read-only")

    def remove_graph(self, graph: str) -> None:
        raise StoreError("the server's store is read-only")

    def close(self) -> None:
        del self._store


def open_read_only(settings: ServeSettings) -> KnowledgeStore:
    """The store ``settings`` name: the remote endpoint if one is set, else the folder."""
    if settings.endpoint:
        from kg.remote import RemoteStore

        return RemoteStore(settings.endpoint, timeout=max(1, int(settings.query_timeout)),
                           user=settings.endpoint_user, password=settings.endpoint_password)
    return ReadOnlyStore(settings.store)
