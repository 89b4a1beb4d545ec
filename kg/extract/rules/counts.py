"""Rules for the declared counts: seats, members in office, present, proxies, voters, absent.

Counts are read, never computed: when the text gives several readings of one
count, :mod:`kg.extract.select` chooses with the document's arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.extract.rules import Rule

LABELS = {
    "seats": r"effectif\s+l[ée]gal|membres\s+(?:du\s+conseil[^:\d\n]{0,40}|composant\s+le\s+conseil|"
             r"du\s+comit[ée])|conseillers\s+(?:communautaires|municipaux|m[ée]tropolitains)(?=\s*:)",
    "in_office": r"(?:membres|conseillers)?\s*en\s+exercice",
    "present": r"(?:conseillers\s+)?en\s+s[ée]ance|pr[ée]sents?(?:\s+participant\s+au\s+vote|"
               r"\s+[àa]\s+la\s+s[ée]ance)?|[ée]taient\s+pr[ée]sents",
    "proxies": r"procurations?|pouvoirs?|repr[ée]sent[ée]s",
    "voters": r"votants",
    "absent": r"absents?(?:\s+excus[ée]s)?",
}
_LABEL = "|".join(f"(?P<{k}>{v})" for k, v in LABELS.items())
_LABEL_RE = re.compile(_LABEL, re.IGNORECASE)


def _kind(m: re.Match[str]) -> str:
    return next((k for k in LABELS if m.group(k)), "")


def _label_then_number(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
    kind = _kind(m)
    if kind:
        yield kind, int(m["n"]), m.start("n"), m.end("n")


def _labels_then_numbers(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
    """A run of labels, then a run of as many numbers: paired in order."""
    labels = [lm for lm in _LABEL_RE.finditer(m["labels"])]
    numbers = list(re.finditer(r"\d+", m["numbers"]))
    if len(labels) != len(numbers) or len(labels) < 2:
        return
    base = m.start("numbers")
    for lm, nm in zip(labels, numbers, strict=True):
        kind = _kind(lm)
        if kind:
            yield kind, int(nm.group()), base + nm.start(), base + nm.end()


# labels and numbers of a line, to tell "Présents 36 Pouvoirs 3" from "32 présents 1 procuration"
_TOKEN = re.compile("(" + "|".join(f"(?:{v})" for v in LABELS.values()) + r")|\d+", re.IGNORECASE)


def _number_then_label(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
    """"32 présents", unless the number is the value of the label before it ("Présents 36 Pouvoirs")."""
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    before = _TOKEN.findall(m.string, line_start, m.start())
    if before and before[0]:  # the line reads "label number": this number is a value
        return
    for kind in ("in_office", "present", "proxies", "voters", "absent"):
        if m.group(kind):
            yield kind, int(m["n"]), m.start("n"), m.end("n")


RULES: tuple[Rule, ...] = (
    Rule(
        "counts.label-number",
        # "En exercice 39 Présents 36 Pouvoirs 3 Votants 39", "Étaient présents (52)", "Présents : 45"
        rf"\b(?:{_LABEL})\s*(?:\s:|:|-)?\s*\(?\s*(?P<n>\d+)\b\s*\)?(?![/.,]\d|\s*(?:%|€|h\b|ans\b))",
        read=_label_then_number,
        examples=(
            ("En exercice 39 Présents 36 Pouvoirs 3 Votants 39",
             {"in_office": 39, "present": 36, "proxies": 3, "voters": 39}),
            ("Étaient présents (52)", {"present": 52}),
            ("Nombre de Conseillers : En exercice : 27 Présents : 23 Votants : 26",
             {"in_office": 27, "present": 23, "voters": 26}),
            ("Nombre de Conseillers en exercice : 55 - Présents à la séance : 51",
             {"in_office": 55, "present": 51}),
            ("Effectif légal : 33", {"seats": 33}),
            ("Présents : Patrick AMATHIEU, 23/11/2023", {}),
        ),
    ),
    Rule(
        "counts.number-label",
        # "32 présents / 1 procuration 33 votants / 0 absent"
        r"(?<![\d/.,:])(?<![\d/.,:]\s)(?P<n>\d{1,3})\s+(?:membres\s+|conseillers\s+)?"
        r"(?:(?P<in_office>en\s+exercice)|(?P<present>pr[ée]sents?)|(?P<proxies>procurations?|pouvoirs?)"
        r"|(?P<voters>votants)|(?P<absent>absents?))\b(?!\s*:)",
        read=_number_then_label,
        examples=(
            ("32 présents \n1 procuration 33 votants\n0 absent",
             {"present": 32, "proxies": 1, "voters": 33, "absent": 0}),
            ("En exercice : 14 Présents : 10 Votants : 14", {}),
            ("Le conseil, composé de 29 membres en exercice, dont 22 présents et 5 pouvoirs,",
             {"in_office": 29, "present": 22, "proxies": 5}),
            ("En exercice 39 Présents 36 Pouvoirs 3", {}),
        ),
    ),
    Rule(
        "counts.labels-then-values",
        # labels and values in separate runs (a table read column by column)
        rf"\b(?P<labels>(?:(?:Nombre\s+de\s+(?:conseillers|membres)\s*)?(?:{_LABEL})\s*:[\s_]*){{2,6}})"
        r"(?P<numbers>(?:\d{1,3}[ \t]*\n[\s_]*){1,5}\d{1,3})\b",
        read=_labels_then_numbers,
        examples=(
            ("Nombre de conseillers \nen exercice : \n\n_______ \n\nNombre de conseillers  \n"
             "en séance : \n\n_______ \n\nPouvoirs : \n\n_______ \n\n29 \n\n22 \n\n7 \n",
             {"in_office": 29, "present": 22, "proxies": 7}),
        ),
    ),
)
