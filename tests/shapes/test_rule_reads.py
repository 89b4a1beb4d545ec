"""The packaged table of what each shipped rule reads (``kg/resources/rule-reads.json``) is current,
and validation uses it instead of parsing the queries."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pytest

from kg.validate import detect, load_shapes
from kg.validate.rules import compile_shapes

ROOT = Path(__file__).resolve().parents[2]
# One worker computes the table (parsing every rule's query, about 2 s) for both checks.
pytestmark = pytest.mark.xdist_group("rule-reads")


@functools.cache
def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "generate_rule_reads", ROOT / "scripts" / "generate_rule_reads.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_up_to_date() -> None:
    assert _script().main(["--check"]) == 0, "run python scripts/generate_rule_reads.py"


def test_shipped_rules_are_read_from_the_table_without_parsing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> None:
        raise AssertionError(f"parsed a shipped rule: {text[:80]}")

    monkeypatch.setattr(detect, "parse_named_iris", refuse)
    read = detect.read_predicates(compile_shapes(load_shapes()))
    assert read is not None and "https://w3id.org/territoires-kg/ontology#presentCount" in read


def test_a_query_not_in_the_table_is_parsed() -> None:
    query = "SELECT ?this WHERE { ?this <https://example.org/p> ?v }"
    assert detect._named_iris(query) == frozenset(
        {"https://example.org/p", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"})
    assert detect._named_iris("SELECT ?this WHERE { ?this ?p ?v }") is None


def test_a_stale_table_is_found(tmp_path: Path) -> None:
    stale = tmp_path / "rule-reads.json"  # (the table is computed once for both tests)
    stale.write_text("{}\n", encoding="utf-8")
    assert _script().main(["--check", "--out", str(stale)]) == 1
