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

from kg.extract.records import Fact, Person, Proxy, Span, Substitute
from kg.extract.text import Doc
from kg.extract.values import fold

CIVILITY = r"(?:Monsieur|Madame|Mademoiselle|MM?\.|Mmes?\.?|Mlle\.?|Mr\.?)"
_CIV = re.compile(rf"^\s*(?P<civ>{CIVILITY})\s+")
_CIV_NORMAL = {"monsieur": "M.", "m.": "M.", "mr": "M.", "mr.": "M.", "madame": "Mme",
               "mme": "Mme", "mme.": "Mme", "mademoiselle": "Mme", "mlle": "Mme", "mlle.": "Mme"}
_UPPER = re.compile(r"^[A-ZÀ-ÖØ-Þ'’\-]{2,}$|^(?:DE|DU|D'|LE|LA|EL|VAN|VON|DI|DA)$")
_INITIAL_END = re.compile(r"(?:^|[\s-])\w\.$")
_PAREN = re.compile(r"\s*\((?P<inner>[^)]*)\)\s*$")
ROLE = re.compile(r"^(?:M\.|Mme|Monsieur|Madame)?\s*l[ea]\s+(?P<role>Maire|Président|Présidente|"
                   r"Vice-président|Vice-présidente)\b", re.IGNORECASE)

SUBSTITUTE = re.compile(
    r"^(?P<sub>.+?)\s*(?:\(|,)?\s*suppl[ée]ant[e]?\s+de\s+(?P<for>.+?)\)?$", re.IGNORECASE
)


@lru_cache(maxsize=8192)
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


@lru_cache(maxsize=8192)
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
    proxies: list[tuple[Person, str, Span, Fact[str] | None]]  # grantor, holder as written, span, when
    substitutes: list[tuple[Person, str, Span]]


def person(doc: Doc, raw: str, start: int) -> Person:
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    civ, given, family = parse_name(text)
    span = doc.span(start + lead, start + lead + len(text))
    return Person(family_name=family, given_name=given, civility=civ, span=span)


def _split_outside_parens(line: str, sep: str | re.Pattern[str]) -> list[str]:
    """``line`` cut at each separator (a character or a pattern) outside parentheses."""
    cuts: list[tuple[int, int]] = []
    if isinstance(sep, str):
        cuts = [(i, i + 1) for i, ch in enumerate(line) if ch == sep]
    else:
        cuts = [m.span() for m in sep.finditer(line)]
    parts, pos = [], 0
    for a, b in cuts:
        if line[:a].count("(") - line[:a].count(")") <= 0 and a >= pos:
            parts.append(line[pos:a])
            pos = b
    return [*parts, line[pos:]]


_TAIL = re.compile(r"^\s*(?:(?:a\s+|ayant\s+)?donn[ée]e?\s+)?(?:pouvoir|procuration|mandat)\s+(?:à|a|au)\b"
                   r"|^\s*(?:repr[ée]sent[ée]e?\s+par|suppl[ée]ant)", re.IGNORECASE)


def _merge_tails(parts: list[str]) -> list[str]:
    """ "X, pouvoir à Y" split at its comma is one cell again."""
    out: list[str] = []
    for part in parts:
        if out and _TAIL.match(part):
            out[-1] += "," + part
        else:
            out.append(part)
    return out


_DASHED = re.compile(r"[ \t]+-[ \t]+|[ \t]+-[ \t]*$")


def split_items(line: str) -> list[tuple[int, str]]:
    """Cells of a roll line: tabs, pipes, semicolons, or commas between names.

    >>> [c for _p, c in split_items("M. A (pour M. B), Mme C et M. D.")]
    ['M. A (pour M. B)', 'Mme C', 'M. D']
    """
    parts = re.split(r"[\t|]", line)
    if ";" in line:
        parts = [q for p in parts for q in _split_outside_parens(p, ";")]
    elif _DASHED.search(line):
        parts = [q for p in parts for q in _split_outside_parens(p, _DASHED)]
    elif "," in line:
        parts = [q for p in parts for q in _merge_tails(_split_outside_parens(p, ","))]
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
            roll.proxies.append((member, m["holder"], doc.span(offset, offset + len(line)), None))
        else:
            doc.span(offset, offset + len(line))
    return found


