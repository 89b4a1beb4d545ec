"""Named extraction rules, as data: a key, a pattern, how to read a match, examples.

Each family (authority, dates, counts, people, proxies) lives in its own module
and exposes ``RULES``, tried in order. A rule reads zero or more
:class:`Reading` from a match of its pattern on the normalised text
(:mod:`kg.extract.normalise`); its ``examples`` pair an input text with the
readings expected from it, and one parametrised test runs them all
(``tests/extract/test_rules.py``). Adding a layout is adding a rule and its
examples; the rule's key is recorded on every fact it reads (``Fact.rule``) and
in the fact's evidence in the graph (``tkg:extractionRule``).

>>> rule = Rule("demo.count", r"Présents\\s*:\\s*(?P<n>\\d+)", read=number("present", "n"),
...             examples=(("Présents : 36", {"present": 36}),))
>>> [(r.field, r.value) for r in rule.readings("Présents : 36")]
[('present', 36)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

Example = tuple[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Reading:
    """One value a rule read: the field, the value, and its range in the normalised text."""

    field: str
    value: Any
    start: int
    end: int
    rule: str


Reader = Callable[[re.Match[str]], Iterator[tuple[str, Any, int, int]]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern, the readings it yields from a match, and examples of both."""

    key: str
    pattern: str
    read: Reader
    examples: tuple[Example, ...] = ()
    flags: int = re.IGNORECASE | re.MULTILINE
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern, self.flags))

    def readings(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Reading]:
        """Every reading of every match in ``text[start:end]``."""
        for m in self.compiled.finditer(text, start, len(text) if end is None else end):
            for name, value, a, b in self.read(m):
                yield Reading(name, value, a, b, self.key)


def group(name: str, group_name: str = "value", convert: Callable[[str], Any] | None = None) -> Reader:
    """A reader of one group, as written (stripped) or converted; None conversions are skipped."""

    def read(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
        raw = m[group_name]
        if raw is None:
            return
        kept = raw.strip(" \t\n;:,.-")
        if not kept:
            return
        value = convert(kept) if convert else " ".join(kept.split())
        if value is None:
            return
        start = m.start(group_name) + raw.find(kept)
        yield name, value, start, start + len(kept)

    return read


def number(name: str, group_name: str) -> Reader:
    return group(name, group_name, int)


def both(*readers: Reader) -> Reader:
    """All the readings of several readers of one match."""

    def read(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
        for r in readers:
            yield from r(m)

    return read


def read_all(rules: tuple[Rule, ...], text: str, start: int = 0,
             end: int | None = None) -> list[Reading]:
    """The readings of all ``rules``, in rule order, then text order."""
    return [r for rule in rules for r in rule.readings(text, start, end)]


def families() -> dict[str, tuple[Rule, ...]]:
    """Every family of rules by name (for the tests and the README)."""
    from kg.extract.rules import authority, counts, dates, people, proxies

    return {"authority": authority.RULES, "dates": dates.RULES, "counts": counts.RULES,
            "people": people.RULES, "proxies": proxies.RULES}
