"""From a document's text to a :class:`Deliberation` record."""

from __future__ import annotations

import bisect
import re

from kg.extract.decisions import read_decisions, read_vote
from kg.extract.errors import ExtractionError
from kg.extract.header import read_authority, read_counts, read_roll, read_session, read_subject
from kg.extract.records import Deliberation, Issue, Severity, SourceDocument, Span
from kg.extract.report import read_programme
from kg.extract.text import Doc

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


def read_deliberation(source: SourceDocument) -> Deliberation:
    """Extract one deliberation; raise :class:`ExtractionError` if it is not one."""
    doc = Doc.from_source(source)
    subject, header_end = read_subject(doc)
    authority, council = read_authority(doc)
    roll, proxies, substitutes = read_roll(doc, header_end)
    session = read_session(doc, roll.present + roll.absent, header_end)
    missing = [what for what, value in (("an authority ('Conseil … de <authority>')", authority),
                                        ("a session date ('Séance du …')", session),
                                        ("a subject ('OBJET : …')", subject)) if value is None]
    if missing:
        raise ExtractionError(source.path, "not a deliberation: expected " + ", ".join(missing))
    assert authority is not None and session is not None and subject is not None
    decisions, decide_at = read_decisions(doc, header_end, len(doc.text))
    programme = read_programme(doc, header_end, decide_at, title=subject.title.value)
    if not decisions:
        doc.warn("no decision read: expected 'décide :' followed by articles ('- d'approuver …')",
                 header_end, header_end)
    # Without a "décide" marker the vote may follow anything after the header.
    vote = read_vote(doc, decide_at if decisions else header_end, len(doc.text))
    counts = read_counts(doc, 0, header_end)
    return Deliberation(
        source=source,
        authority=authority,
        council=council,
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
        issues=(*_encoding(doc, source), *doc.issues, *_unread(doc)),
    )
