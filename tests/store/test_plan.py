"""What a build decides before touching the store: identities, duplicates, pruning, and the
graphs of earlier versions of tkg (named by content) that a new build replaces."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.store.sparqltext import has_dataset_clause
from kg.store.versions import StoredDocument, plan


def _doc(root: Path, name: str, text: str) -> tuple[Path, str]:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, hashlib.sha256(text.encode()).hexdigest()


def test_a_graph_from_before_identities_is_superseded_by_the_file_with_its_content(
        tmp_path: Path) -> None:
    path, sha = _doc(tmp_path, "docs/a.txt", "Séance du 26/09/2024")
    legacy = StoredDocument(graph="g-legacy", version="v", sha256=sha, path=None)
    other = StoredDocument(graph="g-other", version="w", sha256="0" * 64, path=None)
    out = plan([path], root=tmp_path, stored=[legacy, other])
    assert out.superseded == (legacy,)
    assert out.identities == {path: "docs/a.txt"} and out.duplicates == {}


def test_the_name_already_holding_a_content_keeps_it(tmp_path: Path) -> None:
    a, sha = _doc(tmp_path, "a.txt", "same")
    b, _ = _doc(tmp_path, "b.txt", "same")
    stored = [StoredDocument(graph="g-b", version="v", sha256=sha, path="b.txt")]
    out = plan([a, b], root=tmp_path, stored=stored)
    assert out.duplicates == {a: "b.txt"}
    assert out.superseded == ()


def test_a_stored_name_whose_file_changed_no_longer_holds_the_content(tmp_path: Path) -> None:
    a, sha = _doc(tmp_path, "a.txt", "first")
    b, _ = _doc(tmp_path, "b.txt", "edited since")
    stored = [StoredDocument(graph="g-b", version="v", sha256=sha, path="b.txt")]
    out = plan([a, b], root=tmp_path, stored=stored)
    assert out.duplicates == {}  # a.txt is ingested: b.txt will say something else now


def test_pruning_stays_inside_the_folders_given(tmp_path: Path) -> None:
    kept, _ = _doc(tmp_path, "docs/kept.txt", "x")
    inside = StoredDocument(graph="g1", version="v1", sha256="1" * 64, path="docs/gone.txt")
    outside = StoredDocument(graph="g2", version="v2", sha256="2" * 64, path="other/gone.txt")
    out = plan([kept], root=tmp_path, stored=[inside, outside], prune=[tmp_path / "docs"])
    assert out.pruned == (inside,)
    assert plan([kept], root=tmp_path, stored=[inside, outside]).pruned == ()


@pytest.mark.parametrize(("query", "named"), [
    ("SELECT * FROM <g> WHERE { ?s ?p ?o }", True),
    ("PREFIX ex: <https://example.org/>\nSELECT * from named ex:g { GRAPH ?g { ?s ?p ?o } }", True),
    ("SELECT ?from WHERE { ?s ?p ?from }", False),
    ('SELECT * WHERE { ?s ?p "FROM <g>" }', False),
    ("# FROM <g>\nSELECT * WHERE { ?s ?p ?o }", False),
    ("SELECT * WHERE { { SELECT * FROM <g> { ?s ?p ?o } } }", False),  # not SPARQL: the parser says so
])
def test_a_dataset_clause_is_found_only_where_sparql_puts_it(query: str, named: bool) -> None:
    assert has_dataset_clause(query) is named


def test_a_build_of_a_few_files_asks_for_the_documents_it_needs_and_plans_the_same(
        tmp_path: Path, sample_path: Path) -> None:
    """``stored_for`` (the stored documents named like the files or holding their content, asked
    file by file) gives the plan that the list of every stored document gives."""
    from kg.mapping import Iris
    from kg.pipeline import build
    from kg.store import OxigraphStore
    from kg.store.versions import stored_documents, stored_for

    text = sample_path.read_text("utf-8")
    a, _ = _doc(tmp_path, "a.txt", text)
    b, _ = _doc(tmp_path, "b.txt", text.replace("Convention accord cadre**",
                                                "Convention accord cadre, avenant 2**", 1))
    e, _ = _doc(tmp_path, "e.txt", text.replace("Convention accord cadre**",
                                                "Convention accord cadre, avenant 5**", 1))
    store = OxigraphStore()
    assert not any(o.error for o in build([a, b, e], store, iris=Iris(), root=tmp_path))
    b.write_text(b.read_text("utf-8").replace("SCRUTIN POUR : 78", "SCRUTIN POUR : 77", 1),
                 encoding="utf-8")  # edited
    c, _ = _doc(tmp_path, "c.txt", text)  # a's content under another name
    d, _ = _doc(tmp_path, "d.txt", "Séance du 3 octobre 2024")  # new
    files = [a, b, c, d]
    every = plan(files, root=tmp_path, stored=stored_documents(store))
    asked = stored_for(store, files, root=tmp_path)
    few = plan(files, root=tmp_path, stored=asked)
    assert {x.path for x in asked} == {"a.txt", "b.txt"}  # not e.txt: no file needs it
    assert few.identities == every.identities and few.duplicates == every.duplicates == {c: "a.txt"}
    assert few.stored == {k: v for k, v in every.stored.items() if k in ("a.txt", "b.txt")}
    assert set(few.superseded) == set(every.superseded) and few.pruned == every.pruned == ()
