"""The `tkg build` contract: idempotent re-ingestion, exit codes, one clear line per bad input.

Most tests start from a copy of a store that already holds the reference graph (or the
reference graph and the sample) and build their documents with ``--no-reference``: the store
ends as a full build leaves it, without writing the reference graph's 62,000 quads again.
``test_a_store_folder_is_created_with_its_parents`` runs the whole build on a new store.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kg.cli import main
from kg.store import OxigraphStore


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def count(store: Path) -> int:
    s = OxigraphStore(store)
    n = s.count()
    s.close()
    return n


def test_building_twice_leaves_the_same_number_of_triples(
    reference_store_dir: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(reference_store_dir)
    assert run(capsys, "build", str(sample_path.parent), "--store", store, "--no-reference")[0] == 0
    once = count(reference_store_dir)
    assert run(capsys, "build", str(sample_path.parent), "--store", store, "--no-reference")[0] == 0
    assert count(reference_store_dir) == once
    assert once > 60_000


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", bytes(range(256)) * 8, "binary content"),
        ("notes.txt", "Liste de courses : pain, lait, œufs.\n".encode(), "not a deliberation"),
    ],
)
def test_a_bad_document_fails_alone_with_one_line_and_the_store_intact(
    tmp_path: Path, sample_store_dir: Path, capsys: pytest.CaptureFixture[str],
    name: str, content: bytes, expected: str,
) -> None:
    before = count(sample_store_dir)
    bad = tmp_path / name
    bad.write_bytes(content)
    code, _out, err = run(capsys, "build", str(bad), "--store", str(sample_store_dir), "--no-reference")
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(bad) in errors[0] and expected in errors[0]
    assert count(sample_store_dir) == before


def test_a_missing_file_is_a_usage_error_and_nothing_is_ingested(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "build", str(sample_path), str(tmp_path / "nope.txt"),
                          "--store", str(tmp_path / "st"))
    assert code == 2
    assert err.strip().count("\n") == 0 and "nope.txt: no such file or folder" in err


def test_good_documents_are_ingested_when_another_fails(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "docs" / "empty.md"
    bad.parent.mkdir()
    bad.write_text("")
    (tmp_path / "docs" / sample_path.name).write_bytes(sample_path.read_bytes())
    code, out, err = run(capsys, "build", str(tmp_path / "docs"), "--store", str(tmp_path / "st"),
                         "--no-reference")
    assert code == 1
    assert sample_path.name in out and "1 of 2 documents ingested, 1 failed" in err


def test_the_store_defaults_to_tkg_store_from_the_environment(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TKG_STORE", str(tmp_path / "env-store"))
    assert run(capsys, "build", str(sample_path), "--no-reference")[0] == 0
    assert count(tmp_path / "env-store") > 0


def test_cofunding_lists_the_sample_funding_table(
    sample_store_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "query", "cofunding", "--format", "csv",
                          "--store", str(sample_store_template))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["post", "post_label", "funder", "funder_siren", "amount", "share"]
    by_post: dict[str, dict[str, tuple[str, str]]] = {}
    for r in rows:
        by_post.setdefault(r["post_label"], {})[r["funder_siren"] or "ANCT"] = (r["amount"], r["share"])
    assert by_post["Chef de Projet 1 porté par la CUCM"] == {
        "ANCT": ("40000", "68"), "242100410": ("10545", "18"), "247100290": ("3885", "7"),
        "200070530": ("1480", "2.5"), "200071884": ("1665", "3"), "200070316": ("925", "1.5"),
    }
    assert by_post["Chef de projet 2 porté par Dijon Métropole"] == {
        "ANCT": ("0", ""), "242100410": ("33345", "57"), "247100290": ("12285", "21"),
        "200070530": ("4680", "8"), "200071884": ("5265", "9"), "200070316": ("2925", "5"),
    }


def test_a_store_folder_is_created_with_its_parents(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "not" / "yet" / "there"
    assert run(capsys, "build", str(sample_path), "--store", str(store))[0] == 0
    assert count(store) > 0


def test_a_long_build_shows_its_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tools.synth import write_corpus

    write_corpus(tmp_path / "docs", 25, seed=7)
    code, _out, err = run(capsys, "build", str(tmp_path / "docs"), "--store", str(tmp_path / "st"),
                          "--no-reference")
    assert code == 0
    progress = [line for line in err.splitlines() if line.endswith("documents") and line.startswith("[")]
    assert progress[-1] == "[25/25] documents" and len(progress) >= 5
