"""Authorities named in a document, resolved to registry IRIs, each resolution recorded.

A resolution is a ``tkg:NameResolution`` node: the name as written, the
authority it designates, and the method (``official-name``, ``acronym``,
``normalised``, ``…+context``). A failed or ambiguous one keeps the written
name on an unresolved authority and is reported as a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.records import Fact
from kg.mapping.builder import GraphBuilder
from kg.mapping.vocab import PROV, SKOS, TKG
from kg.registry import AuthorityKind, Context, Registry, Resolution

_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z]{2,})\)\s*$")


@dataclass
class Authorities:
    """Resolves the names of one document, with one context for all of them."""

    b: GraphBuilder
    registry: Registry
    context: Context = field(default_factory=Context)
    warnings: list[str] = field(default_factory=list)
    _cache: dict[str, tuple[str, Resolution]] = field(default_factory=dict)

    def resolve_deciding(self, written: Fact[str], council: Fact[str] | None) -> tuple[str, Resolution]:
        """The authority whose council decides: a municipal council's is a commune."""
        if council is not None and "municipal" in council.value.lower():
            return self.resolve(written, commune=True)
        return self.resolve(written)

    def resolve(self, written: Fact[str], *, commune: bool = False) -> tuple[str, Resolution]:
        """The IRI of the authority ``written`` names, and how it was found."""
        name = written.value
        if name in self._cache:
            iri, res = self._cache[name]
            self._record(written, iri, res)
            return iri, res
        if commune:
            res = self.registry.resolve_commune(name, context=self.context)
        else:
            res = self.registry.resolve(name, context=self.context)
        acronym = _ACRONYM_IN_PARENS.search(name)
        if not res.resolved and acronym:
            res = self.registry.resolve(acronym.group(1), context=self.context)
            res = Resolution(name, res.code, res.kind, res.method + "+parenthesised-acronym",
                             res.candidates, res.message)
        iri = self.iri_of(res)
        if not res.resolved:
            self.warnings.append(f"line {written.span.line}: authority {name!r} not resolved "
                                 f"({res.method}: {res.message})")
            self.b.typed(iri, TKG.Authority, label=name)
        elif res.kind == AuthorityKind.COMMUNE and res.code is not None:
            # Communes outside the ANCT lists are not in the reference graph: name them here.
            commune_record = self.registry.commune(res.code)
            self.b.typed(iri, TKG.Commune)
            self.b.add(iri, TKG.inseeCode, res.code)
            if commune_record is not None:
                self.b.add(iri, SKOS.prefLabel, commune_record.name)
        self._cache[name] = (iri, res)
        self._record(written, iri, res)
        return iri, res

    def iri_of(self, res: Resolution) -> str:
        iris = self.b.iris
        if res.code is None:
            return iris.unresolved_authority(res.written)
        if res.kind == AuthorityKind.AGENCY:
            return iris.agency(res.code)
        if res.kind == AuthorityKind.COMMUNE:
            return iris.commune(res.code)
        return iris.epci(res.code)

    def _record(self, written: Fact[str], iri: str, res: Resolution) -> None:
        if self.b.document is None:
            return
        node = self.b.iris.name_resolution(self.b.document, written.span.start, written.span.end)
        self.b.typed(node, TKG.NameResolution)
        self.b.fact(node, TKG.writtenName, written)
        self.b.add(node, TKG.resolutionMethod, res.method)
        self.b.node(node, PROV.wasDerivedFrom, self.b.document)
        if res.resolved:
            self.b.node(node, TKG.resolvedTo, iri)
        if res.candidates:
            self.b.add(node, TKG.candidates, " ".join(res.candidates))
