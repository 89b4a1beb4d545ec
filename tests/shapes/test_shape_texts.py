"""Every shape says what it checks, in French and English, and its results keep both."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.validate import SH, load_shapes
from tests.shapes.shacl import GROUP, fixture_report

pytestmark = GROUP

HERE = Path(__file__).resolve().parent
SHAPES = load_shapes()
NODE_SHAPES = sorted(s for s in SHAPES.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def languages(g: Graph, node: URIRef | BNode, prop: URIRef) -> set[str | None]:
    return {o.language for o in g.objects(node, prop) if isinstance(o, Literal)}


@pytest.mark.parametrize("shape", NODE_SHAPES, ids=lambda s: str(s).rsplit("#")[-1])
def test_every_shape_has_name_description_and_messages_in_french_and_english(
        shape: URIRef) -> None:
    assert SHAPES.value(shape, SH.name) is not None
    assert {"en", "fr"} <= languages(SHAPES, shape, SH.description)
    emitters = [*SHAPES.objects(shape, SH.property), *SHAPES.objects(shape, SH.sparql)]
    if not emitters or set(SHAPES.predicates(shape)) & {SH.property}:
        emitters.append(shape)  # a node shape with its own constraints speaks for itself
    for node in emitters:
        assert {"en", "fr"} <= languages(SHAPES, node, SH.message), node


def test_every_shape_declares_its_severity_as_violation_or_warning() -> None:
    for shape in NODE_SHAPES:
        assert SHAPES.value(shape, SH.severity, default=SH.Violation) in {SH.Violation, SH.Warning}


@pytest.mark.parametrize("path", sorted(HERE.glob("*/invalid-*.ttl")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_results_carry_messages_in_french_and_english(path: Path) -> None:
    _conforms, report = fixture_report(path)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        assert {"en", "fr"} <= languages(report, result, SH.resultMessage), result  # type: ignore[arg-type]
