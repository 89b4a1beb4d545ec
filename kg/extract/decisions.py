"""Decisions (one per article) and the vote.

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

from kg.extract.records import Decision, DecisionKind, Fact, Outcome, Vote
from kg.extract.text import Doc, clean
from kg.extract.values import fold

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
N = r"(?P<n>\d+|[a-zé]+)"
_COUNTS = {
    "pour": [rf"(?:scrutin\s+)?\bpour\s*:\s*{N}", rf"\b{N}\s+voix\s+pour"],
    "contre": [rf"\bcontre\s*:\s*{N}", rf"\b{N}\s+voix\s+contre"],
    "abstention": [rf"\babstentions?\s*:\s*{N}", rf"\b{N}\s+abstentions?"],
    "not_voting": [rf"ne\s+(?:se\s+prononce|prend|prennent)\s+pas(?:\s+part\s+au\s+vote)?"
                   rf"\s*:\s*{N}",
                   rf"\b{N}\s+(?:conseillers?\s+)?ne\s+(?:prend|prennent)\s+pas\s+part"],
    "proxies_used": [rf"dont\s+{N}\s+(?:procurations?|pouvoirs?)(?:\(s\))?"],
}
UNANIMOUS = re.compile(r"(?:adopt[ée]e?s?\s+)?à\s+l['’]unanimit[ée]"
                       r"(?:\s+des\s+suffrages\s+exprim[ée]s)?", re.IGNORECASE)
ADOPTED = re.compile(r"\badopt[ée]e?s?\b", re.IGNORECASE)
REJECTED = re.compile(r"\brejet[ée]e?s?\b", re.IGNORECASE)


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


def read_vote(doc: Doc, start: int, end: int) -> Vote:
    found: dict[str, Fact[int]] = {}
    for key, patterns in _COUNTS.items():
        for pattern in patterns:
            m = re.compile(pattern, re.IGNORECASE).search(doc.text, start, end)  # cached by re
            if not m:
                continue
            if not m["n"].isdigit():
                doc.warn(f"vote count {key!r} is {m['n']!r}, expected a number", m.start(), m.end())
                break
            found[key] = doc.group_fact(m, "n", int(m["n"]))
            break
    outcome = None
    u = UNANIMOUS.search(doc.text, start, end)
    if u:
        outcome = doc.fact(Outcome.ADOPTED_UNANIMOUSLY, u.start(), u.end())
    else:
        for word, value in ((REJECTED, Outcome.REJECTED), (ADOPTED, Outcome.ADOPTED)):
            r = word.search(doc.text, start, end)
            if r:
                outcome = doc.fact(value, r.start(), r.end())
                break
    return Vote(outcome=outcome, **found)
