"""Resource descriptions written as RDF (``kg.serve.rdf``): JSON-LD as rdflib writes it."""

from __future__ import annotations

import json

import rdflib
from pyoxigraph import NamedNode, RdfFormat, Triple, serialize

from kg.serve.rdf import context, write
from kg.store import OxigraphStore

DIJON = "https://w3id.org/territoires-kg/id/epci/242100410"


def _described(store: OxigraphStore, limit: int) -> list[list[Triple]]:
    """The triples of the first ``limit`` subjects of the sample's document graph."""
    [graph] = [g for g in store.graphs() if "/graph/reference/" not in g]
    subjects: dict[str, list[Triple]] = {}
    for q in store._store.quads_for_pattern(None, None, None, NamedNode(graph)):
        if isinstance(q.subject, NamedNode) and (q.subject.value in subjects or len(subjects) < limit):
            subjects.setdefault(q.subject.value, []).append(q.triple)
    return list(subjects.values())


def test_jsonld_is_what_rdflib_writes_with_the_project_context(sample_store: OxigraphStore) -> None:
    described = _described(sample_store, 40)
    assert len(described) == 40
    for triples in described:
        g = rdflib.Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES) or b"", format="nt")
        expected = g.serialize(format="json-ld", context=context()["@context"], auto_compact=True)
        assert json.loads(write(triples, "jsonld")) == json.loads(expected)


def test_jsonld_gives_the_context_as_shipped(sample_store: OxigraphStore) -> None:
    triples = list(sample_store._store.quads_for_pattern(NamedNode(DIJON), None, None))
    doc = json.loads(write([q.triple for q in triples], "jsonld"))
    assert doc["@context"] == context()["@context"]
    assert doc.get("id") == DIJON or doc.get("@id") == DIJON, sorted(doc)
