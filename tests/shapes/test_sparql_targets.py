"""The rules' SPARQL targets run as plain SPARQL in Oxigraph and find what pySHACL finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse
from rdflib import Graph
from rdflib.namespace import RDF

from kg.mapping import Iris, map_reference
from kg.registry import load_registry
from kg.store import OxigraphStore
from kg.validate import SH, SHAPES_DIR
from kg.validate.checks import offenders, sparql_checks
from tests.shapes.shacl import GROUP, family_shapes, fixture_report

pytestmark = GROUP

HERE = Path(__file__).resolve().parent
FIXTURES = sorted(HERE.glob("*/*-*.ttl"))


def store_of(path: Path) -> OxigraphStore:
    """The fixture as one named graph of an in-memory store (queried as the union)."""
    store = OxigraphStore()
    graph = "https://example.org/graph/fixture"
    store.replace_graph(graph, parse(path.read_bytes(), RdfFormat.TURTLE))  # type: ignore[arg-type]
    return store


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_store_finds_the_offenders_pyshacl_reports(path: Path) -> None:
    checks = sparql_checks(family_shapes(path.parent.name))
    _conforms, report = fixture_report(path)
    by_shacl = {(str(report.value(r, SH.sourceShape)), str(report.value(r, SH.focusNode)))
                for r in report.subjects(RDF.type, SH.ValidationResult)}
    found = offenders(store_of(path), checks)
    by_store = {(shape, focus) for shape, nodes in found.items() for focus in nodes}
    targeted = {c.shape for c in checks}
    assert by_store == {(s, f) for s, f in by_shacl if s in targeted}


def test_reference_graph_passes_every_check() -> None:
    store = OxigraphStore()
    b = map_reference(load_registry(), Iris())
    store.replace_graph(b.graph.value, b.quads)
    found = offenders(store, sparql_checks(Graph().parse(SHAPES_DIR / "identifiers.ttl")))
    assert found and not any(found.values()), found
