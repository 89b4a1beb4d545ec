"""A DL reasoner (HermiT, through owlready2) finds the sample consistent and contradictions not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

pytestmark = pytest.mark.hermit  # HermiT runs in Java

FIXTURES = Path(__file__).resolve().parent / "fixtures"
Reasoner = Callable[[Graph], bool]


def test_ontology_alone_is_consistent(hermit: Reasoner) -> None:
    assert hermit(Graph())


def test_sample_deliberation_is_consistent_with_the_ontology(
    hermit: Reasoner, sample_document_graph: Graph
) -> None:
    assert len(sample_document_graph) > 4000
    assert hermit(sample_document_graph)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("inconsistent-*.ttl")),
                         ids=lambda p: p.stem)
def test_contradictory_fixture_is_inconsistent(hermit: Reasoner, fixture: Path) -> None:
    assert not hermit(Graph().parse(fixture, format="turtle"))
