"""Incremental validation (``tkg build --validate``, ``tkg validate --graph``): for the nodes the
new graphs touch, the results of a full validation, no more and no fewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from kg.mapping import Iris
from kg.pipeline import build, build_reference
from kg.store import OxigraphStore
from kg.validate import ValidationResult, validate
from kg.validate.incremental import (
    _load_neighbourhood,
    neighbourhood,
    restrict,
    touched_nodes,
    validate_nodes,
)
from kg.validate.rules import ShapesError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"
SECOND = ROOT / "tests" / "ontology" / "fixtures" / "cucm_2024-10-03_territoire-bourgogne-industrie.txt"

Key = tuple[str, str | None, str, str, str | None]


def keys(results: tuple[ValidationResult, ...] | list[ValidationResult]) -> set[Key]:
    return {(r.focus, r.path, r.component, r.shape, r.value) for r in results}


def _item(text: str, n: int) -> str:
    """Another deliberation of the same session: its own subject, the same attendance."""
    return text.replace("Convention accord cadre**", f"Convention accord cadre, avenant {n}**", 1)


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    """The reference graph, two councils approving one convention, two items of one session."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = SAMPLE.read_text("utf-8")
    for name, body in {"a-item.txt": text, "b-item.txt": _item(text, 2),
                       "cucm.txt": SECOND.read_text("utf-8")}.items():
        (folder / name).write_text(body, encoding="utf-8")
    s = OxigraphStore()
    build_reference(s, iris=Iris())
    assert not any(o.error for o in build([folder], s, iris=Iris(), root=tmp_path))
    return s


def _add(store: OxigraphStore, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    outcomes = build([path], store, iris=Iris(), root=path.parent)
    assert [o.error for o in outcomes] == [None] and outcomes[0].graph
    return outcomes[0].graph


def test_a_broken_document_gives_the_full_validation_results_of_what_it_touches(
        store: OxigraphStore, tmp_path: Path) -> None:
    broken = (_item(SAMPLE.read_text("utf-8"), 3)
              .replace("SCRUTIN POUR : 78", "SCRUTIN POUR : 80", 1)
              .replace("CCEALS\t925 € (1,5%)", "CCEALS\t952 € (1,5%)", 1))
    graph = _add(store, tmp_path / "c-item.txt", broken)
    touched = touched_nodes(store, [graph])
    full = {k for k in keys(validate(store).results) if k[0] in touched}
    incremental = validate_nodes(store, touched)
    assert keys(incremental.results) == full
    rules = {r.rule for r in incremental.results}
    # its own vote, and a contribution the three other documents state with another amount
    assert {"Votes within voters", "Same figures across documents"} <= rules, rules
    assert not incremental.conforms


def test_a_valid_document_reports_nothing_new(store: OxigraphStore, tmp_path: Path) -> None:
    before = keys(validate(store).results)
    graph = _add(store, tmp_path / "d-item.txt", _item(SAMPLE.read_text("utf-8"), 4))
    touched = touched_nodes(store, [graph])
    incremental = keys(validate_nodes(store, touched).results)
    assert incremental <= before
    assert incremental == {k for k in keys(validate(store).results) if k[0] in touched}
    assert any("/session/" in n for n in touched), "the shared session is among the nodes checked"
    # The N-Triples path of an embedded store copies exactly the facts that the path every store
    # offers (SELECT rows) finds.
    expected = neighbourhood(store, touched)
    copied = OxigraphStore()
    _load_neighbourhood(store, touched, copied)
    got = {(q.subject, q.predicate, q.object) for q in copied._store.quads_for_pattern(
        None, None, None, NamedNode("urn:x-tkg:neighbourhood"))}
    assert len(expected) > 1000 and got == expected


def test_the_nodes_of_a_graph_are_its_subjects_and_iri_objects(store: OxigraphStore) -> None:
    graph = next(g for g in store.graphs() if "/graph/reference/" not in g)
    touched = touched_nodes(store, [graph])
    assert any("/session/" in n for n in touched)
    assert "https://w3id.org/territoires-kg/ontology#Vote" in touched  # an rdf:type object
    assert not any(n.startswith('"') for n in touched)


def test_a_rule_is_restricted_in_every_select_of_this() -> None:
    query = ("SELECT ?this WHERE { { SELECT ?this (SUM(?a) AS ?s) WHERE { ?c <p> ?this ; <a> ?a } "
             "GROUP BY ?this } OPTIONAL { SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x <q> ?y } "
             "GROUP BY ?x } }")
    out = restrict(query, ["https://e.org/a", "https://e.org/b"])
    assert out.count("VALUES ?this { <https://e.org/a> <https://e.org/b> }") == 2
    assert "WHERE { ?x <q> ?y }" in out  # a subquery with its own variables is left alone
    with pytest.raises(ShapesError, match="not an IRI"):
        restrict(query, ["https://e.org/a> } ?s ?p ?o {"])
    with pytest.raises(ShapesError, match="no SELECT of"):
        restrict("SELECT ?x WHERE { ?x ?p ?o }", ["https://e.org/a"])



def test_over_the_facts_a_build_keeps_a_store_on_disk_gives_the_same_results(
        tmp_path: Path) -> None:
    """A store on disk whose build keeps the distinct facts (:mod:`kg.store.facts`): the
    neighbourhood is read from them, open for writing (``tkg build --validate``) and read-only
    (``tkg validate --graph``), with the results of a full validation for the nodes touched."""
    from kg.validate.detect import read_predicates
    from kg.validate.rules import compile_shapes
    from kg.validate.shapes import load_shapes

    predicates = read_predicates(compile_shapes(load_shapes()))
    assert predicates is not None
    path = tmp_path / "st"
    store = OxigraphStore(path)
    store.keep_facts(predicates)
    build_reference(store, iris=Iris())
    text = SAMPLE.read_text("utf-8")
    _add(store, tmp_path / "a-item.txt", text)
    broken = _item(text, 3).replace("SCRUTIN POUR : 78", "SCRUTIN POUR : 80", 1)
    graph = _add(store, tmp_path / "c-item.txt", broken)
    touched = touched_nodes(store, [graph])
    kept = store.kept_facts(predicates)
    assert kept is not None, "the facts kept by the build are up to date"
    kept.close()
    written = keys(validate_nodes(store, touched).results)
    store.close()
    reader = OxigraphStore(path, read_only=True)
    try:
        assert reader.kept_facts(predicates) is not None
        read = keys(validate_nodes(reader, touched).results)
        full = {k for k in keys(validate(reader).results) if k[0] in touched}
    finally:
        reader.close()
    assert written == read == full
    assert any(k[0].endswith("/vote") for k in full), full  # the 80 votes for, more than voters
