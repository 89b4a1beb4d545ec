"""`tkg export --format scdl-subventions`: contributions as SCDL grants (1.1.0)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from kg.cli import main
from kg.publish.scdl import SUBVENTION_COLUMNS

SchemaErrors = Callable[[Path, str], list[tuple[int | None, str | None, str]]]
ANCT = "Agence nationale de la cohésion des territoires"


@pytest.fixture
def store_dir(sample_store_template: Path) -> Path:
    """The reference graph and the sample on disk; the exports only read it."""
    return sample_store_template


@pytest.fixture
def exported(store_dir: Path, siret_table: Path, tmp_path: Path,
             capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    out = tmp_path / "subventions.csv"
    assert main(["export", "--format", "scdl-subventions", "--store", str(store_dir),
                 "--siret-table", str(siret_table), "-o", str(out)]) == 0
    return out, capsys.readouterr().err


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_grants_pass_the_official_schema_but_for_the_funder_without_a_siren(
        exported: tuple[Path, str], schema_errors: SchemaErrors) -> None:
    path, _ = exported
    anct_rows = {n for n, row in enumerate(_rows(path), start=2) if row["nomAttribuant"] == ANCT}
    assert len(anct_rows) == 4  # 40 000 € a year, 2024-2027, on the post carried by the CUCM
    assert set(schema_errors(path, "scdl-subventions")) == {
        (n, "idAttribuant", "constraint-error") for n in anct_rows}


def test_the_funder_left_without_a_siret_is_reported(exported: tuple[Path, str]) -> None:
    _, err = exported
    assert f"note: idAttribuant left empty for {ANCT!r} (no SIREN in the registry)" in err


def test_each_grant_is_one_funder_paying_another_authoritys_post_for_a_year(
        exported: tuple[Path, str]) -> None:
    path, _ = exported
    assert tuple(path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")) \
        == SUBVENTION_COLUMNS
    rows = _rows(path)
    assert len(rows) == 9 * 4  # 12 contributions, less 2 carriers' own and ANCT's 0 €, x 4 years
    assert all(r["nomAttribuant"] != r["nomBeneficiaire"] for r in rows)
    dijon_to_cucm = [r for r in rows if r["nomAttribuant"] == "Dijon Métropole"]
    assert {r["montant"] for r in dijon_to_cucm} == {"10545"}
    assert {r["datesPeriodeVersement"] for r in dijon_to_cucm} == {
        f"{y}-01-01/{y}-12-31" for y in range(2024, 2028)}
    first = dijon_to_cucm[0]
    assert first["nomBeneficiaire"] == "CU Le Creusot Montceau-les-Mines"
    assert first["idAttribuant"] == "24210041000008"
    assert first["objet"] == ("Chef de Projet 1 porté par la CUCM - "
                              "convention Bourgogne Industrie 2024-2027")
    assert (first["dateConvention"], first["pourcentageSubvention"]) == ("2024-09-26", "1")


def test_the_grants_of_a_year_add_up_to_the_funding_table(exported: tuple[Path, str]) -> None:
    path, _ = exported
    year = [r for r in _rows(path) if r["datesPeriodeVersement"].startswith("2024")]
    # 117 000 € for the two posts, less what each carrier pays for its own post
    assert sum(Decimal(r["montant"]) for r in year) == 117000 - 3885 - 33345
