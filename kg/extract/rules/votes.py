"""Vote rules: the formulas councils write to record how a deliberation was voted.

Count rules capture named groups that are fields of :class:`kg.extract.records.Vote`
(``pour``, ``contre``, ``abstention``, ``not_voting``, ``expressed``, ``voters``,
``blank``, ``spoilt``, ``proxies_used``) or named lists (``abstainers``,
``not_voting_members``). A count written "/" (an empty cell) or "néant" reads 0;
a count written in words ("une abstention") reads its number. Outcome rules say
how the vote ended; an article that merely *mentions* a rejection ("la demande a
été rejetée") is no outcome.
"""

from __future__ import annotations

import re

from kg.extract.rules.groups import PatternRule

WORDS = ("un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
         "onze", "douze", "treize", "quatorze", "quinze", "seize")
_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
# A written count: digits, a number word, or a dash / slash / "néant" for none.
N = rf"(?:\d{{1,3}}|/|[-–](?=\s|$)|n[ée]ant|aucune?|(?:{_WORD})\b)"
NUM = rf"(?:\d{{1,3}}|(?:{_WORD})\b)"  # a count that must be written as a number
H = r"[^\S\n]+"  # spaces within one line
# A number that is not the value of a label before it ("Pour : 23", "POUR 14 CONTRE 2
# ABSTENTIONS /": the 2 is against, not two abstentions). The look-ahead on the first
# character of a count (a digit or a number word's initial) only spares trying the
# look-behinds at every position of the text: it matches nothing the rules would not.
FREE = (rf"(?=[\d{''.join(sorted({w[0] for w in WORDS}))}])"
        r"(?<!:)(?<!:\s)(?<!:\s\s)(?<!\bpour\s)(?<!\bcontre\s)\b")
APOS = "['’‘ ]?\\s*"
NOT_VOTING_VERB = (r"ne\s+(?:se\s+prononce(?:nt)?|prend|prennent|participen?t)\s+pas(?:\s+part)?"
                   r"(?:\s+au(?:x)?\s+votes?)?")
ABSTAIN_VERB = rf"s{APOS}abst(?:ien(?:nen)?t|enu(?:e|s|es)?)"
CIVILITIES = r"(?:MESSIEURS|MESDAMES|MONSIEUR|MADAME|MADEMOISELLE|MMES|MME|MLLE|MM|M)(?:\.|\b)"


def count_value(written: str) -> int | None:
    """The number a written count stands for, or None when it is not one.

    >>> count_value("14"), count_value("/"), count_value("une"), count_value("néant")
    (14, 0, 1, 0)
    """
    w = written.strip().lower()
    if w.isdigit():
        return int(w)
    if w in ("/", "-", "–", "néant", "neant", "aucun", "aucune"):
        return 0
    if w in WORDS:
        return max(1, WORDS.index(w))
    return None


