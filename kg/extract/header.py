"""The extract's header: authority, council, session, counts, attendance, subject.

>>> d = Doc.of("En exercice 39 Présents 36 Pouvoirs 3 Votants 39")
>>> c = read_counts(d, 0, len(d.text))
>>> (c.in_office.value, c.present.value, c.proxies.value, c.voters.value)
(39, 36, 3, 39)
"""

from __future__ import annotations

import re

from kg.extract.people import (
    Roll,
    build_proxies,
    match_person,
    read_item,
    read_status_rows,
    split_items,
)
from kg.extract.records import Counts, Fact, Person, PersonRef, Proxy, Session, Subject, Substitute
from kg.extract.text import Doc, clean
from kg.extract.values import DATE, TIME, date_from_match, fold

COUNCIL = re.compile(
    r"(?P<council>Conseil\s+(?:municipal|communautaire|m[ée]tropolitain|syndical|"
    r"d[ée]partemental|r[ée]gional|de\s+communaut[ée]|de\s+la\s+m[ée]tropole))"
    r"\s+(?:de\s+la\s+|du\s+|de\s+l['’]|des\s+|de\s+|d['’])(?P<authority>[^\n*#]+)",
    re.IGNORECASE,
)
SESSION = re.compile(rf"(?:S[ée]ance|R[ée]union|Session)\s+(?:publique\s+)?du\s+{DATE}"
                     rf"(?:\s*(?:,|à)\s*{TIME})?", re.IGNORECASE)
PRESIDENT = re.compile(r"^\W*Pr[ée]sid(?:ent|ente|ence)(?:\s+de\s+s[ée]ance)?\s*:\s*(?P<who>.+)$",
                       re.IGNORECASE | re.MULTILINE)
SECRETARY = re.compile(r"^\W*Secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*:\s*(?P<who>.+)$",
                       re.IGNORECASE | re.MULTILINE)
CONVOCATION = re.compile(rf"(?:convocation|convoqu[ée]s?)[^\n\d]{{0,40}}?{DATE}", re.IGNORECASE)
OBJET = re.compile(r"^[\W_]*OBJET\s*:?\s*(?P<first>.*)$", re.IGNORECASE | re.MULTILINE)
NUMBER = re.compile(r"D[ée]lib[ée]ration\s+n[°o]\s*(?P<num>[\w./-]+)", re.IGNORECASE)

_COUNT_LABELS = {
    "seats": r"membres\s+(?:du\s+conseil[^:\d\n]*|composant\s+le\s+conseil|du\s+comit[ée])"
             r"|conseillers\s+(?:communautaires|municipaux|m[ée]tropolitains)(?=\s*:)",
    "in_office": r"(?:membres|conseillers)?\s*en\s+exercice",
    "present": r"pr[ée]sents(?:\s+participant\s+au\s+vote)?|[ée]taient\s+pr[ée]sents",
    "proxies": r"procurations?|pouvoirs",
    "voters": r"votants",
    "absent": r"absents",
}
COUNT = re.compile(
    r"(?P<label>" + "|".join(f"(?P<{k}>{v})" for k, v in _COUNT_LABELS.items()) + r")"
    r"\s*(?:\s:|:|-)?\s*\(?\s*(?P<n>\d+)\s*\)?",
    re.IGNORECASE,
)
_SECTIONS = re.compile(
    r"^[#*\s]*(?P<head>(?:Membres\s+|Conseillers\s+|[ÉE]taient\s+)?(?P<kind>pr[ée]sents?|absents?"
    r"(?:\s+excus[ée]s)?|excus[ée]s|repr[ée]sent[ée]s)\b[^:\n]*?)\s*(?:\(\d+\))?\s*:?\**\s*(?P<rest>.*)$",
    re.IGNORECASE | re.MULTILINE,
)


_STOP = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$|^\W*D[ée]lib[ée]ration\s+n[°o]",
                   re.MULTILINE | re.IGNORECASE)


def read_authority(doc: Doc) -> tuple[Fact[str] | None, Fact[str] | None]:
    m = COUNCIL.search(doc.text)
    if not m:
        return None, None
    return doc.text_fact(m, "authority"), doc.text_fact(m, "council")


def read_counts(doc: Doc, start: int, end: int) -> Counts:
    found: dict[str, Fact[int]] = {}
    for m in COUNT.finditer(doc.text, start, end):
        kind = next(k for k in _COUNT_LABELS if m.group(k))
        if kind not in found:
            found[kind] = doc.group_fact(m, "n", int(m["n"]))
    return Counts(**found)


def read_session(doc: Doc, roll: list[Person], end: int) -> Session | None:
    m = SESSION.search(doc.text, 0, end)
    if not m:
        return None
    date = doc.fact(date_from_match(m), m.start(), m.end())
    weekday = doc.group_fact(m, "weekday", fold(m["weekday"])) if m["weekday"] else None
    time = None
    if m["hour"]:
        import datetime as dt

        time = doc.fact(dt.time(int(m["hour"]), int(m["minute"] or 0)), m.start("hour"), m.end())
    conv = CONVOCATION.search(doc.text, 0, end)
    return Session(
        date=date,
        weekday=weekday,
        time=time,
        president=_ref(doc, PRESIDENT.search(doc.text, 0, end), roll),
        secretary=_ref(doc, SECRETARY.search(doc.text, 0, end), roll),
        convocation_date=doc.fact(date_from_match(conv), conv.start(), conv.end())
        if conv else None,
    )


def _ref(doc: Doc, m: re.Match[str] | None, roll: list[Person]) -> PersonRef | None:
    if not m:
        return None
    written = doc.text_fact(m, "who")
    found = match_person(written.value, roll)
    if found is None:
        doc.warn(f"{written.value!r} does not designate exactly one member of the lists",
                 written.span.start, written.span.end)
    return PersonRef(written=written, resolved=found)


def read_roll(doc: Doc, end: int) -> tuple[Roll, list[Proxy], list[Substitute]]:
    """Read the present and absent sections that precede the subject."""
    roll = Roll(present=[], absent=[], proxies=[], substitutes=[])
    rule = _STOP.search(doc.text, 0, end)
    end = rule.start() if rule else end
    heads = [m for m in _SECTIONS.finditer(doc.text, 0, end) if not m["rest"][:1].isdigit()]
    if not heads:
        read_status_rows(doc, roll, 0, end)
    for i, head in enumerate(heads):
        present = fold(head["kind"]).startswith("present")
        stop = heads[i + 1].start() if i + 1 < len(heads) else end
        doc.span(head.start(), head.end("head"))
        body_start = head.start("rest")
        for offset, line in doc.lines(body_start, stop):
            if offset < body_start:
                line, offset = line[body_start - offset:], body_start
            if not line.strip() or line.strip().startswith(("---", "***", "___")):
                continue
            for pos, item in split_items(line):
                if not read_item(doc, roll, item, offset + pos, present=present):
                    doc.warn(f"not read as a member's name: {item!r}", offset + pos,
                             offset + pos + len(item))
    proxies, subs = build_proxies(doc, roll)
    return roll, proxies, subs


def read_subject(doc: Doc) -> tuple[Subject | None, int]:
    """The subject and the offset where it starts (the end of the header)."""
    m = OBJET.search(doc.text)
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
