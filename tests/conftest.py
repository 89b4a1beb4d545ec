"""Shared fixtures: the sample deliberation and a store built from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.mapping import Iris
from kg.pipeline import build, build_reference
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output instead of comparing")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_store() -> Iterator[OxigraphStore]:
    """An in-memory store holding the reference graph and the sample deliberation."""
    store = OxigraphStore()
    build_reference(store, iris=Iris())
    outcomes = build([SAMPLE], store, iris=Iris())
    assert not any(o.error for o in outcomes), outcomes
    yield store
