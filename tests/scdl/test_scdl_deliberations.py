"""`tkg export --format scdl-deliberations` and `tkg build file.csv` (SCDL deliberations 2.1.x)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.cli import main
from kg.extract.errors import ExtractionError
from kg.extract.scdl import read_scdl
from kg.publish.scdl import DELIBERATION_COLUMNS, export
from kg.publish.siret import luhn_valid
from kg.store import OxigraphStore

SchemaErrors = Callable[[Path, str], list[tuple[int | None, str | None, str]]]
DIJON = "242100410"
METADATA = ("COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_OBJET",
            "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def exported(sample_store: OxigraphStore, siret_table: Path, tmp_path: Path) -> Path:
    out = tmp_path / "deliberations.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        export(sample_store, "scdl-deliberations", f, siret_table=siret_table)
    return out


def test_test_siret_is_a_valid_siret_of_dijon_metropole(test_sirets: dict[str, str]) -> None:
    siret = test_sirets[DIJON]
    assert len(siret) == 14 and siret.startswith(DIJON) and luhn_valid(siret)


def test_sample_export_passes_the_official_schema(exported: Path,
                                                  schema_errors: SchemaErrors) -> None:
    assert schema_errors(exported, "scdl-deliberations") == []


def test_sample_export_has_the_17_columns_and_the_vote(exported: Path,
                                                       test_sirets: dict[str, str]) -> None:
    header = exported.read_text(encoding="utf-8").split("\n", 1)[0]
    assert tuple(header.split(",")) == DELIBERATION_COLUMNS
    [row] = _rows(exported)
    assert row["COLL_NOM"] == "Dijon Métropole"
    assert row["COLL_SIRET"] == test_sirets[DIJON]
    assert row["DELIB_DATE"] == "2024-09-26"
    assert row["DELIB_MATIERE_CODE"] == "8.4"
    assert (row["VOTE_EFFECTIF"], row["VOTE_REEL"]) == ("86", "78")  # in office; pour+contre+abst.
    assert (row["VOTE_POUR"], row["VOTE_CONTRE"], row["VOTE_ABSTENTION"]) == ("78", "0", "0")


def test_rows_without_a_siret_are_reported_not_invented(sample_store: OxigraphStore) -> None:
    out = io.StringIO()
    notes = export(sample_store, "scdl-deliberations", out)
    [row] = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["COLL_SIRET"] == ""
    assert any("COLL_SIRET left empty" in n and DIJON in n for n in notes), notes


def test_import_gives_back_the_same_metadata_and_vote(exported: Path, reference_store_dir: Path,
                                                     tmp_path: Path) -> None:
    store_dir = reference_store_dir
    assert main(["build", str(exported), "--store", str(store_dir), "--no-reference"]) == 0
    again = tmp_path / "again.csv"
    table = exported.parent / "sirets.csv"
    assert main(["export", "--format", "scdl-deliberations", "--store", str(store_dir),
                 "--siret-table", str(table), "-o", str(again)]) == 0
    [before], [after] = _rows(exported), _rows(again)
    assert {k: after[k] for k in METADATA} == {k: before[k] for k in METADATA}


def test_imported_facts_point_at_their_cells(exported: Path) -> None:
    [d] = read_scdl(exported)
    text = d.source.text
    assert d.source.media_type == "text/csv"
    assert d.vote.pour is not None and text[d.vote.pour.span.start:d.vote.pour.span.end] == "78"
    title = d.subject.title
    assert title.value == 'TERRITOIRE "Bourgogne Industrie" 2024-2027 - Convention accord cadre'
    assert title.span.line == 2 and 'Bourgogne Industrie""' in text[title.span.start:title.span.end]
    assert d.subject.number is None  # the exported DELIB_ID is the deliberation's IRI


def test_a_csv_without_the_scdl_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"other.csv:1: not an SCDL deliberations CSV"):
        read_scdl(path)


def test_a_malformed_date_names_its_line(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("COLL_NOM,DELIB_ID,DELIB_DATE,DELIB_OBJET\n"
                    "Dijon Métropole,1,2024-09-26,Objet\n"
                    "Dijon Métropole,2,26/09/2024,Objet\n", encoding="utf-8")
    assert main(["build", str(path), "--store", str(tmp_path / "s"), "--no-reference"]) == 1
    err = capsys.readouterr().err
    assert "bad.csv:3: DELIB_DATE '26/09/2024': expected a date AAAA-MM-JJ" in err


def test_a_bad_siret_table_is_one_line_and_exit_2(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "t.csv"
    table.write_text("siren,siret\n242100410,24210041000009\n", encoding="utf-8")
    OxigraphStore(tmp_path / "s").close()  # an empty store: export refuses a folder with none
    code = main(["export", "--format", "scdl-deliberations", "--store", str(tmp_path / "s"),
                 "--siret-table", str(table)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err == [f"tkg export: error: {table}:2: '24210041000009' is not a SIRET "
                   "(14 digits passing the Luhn check)"]
