"""The vote of a deliberation, read with the rules of :mod:`kg.extract.rules.votes`.

Every reading of a count is kept as a candidate; one value is chosen only when
the readings agree, else the field is left out and both lines are reported.
Counts are read, never computed, except that a list of named members
("6 abstentions (MM. LEROY, SIRI…)", "… QUI S'ABSTIENNENT") is a count of the
names it lists. The vote is then checked against the attendance by arithmetic.

>>> d = Doc.of("POUR 14 CONTRE / ABSTENTIONS /")
>>> v = read_vote(d, 0, len(d.text))
>>> (v.pour.value, v.contre.value, v.abstention.value, v.pour.rule)
(14, 0, 0, 'for-against-inline')
>>> d = Doc.of("A L'EXCEPTION DE MME LEROY, M. SIRI QUI S'ABSTIENNENT, ACCEPTE CES PROPOSITIONS")
>>> v = read_vote(d, 0, len(d.text))
>>> (v.abstention.value, [a.value for a in v.abstainers], v.outcome.value.value)
(2, ['LEROY', 'SIRI'], 'adopted')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.records import Counts, Fact, Outcome, Span, Vote
from kg.extract.rules.votes import (
    ADOPTED,
    CIVILITIES,
    COUNT_RULES,
    NOT_COUNCIL,
    REJECTED,
    SECRET_BALLOT,
    UNANIMITY,
    count_value,
)
from kg.extract.text import Doc

LIST_FIELDS = {"abstainers": "abstention", "not_voting_members": "not_voting"}
_ALIASES = {"contre2": "contre"}
_CIVILITY = re.compile(rf"^\s*{CIVILITIES}\s*", re.IGNORECASE)
_SEP = re.compile(r"\s*(?:,|;|\bet\b|…|\.\.\.)\s*", re.IGNORECASE)


@dataclass
class _Reading:
    value: int
    start: int
    end: int
    rule: str


def _names(doc: Doc, m: re.Match[str], group: str, rule: str) -> list[Fact[str]]:
    """The members a named list holds, civilities ("MADAME", "MM.") left out."""
    out = []
    base = m.start(group)
    raw = m.group(group)
    pos = 0
    for part in [*_SEP.split(raw)]:
        at = raw.find(part, pos)
        pos = at + len(part)
        name = part
        lead = 0
        while (c := _CIVILITY.match(name)) and c.end() < len(name):
            lead += c.end()
            name = name[c.end():]
        name = name.strip(" .")
        if not name or any(ch.isdigit() for ch in name) or len(name.split()) > 4:
            continue
        start = base + at + lead
        out.append(Fact(name, doc.span(start, start + len(name)), rule=rule))
    return out


def _line(doc: Doc, span: Span) -> str:
    s = doc.line_starts[span.line - 1]
    e = doc.text.find("\n", s)
    return doc.text[s:e if e >= 0 else len(doc.text)].strip()


def _choose(doc: Doc, field: str, readings: list[_Reading]) -> Fact[int] | None:
    values = {r.value for r in readings}
    first = readings[0]
    if len(values) > 1:
        other = next(r for r in readings if r.value != first.value)
        a, b = doc.span(first.start, first.end), doc.span(other.start, other.end)
        doc.warn(f"two readings of the vote's {field!r}: {first.value} in {_line(doc, a)!r} "
                 f"and {other.value} in {_line(doc, b)!r}; left out", first.start, first.end)
        return None
    return Fact(first.value, doc.span(first.start, first.end), rule=first.rule)


def _by_council(doc: Doc, at: int) -> bool:
    """False when the sentence before ``at`` says a committee or an opinion voted, not the council."""
    line = doc.text.rfind("\n", 0, at) + 1
    sentence = max(doc.text.rfind(". ", line, at) + 1, line, at - 160)
    before = doc.text[sentence:at]
    return NOT_COUNCIL.search(before) is None or re.search(r"(?i)\bconseil\b", before) is not None


def _outcome(doc: Doc, start: int, end: int, contre: Fact[int] | None) -> Fact[Outcome] | None:
    for rule, value in ((UNANIMITY, Outcome.ADOPTED_UNANIMOUSLY), (REJECTED, Outcome.REJECTED),
                        (ADOPTED, Outcome.ADOPTED)):
        m = next((m for m in rule.finditer(doc.text, start, end) if _by_council(doc, m.start())),
                 None)
        if m is None:
            continue
        if value is Outcome.ADOPTED_UNANIMOUSLY and contre is not None and contre.value > 0:
            doc.warn(f"vote written unanimous but with {contre.value} against; outcome left out",
                     m.start(), m.end())
            return None
        return Fact(value, doc.span(m.start(), m.end()), rule=rule.key)
    return None


def read_vote(doc: Doc, start: int, end: int) -> Vote:
    """Read the vote written in ``doc.text[start:end]``."""
    readings: dict[str, list[_Reading]] = {}
    lists: dict[str, list[Fact[str]]] = {}
    for rule in COUNT_RULES:
        for m in rule.finditer(doc.text, start, end):
            for group, written in m.groupdict().items():
                if written is None or group == "label":
                    continue
                if group in LIST_FIELDS:
                    lists.setdefault(group, []).extend(_names(doc, m, group, rule.key))
                    continue
                value = count_value(written)
                if value is None or group == "unread":
                    field = (m.groupdict().get("label") or group).lower()
                    doc.warn(f"vote count {field!r} is {written!r}, expected a number",
                             m.start(group), m.end(group))
                    continue
                field = _ALIASES.get(group, group)
                readings.setdefault(field, []).append(
                    _Reading(value, m.start(group), m.end(group), rule.key))
    found = {f: fact for f, rs in readings.items() if (fact := _choose(doc, f, rs)) is not None}
    for group, names in lists.items():
        field = LIST_FIELDS[group]
        if field not in found and names:
            found[field] = Fact(len(names), names[0].span, rule=f"{names[0].rule}:names")
        elif field in found and names and found[field].value != len(names):
            doc.warn(f"{found[field].value} written for {field!r} but {len(names)} members named",
                     found[field].span.start, found[field].span.end)
    secret = SECRET_BALLOT.search(doc.text, start, end)
    return Vote(
        outcome=_outcome(doc, start, end, found.get("contre")),
        secret_ballot=Fact(True, doc.span(secret.start(), secret.end()), rule=SECRET_BALLOT.key)
        if secret else None,
        abstainers=tuple(lists.get("abstainers", ())),
        not_voting_members=tuple(lists.get("not_voting_members", ())),
        **found,
    )


def with_header_not_voting(doc: Doc, vote: Vote, start: int, end: int) -> Vote:
    """A single deliberation's "ne prend pas part au vote : 0" written in its header block."""
    if vote.not_voting is not None:
        return vote
    rule = next(r for r in COUNT_RULES if r.key == "not-voting-colon")
    m = rule.search(doc.text, start, end)
    value = count_value(m["not_voting"]) if m else None
    if m is None or value is None:
        return vote
    fact = Fact(value, doc.span(m.start("not_voting"), m.end("not_voting")), rule=rule.key)
    return replace(vote, not_voting=fact)


def is_empty(vote: Vote) -> bool:
    return vote == Vote()


def check_vote(doc: Doc, vote: Vote, counts: Counts, *, where: str = "the vote") -> None:
    """Report a vote whose counts do not add up to the voters (present + proxies when unwritten).

    Nothing is corrected: a close call (off by one or two) and a plain mismatch are
    both reported with the two source lines.
    """
    cast = [f for f in (vote.pour, vote.contre, vote.abstention, vote.not_voting) if f is not None]
    if vote.pour is None or not cast:
        return
    total = sum(f.value for f in cast)
    if counts.voters is not None:
        expected, ref = counts.voters.value, counts.voters.span
    elif counts.present is not None and counts.proxies is not None:
        expected, ref = counts.present.value + counts.proxies.value, counts.present.span
    else:
        return
    if total == expected or (vote.expressed is not None and total <= expected):
        return
    kind = "close call" if abs(total - expected) <= 2 else "mismatch"
    doc.warn(f"{kind}: {where} counts {total} voices ({_line(doc, vote.pour.span)!r}) but "
             f"{expected} voters ({_line(doc, ref)!r})", vote.pour.span.start, vote.pour.span.end)
