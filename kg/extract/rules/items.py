"""Item rules: how whole-session minutes number and title each deliberation, and state counts
per range of items.

A heading rule matches one line and captures ``number`` (as written) and ``subject`` (its
first line). Rules are grouped in families; a family is *strong* when its numbers cannot
be mistaken for a list inside a report (a year, a date or a code in them).
"""

from __future__ import annotations

import re

from kg.extract.rules.groups import PatternRule

_M = re.IGNORECASE | re.MULTILINE
_UPPER_START = r"(?=[«\"“A-ZÀ-ÖØ-Þ])"

HEADING_RULES: tuple[PatternRule, ...] = (
    PatternRule("dated-number",
         rf"^[^\S\n]*(?P<number>(?:19|20)\d\d[./-]\d\d[./-]\d\d[^\S\n]*[-–][^\S\n]*\d{{1,3}})[^\S\n]+"
         rf"{_UPPER_START}(?P<subject>\S.*?)[^\S\n]*$",
         (("2017.02.07 - 1  ADOPTION  DES  COMPTES-RENDUS",
           {"number": "2017.02.07 - 1", "subject": "ADOPTION  DES  COMPTES-RENDUS"}),),
         flags=re.MULTILINE),
    PatternRule("code-number",
         rf"^[^\S\n]*(?P<number>[A-Z]{{1,5}}[ _-]?\d{{1,4}}[_./-](?:19|20)\d\d)[^\S\n]+(?:[-–:][^\S\n]*)?"
         rf"{_UPPER_START}(?P<subject>\S.*?)[^\S\n]*$",
         (("CC02_2023 FINANCES CRTE - DEMANDE DE SUBVENTION",
           {"number": "CC02_2023", "subject": "FINANCES CRTE - DEMANDE DE SUBVENTION"}),
          ("CC10.2023 du 25.01.2023) (gratuité jusqu’à 5 ans)", None)),
         flags=re.MULTILINE),
    PatternRule("deliberation-number",
         rf"^[^\S\n]*(?:D[ée]lib[ée]ration|DELIBERATION)?[^\S\n]*[Nn][°o][^\S\n]*(?P<number>[\w./-]*\d[\w./-]*)"
         rf"[^\S\n]*[-–:.][^\S\n]*{_UPPER_START}(?P<subject>\S.*?)[^\S\n]*$",
         (("Délibération n° 2021-184 : Aide à l'immobilier",
           {"number": "2021-184", "subject": "Aide à l'immobilier"}),
          ("N° 3 - Budget primitif", {"number": "3", "subject": "Budget primitif"}),
          ("n° 3 de la liste", None)),
         flags=re.MULTILINE),
    PatternRule("question-number",
         rf"^[^\S\n]*(?:QUESTION|POINT|AFFAIRE|DOSSIER|Question|Point|Affaire|Dossier)[^\S\n]+"
         rf"(?:[Nn][°o]?[^\S\n]*)?(?P<number>\d{{1,3}})[^\S\n]*[-–:.][^\S\n]*{_UPPER_START}"
         rf"(?P<subject>\S.*?)[^\S\n]*$",
         (("QUESTION N 1 : DECISION MODIFICATIVE", {"number": "1", "subject": "DECISION MODIFICATIVE"}),
          ("Point 4 - Tarifs", {"number": "4"})),
         flags=re.MULTILINE),
    PatternRule("subject-then-number",
         r"^[^\S\n]*(?P<subject>[A-ZÀ-ÖØ-Þ][^\n]{10,200}?)[^\S\n]*:[^\S\n]*(?P<number>(?:19|20)\d\d[-_/.]\d{1,4})"
         r"[^\S\n]*$",
         (("Travaux d'enfouissement réseaux électriques - versement fonds de concours : 2019-93",
           {"number": "2019-93"}),),
         flags=re.MULTILINE),
    PatternRule("number-then-object",
                r"^[^\S\n]*(?:D[ée]lib[ée]ration|DELIBERATION)[^\S\n]+[Nn][°o][^\S\n]*"
                r"(?P<number>[\w./-]*\d[\w./-]*)[^\S\n]*\n(?:[^\S\n]*\n)?[^\S\n]*(?:OBJET|Objet)"
                r"[^\S\n]*:[^\S\n]*(?P<subject>\S.*?)[^\S\n]*$",
                (("DELIBERATION N° 2023-045\nOBJET : Budget primitif",
                  {"number": "2023-045", "subject": "Budget primitif"}),),
                flags=re.MULTILINE),
    PatternRule("object-heading", r"^[^\S\n]*(?:OBJET|Objet)[^\S\n]*:[^\S\n]*(?P<subject>\S.*?)[^\S\n]*$",
                (("OBJET : Budget primitif", {"subject": "Budget primitif"}),), flags=re.MULTILINE),
    PatternRule("numbered-dot",
                rf"^[^\S\n]*(?P<number>\d{{1,3}})[^\S\n]*[.)][^\S\n]+{_UPPER_START}(?P<subject>[^\W\d_].*?)"
                rf"[^\S\n]*$",
                (("3. Tarifs de l'eau potable", {"number": "3", "subject": "Tarifs de l'eau potable"}),
                 ("3.5 millions", None)),
                flags=re.MULTILINE),
    PatternRule("numbered-dash",
         rf"^[^\S\n]*(?P<number>\d{{1,3}})[^\S\n]*[-–][^\S\n]+{_UPPER_START}(?P<subject>[^\W\d_].*?)[^\S\n]*$",
         (("1 - Création et composition des commissions municipales",
           {"number": "1", "subject": "Création et composition des commissions municipales"}),
          ("1 Création et composition", None), ("3 - de fixer les tarifs", None)),
         flags=re.MULTILINE),
)
STRONG = frozenset({"dated-number", "code-number", "subject-then-number", "deliberation-number",
                    "question-number", "number-then-object"})