def resolve_holder(
    written: str, present: list[Person], absent: list[Person], doc: Doc, span: Span
) -> tuple[Person | None, str | None]:
    """Find the member a holder designates, or the role a proxy is given to.

    A holder named among the absent, or in no list, is kept as written (and
    reported): the shapes check that a proxy holder is present, the extractor
    does not drop the fact.
    """
    role = ROLE.match(written.strip())
    if role:
        return None, role["role"]
    found = match_person(written, present)
    if found is None:
        found = match_person(written, absent)
        where = "an absent member" if found is not None else "not a named member"
        doc.warn(f"proxy holder {written.strip()!r} is {where}", span.start, span.end)
        if found is None and looks_like_name(written):
            civ, given, family = parse_name(written)
            found = Person(family_name=family, given_name=given, civility=civ, span=span)
    return found, None


@lru_cache(maxsize=4096)
def _key(name: str | None) -> str:
    """Letters only, without case or accents: "Eléna" and "Elena" are one key."""
    return re.sub(r"[^a-z]", "", fold(name or ""))


def match_person(written: str, members: list[Person]) -> Person | None:
    """The one member ``written`` designates by full or family name; None if none or several.

    >>> m = [Person("THAUVIN", Span(0, 1, 1), "Jean-Louis"), Person("GASTINEAU", Span(0, 1, 1), "Christelle")]
    >>> match_person("THAUVIN JL", m).given_name, match_person("M. Gastineau Christelle", m).family_name
    ('Jean-Louis', 'GASTINEAU')
    """
    civ, given, family = parse_name(written)
    key = _key
    candidates = [p for p in members if key(p.family_name) == key(family)]
    if given:
        initials = key(given)[:1]
        exact = [p for p in candidates if key(p.given_name) == key(given)]
        candidates = exact or [p for p in candidates if key(p.given_name).startswith(initials)]
    if not candidates:
        candidates = _by_words(written, members)
    if len(candidates) > 1 and civ:
        candidates = [p for p in candidates if p.civility in (None, civ)]
    unique = {(p.given_name, p.family_name): p for p in candidates}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _by_words(written: str, members: list[Person]) -> list[Person]:
    """Members whose family name is one of the written words, the others their initials or names
    ("THAUVIN JL", "Grousset Francis", "GASTINEAU C")."""
    words = [key for w in re.split(r"[\s.]+", _PAREN.sub("", written)) if (key := _key(w))]
    words = [w for w in words if w not in ("m", "mme", "monsieur", "madame", "mr", "mlle")]
    out = []
    for p in members:
        fam = [_key(w) for w in p.family_name.split()]
        if not fam or (words[:len(fam)] != fam and words[-len(fam):] != fam):
            continue
        rest = words[len(fam):] if words[:len(fam)] == fam else words[:-len(fam)]
        given = [_key(g) for g in re.split(r"[\s-]+", p.given_name or "") if _key(g)]
        rest_text = "".join(rest)
        if not rest or rest_text == "".join(given) or rest_text == "".join(g[0] for g in given) \
                or (len(rest_text) == 1 and given and given[0][0] == rest_text):
            out.append(p)
    return out


def build_proxies(doc: Doc, roll: Roll) -> tuple[list[Proxy], list[Substitute]]:
    """Proxies with their holders resolved; one written twice (in both directions) is kept once."""
    out: list[Proxy] = []
    seen: set[tuple[str, str, str]] = set()
    for grantor, holder_written, span, when in roll.proxies:
        holder, role = resolve_holder(holder_written, roll.present, roll.absent, doc, span)
        key = (_key(grantor.given_name) + _key(grantor.family_name),
               _key(holder.family_name if holder else holder_written), when.value if when else "")
        if key in seen:
            continue
        seen.add(key)
        out.append(Proxy(grantor=grantor, holder=holder, span=span, holder_role=role, when=when))
    _dedupe(roll.absent)
    subs = []
    for sub, for_written, span in roll.substitutes:
        civ, given, family = parse_name(for_written)
        titular = Person(family_name=family, given_name=given, civility=civ, span=span)
        subs.append(Substitute(substitute=sub, for_member=titular, span=span))
    return out, subs


def _dedupe(people: list[Person]) -> None:
    """Drop a member listed twice under the same name (a proxy written in both directions)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for p in people:
        key = (_key(p.given_name), _key(p.family_name))
        if key not in seen:
            seen.add(key)
            kept.append(p)
    people[:] = kept
