"""Whole-session minutes (procès-verbal, compte rendu, relevé de décisions): one item a deliberation.

Items are the numbered sections of the minutes that have a body: a heading read by one
of the rules of :mod:`kg.extract.rules.items` ("2017.02.07 - 1 …", "CC02_2023 …",
"1 - …", "… : 2019-93", "N° 3 - …"), its title continued on the next lines, then the
body up to the next heading, where the item's decisions, vote and financing plans are
read. One family of headings is used per document: the one whose sections hold the
most votes. An agenda (ordre du jour) repeats the numbers with no body: where a
number comes twice, the section with the longer body is the item.

>>> text = ("PROCES VERBAL\\n1 - Budget primitif\\nLe conseil, à l'unanimité, adopte.\\n"
...         "2 - Tarifs de l'eau\\nPour : 20 Contre : 3\\n")
>>> items, _ = read_minutes(Doc.of(text))
>>> [(i.number.value, i.subject.value, i.vote.outcome.value.value) for i in items[:1]]
[('1', 'Budget primitif', 'adopted-unanimously')]
>>> items[1].vote.pour.value, items[1].vote.contre.value
(20, 3)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.decisions import read_decisions
from kg.extract.records import Counts, Fact, FundingTable, Item, RangeCounts, Span
from kg.extract.rules.groups import PatternRule
from kg.extract.rules.items import (
    BODY_START,
    HEADING_RULES,
    MINUTES_TITLE,
    RANGE_COUNT_RULES,
    RANGE_HEAD,
    STRONG,
)
from kg.extract.rules.votes import ADOPTED, COUNT_RULES, REJECTED, UNANIMITY
from kg.extract.text import Doc
from kg.extract.votes import check_vote, is_empty, read_vote

MAX_TITLE_LINES = 4
_SPACES = re.compile(r"\s+")
_VOTE_HINTS = (UNANIMITY, ADOPTED, REJECTED, *COUNT_RULES[:6])
PlanReader = Callable[[Doc, int, int], list[FundingTable]]


@dataclass
class _Heading:
    rule: str
    start: int
    number: tuple[str, int, int] | None  # None: items titled without a number ("OBJET : …")
    subject: tuple[str, int, int]

    @property
    def end(self) -> int:
        return self.subject[2]


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _join(title: str, line: str) -> str:
    return title + line if title.endswith("-") else f"{title} {line}"


def _title(doc: Doc, m: re.Match[str]) -> tuple[str, int, int]:
    """The heading's subject, continued on the next lines while they read as a title."""
    title, start, end = m["subject"].strip(), m.start("subject"), m.end("subject")
    upper = _upper(title)
    lines = doc.lines(m.end() + 1)
    taken = 0
    for offset, line in lines:
        if not line.strip():
            if upper:
                continue  # capitals titles run across the blank lines of a PDF's text layer
            break
        stripped = line.strip()
        lower_start = stripped[:1].islower()
        if (taken >= MAX_TITLE_LINES - 1 or BODY_START.search(line)
                or (_upper(stripped) != upper and not lower_start)
                or any(r.search(line) for r in (UNANIMITY, ADOPTED)) or title.endswith(".")
                or any(r.compiled.match(line) for r in HEADING_RULES)):
            break
        title = _join(title, stripped)
        end = offset + len(line.rstrip())
        taken += 1
    return _SPACES.sub(" ", title).strip(" -–:"), start, end


def _number(m: re.Match[str]) -> tuple[str, int, int] | None:
    if "number" not in m.re.groupindex or m["number"] is None:
        return None
    return m["number"].strip(), m.start("number"), m.end("number")


def _shape(h: _Heading) -> str:
    return re.sub(r"\d+", "9", h.number[0]) if h.number else ""


def _headings(doc: Doc, rule: PatternRule) -> list[_Heading]:
    found = [_Heading(rule.key, m.start(), _number(m), _title(doc, m)) for m in rule.finditer(doc.text)]
    shapes: dict[str, int] = {}
    for h in found:
        shape = _shape(h)
        shapes[shape] = shapes.get(shape, 0) + 1
    if not shapes:
        return []
    main = max(shapes, key=lambda s: shapes[s])  # numbers of one family share one shape
    return [h for h in found if _shape(h) == main]


