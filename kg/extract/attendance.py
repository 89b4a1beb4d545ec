"""The attendance: sections of present, absent and represented members, wherever they are.

A section starts at a heading ("Présents :", "Étaient présents", "PRÉSENTS",
"Excusés :", "Pouvoirs :", "Représentés :", "ABSENTS AYANT DONNÉ POUVOIR :"),
at the start of a line or inside a flattened line (then with its colon), and
ends at the next heading or at a line that is not attendance (counts, the
secretary, the agenda, the quorum). Names are read by :mod:`kg.extract.people`
and proxies by the rules of :mod:`kg.extract.rules.proxies`.

>>> from kg.extract.text import Doc
>>> d = Doc.of("PRESENTS : DUPONT Jean, MARTIN Anne. EXCUSES : DURAND Paul, POUVOIR A DUPONT Jean ;")
>>> roll, proxies, _subs = read_roll(d, len(d.text))
>>> [p.family_name for p in roll.present], [(x.grantor.family_name, x.holder.family_name) for x in proxies]
(['DUPONT', 'MARTIN'], [('DURAND', 'DUPONT')])
"""

from __future__ import annotations

import re

from kg.extract.cells import read_item, read_proxies_in_text, read_proxy_run
from kg.extract.people import Roll, build_proxies, read_status_rows, split_items
from kg.extract.records import Proxy, Substitute
from kg.extract.text import Doc

_KIND = (
    r"(?:(?:membres|conseillers)\s+)?(?:[ée]taient\s+|sont\s+)?(?:(?P<proxy>(?:(?:absent\(?e?s?\)?"
    r"(?:\s+excus[ée]s?)?|excus[ée]s?)\s+)?(?:ayant\s+(?:donn[ée]\s+(?:pouvoir|procuration)|"
    r"vot[ée]\s+par\s+procuration)|repr[ée]sent[ée]s?\s+par\s+(?:pouvoir|procuration))"
    r"|ont\s+donn[ée]\s+(?:pouvoir|procuration)|pouvoirs?|procurations?|repr[ée]sent[ée]s)"
    r"|(?P<absent>absents?(?:\s+excus[ée]s)?|excus[ée]s?)"
    r"|(?P<present>(?:[ée]taient\s+|sont\s+)?pr[ée]sents?)"
    r"|(?P<ignore>assistaient(?:\s+[ée]galement)?|[ée]galement\s+pr[ée]sents?))"
)
_WITH_COLON = re.compile(
    rf"(?:^|(?<=[\s.;,|]))[#*\t ]*(?P<head>{_KIND})\b(?P<extra>[^:\n]{{0,100}}?)\s*(?:\(\d+\))?\s*:[*\s]*",
    re.IGNORECASE | re.MULTILINE,
)
_AT_LINE_START = re.compile(rf"^[#*\t ]*(?P<head>{_KIND})\b\s*(?:\(\d+\))?[*\s]*",
                            re.IGNORECASE | re.MULTILINE)


_CAPS_INLINE = re.compile(r"(?<=[.;,|] )(?P<head>(?P<present>PR[ÉE]SENTS)|(?P<absent>ABSENTS|EXCUS[ÉE]S))"
                          r" (?=[A-ZÀ-Þ]{2})")


def _heading_like(text: str, m: re.Match[str]) -> bool:
    """A heading with words before its colon starts a line or a sentence ("… POUVOIR A X ; Y :"
    is not one)."""
    if not m["extra"].strip():
        return True
    head = m.start("head")
    line_start = text.rfind("\n", 0, head) + 1
    return (not text[line_start:head].strip(" #*\t")
            or bool(re.search(r"[.:]\s*$", text[max(0, head - 3):head])))


def _headings(text: str, end: int) -> list[re.Match[str]]:
    """Headings with a colon anywhere, alone at the start of a line, or in capitals in a sentence."""
    found: list[re.Match[str]] = []
    pos = 0
    while (m := _WITH_COLON.search(text, pos, end)) is not None:
        if _heading_like(text, m):
            found.append(m)
            pos = m.end()
        else:  # a heading may start inside what was not one
            pos = m.start("head") + 1
    found += [m for m in _CAPS_INLINE.finditer(text, 0, end)
              if not any(f.start() <= m.start() < f.end() for f in found)]
    taken = [(m.start(), m.end()) for m in found]
    found += [m for m in _AT_LINE_START.finditer(text, 0, end)
              if not any(a <= m.start("head") < b for a, b in taken)]
    return sorted((m for m in found if not re.match(r"\s*\d", text[m.end():m.end() + 4])),
                  key=lambda m: m.start())


_END = re.compile(
    r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$|^\W*D[ée]lib[ée]ration\s+n[°o]|Nombre\s+de\s+(?:conseillers|membres)"
    r"|\ben\s+exercice\b|Secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*:|\bordre\s+du\s+jour|\bLe\s+quorum"
    r"|^\W*OBJET\b|Date\s+de\s+(?:la\s+)?convocation|^\W*Questions?\s+\d|\bformant\s+la\s+majorit[ée]"
    r"|^\W*(?:Compte\s+rendu|D[ée]lib[ée]rations\s+du)|Ne\s+prend\s+pas\s+part",
    re.IGNORECASE | re.MULTILINE,
)


