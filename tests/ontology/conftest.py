"""Fixtures for the ontology tests: the ontology, the sample as rdflib, a HermiT runner."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import owlready2
import pytest
from pyoxigraph import RdfFormat
from rdflib import Dataset, Graph, URIRef

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


def as_dataset(store: OxigraphStore) -> Dataset:
    """The store's named graphs as an rdflib Dataset."""
    buf = io.BytesIO()
    store.dump(buf, fmt=RdfFormat.N_QUADS)
    ds = Dataset()
    ds.parse(data=buf.getvalue(), format="nquads")
    return ds


@pytest.fixture(scope="session")
def to_dataset() -> Callable[[OxigraphStore], Dataset]:
    return as_dataset


@pytest.fixture(scope="session")
def sample_dataset(sample_store: OxigraphStore) -> Dataset:
    return as_dataset(sample_store)


@pytest.fixture(scope="session")
def sample_document_graph(sample_dataset: Dataset) -> Graph:
    """The sample's document graph, plus what the reference graph says of the nodes it names.

    The reference graph describes every authority of the country; the document
    needs only the few it names, which keeps the reasoner under half a minute.
    """
    reference = URIRef(Iris().reference_graph("registry"))
    documents = [g for g in sample_dataset.graphs() if g.identifier != reference
                 and str(g.identifier).startswith(Iris().graphs_prefix())]
    assert len(documents) == 1, [g.identifier for g in documents]
    out = Graph()
    for triple in documents[0]:
        out.add(triple)
    named = set(out.subjects()) | set(out.objects())
    for s, p, o in sample_dataset.graph(reference):
        if s in named:
            out.add((s, p, o))
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
