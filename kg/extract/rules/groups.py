"""Rules whose named groups are what they read: votes, items of minutes, financing plans.

Each is a key, a pattern and its examples, as data: adding a layout is adding a
rule and its examples, without touching the others. An example pairs a text with
the groups the rule must capture from it (as written), or with ``None`` when the
rule must *not* match; ``tests/extract/test_group_rules.py`` runs them all. The
code that uses a family (:mod:`kg.extract.votes`, :mod:`kg.extract.minutes`,
:mod:`kg.extract.plans`) turns the groups into facts and records the rule's key
on each (``Fact.rule``).

>>> r = PatternRule("pour-colon", r"pour\\s*:\\s*(?P<pour>\\d+)", (("Pour : 23", {"pour": "23"}),))
>>> r.search("Pour : 23")["pour"]
'23'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# What an example expects: the named groups it must capture, or None when it must not match.
Expected = dict[str, str | None] | None


@dataclass(frozen=True)
class PatternRule:
    """One named pattern with its examples (matched case-insensitively unless ``flags`` says)."""

    key: str
    pattern: str
    examples: tuple[tuple[str, Expected], ...] = ()
    flags: int = re.IGNORECASE
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern, self.flags))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.compiled.search(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
        return list(self.compiled.finditer(text, pos, len(text) if endpos is None else endpos))


def all_rules() -> dict[str, tuple[PatternRule, ...]]:
    """Every rule family by name, for the tests and for reports of which rules fire."""
    from kg.extract.rules.funding import RULES as FUNDING
    from kg.extract.rules.items import RULES as ITEMS
    from kg.extract.rules.votes import RULES as VOTES

    return {"votes": VOTES, "items": ITEMS, "funding": FUNDING}