COUNT_RULES: tuple[PatternRule, ...] = (
    PatternRule("for-against-inline",
         rf"\bpour\s*:?\s*(?P<pour>{N})\s*[-–,;|]?\s*(?:ont\s+vot[ée]\s+)?contre\s*:?\s*"
         rf"(?P<contre>{N})(?:\s*[-–,;|]?\s*(?:abstentions?|se\s+sont\s+abstenus)\s*:?\s*"
         rf"(?P<abstention>{N}))?",
         (("POUR 14 CONTRE /", {"pour": "14", "contre": "/"}),
          ("Pour : 23 Contre : 0 Abstention : 0", {"pour": "23", "contre": "0", "abstention": "0"}),
          ("Pour : 30 – Contre : 2 – Abstentions : 1", {"pour": "30", "abstention": "1"}),
          ("ONT VOTE POUR : 14 ONT VOTE CONTRE : / SE SONT ABSTENUS : /",
           {"pour": "14", "contre": "/", "abstention": "/"}),
          ("voter pour le contre-projet", None))),
    PatternRule("for-colon", rf"(?:ont\s+vot[ée]\s+)?\bpour\s*:\s*(?P<pour>{N})(?!\s*[/.]?\d)",
         (("Votes pour : 25", {"pour": "25"}), ("Pour extrait conforme", None),
          ("pour : 12/05/2020", None))),
    PatternRule("against-colon", rf"(?:ont\s+vot[ée]\s+)?\bcontre\s*:\s*(?P<contre>{N})(?!\s*[/.]?\d)",
         (("Contre : 2", {"contre": "2"}), ("ONT VOTE CONTRE : /", {"contre": "/"}))),
    PatternRule("abstention-colon",
         rf"\b(?:abstentions?|se\s+sont\s+abstenus|abstenus?)\s*:\s*(?P<abstention>{N})(?!\s*[/.]?\d)",
         (("Abstentions : 3", {"abstention": "3"}), ("SE SONT ABSTENUS : /", {"abstention": "/"}))),
    PatternRule("for-votes", rf"{FREE}(?P<pour>{NUM}){H}(?:voix|votes?|suffrages){H}pour\b",
         (("adopté par 23 voix pour et 6 abstentions", {"pour": "23"}),
          ("30 voix pour, 2 voix contre", {"pour": "30"}))),
    PatternRule("against-votes",
         rf"{FREE}(?P<contre>{NUM}){H}(?:voix|votes?){H}contre\b(?!{H}\d)|voix\s+pour\s*(?:,|et)\s*"
         rf"(?P<contre2>{NUM}){H}contre\b",
         (("30 voix pour, 2 voix contre", {"contre": "2"}),
          ("par 25 voix pour et 3 contre", {"contre2": "3"}),
          ("rejetée par 20 voix contre 9", None))),
    PatternRule("abstentions-count",
         rf"{FREE}(?P<abstention>{NUM}){H}abstentions?\b(?:\s*\((?P<abstainers>[^()]{{2,300}})\))?",
         (("par 23 voix pour et 6 abstentions", {"abstention": "6", "abstainers": None}),
          ("6 abstentions (MM. LEROY, SIRI)", {"abstention": "6", "abstainers": "MM. LEROY, SIRI"}),
          ("à la majorité avec une abstention (Mme PLOU)",
           {"abstention": "une", "abstainers": "Mme PLOU"}),
          ("Contre : 0 Abstention : 6", None), ("POUR 14 CONTRE 2 ABSTENTIONS /", None))),
    PatternRule("votes-out-of", rf"\bpar\s+(?P<pour>{NUM})\s+voix\s+sur\s+(?P<expressed>{NUM})\b",
         (("LE CONSEIL MUNICIPAL PAR 23 VOIX SUR 23 VOIX DESIGNE", {"pour": "23", "expressed": "23"}),)),
    PatternRule("not-voting-colon", rf"{NOT_VOTING_VERB}\s*:\s*(?P<not_voting>{N})",
         (("Ne prend pas part au vote : 0", {"not_voting": "0"}),
          ("ne se prononce pas : 2", {"not_voting": "2"}))),
    PatternRule("not-voting-count",
         rf"{FREE}(?P<not_voting>{NUM}){H}(?:conseillers?{H}|membres?{H}|[ée]lus?{H})?(?:municipaux{H})?"
         rf"{NOT_VOTING_VERB}",
         (("2 conseillers ne prennent pas part au vote", {"not_voting": "2"}),)),
    PatternRule("not-voting-named", rf"\((?P<not_voting_members>[^()]{{2,300}}?)\s+{NOT_VOTING_VERB}\s*\)",
         (("(MADAME LEROY, MESSIEURS SIRI, HUET NE PARTICIPENT PAS AU VOTE)",
           {"not_voting_members": "MADAME LEROY, MESSIEURS SIRI, HUET"}),)),
    PatternRule("abstainers-named-verb", rf"\((?P<abstainers>[^()]{{2,300}}?)\s+{ABSTAIN_VERB}\s*\)",
         (("(MADAME LEROY, MESSIEURS SIRI S'ABSTIENNENT)",
           {"abstainers": "MADAME LEROY, MESSIEURS SIRI"}),)),
    PatternRule("abstainers-exception",
         rf"[àa]\s+l{APOS}exception\s+(?:de\s+|d['’]\s*|des?\s+)(?P<abstainers>[^()]{{2,300}}?),?\s+"
         rf"qui\s+{ABSTAIN_VERB}",
         (("A L’EXCEPTION DE MADAME LEROY, MESSIEURS SIRI, HUET QUI S'ABSTIENNENT, ACCEPTE",
           {"abstainers": "MADAME LEROY, MESSIEURS SIRI, HUET"}),)),
    PatternRule("proxies-used", r"\bdont\s+(?P<proxies_used>\d{1,3})\s+(?:procurations?|pouvoirs?)",
         (("33 votants dont 2 pouvoirs", {"proxies_used": "2"}),)),
    PatternRule("count-in-words",
         r"\b(?P<label>pour|contre|abstention)s?\s*:\s*(?P<unread>(?:vingt|trente|quarante|cinquante|"
         r"soixante|quatre-vingt|cent|dix-)[\w-]*)",
         (("Pour : trente – Contre : 2", {"unread": "trente"}), ("Pour : 23", None))),
    PatternRule("ballot-voters", r"(?:nombre\s+de\s+votants|\bvotants)\s*:\s*(?P<voters>\d{1,3})\b",
         (("Nombre de votants : 33", {"voters": "33"}),)),
    PatternRule("ballot-spoilt", r"\b(?:bulletins?\s+nuls?|nuls)\s*:?\s*(?P<spoilt>\d{1,3})\b",
         (("Bulletins nuls : 0", {"spoilt": "0"}),)),
    PatternRule("ballot-blank", r"\b(?:bulletins?\s+blancs?|blancs)\s*:?\s*(?P<blank>\d{1,3})\b",
         (("Bulletins blancs : 0", {"blank": "0"}),)),
    PatternRule("ballot-expressed", r"\bsuffrages\s+exprim[ée]s\s*:?\s*(?P<expressed>\d{1,3})\b",
         (("Suffrages exprimés 33", {"expressed": "33"}), ("Suffrages exprimés : 31", {}))),
)

