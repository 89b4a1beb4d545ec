"""No input aborts a build, and every error is one line that says what and where.

Each bad input below was found by probing the command; before, each stopped the
build (or the validation of the whole store) with a traceback.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.cli import _os_error, main
from kg.errors import TkgError
from kg.store import OxigraphStore

SESSION = "Séance du jeudi 26 septembre 2024"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def variant(sample: Path, folder: Path, name: str, old: str, new: str) -> Path:
    text = sample.read_text(encoding="utf-8")
    assert old in text, f"the sample no longer contains {old!r}"
    path = folder / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "session"), [
    ("impossible-day.txt", "Séance du 31/02/2024"),
    ("year-zero.txt", "Séance du 12/03/0000"),
    ("impossible-hour.txt", "Séance du jeudi 26 septembre 2024 à 25 h 99"),
])
def test_an_impossible_date_fails_its_document_alone_without_a_traceback(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], name: str, session: str,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    variant(sample_path, docs, name, SESSION, session)
    variant(sample_path, docs, "z-good.txt", "", "")
    code, out, err = run(capsys, "build", str(docs), "--store", str(tmp_path / "st"), "--no-reference")
    assert "Traceback" not in err + out
    assert "z-good.txt: " in out  # the document after the bad one is ingested
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    if errors:  # refused: one located line, exit 1
        assert code == 1 and len(errors) == 1 and name in errors[0], err
    else:  # read without the impossible date: it must not be in the graph
        assert code == 0
        store = OxigraphStore(tmp_path / "st")
        dates = {r["d"] for r in store.select("SELECT ?d { ?s ?p ?d FILTER(datatype(?d) = "
                                              "<http://www.w3.org/2001/XMLSchema#date>) }")}
        store.close()
        assert not any(d.startswith(("2024-02-31", "0000")) for d in dates), dates


def test_curly_quotes_never_stop_the_documents_after_them(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    curly = sample_path.read_text(encoding="utf-8").translate(str.maketrans({"'": "’", '"': "”"}))
    (docs / "a-curly.txt").write_text(curly, encoding="utf-8")
    (docs / "b-good.txt").write_bytes(sample_path.read_bytes())
    code, out, err = run(capsys, "build", str(docs), "--store", str(tmp_path / "st"), "--no-reference")
    assert "Traceback" not in err and f"{docs / 'b-good.txt'}: " in out
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == (1 if errors else 0) and len(errors) <= 1
    assert all(line.startswith(f"error: {docs / 'a-curly.txt'}: ") for line in errors)


def test_an_unexpected_exception_is_one_line_and_the_traceback_only_with_debug(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kg.pipeline

    def broken(*_args: object, **_kw: object) -> None:
        raise ZeroDivisionError("a defect in mapping")

    monkeypatch.setattr(kg.pipeline, "map_deliberation", broken)
    store = str(tmp_path / "st")
    code, _out, err = run(capsys, "build", str(sample_path), "--store", store, "--no-reference")
    assert code == 1
    assert f"error: {sample_path}: mapping failed: ZeroDivisionError: a defect in mapping" in err
    assert "--debug" in err and "Traceback" not in err
    code, _out, err = run(capsys, "build", str(sample_path), "--store", store, "--no-reference",
                          "--debug")
    assert code == 1 and "Traceback (most recent call last)" in err and "def broken" not in err
    assert "raise ZeroDivisionError" in err


def test_an_internal_error_outside_a_document_says_it_is_a_bug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kg.cli

    def broken(*_args: object, **_kw: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(kg.cli, "list_queries", broken)
    code, _out, err = run(capsys, "queries")
    assert code == 2 and err.count("\n") == 1
    assert "tkg queries: internal error: KeyError" in err and "rerun with --debug" in err
    code, _out, err = run(capsys, "--debug", "queries")
    assert code == 2 and "Traceback (most recent call last)" in err


def test_every_error_a_user_can_meet_is_a_tkg_error() -> None:
    from kg.extract import ExtractionError
    from kg.pipeline import InputError
    from kg.publish.siret import SiretTableError
    from kg.queries import QueryError
    from kg.registry.link import LinkError
    from kg.store import StoreError

    for cls in (ExtractionError, LinkError, InputError, SiretTableError, QueryError, StoreError):
        assert issubclass(cls, TkgError), cls


@pytest.mark.parametrize("base", ["not an iri", "id/", "https://example.org/a b/", "ftp://x.org/"])
def test_an_invalid_base_is_one_error_naming_the_variable(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, base: str,
) -> None:
    monkeypatch.setenv("TKG_BASE", base)
    code, _out, err = run(capsys, "build", str(sample_path), "--store", str(tmp_path / "st"))
    assert code == 2 and err.startswith("tkg build: error: TKG_BASE: ") and repr(base) in err
    assert not (tmp_path / "st").exists()


@pytest.mark.parametrize("content", [bytes(range(256)) * 4, b"siren,siret\n\x00\x01\x02"])
def test_a_binary_siret_table_is_one_error_naming_it(
    tmp_path: Path, sample_store_template: Path, capsys: pytest.CaptureFixture[str], content: bytes,
) -> None:
    store = str(sample_store_template)  # the export only reads it
    table = tmp_path / "sirets.csv"
    table.write_bytes(content)
    code, out, err = run(capsys, "export", "--format", "scdl-subventions", "--siret-table", str(table),
                         "--store", store)
    assert code == 2 and out == ""
    assert err.startswith(f"tkg export: error: {table}: ") and "siren,siret" in err


def test_os_errors_say_what_and_where() -> None:
    assert _os_error(FileNotFoundError(2, "No such file or directory", "out/x.ttl")) \
        == "out/x.ttl: No such file or directory"
    assert _os_error(OSError("disk quota exceeded")) == "disk quota exceeded"
    assert _os_error(OSError()) == "OSError"
    assert "None" not in _os_error(BrokenPipeError(32, None))


def test_an_output_file_in_a_missing_folder_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    store = tmp_path / "st"
    OxigraphStore(store).close()
    target = tmp_path / "missing" / "graph.trig"
    code, _out, err = run(capsys, "export", "--format", "trig", "-o", str(target), "--store", str(store))
    assert code == 2 and err == f"tkg export: error: {target}: No such file or directory\n"


def test_a_closed_standard_output_stops_quietly(sample_store_template: Path) -> None:
    store = str(sample_store_template)  # the export only reads it
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "export", "--format", "nquads",
                             "--store", store], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert first.startswith(b"<") and err == ""


def test_a_broken_connection_is_an_error_not_a_closed_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kg.cli

    def broken(*_args: object, **_kw: object) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(kg.cli, "list_queries", broken)
    code, _out, err = run(capsys, "queries")
    assert code == 2
    assert err == ("tkg queries: error: Broken pipe (a connection or pipe closed by the other "
                   "side)\n")


def test_version_is_the_installed_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"tkg {version('territoires-kg')}\n"


def test_a_forty_digit_amount_does_not_stop_validation(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """A store holding a 40-digit amount (written by an older version, or loaded by hand).

    Without the reference graph: ``--whole-graph`` runs pySHACL over every graph of the store,
    and the amount is checked against the document's own figures."""
    store_dir = tmp_path / "st"
    assert run(capsys, "build", str(sample_path), "--store", str(store_dir), "--no-reference")[0] == 0
    store = OxigraphStore(store_dir)
    amount = "https://w3id.org/territoires-kg/ontology#amount"
    share = "https://w3id.org/territoires-kg/ontology#share"
    rows = store.select(f"SELECT ?g ?s {{ GRAPH ?g {{ ?s <{amount}> ?o ; <{share}> ?x }} }} "
                        "LIMIT 1").rows  # a share is checked against the amount, with ROUND
    graph, subject = (t.value for t in rows[0] if t is not None)
    quads = [q for q in store.select(f"SELECT ?s ?p ?o {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows]
    big = Literal("1234567890123456789012345678901234567890",
                  datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    new = [Quad(s, p, big if (s.value, p.value) == (subject, amount) else o, NamedNode(graph))  # type: ignore[arg-type]
           for s, p, o in quads]
    store.replace_graph(graph, new)
    store.close()
    # Beyond what the store's decimals hold (18 decimals, about 1.7e20): the amount is reported,
    # by the funding total or as not a usable amount, and validation goes on, in both modes.
    for mode in ([], ["--whole-graph"]):
        code, out, err = run(capsys, "validate", "--store", str(store_dir), *mode)
        assert code == 1, err
        assert "Traceback" not in err and "internal error" not in err, err
        assert "1234567890123456789012345678901234567890" in out, out


def test_a_negative_amount_is_not_read_as_a_positive_one(
    tmp_path: Path, sample_path: Path, reference_store_dir: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    doc = variant(sample_path, tmp_path, "negative.txt", "Dijon métropole\t10 545 €",
                  "Dijon métropole\t-10 545 €")
    store = str(reference_store_dir)
    code, out, _err = run(capsys, "build", str(doc), "--store", store, "--report", "--no-reference")
    assert code == 0
    assert "line 107: negative amount not read" in out and "'-10 545 €'" in out
    code, csv_out, _err = run(capsys, "query", "cofunding", "--store", store, "--format", "csv")
    assert code == 0 and ",10545," not in csv_out and ",-10545," not in csv_out
    assert run(capsys, "validate", "--store", store)[0] == 1  # the table no longer adds up


def test_a_forty_digit_amount_in_a_document_is_not_read(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    doc = variant(sample_path, tmp_path, "big.txt", "Dijon métropole\t10 545 €",
                  "Dijon métropole\t" + "9" * 40 + " €")
    code, out, _err = run(capsys, "build", str(doc), "--store", str(tmp_path / "st"), "--report",
                          "--no-reference")
    assert code == 0 and "amount of more than 12 digits not read" in out


def _encrypted_pdf(sample: Path, path: Path, *, password: str) -> None:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("dejavu", size=9)
    pdf.multi_cell(0, 5, sample.read_text(encoding="utf-8").replace("\t", "    "))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-256")
    with path.open("wb") as out:
        writer.write(out)


@pytest.mark.pdf  # renders the sample to PDF with fpdf2, then encrypts it
def test_an_aes_encrypted_pdf_is_read_or_refused_in_one_line(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    _encrypted_pdf(sample_path, tmp_path / "open.pdf", password="")
    _encrypted_pdf(sample_path, tmp_path / "locked.pdf", password="secret")
    code, out, err = run(capsys, "build", str(tmp_path / "open.pdf"), str(tmp_path / "locked.pdf"),
                         "--store", str(tmp_path / "st"), "--no-reference")
    assert code == 1
    assert f"{tmp_path / 'open.pdf'}: " in out and " triples" in out
    first = err.splitlines()[0]
    assert first.startswith(f"error: {tmp_path / 'locked.pdf'}: encrypted PDF") and "password" in first


SCDL_HEADER = "COLL_NOM,DELIB_ID,DELIB_DATE,DELIB_OBJET,VOTE_POUR\n"


@pytest.fixture
def csv_default_field_limit() -> Iterator[None]:
    """The csv module's default field limit, as a new ``tkg`` process has it: frictionless
    (the SCDL tests) raises it for the whole process when it first reads a CSV file."""
    before = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(before)


@pytest.mark.parametrize(("cell", "expected"), [
    ("7²", "VOTE_POUR '7²': expected a whole number"),
    ("7" * 4300, "VOTE_POUR '77777777777777777777…': expected a whole number"),
    ("7" * 4301, "VOTE_POUR '77777777777777777777…': expected a whole number"),
    ('7,"' + "x" * 140_000 + '"', "unreadable CSV record (field larger than field limit"),
])
def test_a_bad_scdl_cell_is_one_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str, expected: str,
    csv_default_field_limit: None,
) -> None:
    csv_file = tmp_path / "delibs.csv"
    header = SCDL_HEADER if "x" not in cell else SCDL_HEADER.replace("\n", ",NOTE\n")
    csv_file.write_text(header + f"Dijon Métropole,2024-12,2024-09-26,Convention,{cell}\n",
                        encoding="utf-8")
    code, _out, err = run(capsys, "build", str(csv_file), "--store", str(tmp_path / "st"),
                          "--no-reference")
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[0].startswith(f"error: {csv_file}:2: {expected}"), err
