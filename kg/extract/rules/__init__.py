"""Named extraction rules: each a key, a pattern and the examples it must read.

A rule is data: adding a layout is adding a rule and its examples, without
touching the others. ``tests/extract/test_rules.py`` runs every example of every
rule; an example whose expectation is ``None`` must *not* match.

>>> r = Rule("pour-colon", r"pour\\s*:\\s*(?P<pour>\\d+)", (("Pour : 23", {"pour": "23"}),))
>>> r.search("Pour : 23")["pour"]
'23'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# What an example expects: the named groups it must capture, or None when it must not match.
Expected = dict[str, str | None] | None


@dataclass(frozen=True)
class Rule:
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


def all_rules() -> dict[str, tuple[Rule, ...]]:
    """Every rule family by name, for the tests and for reports of which rules fire."""
    from kg.extract.rules.funding import RULES as FUNDING
    from kg.extract.rules.items import RULES as ITEMS
    from kg.extract.rules.votes import RULES as VOTES

    return {"votes": VOTES, "items": ITEMS, "funding": FUNDING}