# A line that opens an item's body rather than continuing its title.
BODY_START = PatternRule(
    "body-start",
    r"^\s*(?:\(|(?:Monsieur|Madame|M\.|Mme|Mr)\s|VU\b|Vu\b|Consid[ée]rant|D[ée]part|Retour|Arriv[ée]e|"
    r"Rapporteur|Il\s|Elle\s|Le\s|La\s|Les\s|L['’]|Après|Apr[eè]s|Dans\s|Avant|Pour\s|Ce\s|Ces\s|Cette\s|"
    r"Par\s|En\s|Sur\s|Suite|Sous\s|Conform[ée]ment|Lors|Afin|Expos[ée]|Rapport|LE\s+CONSEIL)",
    (("Monsieur le Maire expose :", {}), ("VU le code", {}), ("LOUESTAULT", None)),
    flags=re.MULTILINE)

AGENDA = PatternRule("agenda", r"^\W*ordre\s+du\s+jour\b", (("Ordre du jour :", {}),), flags=_M)
MINUTES_TITLE = PatternRule(
    "minutes-title",
    r"\bproc[èe]s[\s-]+verbal\b|\bcompte[\s-]+rendu\s+(?:de\s+(?:la\s+)?s[ée]ance|sommaire|du\s+conseil)"
    r"|\brelev[ée]\s+de\s+d[ée]cisions\b|^\W*compte[\s-]+rendu\b",
    (("PROCES VERBAL DE LA RÉUNION", {}), ("Compte rendu de la séance :", {}),
     ("Relevé de décisions", {}), ("le procès-verbal de la séance est adopté", {})),
    flags=_M)

RANGE_HEAD = PatternRule(
    "range-head",
    r"^\W*(?:questions?|points?|d[ée]lib[ée]rations?|affaires?|dossiers?)\s+(?:n[°o]s?\s*)?"
    r"(?P<first>\d{1,3})\s+(?:[àa]|au)\s+(?:(?:la\s+)?(?P<end>fin)\b|(?:la\s+)?(?:question\s+)?"
    r"(?:n[°o]\s*)?(?P<last>\d{1,3})\b)\s*:?",
    (("Questions 1   à 10     :", {"first": "1", "last": "10"}),
     ("Questions 18   à la fin     :", {"first": "18", "end": "fin"}),
     ("Délibérations n° 4 à 12 :", {"first": "4", "last": "12"})),
    flags=_M)


def _count(field: str, label: str) -> str:
    """ "32 présents" or "Présents : 32" (the second form's group ends in 2)."""
    return rf"\b(?P<{field}>\d{{1,3}})\s+{label}\b|\b{label}\s*:\s*(?P<{field}2>\d{{1,3}})\b"


RANGE_COUNT_RULES: tuple[PatternRule, ...] = (
    PatternRule("range-present", _count("present", r"pr[ée]sent(?:e|s|es)?"),
         (("32 présents", {"present": "32"}), ("Présents : 31", {"present2": "31"}))),
    PatternRule("range-proxies", _count("proxies", r"(?:procurations?|pouvoirs?)"),
         (("1 procuration 33 votants", {"proxies": "1"}), ("Pouvoirs : 2", {"proxies2": "2"}))),
    PatternRule("range-voters", _count("voters", r"votants?"),
                (("1 procuration 33 votants", {"voters": "33"}),)),
    PatternRule("range-absent", _count("absent", r"absent(?:e|s|es)?"), (("0 absent", {"absent": "0"}),)),
)

RULES: tuple[PatternRule, ...] = (*HEADING_RULES, BODY_START, AGENDA, MINUTES_TITLE, RANGE_HEAD,
                           *RANGE_COUNT_RULES)
