"""From a document's text to a :class:`Deliberation` record."""

from __future__ import annotations

import re

from kg.extract.attendance import read_roll
from kg.extract.decisions import read_decisions, read_vote, vote_start
from kg.extract.errors import ExtractionError
from kg.extract.header import read_authority, read_authority_siren, read_counts, read_session, read_subject
from kg.extract.minutes import check_items, read_minutes
from kg.extract.plans import read_plans
from kg.extract.records import Deliberation, Issue, Severity, SourceDocument, Span, Vote
from kg.extract.report import read_programme
from kg.extract.text import Doc
from kg.extract.votes import check_vote, with_header_not_voting
from kg.extract.zones import find_zones

_DATA_LIKE = re.compile(r"\d|€|%|\t")


def _unread(doc: Doc) -> list[Issue]:
    """Lines holding numbers or table cells that no fact was read from."""
    out = []
    for offset, line in doc.lines():
        n = doc.line_of(offset)
        stripped = line.strip(" \t*#-_")
        if n in doc.used_lines or not stripped or not _DATA_LIKE.search(line):
            continue
        out.append(Issue(Severity.WARNING, f"not captured: {stripped[:100]!r}",
                         doc.locate(offset, offset + len(line))))
    return out


def _encoding(doc: Doc, source: SourceDocument) -> list[Issue]:
    """A warning for each line that was not UTF-8 (read as Windows-1252)."""
    out = []
    text = source.text
    starts = doc.original_line_starts
    for n in source.legacy_lines:
        start = starts[n - 1] if n <= len(starts) else len(text)
        end = text.find("\n", start)
        out.append(Issue(Severity.WARNING, "line not in UTF-8, read as Windows-1252 (Latin-1)",
                         Span(start, len(text) if end < 0 else end, n)))
    return out


_MISSING = (
    ("authority", "no authority read: expected 'COMMUNE DE …', 'Ville de …', 'Conseil … de <authority>'"),
    ("session", "no session date read: expected 'Séance du …', 'L'an deux mille …, le …', '… du <date>'"),
    ("subject", "no subject read: expected 'OBJET : …'"),
)


def read_deliberation(source: SourceDocument) -> Deliberation:
    """Extract one deliberation with whatever can be read, each gap a located warning.

    Only a text with nothing of a deliberation in it (no authority, date, subject,
    attendance, decision or vote; a council's name alone is not enough) raises
    :class:`ExtractionError`.
    """
    doc = Doc.from_source(source)
    zones = find_zones(doc.text)
    header_end = zones.header.end
    subject, subject_at = read_subject(doc)
    authority, council = read_authority(doc, header_end)
    roll, proxies, substitutes = read_roll(doc, header_end)
    session = read_session(doc, roll.present + roll.absent, header_end)
    items, ranges = read_minutes(doc, plans=read_plans)
    decisions, decide_at = read_decisions(doc, subject_at, len(doc.text))
    programme = read_programme(doc, subject_at, decide_at,
                               title=subject.title.value if subject else "")
    if items:  # whole-session minutes: decisions and votes belong to each item
        decisions, vote = [], Vote()
    else:
        # After "décide" (with articles or not); without the marker, anything after the subject.
        found_decide = decide_at < len(doc.text)
        vote = read_vote(doc, vote_start(doc, decide_at, subject_at) if found_decide else subject_at,
                         len(doc.text))
        if vote == Vote():
            doc.warn("no vote read: expected 'à l'unanimité', 'Pour : N Contre : N', "
                     "'par N voix pour' … after the decision", decide_at, decide_at)
        vote = with_header_not_voting(doc, vote, 0, header_end)
    named = {"present": len(roll.present)} if roll.present else None
    counts = read_counts(doc, 0, header_end, named=named)
    found = {"authority": authority, "session": session, "subject": subject}
    # a council's name or a count alone (a README, a letter) is not a deliberation
    if not any((*found.values(), decisions, items, roll.present, roll.absent, vote.outcome)):
        raise ExtractionError(source.path, "not a deliberation: no authority, session "
                              "date, subject, attendance, decision or vote could be read")
    for key, message in _MISSING:
        if found[key] is None and not (key == "subject" and items):
            doc.warn(message, 0, 0)
    if not decisions and not items:
        doc.warn("no decision read: expected 'décide :' followed by articles ('- d'approuver …')",
                 subject_at, subject_at)
    check_vote(doc, vote, counts)
    check_items(doc, items, ranges, counts)
    return Deliberation(
        source=source,
        authority=authority,
        council=council,
        authority_siren=read_authority_siren(doc),
        session=session,
        subject=subject,
        counts=counts,
        present=tuple(roll.present),
        absent=tuple(roll.absent),
        proxies=tuple(proxies),
        substitutes=tuple(substitutes),
        programme=programme,
        decisions=tuple(decisions),
        vote=vote,
        funding=() if items else tuple(read_plans(doc, subject_at, len(doc.text))),
        items=tuple(items),
        counts_by_range=tuple(ranges),
        issues=(*_encoding(doc, source), *doc.issues, *_unread(doc)),
    )