def _sections(doc: Doc, heads: list[_Heading]) -> list[tuple[_Heading, int, int]]:
    if not heads:
        return []
    bounds = [h.start for h in heads[1:]] + [len(doc.text)]
    sections = [(h, h.end, e) for h, e in zip(heads, bounds, strict=True)]
    best: dict[str, tuple[_Heading, int, int]] = {}
    for s in sections:  # an agenda repeats the numbers: keep the section with a body
        key = s[0].number[0] if s[0].number else str(s[0].start)
        if key not in best or s[2] - s[1] > best[key][2] - best[key][1]:
            best[key] = s
    return sorted(best.values(), key=lambda s: s[0].start)


def _has_vote(doc: Doc, start: int, end: int) -> bool:
    return any(r.search(doc.text, start, end) for r in _VOTE_HINTS)


def _family(doc: Doc) -> list[tuple[_Heading, int, int]]:
    """The sections of the heading family whose sections hold the most votes."""
    best: list[tuple[_Heading, int, int]] = []
    best_score = (0, False)
    for rule in HEADING_RULES:
        sections = _sections(doc, _headings(doc, rule))
        voted = sum(_has_vote(doc, s, e) for _h, s, e in sections)
        strong = rule.key in STRONG
        if not sections or (voted < 2 and not strong):
            continue
        score = (voted, strong)
        if score > best_score or (not best and strong):
            best, best_score = sections, score
    return best


def _item(doc: Doc, head: _Heading, start: int, end: int, plans: PlanReader | None) -> Item:
    decisions, _at = read_decisions(doc, start, end)
    vote = read_vote(doc, start, end)
    number = head.number[0] if head.number else head.subject[0][:60]
    if is_empty(vote):
        doc.warn(f"no vote read for item {number!r} (expected 'à l'unanimité', 'Pour : N Contre : N', "
                 "'par N voix pour' …)", head.start, head.end)
    subject, ss, se = head.subject
    return Item(
        subject=Fact(subject, doc.span(ss, se), rule=head.rule),
        number=Fact(head.number[0], doc.span(head.number[1], head.number[2]), rule=head.rule)
        if head.number else None,
        vote=vote,
        decisions=tuple(decisions),
        funding=tuple(plans(doc, start, end)) if plans else (),
        span=Span(head.start, end, doc.line_of(head.start),
                  doc.span(head.start, head.start).page),
    )


def read_minutes(doc: Doc, *, plans: PlanReader | None = None) -> tuple[list[Item], list[RangeCounts]]:
    """The items of whole-session minutes, and the counts stated per range of items.

    A document is read as minutes when it has at least two items, or one item and a
    title naming it minutes ("procès-verbal", "compte rendu de la séance").
    """
    sections = _family(doc)
    titled = MINUTES_TITLE.search(doc.text, 0, min(len(doc.text), 4000)) is not None
    if len(sections) < 2 and not (sections and titled):
        return [], []
    items = [_item(doc, h, s, e, plans) for h, s, e in sections]
    return items, read_ranges(doc)


def _range_counts(doc: Doc, start: int, end: int) -> Counts:
    found: dict[str, Fact[int]] = {}
    for rule in RANGE_COUNT_RULES:
        m = rule.search(doc.text, start, end)
        if m is None:
            continue
        group = next(g for g, v in m.groupdict().items() if v is not None)
        field = group.rstrip("2")
        found[field] = Fact(int(m[group]), doc.span(m.start(group), m.end(group)), rule=rule.key)
    return Counts(**found)


def read_ranges(doc: Doc) -> list[RangeCounts]:
    """ "Questions 1 à 10 : 32 présents 1 procuration 33 votants" -> counts for items 1 to 10."""
    heads = RANGE_HEAD.finditer(doc.text)
    out = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(doc.text)
        end = min(end, m.end() + 300)
        counts = _range_counts(doc, m.end(), end)
        if counts == Counts():
            continue
        first = Fact(int(m["first"]), doc.span(m.start("first"), m.end("first")), rule=RANGE_HEAD.key)
        last = (Fact(int(m["last"]), doc.span(m.start("last"), m.end("last")), rule=RANGE_HEAD.key)
                if m["last"] else None)
        out.append(RangeCounts(first=first, last=last, counts=counts))
    return out


def _range_of(number: str, ranges: list[RangeCounts]) -> Counts | None:
    if not number.isdigit():
        return None
    n = int(number)
    return next((r.counts for r in ranges if r.first.value <= n
                 and (r.last is None or n <= r.last.value)), None)


def check_items(doc: Doc, items: list[Item], ranges: list[RangeCounts], session: Counts) -> None:
    """Each item's vote against the counts of its range of items, else the session's."""
    for item in items:
        if item.vote is None:
            continue
        number = item.number.value if item.number else ""
        counts = _range_of(number, ranges) or session
        check_vote(doc, item.vote, counts, where=f"item {number!r}")
