"""What ``tkg eval`` compares: a record's fields against a reader's ``*.expected.json``.

Field names in the score are the expected file's keys (``counts.present``,
``items.vote.unanimous``…). A record of ``None`` (the document was rejected)
misses every recorded fact.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from kg.extract.compare import (
    council_kind,
    item_number,
    same_authority,
    same_funder,
    same_person,
    similar_text,
)
from kg.extract.records import Deliberation, Fact, FundingTable, Item, Outcome, PersonRef, Vote

if TYPE_CHECKING:
    from kg.extract.evaluate import Scorer

COUNTS = ("in_office", "present", "proxies", "voters", "absent")
VOTES = ("pour", "contre", "abstention", "nppv")


def _v(fact: Fact[Any] | None) -> Any:
    return None if fact is None else fact.value


def _iso(fact: Fact[dt.date] | None) -> str | None:
    return None if fact is None else fact.value.isoformat()


def _person(ref: PersonRef | None) -> str | None:
    if ref is None:
        return None
    return ref.resolved.full_name if ref.resolved is not None else ref.written.value


def _int(value: object) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _unanimous(vote: Vote) -> bool | None:
    """Unanimity as stated, or as the counts show it: all for, none against, abstaining or
    present without taking part ("23 voix sur 23 …, six conseillers ne participent pas au
    vote" is not unanimous; "à l'unanimité, M. X ne prenant pas part au vote" is, as stated)."""
    outcome = _v(vote.outcome)
    if outcome == Outcome.ADOPTED_UNANIMOUSLY:
        return True
    against, abstained, aside = _v(vote.contre), _v(vote.abstention), _v(vote.not_voting)
    if (against or 0) > 0 or (abstained or 0) > 0 or (aside or 0) > 0:
        return False
    if _v(vote.pour) is not None and against is not None and abstained is not None:
        return True
    return None


def _vote(scorer: Scorer, prefix: str, expected: dict[str, Any] | None, vote: Vote | None,
          nppv: object = None) -> None:
    exp = expected if isinstance(expected, dict) else {}
    got = vote or Vote()
    readers = {"pour": got.pour, "contre": got.contre, "abstention": got.abstention, "nppv": got.not_voting}
    for key in VOTES:
        e = exp.get(key, nppv if key == "nppv" else None)
        scorer.compare(f"{prefix}.{key}", _int(e), _v(readers[key]))
    e_unan = exp.get("unanimous")
    scorer.compare(f"{prefix}.unanimous", e_unan if isinstance(e_unan, bool) else None,
                   _unanimous(got) if vote is not None else None)


def _rows(tables: tuple[FundingTable, ...]) -> list[tuple[str, Decimal]]:
    return [(r.funder.value, r.amount.value) for t in tables for r in t.rows]


def _expected_rows(container: dict[str, Any]) -> list[tuple[str, Decimal]]:
    rows = list(container.get("funding") or [])
    for project in container.get("funding_by_project") or []:
        rows += project.get("funding") or []
    out = []
    for r in rows:
        if isinstance(r, dict) and r.get("funder") is not None and r.get("amount") is not None:
            out.append((str(r["funder"]), Decimal(str(r["amount"]))))
    return out


def _funding(scorer: Scorer, name: str, expected: list[tuple[str, Decimal]],
             got: list[tuple[str, Decimal]]) -> None:
    scorer.match_lists(name, expected, got,
                       lambda e, g: e[1] == g[1] and same_funder(e[0], g[0]))


def _match_item(expected: dict[str, Any], items: list[Item]) -> Item | None:
    number = expected.get("number")
    if number is not None:
        hit = next((i for i in items if i.number is not None
                    and item_number(i.number.value) == item_number(number)), None)
        if hit is not None:
            return hit
    subject = expected.get("subject")
    if subject:
        return next((i for i in items if similar_text(str(subject), i.subject.value, threshold=0.75)), None)
    return None


def _items(scorer: Scorer, expected: list[dict[str, Any]], items: tuple[Item, ...]) -> None:
    left = list(items)
    for e in expected:
        hit = _match_item(e, left)
        scorer.compare("items", e.get("subject") or e.get("number"), hit and hit.subject.value,
                       lambda a, b: True)
        if hit is not None:
            left.remove(hit)
        scorer.compare("items.number", None if e.get("number") is None else str(e["number"]),
                       hit and _v(hit.number), lambda a, b: item_number(a) == item_number(b))
        scorer.compare("items.subject", e.get("subject"), hit and hit.subject.value,
                       lambda a, b: similar_text(a, b))
        if isinstance(e.get("vote"), dict) and any(k in e["vote"] for k in (*VOTES, "unanimous")):
            _vote(scorer, "items.vote", e["vote"], hit.vote if hit else None)
        _funding(scorer, "items.funding", _expected_rows(e), _rows(hit.funding) if hit else [])
    for extra in left:
        scorer.compare("items", None, extra.subject.value)


def _counts_by_range(scorer: Scorer, expected: list[dict[str, Any]], record: Deliberation | None) -> None:
    ranges = {r.first.value: r.counts for r in record.counts_by_range} if record else {}
    for e in expected:
        first = _int(str(e.get("questions", "")).split("-")[0])
        got = ranges.pop(first, None) if first is not None else None
        for key in COUNTS:
            scorer.compare(f"counts_by_range.{key}", _int(e.get(key)),
                           None if got is None else _v(getattr(got, key)))
    for extra in ranges.values():
        for key in COUNTS:
            scorer.compare(f"counts_by_range.{key}", None, _v(getattr(extra, key)))


def document_fields(scorer: Scorer, expected: dict[str, Any], record: Deliberation | None) -> None:
    r = record
    session = r.session if r else None
    scorer.compare("authority", expected.get("authority"), r and _v(r.authority), same_authority)
    scorer.compare("council_kind", council_kind(expected.get("council_kind") or ""),
                   council_kind(_v(r.council) or "") if r else None)
    scorer.compare("session_date", expected.get("session_date"), session and _iso(session.date))
    scorer.compare("convocation_date", expected.get("convocation_date"),
                   session and _iso(session.convocation_date))
    for role in ("president", "secretary"):
        scorer.compare(role, expected.get(role), session and _person(getattr(session, role)), same_person)
    counts = expected.get("counts") or {}
    for key in COUNTS:
        scorer.compare(f"counts.{key}", _int(counts.get(key)), r and _v(getattr(r.counts, key)))
    _counts_by_range(scorer, expected.get("counts_by_question_range") or [], r)
    proxies = [tuple(p) for p in expected.get("proxies") or []]
    proxies += [(p["grantor"], p["holder"]) for p in expected.get("proxies_time_bounded") or []]
    got_proxies = [(p.grantor.full_name, p.holder.full_name if p.holder else p.holder_role)
                   for p in (r.proxies if r else ())]
    scorer.match_lists("proxies", proxies, got_proxies,
                       lambda e, g: g[1] is not None and same_person(e[0], g[0]) and same_person(e[1], g[1]))
    if "present_members" in expected:
        scorer.match_lists("present_members", expected["present_members"],
                           [p.full_name for p in (r.present if r else ())], same_person)
    subjects = [s for s in (expected.get("subject"), expected.get("subject_as_written")) if s]
    scorer.compare("subject", subjects[0] if subjects else None,
                   r and r.subject and r.subject.title.value,
                   lambda a, b: any(similar_text(s, b) for s in subjects))
    has_vote = r is not None and (r.vote != Vote() or "vote" in expected)
    _vote(scorer, "vote", expected.get("vote"), r.vote if r and has_vote else None,
          nppv=counts.get("nppv"))
    _items(scorer, expected.get("items") or [], r.items if r else ())
    _funding(scorer, "funding", _expected_rows(expected), _rows(r.funding) if r else [])


def scdl_fields(scorer: Scorer, expected: dict[str, Any], records: list[Deliberation]) -> None:
    """An SCDL file: how many records, whose, on which dates, and one row in full."""
    scorer.compare("scdl.records", _int(expected.get("records")), len(records))
    authorities = {r.authority.value for r in records if r.authority is not None}
    scorer.compare("scdl.authority", expected.get("authority"),
                   authorities.pop() if len(authorities) == 1 else None, same_authority)
    dates = Counter(r.session.date.value.isoformat() for r in records if r.session is not None)
    for day, n in (expected.get("delib_dates") or {}).items():
        scorer.compare("scdl.dates", f"{day}: {n}", f"{day}: {dates.get(day, 0)}")
    row = expected.get("sample_row") or {}
    hit = next((r for r in records if r.subject is not None and r.subject.number is not None
                and r.subject.number.value == row.get("DELIB_ID")), None)
    if row:
        number = hit.subject.number if hit is not None and hit.subject is not None else None
        scorer.compare("scdl.sample_row.id", row.get("DELIB_ID"), _v(number))
        scorer.compare("scdl.sample_row.date", row.get("DELIB_DATE"),
                       hit and hit.session and _iso(hit.session.date))
        scorer.compare("scdl.sample_row.subject", row.get("DELIB_OBJET_starts"),
                       hit and hit.subject and hit.subject.title.value,
                       lambda a, b: similar_text(a, b[: len(a)], threshold=0.9))
        columns = (("VOTE_POUR", "pour"), ("VOTE_CONTRE", "contre"), ("VOTE_ABSTENTION", "abstention"))
        for key, attr in columns:
            scorer.compare(f"scdl.sample_row.{attr}", _int(row.get(key)), hit and _v(getattr(hit.vote, attr)))
