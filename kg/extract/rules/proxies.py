"""Rules for proxies, in every direction, read from one cell of an attendance list.

Each rule yields a ``grantor`` and a ``holder`` (names as written); a rule whose
key ends in ``-in-section`` only applies inside a section headed "Pouvoirs",
"Procurations" or "Représentés", where a bare "X à Y" or "X par Y" is a proxy.
``time`` is the part of the session a proxy is bounded to, when written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.extract.rules import Rule

_GIVE = (r"(?:(?:\ba\s+)?donn[ée]e?\s+|ayant\s+donn[ée]\s+)?"
         r"(?:pou?r?voir|procuration|mandat|d[ée]l[ée]gation)(?:\s+de\s+vote)?(?:\s+donn[ée]e?)?")
_TIME = (r"(?P<time>(?:jusqu'[àa]\s+son\s+arriv[ée]e|[àa]\s+(?:son\s+d[ée]part|partir\s+de)"
         r"|apr[èe]s\s+son\s+d[ée]part)[^)\-]*?)")


def _trim(text: str) -> str:
    """Without surrounding punctuation, nor a parenthesis left unmatched."""
    text = text.strip(" ,;.")
    if text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip(" ,;.")
    if text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].lstrip()
    return text


def _pair(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
    for name in ("grantor", "holder", "time"):
        if name in m.re.groupindex and m[name]:
            value = _trim(m[name])
            start = m.start(name) + m[name].find(value)
            yield name, value, start, start + len(value)


def _mandataires(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
    """One grantor, then one or more "(mandataire HOLDER until …)" in parentheses."""
    base = m.start("inner")
    for part in re.finditer(rf"mandataire\s+(?P<holder>[^()]+?)\s*(?:{_TIME})?\s*(?:\s-\s|$)",
                            m["inner"], re.IGNORECASE):
        yield "grantor", m["grantor"].strip(), m.start("grantor"), m.end("grantor")
        yield "holder", part["holder"], base + part.start("holder"), base + part.end("holder")
        if part["time"]:
            yield "time", part["time"].strip(), base + part.start("time"), base + part.end("time")


RULES: tuple[Rule, ...] = (
    Rule(
        "proxies.gives-to",
        # "X a donné pouvoir à Y", "X pouvoir à Y", "X, POUVOIR A Y", "X (procuration à Y)"
        rf"^(?P<grantor>.+?)\s*[,(]?\s*{_GIVE}\s+(?:à|a|au)\s+(?P<holder>.+?)\s*(?:{_TIME})?\s*\)?$",
        read=_pair,
        examples=(
            ("Madame A. PARENT a donné pouvoir à Monsieur D. NICOLAS",
             {"grantor": "Madame A. PARENT", "holder": "Monsieur D. NICOLAS"}),
            ("CLAUDINE AUVRAY, POUVOIR A PIERRE BARROS",
             {"grantor": "CLAUDINE AUVRAY", "holder": "PIERRE BARROS"}),
            ("Patrice KERVAON (procuration à Paul LE BIHAN)",
             {"grantor": "Patrice KERVAON", "holder": "Paul LE BIHAN"}),
            ("Madame C SERGENT a donné pourvoir à Monsieur F.DELAUNEY",
             {"grantor": "Madame C SERGENT", "holder": "Monsieur F.DELAUNEY"}),
            ("M. Luc PETIT a donné délégation de vote à Mme Anne MARTIN",
             {"grantor": "M. Luc PETIT", "holder": "Mme Anne MARTIN"}),
            ("M. Luc PETIT (procuration donnée à Mme Anne MARTIN)",
             {"grantor": "M. Luc PETIT", "holder": "Mme Anne MARTIN"}),
        ),
    ),
    Rule(
        "proxies.holder-for",
        # "Y (pour X)", "Y (pouvoir de X)", "Y ayant la procuration de X", "Y a reçu pouvoir de X"
        r"^(?P<holder>.+?)\s*(?:\(\s*(?:pour|pouvoir\s+de|procuration\s+de)\s+(?P<grantor>(?:[^()]|\([^()]*\))+)\)"
        r"|,?\s*(?:ayant\s+(?:la\s+)?procuration\s+de|a\s+re[çc]u\s+(?:pouvoir|procuration)\s+de)"
        r"\s+(?P<grantor2>.+))$",
        read=lambda m: ((k, v, a, b) for k, v, a, b in _pair(m)) if m["grantor"] else iter((
            ("grantor", _trim(m["grantor2"]), m.start("grantor2"), m.end("grantor2")),
            ("holder", _trim(m["holder"]), m.start("holder"), m.end("holder")))),
        examples=(
            ("M. Jean DUPONT (pour Mme Anne MARTIN)",
             {"holder": "M. Jean DUPONT", "grantor": "Mme Anne MARTIN"}),
            ("Paul LE BIHAN (pouvoir de Patrice KERVAON)",
             {"holder": "Paul LE BIHAN", "grantor": "Patrice KERVAON"}),
            ("Bernadette CORVISIER a reçu pouvoir de Eric ROBERT",
             {"holder": "Bernadette CORVISIER", "grantor": "Eric ROBERT"}),
        ),
    ),
    Rule(
        "proxies.represented-by",
        # "M. Paul DURAND, représenté par M. Jean DUPONT", "Mme X (représentée par Mme Y)"
        r"^(?P<grantor>[^()]+?)\s*[,(]?\s*(?:est\s+)?repr[ée]sent[ée]e?(?:\(e\))?\s+par\s+"
        r"(?P<holder>[^()]+?)\s*\)?$",
        read=_pair,
        examples=(
            ("M. Paul DURAND, représenté par M. Jean DUPONT",
             {"grantor": "M. Paul DURAND", "holder": "M. Jean DUPONT"}),
            ("M. Paul DURAND est représenté par M. Jean DUPONT",
             {"grantor": "M. Paul DURAND", "holder": "M. Jean DUPONT"}),
            ("Mme Anne MARTIN (représentée par Mme Léa PETIT)",
             {"grantor": "Mme Anne MARTIN", "holder": "Mme Léa PETIT"}),
        ),
    ),
    Rule(
        "proxies.of-to",
        # "Pouvoir de M. Paul DURAND à M. Jean DUPONT"
        r"^(?:pouvoir|procuration)\s+de\s+(?P<grantor>.+?)\s+(?:à|a|au)\s+(?P<holder>.+?)$",
        read=_pair,
        examples=(
            ("Pouvoir de M. Paul DURAND à M. Jean DUPONT",
             {"grantor": "M. Paul DURAND", "holder": "M. Jean DUPONT"}),
        ),
    ),
    Rule(
        "proxies.mandataire",
        # "LEQUILBEC Frédérik (mandataire SAGET Eddy jusqu'à son arrivée 17h54 -
        #  mandataire HÉRY Sophie à son départ 21h39)"
        r"^(?P<grantor>[^()]+?)\s*\((?P<inner>\s*mandataire\b[^()]*)\)$",
        read=_mandataires,
        examples=(
            ("KRIMI Sonia (mandataire MAGHE Jean-Michel jusqu'à son arrivée 18h38)",
             {"grantor": "KRIMI Sonia", "holder": "MAGHE Jean-Michel",
              "time": "jusqu'à son arrivée 18h38"}),
            ("MARGUERITTE Camille (mandataire SAG", {}),
        ),
    ),
    Rule(
        "proxies.leaving-in-text",
        # anywhere in the header: "Départ de Monsieur Eric ROBERT (procuration à Bernadette CORVISIER)"
        r"^\W*(?P<time>D[ée]part|Sortie)\s+de\s+(?P<grantor>[^()\n]+?)\s*\(\s*(?:procuration|pouvoir)\s+"
        r"(?:à|a)\s+(?P<holder>[^()\n]+?)\s*\)",
        read=_pair,
        examples=(
            ("Départ de Monsieur Eric ROBERT (procuration à Bernadette CORVISIER)",
             {"time": "Départ", "grantor": "Monsieur Eric ROBERT", "holder": "Bernadette CORVISIER"}),
        ),
    ),
    Rule(
        "proxies.to-in-section",
        # in a "Pouvoirs :" section: "M. Jean-Michel ROUGER à M. Jérôme GARDELLE"
        r"^(?P<grantor>[^,;()]+?)\s*,?\s+(?:à|a)\s+(?P<holder>[^,;()]+?)\s*(?:\((?P<time>[^()]*)\))?$",
        read=_pair,
        examples=(
            ("M. Jean-Michel ROUGER à M. Jérôme GARDELLE",
             {"grantor": "M. Jean-Michel ROUGER", "holder": "M. Jérôme GARDELLE"}),
            ("GUYON Roger, à THAUVIN JL", {"grantor": "GUYON Roger", "holder": "THAUVIN JL"}),
        ),
    ),
    Rule(
        "proxies.by-in-section",
        # in a "Représentés :" section: "Mireille MEISSONNIER par Marianne MOULIN"
        r"^(?P<grantor>[^,;()]+?)\s+(?:par|représentée?\s+par)\s+(?P<holder>[^,;()]+?)$",
        read=_pair,
        examples=(
            ("Mireille MEISSONNIER par Marianne MOULIN",
             {"grantor": "Mireille MEISSONNIER", "holder": "Marianne MOULIN"}),
        ),
    ),
)
