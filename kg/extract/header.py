"""The extract's header: authority, council, session, counts, attendance, subject.

>>> d = Doc.of("En exercice 39 Présents 36 Pouvoirs 3 Votants 39")
>>> c = read_counts(d, 0, len(d.text))
>>> (c.in_office.value, c.present.value, c.proxies.value, c.voters.value)
(39, 36, 3, 39)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kg.extract.attendance import read_roll as read_roll  # where callers found it before
from kg.extract.people import (
    match_person,
)
from kg.extract.records import Counts, Fact, Person, PersonRef, Session, Subject
from kg.extract.rules import Reading, Rule, authority, counts, dates, people, read_all
from kg.extract.rules.dates import make_date
from kg.extract.select import by_agreement, choose_counts, first_by_rule, first_in_text
from kg.extract.text import Doc, clean
from kg.extract.values import fold

# "OBJET : …", "Objet : …", "OBJET …" (a sentence's "… a pour objet de …" is not one)
OBJET = re.compile(r"^[\W_]*(?:(?i:objet)\s*:|OBJET\b)\s*(?P<first>.*)$", re.MULTILINE)
NUMBER = re.compile(r"D[ée]lib[ée]ration\s+n[°o]\s*(?P<num>[\w./-]+)", re.IGNORECASE)
TIME = re.compile(r"(?<![\d/])(?P<hour>[01]?\d|2[0-3])\s*(?:heures?|h|H)\s*(?P<minute>[0-5]\d)?(?!\d)")

_SECTIONS = re.compile(
    r"^[#*\s]*(?P<head>(?:Membres\s+|Conseillers\s+|[ÉE]taient\s+)?(?P<kind>pr[ée]sents?|absents?"
    r"(?:\s+excus[ée]s)?|excus[ée]s|repr[ée]sent[ée]s)\b[^:\n]*?)\s*(?:\(\d+\))?\s*:?\**\s*(?P<rest>.*)$",
    re.IGNORECASE | re.MULTILINE,
)


_STOP = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$|^\W*D[ée]lib[ée]ration\s+n[°o]",
                   re.MULTILINE | re.IGNORECASE)


def _order(rules: tuple[Rule, ...]) -> list[str]:
    return [r.key for r in rules]


def read_authority(doc: Doc, end: int | None = None) -> tuple[Fact[str] | None, Fact[str] | None]:
    """The deciding authority and its council, as written (the registry resolves them)."""
    readings = read_all(authority.RULES, doc.text, 0, end)
    order = _order(authority.RULES)
    auth = first_by_rule(readings, "authority", order)
    council = first_in_text(readings, "council")
    return _fact(doc, auth), _fact(doc, council)


def read_authority_siren(doc: Doc) -> Fact[str] | None:
    """The SIREN inside an ACTES transmission number, anywhere in the text."""
    rules = tuple(r for r in authority.RULES if r.key == "authority.actes-siren")
    readings = read_all(rules, doc.text)
    return _fact(doc, readings[0]) if readings else None


def _fact(doc: Doc, r: Reading | None) -> Fact[Any] | None:
    return None if r is None else doc.fact(r.value, r.start, r.end, r.rule)


def read_counts(doc: Doc, start: int, end: int, *, named: dict[str, int] | None = None) -> Counts:
    """The declared counts between ``start`` and ``end``; disagreeing readings are reported.

    ``named`` are the lengths of the lists of names, to choose among disagreeing readings.
    """
    chosen, close = choose_counts(read_all(counts.RULES, doc.text, start, end), named=named)
    for kept, other in close[:6]:
        doc.warn(f"{kept.field}: read {kept.value} (line {doc.locate(kept.start, kept.end).line}) "
                 f"and {other.value} (line {doc.locate(other.start, other.end).line}); kept "
                 f"{kept.value}", other.start, other.end)
    return Counts(**{k: doc.fact(r.value, r.start, r.end, r.rule) for k, r in chosen.items()})


def read_session(doc: Doc, roll: list[Person], end: int) -> Session | None:
    """Session date (chosen by agreement), time, convocation, president and secretary."""
    readings = read_all(dates.RULES, doc.text, 0, end)
    order = _order(dates.RULES)
    convocations = [r for r in readings if r.field in ("convocation_date", "convocation_day")]
    date, others = by_agreement(readings, "session_date", order, excluded=tuple(convocations))
    if date is None:
        return None
    for other in others[:3]:
        doc.warn(f"session date: read {date.value} and {other.value}; kept {date.value}",
                 other.start, other.end)
    names = read_all(people.RULES, doc.text, 0, end)
    return Session(
        date=doc.fact(date.value, date.start, date.end, date.rule),
        weekday=_weekday(doc, date),
        time=_time(doc, date, end),
        president=_ref(doc, first_by_rule(names, "president", _order(people.RULES)), roll),
        secretary=_ref(doc, first_by_rule(names, "secretary", _order(people.RULES)), roll),
        convocation_date=_convocation(doc, readings, order, date.value),
    )


def _weekday(doc: Doc, date: Reading) -> Fact[str] | None:
    m = re.search(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b",
                  doc.text[date.start:date.end], re.IGNORECASE)
    if not m:
        return None
    return doc.fact(fold(m[1]), date.start + m.start(1), date.start + m.end(1), date.rule)


def _time(doc: Doc, date: Reading, end: int) -> Fact[dt.time] | None:
    """The start time written right after the date ("à 18h30", "à dix-huit heures" is not read)."""
    m = re.compile(r"\s*,?\s*(?:[àa]\s+)?").match(doc.text, date.end)
    at = m.end() if m else date.end
    t = TIME.match(doc.text, at, min(end, at + 20) if end > at else at + 20)
    if not t:
        return None
    value = dt.time(int(t["hour"]), int(t["minute"] or 0))
    return doc.fact(value, t.start(), t.end(), "dates.start-time")


def _convocation(doc: Doc, readings: list[Reading], order: list[str],
                 session: dt.date) -> Fact[dt.date] | None:
    full = first_by_rule(readings, "convocation_date", order)
    if full is not None:  # as written, even after the session: the shapes report that
        return doc.fact(full.value, full.start, full.end, full.rule)
    day = first_by_rule(readings, "convocation_day", order)
    if day is None:
        return None
    # Written without its year: the session's year (the year before, across a new year).
    for year in (session.year, session.year - 1):
        value = make_date(year, day.value.month, day.value.day)
        if value is not None and value <= session:
            return doc.fact(value, day.start, day.end, day.rule)
    return None


def _ref(doc: Doc, r: Reading | None, roll: list[Person]) -> PersonRef | None:
    if r is None:
        return None
    written = doc.fact(str(r.value), r.start, r.end, r.rule)
    found = match_person(written.value, roll)
    if found is None:
        doc.warn(f"{written.value!r} does not designate exactly one member of the lists",
                 r.start, r.end)
    return PersonRef(written=written, resolved=found)


# the subject of a single deliberation opens it; an "Objet :" deep in a session's minutes
# belongs to one of its items
SUBJECT_WITHIN = 16000


def read_subject(doc: Doc) -> tuple[Subject | None, int]:
    """The subject and the offset where it starts (the end of the header)."""
    m = OBJET.search(doc.text, 0, SUBJECT_WITHIN)
    if not m:
        return None, len(doc.text)
    first = doc.text_fact(m, "first")
    nxt = re.compile(r"\n\s*(?P<title>\*\*[^\n]+\*\*|[^\n]+)").match(doc.text, m.end())
    heading = None
    if nxt and clean(nxt["title"]) and (nxt["title"].startswith("**") or first.value.isupper()):
        if first.value.isupper() and first.value:
            heading, title = first, doc.text_fact(nxt, "title")
        else:
            title = first
    else:
        title = first
    num = NUMBER.search(doc.text)
    number = doc.group_fact(num, "num", num["num"]) if num else None
    return Subject(title=title, heading=heading, number=number), m.start()
