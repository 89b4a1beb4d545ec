"""One cell of an attendance list: a name, a proxy in any direction, a substitute.

A cell is tried against the proxy rules of :mod:`kg.extract.rules.proxies`
(only when it holds a word a proxy needs), then read as a substitute or a name.
Proxies written as a run of pairs with no separator, or as a movement anywhere
in the header ("Départ de X (procuration à Y)"), are read here too.

>>> from kg.extract.text import Doc
>>> d = Doc.of("M. Paul DURAND, représenté par M. Jean DUPONT")
>>> roll = Roll([], [], [], [])
>>> read_item(d, roll, d.text, 0, present=False), roll.proxies[0][1]
(True, 'M. Jean DUPONT')
"""

from __future__ import annotations

import re

from kg.extract.people import ROLE, SUBSTITUTE, Roll, looks_like_name, person
from kg.extract.rules import Rule, proxies
from kg.extract.rules.names import PERSON, UP
from kg.extract.text import Doc

_ITEM_RULES = tuple(r for r in proxies.RULES if not r.key.endswith(("-in-section", "-in-text")))
_SECTION_RULES = tuple(r for r in proxies.RULES if not r.key.endswith("-in-text"))
TEXT_RULES = tuple(r for r in proxies.RULES if r.key.endswith("-in-text"))


# every proxy rule needs one of these words (or a parenthesis): others are not tried
_MAY_BE_PROXY = re.compile(r"pou?r?voir|procuration|mandat|d[ée]l[ée]gation|\(|\b(?:à|a|par|pour)\b",
                           re.IGNORECASE)


def _proxy(rules: tuple[Rule, ...], item: str) -> tuple[Rule, dict[str, tuple[str, int]]] | None:
    """The first rule reading a grantor and a holder that both look like names."""
    if not _MAY_BE_PROXY.search(item):
        return None
    for rule in rules:
        m = rule.compiled.match(item)
        if not m:
            continue
        got: dict[str, tuple[str, int]] = {}
        pairs: list[dict[str, tuple[str, int]]] = []
        for name, value, a, _b in rule.read(m):
            if name == "grantor" and "grantor" in got:
                pairs.append(got)
                got = {}
            got[name] = (value, a)
        pairs.append(got)
        if all("grantor" in p and "holder" in p and looks_like_name(p["grantor"][0])
               and (looks_like_name(p["holder"][0]) or ROLE.match(p["holder"][0])) for p in pairs):
            return rule, {f"{k}{i}": v for i, p in enumerate(pairs) for k, v in p.items()}
    return None


# a role labelling the names that follow it in a roll ("Maire BARILLAU Valérie",
# "Adjoints VALBOUSQUET Éric", "Conseillers délégués COSTE Eliane")
_ROLE_LABEL = re.compile(
    r"^(?i:Maire|Pr[ée]sident(?:e)?|Vice-pr[ée]sident(?:e)?s?|Adjoint(?:e)?s?(?:\s+au\s+maire)?"
    r"|Conseill(?:er|[èe]re)s?(?:\s+(?:municipa(?:l|ux)|d[ée]l[ée]gu[ée]e?s?|communautaires?|"
    r"m[ée]tropolitains?))*)(?:\s+|$)(?=[A-ZÀ-Þ]{2}|$)"
)


_STRAY_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s+(?=[A-ZÀ-Þ])")


def read_item(doc: Doc, roll: Roll, item: str, start: int, *, present: bool,
              in_proxy_section: bool = False) -> bool:
    """Read one cell of a roll; False when it is not a name."""
    # a cell of another column left in front of the name by a flattened layout ("23/11/2023 Jean-Marc DUMONT")
    stray = _STRAY_DATE.match(item)
    if stray and item[stray.end():].strip():
        item, start = item[stray.end():], start + stray.end()
    role = _ROLE_LABEL.match(item)
    if role:
        if not item[role.end():].strip():
            return True  # a label alone, no name in it
        item, start = item[role.end():], start + role.end()
    m = SUBSTITUTE.match(item)
    if m and present:
        roll.present.append(person(doc, m["sub"], start + m.start("sub")))
        roll.substitutes.append((roll.present[-1], m["for"], doc.span(start, start + len(item))))
        return True
    found = _proxy(_SECTION_RULES if in_proxy_section else _ITEM_RULES, item)
    if found is not None:
        _add_proxies(doc, roll, found[0], found[1], item, start, present=present)
        return True
    if looks_like_name(item):
        (roll.present if present else roll.absent).append(person(doc, item, start))
        return True
    return False


def _add_proxies(doc: Doc, roll: Roll, rule: Rule, got: dict[str, tuple[str, int]], item: str,
                 start: int, *, present: bool) -> None:
    span = doc.span(start, start + len(item))
    i = 0
    while f"grantor{i}" in got:
        (g, ga), (h, ha) = got[f"grantor{i}"], got[f"holder{i}"]
        grantor = person(doc, g, start + ga)
        when = None
        if f"time{i}" in got:
            t, ta = got[f"time{i}"]
            when = doc.fact(t, start + ta, start + ta + len(t), rule.key)
        # the holder written first ("Y (pour X)") is the one present; a grantor with a time
        # bound ("X (mandataire Y jusqu'à son arrivée)") attends part of the session
        if rule.key == "proxies.holder-for":
            holder = person(doc, h, start + ha)
            if not any(p.span == holder.span for p in roll.present):
                roll.present.append(holder)
            roll.absent.append(grantor)
        elif present and when is not None:
            if i == 0:
                roll.present.append(grantor)
        elif i == 0 or not when:
            roll.absent.append(grantor)
        roll.proxies.append((grantor, h, span, when))
        i += 1


_HOLDER = rf"(?-i:[{UP}][{UP}'-]+(?:\s+[{UP}]{{1,2}}\b|\s+[{UP}]\.)?)"
_RUN = re.compile(
    rf"(?P<grantor>{PERSON})\s*,?\s+(?:à|a)\s+(?P<holder>{_HOLDER}(?=\s+{PERSON}\s*,?\s+(?:à|a)\s|\s*$|\s*[,;.])"
    rf"|{PERSON})",
)


def read_proxies_in_text(doc: Doc, roll: Roll, start: int, end: int) -> None:
    """Proxies written as a movement anywhere in the header ("Départ de X (procuration à Y)")."""
    for rule in TEXT_RULES:
        for m in rule.compiled.finditer(doc.text, start, end):
            got = {name: (value, a) for name, value, a, _b in rule.read(m)}
            if not looks_like_name(got["grantor"][0]):
                continue
            grantor = person(doc, got["grantor"][0], got["grantor"][1])
            t, ta = got["time"]
            when = doc.fact(t, ta, ta + len(t), rule.key)
            roll.proxies.append((grantor, got["holder"][0], doc.span(m.start(), m.end()), when))


def read_proxy_run(doc: Doc, roll: Roll, start: int, end: int) -> bool:
    """A run of "X, à Y" pairs with no separator between pairs (a flattened column).

    Only used when the section holds several "à" and no other separator than commas
    inside pairs; returns False to let the section be read cell by cell.
    """
    body = doc.text[start:end]
    if body.count(";") or "\n" in body.strip() or len(re.findall(r",\s*(?:à|a)\s", body)) < 2:
        return False
    found = list(_RUN.finditer(doc.text, start, end))
    if not found:
        return False
    for m in found:
        grantor = person(doc, m["grantor"], m.start("grantor"))
        roll.absent.append(grantor)
        roll.proxies.append((grantor, m["holder"], doc.span(m.start(), m.end()), None))
    return True
