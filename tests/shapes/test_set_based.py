"""The set-based validation (each rule once over the store's distinct facts) finds what pySHACL
finds, on every shape fixture and on whole deliberations; its report names the documents that
state each offending fact."""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse
from rdflib import Graph
from rdflib.namespace import RDF

from kg.mapping import Iris
from kg.pipeline import build, build_reference
from kg.store import OxigraphStore
from kg.validate import SH, ValidationResult, load_shapes, run_shacl, validate
from kg.validate.detect import run_rules
from kg.validate.report import print_report
from kg.validate.rules import ShapesError, compile_shapes, prebind
from tests.shapes.shacl import GROUP, family_shapes, fixture_report

pytestmark = GROUP

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = sorted(HERE.glob("*/*-*.ttl"))
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"
SECOND = ROOT / "tests" / "ontology" / "fixtures" / "cucm_2024-10-03_territoire-bourgogne-industrie.txt"

Key = tuple[str, str | None, str, str, str | None]


def _value(v: str | None) -> str | None:
    """A value as compared across engines: Turtle's ``1000.0`` and Oxigraph's ``1000`` agree."""
    if v is None:
        return None
    try:
        return str(Decimal(v).normalize())
    except InvalidOperation:
        return v


def pyshacl_keys(data: Graph, shapes: Graph) -> set[Key]:
    return report_keys(run_shacl(data, shapes)[1], shapes)


def report_keys(report: Graph, shapes: Graph) -> set[Key]:
    out = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(r, SH.sourceShape)
        parent = shapes.value(predicate=SH.property, object=shape)
        path, value = report.value(r, SH.resultPath), report.value(r, SH.value)
        out.add((str(report.value(r, SH.focusNode)), str(path) if path is not None else None,
                 str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
                 str(parent if parent is not None else shape),
                 _value(str(value)) if value is not None else None))
    return out


def keys(results: list[ValidationResult] | tuple[ValidationResult, ...]) -> set[Key]:
    return {(r.focus, r.path, r.component, r.shape, _value(r.value)) for r in results}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_results_as_pyshacl_on_every_fixture(path: Path) -> None:
    shapes = family_shapes(path.parent.name)
    store = OxigraphStore()
    store.replace_graph("https://example.org/graph/fixture",
                        parse(path.read_bytes(), RdfFormat.TURTLE))  # type: ignore[arg-type]
    expected = report_keys(fixture_report(path)[1], shapes)
    assert keys(run_rules(store, compile_shapes(shapes))) == expected
    if path.name.startswith("invalid-"):
        assert expected, f"{path.name} breaks no rule: the comparison would prove nothing"


def _store(documents: dict[str, str], folder: Path) -> OxigraphStore:
    folder.mkdir()
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = OxigraphStore()
    build_reference(store, iris=Iris())
    assert not any(o.error for o in build([folder], store, iris=Iris()))
    return store


CHANGES = {
    "sample": [],
    "post-total-and-votes": [("CCEALS\t925 € (1,5%)", "CCEALS\t952 € (1,5%)"),
                             ("SCRUTIN POUR : 78", "SCRUTIN POUR : 80")],
    "proxies-and-shares": [("GAUCHER pouvoir à Monsieur Emmanuel BICHOT",
                            "GAUCHER pouvoir à Monsieur Jean-Marc RETY"),
                           ("ANCT\t40 000 € (68%)", "ANCT\t40 000 € (78%)"),
                           ("Nombre de membres en exercice : 86", "Nombre de membres en exercice : 85")],
}


@pytest.mark.slow  # pySHACL over two deliberations and the reference graph they use
@pytest.mark.parametrize("name", sorted(CHANGES))
def test_same_results_as_pyshacl_on_deliberations(name: str, tmp_path: Path) -> None:
    text = SAMPLE.read_text("utf-8")
    for old, new in CHANGES[name]:
        assert old in text
        text = text.replace(old, new, 1)
    store = _store({SAMPLE.name: text, SECOND.name: SECOND.read_text("utf-8")}, tmp_path / "t")
    shapes = load_shapes()
    by_pyshacl = validate(store, shapes=shapes, engine="pyshacl")
    by_store = validate(store, shapes=shapes)
    assert keys(by_store.results) == keys(by_pyshacl.results)
    assert by_store.conforms == (name == "sample")


def _second_item(text: str) -> str:
    """Another deliberation of the same session: its own subject, the same attendance."""
    return text.replace("Convention accord cadre**", "Convention accord cadre, avenant**", 1)


def test_results_are_grouped_under_the_document_stating_the_fact(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SAMPLE.read_text("utf-8")
    broken = _second_item(text).replace("SCRUTIN POUR : 78", "SCRUTIN POUR : 80", 1)
    store = _store({"a-item.txt": text, "b-item.txt": broken}, tmp_path / "texts")
    report = validate(store)
    votes = [r for r in report.results if r.rule == "Votes within voters"]
    assert votes and all(r.documents == ("b-item.txt",) for r in votes), votes
    # the session is stated by both items: a session rule would name both
    session = {r.documents for r in report.results if "/session/" in r.focus}
    assert all(d == ("a-item.txt", "b-item.txt") for d in session), session
    print_report(report)
    out = capsys.readouterr().out
    groups = dict(re.findall(r"^(\S[^\n]*)\n((?:  [^\n]*\n)+)", out, re.M))
    assert "[Votes within voters]" in groups["b-item.txt"], out
    assert "[Votes within voters]" not in groups.get("a-item.txt", ""), out


def test_a_fact_stated_by_several_documents_is_one_result_listing_them(tmp_path: Path) -> None:
    text = SAMPLE.read_text("utf-8").replace("Nombre de membres en exercice : 86",
                                             "Nombre de membres en exercice : 85", 1)
    store = _store({"a-item.txt": text, "b-item.txt": _second_item(text)}, tmp_path / "texts")
    report = validate(store)
    attendance = [r for r in report.results if r.rule == "Present plus absent"]
    assert len(attendance) == 1, attendance
    assert attendance[0].documents == ("a-item.txt", "b-item.txt")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "membres en exercice : 85" in t)
    assert {s.line for s in attendance[0].sources} == {line}
    as_json = json.loads(json.dumps([r.documents for r in report.results]))
    assert ["a-item.txt", "b-item.txt"] in as_json


def test_a_constraint_the_engine_does_not_implement_is_refused() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://example.org/S> a sh:NodeShape ; sh:targetClass <https://example.org/C> ;
            sh:property [ sh:path <https://example.org/p> ; sh:minLength 3 ] .""", format="turtle")
    with pytest.raises(ShapesError, match="minLength"):
        compile_shapes(shapes)


def test_prebinding_reaches_subqueries() -> None:
    store = OxigraphStore()
    ex = "https://example.org/"
    store.replace_graph(ex + "g", parse(f"""
        <{ex}c1> <{ex}toPost> <{ex}p1> ; <{ex}amount> 1 .
        <{ex}c2> <{ex}toPost> <{ex}p1> ; <{ex}amount> 2 .
        <{ex}c3> <{ex}toPost> <{ex}p2> ; <{ex}amount> 5 .""".encode(), RdfFormat.TURTLE))  # type: ignore[arg-type]
    query = (f"SELECT $this ?sum WHERE {{ {{ SELECT $this (SUM(?a) AS ?sum) WHERE {{ "
             f"?c <{ex}toPost> $this ; <{ex}amount> ?a }} GROUP BY $this }} }}")
    rows = store.select(prebind(query, ex + "p1"))
    assert [r["sum"] for r in rows] == ["3"]
