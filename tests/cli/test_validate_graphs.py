"""`tkg build --validate` and `tkg validate --graph`: what the documents just built touch."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main
from kg.store import OxigraphStore
from kg.store.versions import stored_documents


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _item(text: str, n: int) -> str:
    return text.replace("Convention accord cadre**", f"Convention accord cadre, avenant {n}**", 1)


def test_build_validate_reports_the_new_documents_results_and_exits_1(
        tmp_path: Path, sample_path: Path, reference_store_dir: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = str(reference_store_dir)  # the reference graph is in; each build adds documents
    text = sample_path.read_text("utf-8")
    Path("a-item.txt").write_text(text, encoding="utf-8")
    assert run(capsys, "build", "a-item.txt", "--store", store, "--no-reference", "--validate")[0] == 0
    Path("b-item.txt").write_text(_item(text, 2), encoding="utf-8")
    code, out, _err = run(capsys, "build", "b-item.txt", "--store", store, "--no-reference", "--validate")
    assert code == 0, out
    assert "The graph conforms: 0 violation(s)" in out
    Path("c-item.txt").write_text(_item(text, 3).replace("SCRUTIN POUR : 78", "SCRUTIN POUR : 80", 1),
                                  encoding="utf-8")
    code, out, _err = run(capsys, "build", "c-item.txt", "--store", store, "--no-reference", "--validate")
    assert code == 1, out
    assert "[Votes within voters]" in out and "c-item.txt" in out
    code, again, _err = run(capsys, "validate", "--store", store, "--graph", "c-item.txt")
    assert code == 1 and "[Votes within voters]" in again
    assert again.split("\n", 1)[1] in out  # the same report as the build's
    code, out, _err = run(capsys, "validate", "--store", store, "--graph", "a-item.txt")
    assert code == 0 and "[Votes within voters]" not in out
    reader = OxigraphStore(Path(store), read_only=True)
    try:
        graph = {d.path: d.graph for d in stored_documents(reader)}["c-item.txt"]
    finally:
        reader.close()
    code, by_iri, _err = run(capsys, "validate", "--store", store, "--graph", graph)
    assert code == 1 and by_iri == again  # named by its graph IRI: the same document
    for unknown in (graph + "0", graph + "> ?s <x", 'c-item.txt" } ?s ?p ?o { "'):
        code, _out, err = run(capsys, "validate", "--store", store, "--graph", unknown)
        assert code == 2 and "no such document in the store" in err, err


def test_validate_graph_of_an_unknown_document_is_one_error_line(
        tmp_path: Path, sample_path: Path, reference_store_dir: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = str(reference_store_dir)
    Path("a-item.txt").write_text(sample_path.read_text("utf-8"), encoding="utf-8")
    assert run(capsys, "build", "a-item.txt", "--store", store, "--no-reference")[0] == 0
    code, out, err = run(capsys, "validate", "--store", store, "--graph", "nope.txt")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "tkg validate: error: --graph nope.txt: no such document in the store (give its path, "
        "as built, or its named graph IRI)"]
    code, _out, err = run(capsys, "validate", "--store", store, "--graph", "a-item.txt",
                          "--engine", "pyshacl")
    assert code == 2 and "--graph validates with the set-based engine only" in err