SECRET_BALLOT = PatternRule(
    "secret-ballot", r"\b(?:scrutin|vote)\s+(?:[àa]\s+bulletins?\s+)?secrets?\b|\bbulletins?\s+secrets?\b",
    (("La liste soumise au vote à bulletins secrets", {}), ("au scrutin secret", {})))

# What a committee, a bureau or an opinion voted, not the council: its outcome is not the vote's.
NOT_COUNCIL = PatternRule(
    "not-council", r"\b(?:commissions?|bureau|avis|comit[ée])\b",
    (("avis favorable de la commission des finances à l'unanimité", {}),))

# Outcome rules, in order of precedence: the first kind found in a vote decides.
UNANIMITY = PatternRule(
    "unanimity",
    rf"(?:\b(?:à|a)\s+l{APOS}unanimit[ée](?!\s+moins)(?:\s+des\s+(?:membres\s+)?(?:pr[ée]sents"
    rf"(?:\s+et\s+repr[ée]sent[ée]s)?|suffrages\s+exprim[ée]s|votants))?"
    rf"|\bvote\s*:\s*unanimit[ée]\b|^\W*unanimit[ée]\W*$|\(\s*unanimit[ée]\s*\))",
    (("ADOPTÉ À L'UNANIMITÉ", {}), ("à l'unanimité des présents", {}), ("Vote : unanimité", {}),
     ("UNANIMITÉ", {}), ("adopté (unanimité)", {}),
     ("à l’unanimité des membres présents et représentés", {}),
     ("est adopté à l unanimité", {}), ("à l'unanimité moins une voix", None)),
    flags=re.IGNORECASE | re.MULTILINE)
REJECTED = PatternRule(
    "rejected",
    r"\b(?:la\s+proposition|la\s+d[ée]lib[ée]ration|le\s+projet(?:\s+de\s+d[ée]lib[ée]ration)?|"
    r"la\s+motion|l['’]amendement|le\s+rapport|le\s+v[œo]e?u)\s+(?:est|a\s+été)\s+rejet[ée]e?"
    r"|^\W*rejet[ée]e?s?\W*$|\brejet[ée]e?s?\s+(?:par\s+\d+\s+voix|[àa]\s+la\s+majorit[ée])",
    (("La proposition est rejetée par 20 voix contre 12", {}), ("REJETÉ", {}),
     ("considérant que la demande a été rejetée", None)),
    flags=re.IGNORECASE | re.MULTILINE)
ADOPTED = PatternRule(
    "adopted",
    r"^\W*adopt[ée]e?s?\W*$|\b(?:adopt[ée]e?s?|approuv[ée]e?s?|accept[ée]e?s?|accepte|d[ée]cide)\s+"
    r"(?:[^.\n]{0,40}?\s)?[àa]\s+la\s+majorit[ée]|\b(?:accepte|adopte|approuve)\s+(?:cette|ces|la|les)\s+"
    r"propositions?\b|\b(?:est|sont|a\s+été|ont\s+été)\s+(?:adopt|approuv)[ée]e?s?\b|"
    r"\badopt[ée]e?s?\s+par\s+\d+\s+voix",
    (("ADOPTÉ", {}), ("Le Conseil accepte à la majorité avec une abstention", {}),
     ("LE CONSEIL MUNICIPAL ACCEPTE CES PROPOSITIONS", {}), ("adopté par 30 voix pour", {}),
     ("il convient d'adopter un règlement", None)),
    flags=re.IGNORECASE | re.MULTILINE)

RULES: tuple[PatternRule, ...] = (*COUNT_RULES, SECRET_BALLOT, NOT_COUNCIL, UNANIMITY, REJECTED,
                                   ADOPTED)
