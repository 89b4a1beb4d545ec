"""The JSON-LD context names every term of the data and compacts the sample without loss."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from pyoxigraph import RdfFormat, parse, serialize
from rdflib import OWL, RDF, RDFS, XSD, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.mapping.iris import ONTOLOGY

TKG = ONTOLOGY


@pytest.fixture(scope="module")
def context() -> dict[str, Any]:
    text = resources.files("kg.resources").joinpath("context.jsonld").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)["@context"]
    return loaded


@pytest.fixture(scope="module")
def sample_jsonld(sample_document_graph: Graph) -> Graph:
    """The sample's document graph as pyoxigraph writes it in JSON-LD, read back by rdflib."""
    nt = sample_document_graph.serialize(format="nt", encoding="utf-8")
    data = serialize(parse(nt, format=RdfFormat.N_TRIPLES), format=RdfFormat.JSON_LD)
    assert data is not None
    return Graph().parse(data=data, format="json-ld")


def diff(a: Graph, b: Graph) -> str:
    _both, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return f"only before: {sorted(only_a)[:5]}\nonly after: {sorted(only_b)[:5]}"


def test_compacting_the_sample_with_the_context_round_trips(
    sample_jsonld: Graph, sample_document_graph: Graph, context: dict[str, Any]
) -> None:
    assert isomorphic(sample_jsonld, sample_document_graph), diff(sample_document_graph,
                                                                  sample_jsonld)
    compacted = sample_jsonld.serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(compacted)
    assert "@graph" in document
    keys = {k for node in document["@graph"] for k in node}
    assert {"votesFor", "amount", "sessionDate", "funder"} <= keys, "the context was not applied"
    back = Graph().parse(data=compacted, format="json-ld")
    assert isomorphic(back, sample_jsonld), diff(sample_jsonld, back)


def test_context_coerces_each_datatype_property_to_its_range(
    ontology: Graph, context: dict[str, Any]
) -> None:
    wrong = {}
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        if not str(prop).startswith(TKG):
            continue
        name, rng = str(prop)[len(TKG):], ontology.value(prop, RDFS.range)
        term = context.get(name)
        expected = None if rng == XSD.string else "xsd:" + str(rng)[len(str(XSD)):]
        got = term.get("@type") if isinstance(term, dict) else None
        if term is None or got != expected:
            wrong[name] = (got, expected)
    assert wrong == {}


def test_context_names_every_class_property_and_individual_of_the_ontology(
    ontology: Graph, context: dict[str, Any]
) -> None:
    declared = {str(s)[len(TKG):] for t in (OWL.Class, OWL.NamedIndividual, OWL.ObjectProperty,
                                             OWL.DatatypeProperty, OWL.AnnotationProperty)
                for s in ontology.subjects(RDF.type, t)
                if isinstance(s, URIRef) and str(s).startswith(TKG)}
    assert sorted(declared - set(context)) == []
