"""Limits and output: what the build refuses to read, how much it prints, what reaches a terminal
or a spreadsheet."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.cli import main
from kg.store import OxigraphStore
from tests.conftest import SMALL_BATCHES

HERE = "Séance du jeudi 26 septembre 2024"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def tkg(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The command in its own process, so that a blocking read would show as a time-out."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *argv], capture_output=True, text=True,
                          timeout=timeout)


def test_a_document_over_the_size_limit_is_refused_and_the_others_read(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a-sample.txt").write_bytes(sample_path.read_bytes())
    big = docs / "b-big.txt"
    big.write_bytes(sample_path.read_bytes() * 3)
    store = str(tmp_path / "st")
    code, out, err = run(capsys, "build", str(docs), "--store", store, "--max-size", "20k", "--no-reference")
    assert code == 1 and "a-sample.txt: " in out
    assert err.splitlines()[0] == (f"error: {big}: 27.4 kB, over the limit of 20 kB per document "
                                   "(raise it with --max-size or TKG_MAX_SIZE)")
    monkeypatch.setenv("TKG_MAX_SIZE", "30k")
    assert run(capsys, "build", str(docs), "--store", store, "--no-reference")[0] == 0
    monkeypatch.setenv("TKG_MAX_SIZE", "lots")
    code, _out, err = run(capsys, "build", str(docs), "--store", store, "--no-reference")
    assert code == 2 and err.startswith("tkg build: error: TKG_MAX_SIZE: 'lots' is not a size")


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path, sample_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a-sample.txt").write_bytes(sample_path.read_bytes())
    os.mkfifo(docs / "b-pipe.txt")  # opening it for reading would block forever
    done = tkg("build", str(docs), "--store", str(tmp_path / "st"), "--no-reference")
    assert done.returncode == 1, done.stderr
    assert f"error: {docs / 'b-pipe.txt'}: is a named pipe; expected a regular file" in done.stderr
    assert "a-sample.txt: " in done.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_being_read(tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.fail(f"{device} is missing: these tests need a Linux /dev")
    done = tkg("build", device, "--store", str(tmp_path / "st"), "--no-reference", timeout=60)
    assert done.returncode == 1
    assert f"error: {device}: is a character device; expected a regular file" in done.stderr


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        done = tkg("build", str(path), "--store", str(tmp_path / "st"), "--no-reference", timeout=60)
    assert done.returncode == 1 and f"error: {path}: is a socket" in done.stderr


def test_the_report_is_capped_per_document_with_a_count_of_what_was_cut(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    text = sample_path.read_text(encoding="utf-8")
    for row in ("Dijon métropole\t10 545 €", "CUCM\t3885 €", "CCGAM\t1480 €"):
        assert row in text
        text = text.replace(row, row.replace("\t", "\t-"))  # each: two notes
    doc = tmp_path / "negative.txt"
    doc.write_text(text, encoding="utf-8")
    store = str(tmp_path / "st")
    code, full, _err = run(capsys, "build", str(doc), "--store", store, "--report", "--no-reference")
    notes = [line for line in full.splitlines() if line.startswith("  ")]
    assert code == 0 and len(notes) >= 6
    code, capped, _err = run(capsys, "build", str(doc), "--store", store, "--report",
                             "--report-limit", "1", "--no-reference")
    lines = [line for line in capped.splitlines() if line.startswith("  ")]
    assert lines == [notes[0], f"  … {len(notes) - 1} more notes not shown (--report-limit 1; "
                     "raise it to see them)"]


def test_each_document_is_reported_as_soon_as_it_is_stored(tmp_path: Path, sample_path: Path) -> None:
    """Kill the build once the first line is out: the lines printed name stored documents.
    Documents are stored a batch at a time; with small batches thirty documents make several."""
    docs = tmp_path / "docs"
    docs.mkdir()
    text = sample_path.read_text(encoding="utf-8")
    for n in range(1, 31):
        (docs / f"d{n:02}.txt").write_text(text.replace("18 septembre", f"{n} septembre"),
                                           encoding="utf-8")
    store = tmp_path / "st"
    proc = subprocess.Popen([*SMALL_BATCHES, "build", str(docs), "--store", str(store),
                             "--no-reference"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    printed = [first, *proc.stdout.read().splitlines()]
    proc.wait(timeout=60)
    assert first.startswith(f"{docs / 'd01.txt'}: ") and "triples" in first
    assert len(printed) < 30, "every line came at the end of the build"
    s = OxigraphStore(store)
    try:
        graphs = s.select("SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }").rows[0][0]
    finally:
        s.close()
    assert graphs is not None and int(graphs.value) >= 1


def _store_with_label(store_dir: Path, label: str) -> str:
    """The sample's store ``store_dir``, the first post's label replaced by ``label``."""
    s = OxigraphStore(store_dir)
    rdfs_label = "http://www.w3.org/2000/01/rdf-schema#label"
    rows = s.select("SELECT ?g ?post { GRAPH ?g { ?c <https://w3id.org/territoires-kg/ontology#hasPost> "
                    "?post } } LIMIT 1").rows
    graph, post = (t.value for t in rows[0] if t is not None)
    quads = [Quad(q[0], q[1], Literal(label, language="fr") if (q[0].value, q[1].value)  # type: ignore[arg-type]
                  == (post, rdfs_label) else q[2], NamedNode(graph))
             for q in s.select(f"SELECT ?s ?p ?o {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows]
    s.replace_graph(graph, quads)
    s.close()
    return str(store_dir)


def test_table_output_shows_no_terminal_escape(
    sample_store_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    store = _store_with_label(sample_store_dir, "Chef\x1b[2J\x1b]0;owned\x07 de\tprojet\x9b")
    code, out, _err = run(capsys, "query", "posts", "--store", store)
    assert code == 0 and "Chef de projet" in out.split("  ")  # escapes gone, tab a space
    assert not any(c in out for c in "\x1b\x07\x9b\t") and "owned" not in out
    code, tsv, _err = run(capsys, "query", "posts", "--store", store, "--format", "tsv")
    assert "\\u001B[2J" in tsv or "\x1b[2J" in tsv  # the data formats carry the value as it is


def test_csv_and_scdl_exports_defuse_spreadsheet_formulas(
    sample_store_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    formula = '=HYPERLINK("https://evil.example","Chef de projet")'
    store = _store_with_label(sample_store_dir, formula)
    code, out, _err = run(capsys, "query", "posts", "--store", store, "--format", "csv")
    cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
    assert code == 0 and "'" + formula in cells and formula not in cells
    code, out, err = run(capsys, "export", "--format", "scdl-subventions", "--store", store)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert not any(v.startswith(("=", "+", "@")) for row in rows for v in row.values())
    assert any(row["objet"].startswith("'=HYPERLINK(") for row in rows)
    assert "written with a leading '" in err
    assert all(row["montant"].lstrip("-").replace(".", "").isdigit() for row in rows)


def test_the_validation_report_shows_no_terminal_escape(
    tmp_path: Path, sample_path: Path, reference_store_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    text = sample_path.read_text(encoding="utf-8")
    row = "CUCM\t3885 € (7%)"
    assert row in text
    doc = tmp_path / "escape.txt"
    doc.write_text(text.replace(row, "CUCM\t9885 € (7%) \x1b]0;owned\x07\x1b[2J"), encoding="utf-8")
    store = str(reference_store_dir)
    assert run(capsys, "build", str(doc), "--store", store, "--no-reference")[0] == 0
    code, out, _err = run(capsys, "validate", "--store", store)
    assert code == 1 and "9885" in out  # the row is quoted...
    assert "\x1b" not in out and "\x07" not in out and "owned" not in out  # ...without its escapes
