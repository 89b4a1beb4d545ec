"""Choosing among the readings of a field: rule order, agreement, and the document's arithmetic.

Every rule's readings are kept; a field's value is chosen here, by an explicit
policy, and a close call is reported with the source lines of both readings.
Values are read, never computed: arithmetic only chooses among values read.

>>> from kg.extract.rules import Reading
>>> r = [Reading("present", 31, 0, 2, "a"), Reading("present", 36, 10, 12, "a"),
...      Reading("proxies", 3, 20, 21, "a"), Reading("voters", 39, 30, 32, "a")]
>>> chosen, _ = choose_counts(r)
>>> chosen["present"].value
36
"""

from __future__ import annotations

import itertools
from collections import Counter

from kg.extract.rules import Reading


def first_by_rule(readings: list[Reading], field: str, order: list[str]) -> Reading | None:
    """The reading of the earliest rule in ``order``; the earliest in the text among its readings."""
    found = [r for r in readings if r.field == field]
    if not found:
        return None
    return min(found, key=lambda r: (order.index(r.rule) if r.rule in order else len(order), r.start))


def first_in_text(readings: list[Reading], field: str) -> Reading | None:
    found = [r for r in readings if r.field == field]
    return min(found, key=lambda r: r.start) if found else None


def by_agreement(readings: list[Reading], field: str, order: list[str], *,
                 excluded: tuple[Reading, ...] = ()) -> tuple[Reading | None, list[Reading]]:
    """The value most readings agree on (ties: rule order), and the readings that disagree.

    A reading overlapping one of ``excluded`` (a convocation date inside "Convocation du
    conseil du 29 mai") is not a candidate.
    """
    found = [r for r in readings if r.field == field
             and not any(r.start < x.end and x.start < r.end for x in excluded)]
    if not found:
        return None, []
    votes = Counter(r.value for r in found)
    best = max(votes.values())
    tied = [r for r in found if votes[r.value] == best]
    chosen = min(tied, key=lambda r: (order.index(r.rule) if r.rule in order else len(order), r.start))
    return chosen, [r for r in found if r.value != chosen.value]


_FIELDS = ("seats", "in_office", "present", "proxies", "voters", "absent")


def choose_counts(readings: list[Reading], *, named: dict[str, int] | None = None
                  ) -> tuple[dict[str, Reading], list[tuple[Reading, Reading]]]:
    """One reading per count, and the close calls (kept, other) where readings disagree.

    Each field's first reading in the text is kept, unless a later one equals the
    number of names listed for it (``named``, e.g. 67 names under "Présents"), or
    another combination of readings satisfies present + proxies = voters while the
    first does not.

    >>> from kg.extract.rules import Reading
    >>> r = [Reading("present", 31, 0, 2, "a"), Reading("present", 32, 10, 12, "a")]
    >>> choose_counts(r, named={"present": 32})[0]["present"].value
    32
    """
    per_field = {f: sorted((r for r in readings if r.field == f), key=lambda r: r.start)
                 for f in _FIELDS}
    for field_name, count in (named or {}).items():
        listed = [r for r in per_field.get(field_name, []) if r.value == count]
        if listed and per_field[field_name][0].value != count:
            per_field[field_name] = listed + [r for r in per_field[field_name] if r.value != count]
    chosen = {f: rs[0] for f, rs in per_field.items() if rs}
    trio = ("present", "proxies", "voters")
    if all(per_field[f] for f in trio) and not _adds_up(chosen):
        combos = itertools.product(*(per_field[f][:4] for f in trio))
        for combo in combos:
            candidate = dict(zip(trio, combo, strict=True))
            if _adds_up(candidate):
                chosen.update(candidate)
                break
    close = [(chosen[f], r) for f, rs in per_field.items() if f in chosen
             for r in rs if r.value != chosen[f].value]
    return chosen, close


def _adds_up(c: dict[str, Reading]) -> bool:
    return bool(c["present"].value + c["proxies"].value == c["voters"].value)
