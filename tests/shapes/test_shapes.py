"""Each shape against small hand-written graphs: valid ones give no result, invalid ones the
expected set of (focus node, path, constraint component).

Fixtures live in ``tests/shapes/<family>/`` beside the shapes file ``shapes/<family>.ttl`` they
exercise. An invalid fixture names the rule it breaks and the results it expects in its header::

    # rule: tkgsh:PostTotalShape -- the contributions add up to 58,000, not 58,500
    # expect: ex:post tkg:declaredTotal sh:SPARQLConstraintComponent

(``-`` stands for a result without a path.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from kg.validate import SH, SHAPES_DIR, TKGSH
from tests.shapes.shacl import GROUP, family_shapes, fixture_report

pytestmark = GROUP

HERE = Path(__file__).resolve().parent
FAMILIES = sorted(p.stem for p in SHAPES_DIR.glob("*.ttl"))
FIXTURES = sorted(HERE.glob("*/*-*.ttl"))
_RULE = re.compile(r"^#\s*rule:\s*(\S+)", re.M)
_EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s+(\S+)\s*$", re.M)

Triple = tuple[URIRef, URIRef | None, URIRef]


def shapes_of(family: str) -> Graph:
    return family_shapes(family)


def _expand(g: Graph, curie: str) -> URIRef:
    if curie.startswith("<") and curie.endswith(">"):
        return URIRef(curie[1:-1])
    return g.namespace_manager.expand_curie(curie)


def load_fixture(path: Path) -> tuple[Graph, list[str], set[Triple]]:
    text = path.read_text("utf-8")
    g = Graph().parse(data=text, format="turtle")
    g.namespace_manager.bind("sh", SH, override=False)
    g.namespace_manager.bind("tkgsh", TKGSH, override=False)
    rules = _RULE.findall(text)
    expected = {(_expand(g, f), None if p == "-" else _expand(g, p), _expand(g, c))
                for f, p, c in _EXPECT.findall(text)}
    return g, rules, expected


def node_shape(shapes: Graph, shape: URIRef | BNode) -> URIRef | BNode:
    """The node shape a result comes from (a property shape answers for its node shape)."""
    parent = shapes.value(predicate=SH.property, object=shape)
    return parent if parent is not None else shape


def results(report: Graph) -> set[Triple]:
    out = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        out.add((report.value(r, SH.focusNode), path if isinstance(path, URIRef) else None,
                 report.value(r, SH.sourceConstraintComponent)))
    return out  # type: ignore[return-value]


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.name}"


def test_every_family_has_fixtures() -> None:
    folders = {p.parent.name for p in FIXTURES}
    assert set(FAMILIES) <= folders, f"shapes files without fixtures: {set(FAMILIES) - folders}"


@pytest.mark.parametrize("family", FAMILIES)
def test_every_shape_has_an_invalid_fixture(family: str) -> None:
    shapes = shapes_of(family)
    declared = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    covered = set()
    for path in (HERE / family).glob("invalid-*.ttl"):
        g, rules, _ = load_fixture(path)
        covered |= {_expand(g, r) for r in rules}
    missing = sorted(str(s) for s in declared - covered)
    assert not missing, f"shapes of {family}.ttl with no invalid fixture: {missing}"


@pytest.mark.parametrize("path", [p for p in FIXTURES if p.name.startswith("valid-")], ids=_id)
def test_valid_fixture_gives_no_result(path: Path) -> None:
    _conforms, report = fixture_report(path)
    assert results(report) == set(), report.serialize(format="turtle")


@pytest.mark.parametrize("path", [p for p in FIXTURES if p.name.startswith("invalid-")], ids=_id)
def test_invalid_fixture_gives_expected_results(path: Path) -> None:
    g, rules, expected = load_fixture(path)
    assert rules and expected, f"{path.name}: the header must say '# rule:' and '# expect:'"
    shapes = shapes_of(path.parent.name)
    _conforms, report = fixture_report(path)
    assert results(report) == expected, report.serialize(format="turtle")
    fired = {node_shape(shapes, s) for s in report.objects(None, SH.sourceShape)}
    assert {_expand(g, r) for r in rules} <= fired