_BLANK = re.compile(r"\n[ \t]*\n\s*")
_GOES_ON = re.compile(r"(?:,|\bM\.|\bMme|\bMonsieur|\bMadame|\bà|-)\s*$")
_NAME_GOES_ON = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ'-]+\b\s*(?:$|[,;.\n])")


def _paragraph_end(text: str, start: int, end: int) -> int:
    """Where a list that started at ``start`` ends: at a blank line, unless the list goes on
    across it (a line ending with a comma, a civility or "à"; a surname alone after it)."""
    for m in _BLANK.finditer(text, start, end):
        before = text[start:m.start()]
        if not before.strip():
            continue
        if not (_GOES_ON.search(before) or _NAME_GOES_ON.match(text, m.end())):
            return m.start()
    return end


def _kind(m: re.Match[str]) -> str:
    groups = m.groupdict()
    return next((k for k in ("proxy", "absent", "present", "ignore") if groups.get(k)), "ignore")


def read_roll(doc: Doc, end: int) -> tuple[Roll, list[Proxy], list[Substitute]]:
    """Read every attendance section in ``[0, end)``."""
    roll = Roll(present=[], absent=[], proxies=[], substitutes=[])
    # a flattened table, one member a line with a status code, is its own layout
    heads = [] if read_status_rows(doc, roll, 0, end) else _headings(doc.text, end)
    for i, head in enumerate(heads):
        stop = heads[i + 1].start() if i + 1 < len(heads) else end
        cut = _END.search(doc.text, head.end(), stop)
        _read_section(doc, roll, _kind(head), head.end(), cut.start() if cut else stop)
        doc.span(head.start(), head.end())
    read_proxies_in_text(doc, roll, 0, end)
    proxies, subs = build_proxies(doc, roll)
    return roll, proxies, subs


def _read_section(doc: Doc, roll: Roll, kind: str, start: int, end: int) -> None:
    if kind == "ignore" or start >= end:
        return
    if kind == "proxy" and read_proxy_run(doc, roll, start, end):
        return
    end = _paragraph_end(doc.text, start, end)
    body = doc.text[start:end]
    lines = [line for line in body.split("\n") if line.strip()]
    if len(lines) > 1 and sum(1 for line in lines if _PLACE_GROUP.match(line)) * 2 > len(lines):
        _read_place_groups(doc, roll, kind, start, end)
        return
    listed = sum(1 for line in lines if "," in line or ";" in line)
    if len(lines) > 1 and listed * 2 >= len(lines) and "\t" not in body:
        # a list wrapped over lines (even between a civility and a name): one run
        _read_cells(doc, roll, kind, start, body.replace("\n", " "))
        return
    if len(lines) == 1 and "\n" not in body.strip():
        _read_cells(doc, roll, kind, start, body.rstrip())  # "… (pour Mme X).\n": the stop ends it
        return
    for offset, line in doc.lines(start, end):
        if offset < start:
            line, offset = line[start - offset:], start
        if offset + len(line) > end:
            line = line[:end - offset]
        if not line.strip() or line.strip().startswith(("---", "***", "___")):
            continue
        _read_cells(doc, roll, kind, offset, line)


# "Cerelles : M. Poulle Guy ; Mme Bouin Valérie": members grouped under their commune, one
# line a commune (a commune with nobody present may stand alone: "Bueil-en-Touraine :")
_PLACE_GROUP = re.compile(
    r"^[ \t*-]*(?!(?:M|MM|Mme|Mmes|Monsieur|Madame|Mlle)\b\.?)(?-i:[A-ZÀ-Þ])[\w'.-]*"
    r"(?:[ \t][\w'.-]+){0,7}[ \t]*:[ \t]*(?=$|(?:M|MM|Mme|Mmes|Monsieur|Madame|Mlle)\b)",
    re.IGNORECASE)


def _read_place_groups(doc: Doc, roll: Roll, kind: str, start: int, end: int) -> None:
    """Each line's members without its commune; a line of another form is read whole."""
    for offset, line in doc.lines(start, end):
        if offset < start:
            line, offset = line[start - offset:], start
        if offset + len(line) > end:
            line = line[:end - offset]
        if not line.strip():
            continue
        m = _PLACE_GROUP.match(line)
        if m is None:
            _read_cells(doc, roll, kind, offset, line)
        elif line[m.end():].strip():
            _read_cells(doc, roll, kind, offset + m.end(), line[m.end():])


def _read_cells(doc: Doc, roll: Roll, kind: str, offset: int, line: str) -> None:
    for pos, item in split_items(line):
        if not read_item(doc, roll, item, offset + pos, present=kind == "present",
                         in_proxy_section=kind == "proxy"):
            doc.warn(f"not read as a member's name: {item!r}", offset + pos, offset + pos + len(item))


def kinds_of(text: str) -> list[str]:
    """The kinds of the section headings in ``text`` (for tests).

    >>> kinds_of("Étaient présents : A\\nProcurations : B\\nAssistaient : C")
    ['present', 'proxy', 'ignore']
    >>> kinds_of("Absents excusés ayant donné procuration : A\\nOnt donné pouvoir : B\\nExcusés : C")
    ['proxy', 'proxy', 'absent']
    """
    return [_kind(m) for m in _headings(text, len(text))]

