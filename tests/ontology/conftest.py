"""Fixtures for the ontology tests: the ontology, the sample as rdflib, a HermiT runner."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import owlready2
import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.mapping import Iris
from kg.mapping.iris import ONTOLOGY
from kg.store import OxigraphStore

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "territoires-kg.ttl"
ONTOLOGY_IRI = ONTOLOGY.rstrip("#")
FIXTURES = HERE / "fixtures"

Reasoner = Callable[[Graph], bool]


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


Quad4 = tuple[Node, Node, Node, Node]
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term(t: Any) -> Node:
    """A pyoxigraph term as rdflib's."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD_STRING:  # as rdflib reads N-Triples: a plain literal
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    raise TypeError(f"not a term of a document graph: {t!r}")


@pytest.fixture(scope="session")
def sample_quads(sample_store: OxigraphStore) -> list[Quad4]:
    """Every quad of the sample store (reference graph included), in rdflib terms: what the
    mapping emits, for the tests that compare it with the ontology (quicker than parsing a
    dump into an rdflib Dataset)."""
    return [(_term(q.subject), _term(q.predicate), _term(q.object), _term(q.graph_name))
            for q in sample_store._store]


@pytest.fixture(scope="session")
def sample_document_graph(sample_store: OxigraphStore) -> Graph:
    """The sample's document graph, plus what the reference graph says of the nodes it names.

    The reference graph describes every authority of the country; the document
    needs only the few it names, which keeps the reasoner under half a minute.
    """
    reference = ox.NamedNode(Iris().reference_graph("registry"))
    documents = [g for g in sample_store.graphs() if g != reference.value
                 and g.startswith(Iris().graphs_prefix())]
    assert len(documents) == 1, documents
    raw = sample_store._store
    quads = list(raw.quads_for_pattern(None, None, None, ox.NamedNode(documents[0])))
    named = {q.subject for q in quads} | {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
    quads += [q for node in named if not isinstance(node, ox.BlankNode)
              for q in raw.quads_for_pattern(node, None, None, reference)]
    out = Graph()
    for q in quads:
        out.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return out


def _ntriples(graph: Graph) -> io.BytesIO:
    return io.BytesIO(graph.serialize(format="nt", encoding="utf-8"))


@pytest.fixture(scope="session")
def hermit(ontology: Graph) -> Reasoner:
    """Runs HermiT (through owlready2) over the ontology plus a data graph; True when consistent.

    ``xsd:date`` is not in the OWL 2 datatype map, so HermiT is told to ignore
    unsupported datatypes; the test of literal datatypes covers them instead.
    """

    def consistent(data: Graph) -> bool:
        world = owlready2.World()
        world.get_ontology(ONTOLOGY_IRI).load(fileobj=_ntriples(ontology), format="ntriples")
        world.get_ontology("https://w3id.org/territoires-kg/id/test-data").load(
            fileobj=_ntriples(data), format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False
        finally:
            world.close()
        return True

    return consistent
