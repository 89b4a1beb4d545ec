"""Every example of every named rule: the groups it must capture, or that it must not match."""

from __future__ import annotations

import pytest

from kg.extract.rules.groups import Expected, PatternRule, all_rules

CASES = [(family, rule, text, expected) for family, rules in all_rules().items()
         for rule in rules for text, expected in rule.examples]


def test_every_rule_has_examples_and_a_unique_key() -> None:
    keys = [rule.key for rules in all_rules().values() for rule in rules]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert all(rule.examples for rules in all_rules().values() for rule in rules)


@pytest.mark.parametrize(("family", "rule", "text", "expected"), CASES,
                         ids=[f"{f}:{r.key}:{t[:30]}" for f, r, t, _e in CASES])
def test_rule_example(family: str, rule: PatternRule, text: str, expected: Expected) -> None:
    m = rule.search(text)
    if expected is None:
        assert m is None, f"{family}/{rule.key} should not match {text!r}: {m and m.group(0)!r}"
        return
    assert m is not None, f"{family}/{rule.key} does not match {text!r}"
    got = {k: v for k, v in m.groupdict().items() if k in expected}
    assert got == expected, f"{family}/{rule.key} on {text!r}"
