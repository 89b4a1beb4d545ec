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

from dataclasses import dataclass

from pyoxigraph import Quad

from kg.extract.records import Deliberation
from kg.mapping.authorities import Authorities
from kg.mapping.builder import GraphBuilder
from kg.mapping.iris import Iris
from kg.mapping.programme import map_programme
from kg.mapping.reference import map_reference
from kg.mapping.session import map_decisions, map_deliberation_core, map_session, map_vote
from kg.mapping.vocab import DCTERMS, PROV, TKG
from kg.registry import Registry

__all__ = ["Iris", "MappedDocument", "map_deliberation", "map_reference"]


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
    b.node(b.graph.value, PROV.wasDerivedFrom, doc)


def map_deliberation(d: Deliberation, *, registry: Registry, iris: Iris) -> MappedDocument:
    b = GraphBuilder(graph=iris.graph(d.source.sha256), iris=iris, source=d.source)
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
    map_session(b, d, authority, deliberation)
    map_decisions(b, d, deliberation)
    map_vote(b, d, deliberation)
    return MappedDocument(graph=b.graph.value, quads=tuple(b.quads), warnings=tuple(auth.warnings))
