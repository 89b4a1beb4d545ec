"""Rules for the president and the secretary of the session, names as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.extract.rules import Rule, group
from kg.extract.rules.names import PERSON

_ROLE = r"(?:l[ea]\s+|du\s+)?(?:Maire|Pr[ée]sident(?:e)?)"

_PERSON = re.compile(PERSON)
_BETWEEN = re.compile(r"\s*,?\s*(?:[^.\n]{0,60},\s*)?")


def _named_before(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
    """The name that ends right before the phrase (an aside between commas allowed)."""
    start = max(0, m.start() - 160)
    for p in reversed(list(_PERSON.finditer(m.string, start, m.start()))):
        if _BETWEEN.fullmatch(m.string, p.end(), m.start()):
            yield "secretary", p.group(), p.start(), p.end()
            return


RULES: tuple[Rule, ...] = (
    Rule(
        "people.president-label",
        r"^\W*Pr[ée]sid(?:ent|ente|ence)(?:\s+de\s+s[ée]ance)?\s*:\s*(?P<value>[^\n]+?)[\s.,;]*$",
        read=group("president"),
        examples=(("Président : Monsieur REBSAMEN", {"president": "Monsieur REBSAMEN"}),),
    ),
    Rule(
        "people.presided-by",
        # "sous la présidence de Monsieur Bruno DRAPRON", "sous la présidence du Maire, Jean-Marc DUMONT"
        rf"(?:sous\s+la\s+pr[ée]sidence\s+d(?:e|u)|\bpr[ée]sid[ée]e?\s+par)\s+(?:(?:Monsieur|Madame|M\.|Mme)\s+)?"
        rf"(?:{_ROLE}\s*,\s*)?(?P<value>{PERSON})",
        read=group("president"),
        examples=(
            ("sous la présidence de Monsieur Bruno DRAPRON, Président.", {"president": "Bruno DRAPRON"}),
            ("sous la présidence du Maire, Jean-Marc DUMONT.", {"president": "Jean-Marc DUMONT"}),
            ("sous la présidence de Monsieur le Président, Antoine TRYSTRAM.",
             {"president": "Antoine TRYSTRAM"}),
            ("sous la présidence de Monsieur Paul LE BIHAN,\nMaire", {"president": "Paul LE BIHAN"}),
            ("sous la présidence de M. le Maire", {}),
            ("la séance est présidée par Mme Anne DUPONT, Maire", {"president": "Anne DUPONT"}),
        ),
    ),
    Rule(
        "people.secretary-label",
        # "Secrétaire de séance : Daniel CANTE", "Secrétaire de séance : Commune d'Epeigné - M. Goué Stéphane"
        rf"Secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*:\s*(?:[^\n:]{{0,60}}?\s-\s)?(?P<value>{PERSON})",
        read=group("secretary"),
        examples=(
            ("Secrétaire de séance : Daniel CANTE Zones d'Accélération", {"secretary": "Daniel CANTE"}),
            ("Secrétaire de séance : RINALDI Peggy ORDRE DU JOUR", {"secretary": "RINALDI Peggy"}),
            ("Secrétaire de séance : Commune d'Epeigné-sur-Dème - M. Goué Stéphane",
             {"secretary": "M. Goué Stéphane"}),
            ("Secrétaire de séance : Monsieur HOAREAU", {"secretary": "Monsieur HOAREAU"}),
        ),
    ),
    Rule(
        "people.secretary-designated",
        # "Monsieur Christian COSSEC est désigné comme secrétaire de séance",
        # "Mme Trefina KERRAIN, ayant obtenu la majorité des suffrages, a été désignée pour
        # remplir ces fonctions": the phrase is found first, the name just before it
        r"\b(?:est|a\s+[ée]t[ée])\s+(?:d[ée]sign[ée]e?|[ée]lue?|nomm[ée]e?)(?:\(e\))?\s+(?:comme\s+|en\s+qualit[ée]\s+de\s+)?"
        r"(?:secr[ée]taire|pour\s+remplir\s+ces\s+fonctions)",
        read=_named_before,
        examples=(
            ("Monsieur Christian COSSEC est désigné comme secrétaire de séance.",
             {"secretary": "Monsieur Christian COSSEC"}),
            ("M. Paul DURAND a été désigné(e) secrétaire de séance.", {"secretary": "M. Paul DURAND"}),
            ("Mme Léa PETIT est nommée secrétaire de séance.", {"secretary": "Mme Léa PETIT"}),
            ("Jeanick SOLITUDE est élue secrétaire de séance à l unanimité.",
             {"secretary": "Jeanick SOLITUDE"}),
            ("Mme Trefina KERRAIN,  ayant obtenu la majorité des suffrages, a été désignée pour remplir "
             "ces fonctions", {"secretary": "Mme Trefina KERRAIN"}),
        ),
    ),
)
