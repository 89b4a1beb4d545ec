"""The parts of a deliberation, found wherever they are.

Councils order their texts differently: the roll may follow the subject, the
counts may sit inside the opening sentence, a whole session's minutes put the
attendance once before many items. Rather than a fixed order, each part is
found by its own markers:

- ``header``: from the start to the first place where the council acts (a
  "décide", "après en avoir délibéré", a vote, an agenda): authority, dates,
  counts, attendance and president are read there, wherever they are inside it;
- ``subject``: the "OBJET" line, when there is one (inside or after the header);
- ``decision``: from the first "décide" / "délibère" to the end.

>>> z = find_zones("COMMUNE DE X\\nOBJET : Budget\\nPrésents : A B\\nAprès en avoir délibéré, décide : …")
>>> z.header.end < z.decision.start, z.subject is not None
(True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ACTS = re.compile(
    r"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|\bd[ée]cide\s*:|\bd[ée]lib[èe]re\s*:|\bARR[ÊE]TE\s*:"
    r"|^[\W_]*ordre\s+du\s+jour\s*:?|[àa]\s+l['\s]?unanimit[ée]|^\W*Vu\s+le\s+code"
    r"|\bLE\s+CONSEIL\s+(?:MUNICIPAL|COMMUNAUTAIRE)\s*,?\s*(?:A\s+L|APR[ÈE]S)",
    re.IGNORECASE | re.MULTILINE,
)
_DECIDE = re.compile(r"\bd[ée]cide\s*:?|\bd[ée]lib[èe]re\s*:|\bARR[ÊE]TE\s*:", re.IGNORECASE)
_ROLL = re.compile(r"pr[ée]sents?\b|en\s+exercice", re.IGNORECASE)
_OBJET = re.compile(r"^[\W_]*(?:(?i:objet)\s*:|OBJET\b)", re.MULTILINE)
# a header is never longer than this: past it, a whole-session minutes goes on with items
HEADER_MAX = 8000


@dataclass(frozen=True, slots=True)
class Zone:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Zones:
    header: Zone
    subject: Zone | None
    decision: Zone | None


def find_zones(text: str) -> Zones:
    """Where the header, the subject line and the decision of ``text`` are."""
    # An act before the attendance (the agenda of a convocation letter) does not end the header.
    roll = _ROLL.search(text, 0, HEADER_MAX)
    acts = _ACTS.search(text, roll.end() if roll else 0)
    header_end = min(acts.start() if acts else len(text), HEADER_MAX if len(text) > HEADER_MAX
                     else len(text))
    objet = _OBJET.search(text)
    subject = None
    if objet:
        line_end = text.find("\n", objet.end())
        subject = Zone(objet.start(), len(text) if line_end < 0 else line_end)
    decide = _DECIDE.search(text, subject.end if subject else 0)
    decision = Zone(decide.start(), len(text)) if decide else None
    return Zones(Zone(0, header_end), subject, decision)
