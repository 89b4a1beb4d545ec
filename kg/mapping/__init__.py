"""Mapping: records -> RDF quads, one named graph per source document.

>>> from pathlib import Path
>>> from kg.extract import extract
>>> from kg.registry import load_registry
>>> sample = Path("corpus/dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt")
>>> doc = map_deliberation(extract(sample), registry=load_registry(), iris=Iris())
>>> doc.graph.startswith("https://w3id.org/territoires-kg/id/graph/")
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.extract.records import Deliberation
from kg.mapping.authorities import Authorities
from kg.mapping.builder import GraphBuilder
from kg.mapping.iris import Iris
from kg.mapping.items import map_articles, map_financing, map_items, map_vote_of
from kg.mapping.programme import map_programme
from kg.mapping.reference import map_reference
from kg.mapping.session import map_deliberation_core, map_session
from kg.mapping.vocab import DCTERMS, PROV, TKG, XSD, node
from kg.registry import Registry

__all__ = ["Iris", "MappedDocument", "map_deliberation", "map_reference", "map_version"]


@dataclass(frozen=True, slots=True)
class MappedDocument:
    """The quads of one document's named graph, and what mapping could not resolve."""

    graph: str
    quads: tuple[Quad, ...]
    warnings: tuple[str, ...]


def _map_source(b: GraphBuilder, d: Deliberation) -> None:
    assert b.document is not None
    doc = b.document
    b.typed(doc, TKG.SourceDocument, PROV.Entity)
    b.add(doc, DCTERMS.identifier, d.source.sha256)
    b.add(doc, DCTERMS.title, d.source.path.rsplit("/", 1)[-1])
    b.add(doc, DCTERMS.format, d.source.media_type)
    b.add(doc, TKG.sourcePath, d.source.path)
    b.node(b.graph.value, PROV.wasDerivedFrom, doc)


def map_version(*, graph: str, version: str, previous: str | None,
                generated: dt.datetime) -> list[Quad]:
    """What the graph of one document says of its version: when it was generated and, for a
    document re-ingested with new content, the version it revises (``prov:wasRevisionOf``).

    >>> q = map_version(graph="https://example.org/g", version="https://example.org/v2",
    ...                 previous="https://example.org/v1",
    ...                 generated=dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc))
    >>> [(x.predicate.value.rsplit("#", 1)[-1], x.object.value) for x in q]
    [('generatedAtTime', '2026-01-02T00:00:00+00:00'), ('wasRevisionOf', 'https://example.org/v1')]
    """
    g = NamedNode(graph)
    when = Literal(generated.isoformat(), datatype=node(XSD.dateTime))
    out = [Quad(g, node(PROV.generatedAtTime), when, g)]
    if previous is not None and previous != version:
        out.append(Quad(NamedNode(version), node(PROV.wasRevisionOf), NamedNode(previous), g))
    return out


def map_deliberation(d: Deliberation, *, registry: Registry, iris: Iris) -> MappedDocument:
    b = GraphBuilder(graph=iris.graph(d.source.path), iris=iris, source=d.source)
    _map_source(b, d)
    auth = Authorities(b=b, registry=registry)
    # The deciding authority is named in full in the header; the programme section then
    # finds the territory, whose members break ties for the names that follow.
    if d.authority is not None:
        authority, resolution = auth.resolve_deciding(d.authority, d.council)
        code = resolution.code
    elif d.authority_siren is not None and registry.epci(d.authority_siren.value) is not None:
        # not named, but identified by the SIREN of its ACTES transmission number
        authority, code = iris.epci(d.authority_siren.value), d.authority_siren.value
        b.fact(authority, TKG.siren, d.authority_siren)
    else:
        # Nothing is invented: a local authority node, without name or code.
        assert b.document is not None
        authority, code = iris.unnamed_authority(b.document), None
        auth.warnings.append("no deciding authority read: the document's own node stands for it")
        b.typed(authority, TKG.Authority)
    deliberation = map_deliberation_core(b, d, authority)
    map_programme(b, auth, d, deliberation, authority_code=code)
    session = map_session(b, d, authority, deliberation)
    map_articles(b, d.decisions, deliberation)
    if not d.items:  # minutes: the votes are the items'
        map_vote_of(b, d.vote, deliberation)
    map_financing(b, d.funding, deliberation)
    map_items(b, d, authority, session)
    return MappedDocument(graph=b.graph.value, quads=tuple(b.quads), warnings=tuple(auth.warnings))
