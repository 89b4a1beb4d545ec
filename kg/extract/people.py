"""Attendance: named members present and absent, proxies, substitutes.

Reads tab-separated columns, comma or semicolon lists, one name a line, names
followed by their commune in parentheses, initials ("J-M. LEBRET"), and proxies
written "X pouvoir à Y", "X (a) donné pouvoir à Y", "Y (pour X)",
"Y ayant la procuration de X", "X (pouvoir à Y)", "pouvoir à M. le Maire".

>>> parse_name("Madame Marie-Hélène JUILLARD-RANDRIAN")
('Mme', 'Marie-Hélène', 'JUILLARD-RANDRIAN')
>>> parse_name("M. J-M. LEBRET (Autun)")
('M.', 'J-M.', 'LEBRET')
>>> parse_name("DUPONT Jean")
(None, 'Jean', 'DUPONT')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.records import Person, Proxy, Span, Substitute
from kg.extract.text import Doc

CIVILITY = r"(?:Monsieur|Madame|Mademoiselle|MM?\.|Mmes?\.?|Mlle\.?|Mr\.?)"
_CIV = re.compile(rf"^\s*(?P<civ>{CIVILITY})\s+")
_CIV_NORMAL = {"monsieur": "M.", "m.": "M.", "mr": "M.", "mr.": "M.", "madame": "Mme",
               "mme": "Mme", "mme.": "Mme", "mademoiselle": "Mme", "mlle": "Mme", "mlle.": "Mme"}
_UPPER = re.compile(r"^[A-ZÀ-ÖØ-Þ'’\-]{2,}$|^(?:DE|DU|D'|LE|LA|EL|VAN|VON|DI|DA)$")
_INITIAL_END = re.compile(r"(?:^|[\s-])\w\.$")
_PAREN = re.compile(r"\s*\((?P<inner>[^)]*)\)\s*$")
_ROLE = re.compile(r"^(?:M\.|Mme|Monsieur|Madame)?\s*l[ea]\s+(?P<role>Maire|Président|Présidente|"
                   r"Vice-président|Vice-présidente)\b", re.IGNORECASE)

PROXY_FORWARD = re.compile(
    r"^(?P<grantor>.+?)\s*[,(]?\s*(?:(?:\ba\s+)?donn[ée]e?\s+|ayant\s+donn[ée]\s+)?"
    r"(?:pouvoir|procuration|mandat)\s+(?:à|a|au)\s+(?P<holder>.+?)\s*\)?$",
    re.IGNORECASE,
)
PROXY_BACKWARD = re.compile(
    r"^(?P<holder>.+?)\s*(?:\(\s*pour\s+(?P<g1>(?:[^()]|\([^()]*\))+)\)|,?\s*ayant\s+(?:la\s+)?procuration\s+de\s+"
    r"(?P<g2>.+))$",
    re.IGNORECASE,
)
SUBSTITUTE = re.compile(
    r"^(?P<sub>.+?)\s*(?:\(|,)?\s*suppl[ée]ant[e]?\s+de\s+(?P<for>.+?)\)?$", re.IGNORECASE
)


def parse_name(raw: str) -> tuple[str | None, str | None, str]:
    """(civility, given name(s), family name) of a name as written."""
    text = _PAREN.sub("", raw).strip().strip(",;").strip()
    if text.endswith(".") and not _INITIAL_END.search(text):
        text = text[:-1].rstrip()
    civ = None
    m = _CIV.match(text)
    if m:
        key = m["civ"].lower()
        civ = _CIV_NORMAL.get(key, "M." if key.startswith("m") and "e" not in key else "Mme")
        text = text[m.end():]
    tokens = text.split()
    if not tokens:
        return civ, None, ""
    upper = [bool(_UPPER.match(t)) and not t.endswith(".") for t in tokens]
    if all(upper):
        return civ, None, " ".join(tokens)
    if upper[0]:  # "DUPONT Jean": family name first
        n = next(i for i, u in enumerate(upper) if not u)
        return civ, " ".join(tokens[n:]), " ".join(tokens[:n])
    n = next((i for i in range(len(tokens)) if all(upper[i:])), len(tokens))
    if n == len(tokens):  # no upper-case family name: take the last word
        n = len(tokens) - 1
    return civ, " ".join(tokens[:n]) or None, " ".join(tokens[n:])


def looks_like_name(raw: str) -> bool:
    text = _PAREN.sub("", raw).strip()
    if not text or len(text) > 80 or any(c.isdigit() for c in text):
        return False
    _civ, _given, family = parse_name(text)
    return bool(_CIV.match(text)) or bool(family and _UPPER.match(family.split()[-1]))


@dataclass
class Roll:
    present: list[Person]
    absent: list[Person]
    proxies: list[tuple[Person, str, Span]]  # grantor, holder as written, span
    substitutes: list[tuple[Person, str, Span]]


def person(doc: Doc, raw: str, start: int) -> Person:
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    civ, given, family = parse_name(text)
    span = doc.span(start + lead, start + lead + len(text))
    return Person(family_name=family, given_name=given, civility=civ, span=span)


def _split_outside_parens(line: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in line:
        depth += (ch == "(") - (ch == ")")
        if ch == sep and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    return [*parts, "".join(current)]


def split_items(line: str) -> list[tuple[int, str]]:
    """Cells of a roll line: tabs, pipes, semicolons, or commas between names.

    >>> [c for _p, c in split_items("M. A (pour M. B), Mme C et M. D.")]
    ['M. A (pour M. B)', 'Mme C', 'M. D']
    """
    if "\t" in line or "|" in line:
        parts = re.split(r"[\t|]", line)
    elif ";" in line:
        parts = _split_outside_parens(line, ";")
    elif "," in line:
        parts = _split_outside_parens(line, ",")
    else:
        parts = [line]
    if len(parts) > 1 and " et " in parts[-1]:
        last, _sep, tail = parts[-1].rpartition(" et ")
        if looks_like_name(last) and looks_like_name(tail):
            parts[-1:] = [last, tail]
    out, pos = [], 0
    for part in parts:
        idx = line.find(part, pos)
        pos = idx + len(part)
        kept = part.strip(" -*•\t").rstrip(".")
        if kept.strip():
            lead = len(part) - len(part.lstrip(" -*•\t"))
            out.append((idx + lead, kept))
    return out


def read_item(doc: Doc, roll: Roll, item: str, start: int, *, present: bool) -> bool:
    """Read one cell of a roll; False when it is not a name."""
    m = SUBSTITUTE.match(item)
    if m and present:
        roll.present.append(person(doc, m["sub"], start + m.start("sub")))
        roll.substitutes.append((roll.present[-1], m["for"], doc.span(start, start + len(item))))
        return True
    m = PROXY_FORWARD.match(item)
    if m and looks_like_name(m["grantor"]):
        grantor = person(doc, m["grantor"], start + m.start("grantor"))
        roll.absent.append(grantor)
        roll.proxies.append((grantor, m["holder"], doc.span(start, start + len(item))))
        return True
    m = PROXY_BACKWARD.match(item)
    if m and looks_like_name(m["holder"]):
        group = "g1" if m["g1"] else "g2"
        holder = person(doc, m["holder"], start + m.start("holder"))
        grantor = person(doc, m[group], start + m.start(group))
        roll.present.append(holder)
        roll.absent.append(grantor)
        roll.proxies.append((grantor, m["holder"], doc.span(start, start + len(item))))
        return True
    if looks_like_name(item):
        (roll.present if present else roll.absent).append(person(doc, item, start))
        return True
    return False


STATUS_ROW = re.compile(
    r"^[\s|]*(?P<name>[^\t|]+?)\s*[\t|]\s*(?:(?P<present>P|Pr[ée]sente?)|(?P<absent>A|E|AE|Abs|"
    r"Exc|Absente?|Excus[ée]e?)|(?:pouvoir|procuration|mandat)\s+(?:à|a|au)\s+(?P<holder>[^|]+?))"
    r"[\s|]*$",
    re.IGNORECASE,
)


def read_status_rows(doc: Doc, roll: Roll, start: int, end: int) -> bool:
    """A flattened attendance table, one member a line with a status code (P, A, E, pouvoir à…).

    >>> d = Doc.of("DUPONT Jean\\tP\\nMARTIN Anne\\tpouvoir à DUPONT Jean\\n")
    >>> r = Roll([], [], [], [])
    >>> read_status_rows(d, r, 0, len(d.text)), r.present[0].family_name, r.proxies[0][1]
    (True, 'DUPONT', 'DUPONT Jean')
    """
    found = False
    for offset, line in doc.lines(start, end):
        m = STATUS_ROW.match(line)
        if not m or not looks_like_name(m["name"]):
            continue
        found = True
        member = person(doc, m["name"], offset + m.start("name"))
        if m["present"]:
            roll.present.append(member)
        else:
            roll.absent.append(member)
        if m["holder"]:
            roll.proxies.append((member, m["holder"], doc.span(offset, offset + len(line))))
        else:
            doc.span(offset, offset + len(line))
    return found


def resolve_holder(
    written: str, present: list[Person], absent: list[Person], doc: Doc, span: Span
) -> tuple[Person | None, str | None]:
    """Find the member a holder designates, or the role a proxy is given to.

    A holder named among the absent is kept as written: the shapes report that a proxy
    holder must be present, the extractor does not drop the fact.
    """
    role = _ROLE.match(written.strip())
    if role:
        return None, role["role"]
    found = match_person(written, present)
    if found is None:
        found = match_person(written, absent)
        where = "an absent member" if found is not None else "not a named member"
        doc.warn(f"proxy holder {written.strip()!r} is {where}", span.start, span.end)
    return found, None


@lru_cache(maxsize=4096)
def _key(name: str | None) -> str:
    return re.sub(r"[^a-z]", "", (name or "").lower())


def match_person(written: str, members: list[Person]) -> Person | None:
    """The one member ``written`` designates by full or family name; None if none or several."""
    civ, given, family = parse_name(written)
    key = _key
    candidates = [p for p in members if key(p.family_name) == key(family)]
    if given:
        initials = key(given)[:1]
        exact = [p for p in candidates if key(p.given_name) == key(given)]
        candidates = exact or [p for p in candidates if key(p.given_name).startswith(initials)]
    if len(candidates) > 1 and civ:
        candidates = [p for p in candidates if p.civility in (None, civ)]
    unique = {(p.given_name, p.family_name): p for p in candidates}
    return next(iter(unique.values())) if len(unique) == 1 else None


def build_proxies(doc: Doc, roll: Roll) -> tuple[list[Proxy], list[Substitute]]:
    proxies = []
    for grantor, holder_written, span in roll.proxies:
        holder, role = resolve_holder(holder_written, roll.present, roll.absent, doc, span)
        proxies.append(Proxy(grantor=grantor, holder=holder, span=span, holder_role=role))
    subs = []
    for sub, for_written, span in roll.substitutes:
        civ, given, family = parse_name(for_written)
        titular = Person(family_name=family, given_name=given, civility=civ, span=span)
        subs.append(Substitute(substitute=sub, for_member=titular, span=span))
    return proxies, subs
