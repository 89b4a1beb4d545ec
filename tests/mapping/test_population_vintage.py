"""The declared population of a convention checked against each registry vintage."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.extract import extract
from kg.extract.records import Fact
from kg.mapping import Iris, map_deliberation
from kg.registry import load_registry
from kg.store import OxigraphStore

QUERY = (Path(__file__).parent / "population-check.rq").read_text(encoding="utf-8")
CONVENTION = "https://w3id.org/territoires-kg/id/convention/ti-2703/2024-2027"


def _checks(store: OxigraphStore) -> set[tuple[str | None, ...]]:
    return {(r["convention"], r["declared"], r["vintage"], r["sum"], r["matches"],
             r["matched_vintage"]) for r in store.select(QUERY)}


def _with_population(sample_path: Path, population: int) -> tuple[OxigraphStore, tuple[str, ...]]:
    d = extract(sample_path)
    assert d.programme is not None and d.programme.population is not None
    fact = Fact(population, d.programme.population.span)
    d = replace(d, programme=replace(d.programme, population=fact))
    mapped = map_deliberation(d, registry=load_registry(), iris=Iris())
    store = OxigraphStore()
    store.replace_graph(mapped.graph, mapped.quads)
    return store, mapped.warnings


def test_sample_population_matches_the_2022_vintage(sample_store: OxigraphStore) -> None:
    assert _checks(sample_store) == {
        (CONVENTION, "444993", "2022", "444993", "true", "2022"),
        (CONVENTION, "444993", "2026", "445279", "false", "2022"),
    }


def test_a_figure_of_the_latest_vintage_matches_2026(sample_path: Path) -> None:
    store, warnings = _with_population(sample_path, 445279)
    assert {r[5] for r in _checks(store)} == {"2026"}
    assert not [w for w in warnings if "population" in w]


def test_a_figure_no_vintage_gives_is_a_warning(sample_path: Path) -> None:
    store, warnings = _with_population(sample_path, 445000)
    assert {(r[2], r[4], r[5]) for r in _checks(store)} == {("2022", "false", None),
                                                            ("2026", "false", None)}
    assert [w for w in warnings if "population" in w] == [
        "line 76: declared population 445000 matches no registry vintage"]
