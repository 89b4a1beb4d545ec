"""Every rule's examples: the text given yields exactly the readings listed (first per field)."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract.normalise import normalise
from kg.extract.rules import Rule, families

CASES = [
    pytest.param(rule, text, expected, id=f"{rule.key}[{n}]")
    for rules in families().values()
    for rule in rules
    for n, (text, expected) in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "text", "expected"), CASES)
def test_rule_reads_its_example(rule: Rule, text: str, expected: dict[str, Any]) -> None:
    n = normalise(text)
    got: dict[str, Any] = {}
    for reading in rule.readings(n.text):
        got.setdefault(reading.field, reading.value)
        start, end = n.to_original(reading.start, reading.end)
        assert text[start:end].strip(), f"{rule.key}: reading {reading} quotes nothing"
    assert got == expected


def test_every_rule_has_a_unique_key_and_an_example() -> None:
    keys = [rule.key for rules in families().values() for rule in rules]
    assert len(keys) == len(set(keys))
    assert all(rule.examples for rules in families().values() for rule in rules)
