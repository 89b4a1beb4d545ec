"""A document's identity and versions: an edited document replaces its facts, `tkg remove`,
`tkg build --prune`, the same text under two names, commands refusing a folder with no store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.mapping import Iris
from kg.store import OxigraphStore

PROV = "http://www.w3.org/ns/prov#"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def votes_for(capsys: pytest.CaptureFixture[str], store: Path) -> list[str]:
    code, out, err = run(capsys, "query", "votes", "--format", "json", "--store", str(store))
    assert code == 0, err
    rows = json.loads(out)["results"]["bindings"]
    return sorted(row["pour"]["value"] for row in rows if "pour" in row)


def document_graphs(store: Path) -> list[str]:
    s = OxigraphStore(store, read_only=True)
    try:
        return [g for g in s.graphs() if "/graph/reference/" not in g]
    finally:
        s.close()


@pytest.fixture
def folder(tmp_path: Path, sample_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(sample_path, docs / "dijon.txt")
    return docs


def test_an_edited_document_replaces_its_facts_and_records_the_version_it_revises(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "st"
    assert run(capsys, "build", str(folder), "--store", str(store), "--no-reference")[0] == 0
    assert votes_for(capsys, store) == ["78"]
    doc = folder / "dijon.txt"
    doc.write_text(doc.read_text(encoding="utf-8").replace("POUR : 78", "POUR : 77"),
                   encoding="utf-8")
    assert run(capsys, "build", str(folder), "--store", str(store), "--no-reference")[0] == 0
    assert votes_for(capsys, store) == ["77"]
    [graph] = document_graphs(store)
    assert graph == Iris().graph(str(doc))  # outside the current folder: its absolute path
    s = OxigraphStore(store, read_only=True)
    rows = s.select(f"SELECT ?v ?old ?t WHERE {{ GRAPH <{graph}> {{ <{graph}> <{PROV}wasDerivedFrom> ?v ; "
                    f"<{PROV}generatedAtTime> ?t . ?v <{PROV}wasRevisionOf> ?old }} }}").rows
    s.close()
    [(version, old, _time)] = rows
    assert version is not None and old is not None and version != old
    assert old.value.startswith(Iris().document(""))


def test_the_same_text_under_two_names_is_one_document_reported_once(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(folder / "dijon.txt", folder / "z-copy.txt")
    store = tmp_path / "st"
    code, out, _err = run(capsys, "build", str(folder), "--store", str(store), "--no-reference")
    assert code == 0
    assert f"{folder / 'z-copy.txt'}: same content as {folder / 'dijon.txt'}, skipped" in out
    assert len(document_graphs(store)) == 1
    # The copy edited: now a document of its own.
    copy = folder / "z-copy.txt"
    copy.write_text(copy.read_text(encoding="utf-8").replace("POUR : 78", "POUR : 77"),
                    encoding="utf-8")
    assert run(capsys, "build", str(folder), "--store", str(store), "--no-reference")[0] == 0
    assert len(document_graphs(store)) == 2
    assert votes_for(capsys, store) == ["77", "78"]


def test_remove_takes_a_document_by_path_or_by_graph_iri(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = folder / "other.txt"
    text = (folder / "dijon.txt").read_text(encoding="utf-8")
    other.write_text(text.replace("POUR : 78", "POUR : 77"), encoding="utf-8")
    store = tmp_path / "st"
    assert run(capsys, "build", str(folder), "--store", str(store), "--no-reference")[0] == 0
    assert len(document_graphs(store)) == 2
    code, out, _ = run(capsys, "remove", str(folder / "dijon.txt"), "--store", str(store))
    assert code == 0 and "removed" in out
    assert votes_for(capsys, store) == ["77"]
    code, _, _ = run(capsys, "remove", Iris().graph(str(other)), "--store", str(store))
    assert code == 0
    assert document_graphs(store) == []
    code, _, err = run(capsys, "remove", "nothing.txt", "--store", str(store))
    assert code == 1 and "nothing.txt: no such document in the store" in err


def test_prune_drops_documents_whose_source_is_gone_among_the_folders_given(
        folder: Path, tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    kept = elsewhere / "kept.txt"
    kept.write_text(sample_path.read_text(encoding="utf-8").replace("POUR : 78", "POUR : 70"),
                    encoding="utf-8")
    gone = folder / "gone.txt"
    gone.write_text(sample_path.read_text(encoding="utf-8").replace("POUR : 78", "POUR : 77"),
                    encoding="utf-8")
    store = tmp_path / "st"
    assert run(capsys, "build", str(folder), str(elsewhere), "--store", str(store),
               "--no-reference")[0] == 0
    gone.unlink()
    kept.unlink()  # gone too, but not under the folder this build is given
    code, out, _ = run(capsys, "build", str(folder), "--prune", "--store", str(store),
                       "--no-reference")
    assert code == 0
    assert f"{gone}: removed: its source is gone" in out
    assert votes_for(capsys, store) == ["70", "78"]
    assert run(capsys, "build", str(folder), "--store", str(store), "--no-reference")[0] == 0
    assert votes_for(capsys, store) == ["70", "78"]  # without --prune nothing is dropped


@pytest.mark.parametrize("command", [["validate"], ["query", "votes"], ["sparql", "SELECT * {}"],
                                     ["export", "--format", "trig"], ["remove", "x.txt"]])
def test_a_folder_without_a_store_is_refused_not_created(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    missing = tmp_path / "typo"
    code, out, err = run(capsys, *command, "--store", str(missing))
    assert code == 2 and out == ""
    assert f"no store at {missing}: run tkg build first" in err
    assert not missing.exists()


def test_a_folder_of_other_files_is_not_turned_into_a_store(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "build", str(folder), "--store", str(folder))
    assert code == 2
    assert f"{folder}: not a store, it holds other files (dijon.txt)" in err
    assert sorted(p.name for p in folder.iterdir()) == ["dijon.txt"]


def test_remove_leaves_the_kept_facts_sealed_and_equal_to_a_copy(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After ``tkg remove`` as after a build, a validation takes the kept facts without reading
    every graph name (:mod:`kg.store.facts`), and they are those of the documents left."""
    from kg.store import facts as facts_folder
    from kg.validate.detect import read_predicates
    from kg.validate.rules import shipped_rules

    other = folder / "other.txt"
    text = (folder / "dijon.txt").read_text(encoding="utf-8")
    other.write_text(text.replace("POUR : 78", "POUR : 77"), encoding="utf-8")
    store = tmp_path / "st"
    assert run(capsys, "build", str(folder), "--store", str(store), "--no-reference")[0] == 0
    assert run(capsys, "remove", str(folder / "dijon.txt"), "--store", str(store))[0] == 0
    assert facts_folder.sealed(store) is not None
    predicates = read_predicates(shipped_rules())
    assert predicates is not None
    reader = OxigraphStore(store, read_only=True)
    try:
        kept = reader.kept_facts(predicates)
        assert kept is not None
        query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
        held = {tuple(r) for r in kept.select(query).rows}
        assert held == {(t.subject, t.predicate, t.object)
                        for t in facts_folder.kept_of(reader._store, predicates)}
        assert any(s.value.startswith(facts_folder.SPAN) for s, _p, _o in held)  # summarized
        kept.close()
    finally:
        reader.close()
