"""Decisions (one per article); the vote is read by :mod:`kg.extract.votes`.

>>> d = Doc.of("Pour : 30 – Contre : 2 – Abstentions : 1")
>>> v = read_vote(d, 0, len(d.text))
>>> (v.pour.value, v.contre.value, v.abstention.value)
(30, 2, 1)
>>> v = read_vote(Doc.of("adopté par 30 voix pour, 2 voix contre et 1 abstention"), 0, 60)
>>> (v.pour.value, v.contre.value, v.abstention.value, v.outcome.value.value)
(30, 2, 1, 'adopted')
"""

from __future__ import annotations

import re

from kg.extract.records import Decision, DecisionKind
from kg.extract.text import Doc, clean
from kg.extract.values import fold
from kg.extract.votes import read_vote

DECIDE = re.compile(r"d[ée]cide\s*:?|d[ée]lib[èe]re\s*:|ARR[ÊE]TE\s*:", re.IGNORECASE)
ARTICLE = re.compile(
    r"^\s*(?:[-*•]|\d+[.)°]|Article\s+\d+\s*[:.-])?\s*(?:\*\*)?(?P<verb>d['’](?:approuver|autoriser|"
    r"apporter|adopter|attribuer|accorder|engager)|de\s+(?:dire|d[ée]signer|verser|financer|"
    r"prendre|valider|confier|charger)|D['’](?:APPROUVER|AUTORISER|APPORTER))(?:\*\*)?\s*"
    r"(?P<rest>.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_KINDS = [
    (r"autoriser.*sign", DecisionKind.AUTHORISE_SIGNATURE),
    (r"autoriser", DecisionKind.AUTHORISE),
    (r"approuver|valider", DecisionKind.APPROVE),
    (r"apporter.*financ|attribuer|accorder|verser|financer|engager.*financ", DecisionKind.FUND),
    (r"designer", DecisionKind.DESIGNATE),
    (r"dire|prendre acte", DecisionKind.STATE),
    (r"adopter", DecisionKind.ADOPT),
]

def _kind(text: str) -> DecisionKind:
    folded = fold(text)
    return next((k for pattern, k in _KINDS if re.search(pattern, folded)), DecisionKind.OTHER)


def read_decisions(doc: Doc, start: int, end: int) -> tuple[list[Decision], int]:
    """Articles after "décide"; returns them and where the decisions start."""
    m = DECIDE.search(doc.text, start, end)
    if not m:
        return [], end
    out: list[Decision] = []
    for a in ARTICLE.finditer(doc.text, m.end(), end):
        verb = clean(a["verb"]).lower()
        raw = doc.text[a.start("verb"):a.end()]
        text = clean(raw).rstrip(" .;")
        fact = doc.fact(text, a.start("verb"), a.start("verb") + len(raw.rstrip(" .;*")))
        out.append(Decision(order=len(out) + 1, kind=_kind(verb + " " + a["rest"][:60]), verb=verb,
                            text=fact))
    return out, m.start()


__all__ = ["read_decisions", "read_vote", "vote_start"]


def vote_start(doc: Doc, decide_at: int, floor: int) -> int:
    """Where the vote may start: the sentence that holds "décide" ("… à l'unanimité, décide :")."""
    back = max(floor, decide_at - 400)
    cut = max(doc.text.rfind(". ", back, decide_at), doc.text.rfind("\n\n", back, decide_at))
    return cut + 1 if cut >= 0 else back
