"""The reference graph is a function of the registry snapshot and the IRI base alone.

The test session maps it once and reuses the mapping for every build (``tests/conftest.py``);
that is sound only while mapping it again gives the same quads.
"""

from __future__ import annotations

import kg.pipeline
from kg.mapping import Iris, map_reference
from kg.mapping.builder import GraphBuilder
from kg.registry import load_registry


def test_mapping_the_reference_graph_again_gives_the_same_quads(
        reference_builder: GraphBuilder) -> None:
    fresh = map_reference(load_registry(), Iris())
    assert fresh.graph == reference_builder.graph
    assert len(fresh.quads) == len(reference_builder.quads) > 50_000
    assert set(fresh.quads) == set(reference_builder.quads)


def test_the_build_maps_another_base_afresh(reference_builder: GraphBuilder) -> None:
    other = kg.pipeline.map_reference(load_registry(), Iris(base="https://example.org/id/"))
    assert other.graph.value.startswith("https://example.org/id/")
    assert not set(other.quads) & set(reference_builder.quads)
