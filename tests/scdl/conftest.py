"""Fixtures of the SCDL tests: a SIRET table written here, and frictionless validation."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from frictionless import Resource, Schema

from kg.publish.scdl import schema_path

# Syntactically valid SIRETs (14 digits, Luhn) made up for the tests from the sample's
# SIRENs; they are not the authorities' real head-office SIRETs.
TEST_SIRETS = {
    "242100410": "24210041000008",  # Dijon Métropole
    "247100290": "24710029000011",  # CU Le Creusot Montceau-les-Mines
    "200071884": "20007188400015",  # CC Le Grand Charolais
    "200070530": "20007053000015",  # CC du Grand Autunois Morvan
    "200070316": "20007031600019",  # CC Entre Arroux, Loire et Somme
}
SchemaErrors = Callable[[Path, str], list[tuple[int | None, str | None, str]]]


@pytest.fixture
def test_sirets() -> dict[str, str]:
    return dict(TEST_SIRETS)


@pytest.fixture
def siret_table(tmp_path: Path) -> Path:
    path = tmp_path / "sirets.csv"
    lines = ["siren,siret", *(f"{k},{v}" for k, v in TEST_SIRETS.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _schema_errors(csv_path: Path, fmt: str) -> list[tuple[int | None, str | None, str]]:
    # The descriptor is passed as data and the CSV by name under its folder: frictionless
    # refuses absolute paths as "not safe".
    schema = Schema.from_descriptor(json.loads(schema_path(fmt).read_text(encoding="utf-8")))
    report = Resource(path=csv_path.name, basepath=str(csv_path.parent), schema=schema).validate()
    return [(row, name, kind) for row, name, kind in
            report.flatten(["rowNumber", "fieldName", "type"])]


@pytest.fixture
def schema_errors() -> SchemaErrors:
    """(row, field, error type) of each error frictionless finds against the official schema."""
    return _schema_errors
