"""Two councils approving a convention describe one convention, two posts, 12 contributions."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Store
from rdflib import RDF, URIRef

from kg.mapping import Iris
from kg.mapping.iris import ONTOLOGY
from kg.pipeline import build, build_reference
from kg.store import OxigraphStore

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CUCM_DOCUMENT = FIXTURES / "cucm_2024-10-03_territoire-bourgogne-industrie.txt"
TKG = ONTOLOGY
IDS = "https://w3id.org/territoires-kg/id/"
# The funding table of the sample: per funder, post 1 (CUCM) + post 2 (Dijon), in euros.
EXPECTED = {
    IDS + "agency/anct": Decimal("40000"),
    IDS + "epci/242100410": Decimal("43890"),  # Dijon métropole, 10 545 + 33 345
    IDS + "epci/247100290": Decimal("16170"),  # CU Creusot Montceau, 3 885 + 12 285
    IDS + "epci/200070530": Decimal("6160"),  # Grand Autunois Morvan, 1 480 + 4 680
    IDS + "epci/200071884": Decimal("6930"),  # Le Grand Charolais, 1 665 + 5 265
    IDS + "epci/200070316": Decimal("3850"),  # Entre Arroux, Loire et Somme, 925 + 2 925
}


@pytest.fixture(scope="module")
def two_councils(sample_path: Path) -> Iterator[OxigraphStore]:
    store = OxigraphStore()
    build_reference(store, iris=Iris())
    outcomes = build([sample_path, CUCM_DOCUMENT], store, iris=Iris())
    assert [o.error for o in outcomes] == [None, None]
    yield store


@pytest.fixture(scope="module")
def quads(two_councils: OxigraphStore) -> Store:
    """The store's quads, looked up by pattern (pyoxigraph: converting the 66,000 quads of the
    reference graph to rdflib takes seconds)."""
    return two_councils._store


def instances(store: Store, name: str) -> set[URIRef]:
    return {URIRef(q.subject.value) for q in store.quads_for_pattern(
        None, NamedNode(str(RDF.type)), NamedNode(TKG + name)) if isinstance(q.subject, NamedNode)}


def graphs_stating(store: Store, subject: URIRef) -> set[URIRef]:
    return {URIRef(q.graph_name.value) for q in store.quads_for_pattern(NamedNode(subject), None, None)
            if isinstance(q.graph_name, NamedNode)}


def test_both_councils_approve_one_convention(quads: Store) -> None:
    conventions = instances(quads, "Convention")
    assert conventions == {URIRef(IDS + "convention/ti-2703/2024-2027")}
    approvers = {q.subject for q in quads.quads_for_pattern(None, NamedNode(TKG + "approves"), None)}
    assert len(approvers) == 2


def test_posts_are_keyed_by_kind_and_carrier_siren(quads: Store) -> None:
    convention = IDS + "convention/ti-2703/2024-2027"
    assert instances(quads, "Post") == {URIRef(f"{convention}/post/chef-de-projet/247100290"),
                                        URIRef(f"{convention}/post/chef-de-projet/242100410")}


def test_each_contribution_is_one_node_stated_by_both_documents(quads: Store) -> None:
    contributions = instances(quads, "Contribution")
    assert len(contributions) == 12
    documents = {g for c in contributions for g in graphs_stating(quads, c)}
    assert len(documents) == 2
    assert all(len(graphs_stating(quads, c)) == 2 for c in contributions)


def test_summing_distinct_contributions_counts_each_euro_once(two_councils: OxigraphStore) -> None:
    query = (FIXTURES / "contributions-per-funder.rq").read_text(encoding="utf-8")
    totals = {row["funder"]: Decimal(str(row["total"])) for row in two_councils.select(query)}
    assert totals == EXPECTED
    assert sum(totals.values()) == Decimal("117000")


def test_each_council_keeps_its_own_session_and_vote(quads: Store) -> None:
    assert len(instances(quads, "Session")) == 2
    assert len(instances(quads, "Vote")) == 2
    assert len(instances(quads, "Commitment")) == 3  # Dijon, CUCM and the ANCT's 40 000 €
