"""The reference graph is a function of the registry snapshot and the IRI base alone.

The test session maps it once and reuses the mapping for every build (``tests/conftest.py``);
that is sound only while mapping it again gives the same quads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode

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


def test_a_build_writes_the_reference_graph_only_when_the_store_holds_another(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``build_reference`` on a store holding the same reference graph writes nothing (about
    8 s saved per ``tkg build`` of a 10,000-document store); one whose reference graph differs
    (here a quad taken away) gets it written again, whole."""
    from kg.store import OxigraphStore

    path = tmp_path / "st"
    store = OxigraphStore(path)
    try:
        n = kg.pipeline.build_reference(store, iris=Iris())
        graph = next(g for g in store.graphs())
        written: list[str] = []
        real = store.write_graphs

        def recording(graphs: list[tuple[str, object]]) -> None:
            written.extend(g for g, _ in graphs)
            real(graphs)  # type: ignore[arg-type]

        monkeypatch.setattr(store, "write_graphs", recording)
        assert kg.pipeline.build_reference(store, iris=Iris()) == n
        assert written == []
        one = next(iter(store._store.quads_for_pattern(None, None, None, NamedNode(graph))))
        store._store.remove(one)
        assert kg.pipeline.build_reference(store, iris=Iris()) == n
        assert written == [graph]
        assert one in set(store._store.quads_for_pattern(None, None, None, NamedNode(graph)))
        assert store.count() == n
    finally:
        store.close()
