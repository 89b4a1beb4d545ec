"""Layout families of real deliberations, written by the generator with their expected facts.

Helpers of :mod:`tools.synth.corpus`: each family is one way councils write a part of an
extract (the authority's heading, the date, the counts, the vote), taken from
the real set (issue 10), so that a rule the real set shows once keeps being
tested on many generated documents. Each writer returns the text and the
expected (partial, plain) record of what it wrote.

>>> french_number(26), french_number(2024), french_number(21), french_number(71)
('vingt-six', 'deux mille vingt-quatre', 'vingt et un', 'soixante et onze')
>>> write_vote_family("slash", 14, 0, 0, ())[0]
'POUR 14 CONTRE / ABSTENTIONS /'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tools.synth.councils import Council
from tools.synth.text import MONTHS, Member

_UNITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
          "onze", "douze", "treize", "quatorze", "quinze", "seize")
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}

# authority headings: how the council names itself above the extract
AUTHORITY = ("extract", "name-above", "commune-caps", "department", "ville")


def french_number(n: int) -> str:
    """``n`` (0-79, or a year 2000-2079) in French words, as deliberations write dates."""
    if n >= 2000:
        rest = n - 2000
        return "deux mille" + (f" {french_number(rest)}" if rest else "")
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return f"dix-{_UNITS[n - 10]}"
    tens = min(60, n // 10 * 10)
    unit = n - tens
    if unit == 0:
        return _TENS[tens]
    if unit in (1, 11):
        return f"{_TENS[tens]} et {french_number(unit)}"
    return f"{_TENS[tens]}-{french_number(unit)}"


def write_heading(c: Council, style: str, md: bool) -> tuple[list[str], dict[str, Any]]:
    """The lines above the session line and the authority and council they state.

    ``extract``: "du Conseil municipal de X"; ``name-above``: the authority's name alone
    above "EXTRAIT DU REGISTRE … DU CONSEIL COMMUNAUTAIRE"; ``commune-caps``: "COMMUNE DE X";
    ``department``: a department line above it; ``ville``: "Ville de X".
    """
    h1, h2 = ("# ", "## ") if md else ("", "")
    extract = f"{h1}EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS"
    council_caps = c.council.upper().replace("É", "E")
    if style == "extract":
        return [extract, f"{h2}du {c.council} {_with_de(c.authority)}"], {
            "authority": c.authority, "council": c.council}
    if style == "name-above":
        return [c.authority, f"{extract} DU {council_caps}"], {
            "authority": c.authority, "council": f"CONSEIL {council_caps.split()[1]}"}
    if style == "ville":
        return [f"Ville {_with_de(c.authority)}", c.council, extract], {
            "authority": f"Ville {_with_de(c.authority)}", "council": c.council}
    caps = f"COMMUNE {_with_de(c.authority.upper())}"
    lines = [caps, f"{extract} DU {council_caps}"]
    if style == "department":
        lines.insert(0, f"Département {_with_de(c.department)}")
    return lines, {"authority": caps, "council": f"CONSEIL {council_caps.split()[1]}"}


def _with_de(name: str) -> str:
    return f"D'{name}" if name.isupper() and name[:1] in "AEIOUYÉÈÂÎ" else (
        f"d'{name}" if name[:1] in "AEIOUYÉÈÂÎaeiouy" else (
            f"DE {name}" if name.isupper() else f"de {name}"))


def write_l_an(d: dt.date, rng: Any) -> tuple[str, dict[str, Any]]:
    """ "L'an deux mille vingt-quatre, le vingt-six septembre à 18 heures 30": date and time."""
    day = "premier" if d.day == 1 else french_number(d.day)
    hour, minute = rng.choice((18, 19, 20)), rng.choice((0, 30))
    at = f"{hour} heures" + (f" {minute}" if minute else "")
    text = f"L'an {french_number(d.year)}, le {day} {MONTHS[d.month - 1]}, à {at}"
    return text, {"date": d.isoformat(), "time": dt.time(hour, minute).isoformat()}


def write_effectif(seats: int, present: int, proxies: int) -> tuple[str, dict[str, Any]]:
    """ "Effectif légal : 33" then the counts, one a line."""
    return (f"Effectif légal : {seats}\nEn exercice : {seats}\nPrésents : {present}\n"
            f"Votants : {present + proxies}",
            {"seats": seats, "in_office": seats, "present": present, "voters": present + proxies})


def write_vote_family(style: str, pour: int, contre: int, abst: int,
                      abstainers: tuple[Member, ...]) -> tuple[str, dict[str, Any]]:
    """``slash``: "POUR 14 CONTRE /"; ``named``: abstentions named after their count;
    ``secret``: a secret ballot with its voters, blank and spoilt papers."""
    if style == "slash":
        def cell(n: int) -> str:
            return str(n) if n else "/"
        return (f"POUR {pour} CONTRE {cell(contre)} ABSTENTIONS {cell(abst)}",
                {"pour": pour, "contre": contre, "abstention": abst})
    if style == "named":
        names = ", ".join(f"{m.civ} {m.family}" for m in abstainers)
        s = "s" if len(abstainers) > 1 else ""
        return (f"Adopté par {pour} voix pour et {len(abstainers)} abstention{s} ({names}).",
                {"pour": pour, "abstention": len(abstainers),
                 "abstainers": [m.family for m in abstainers], "outcome": "adopted"})
    voters = pour + contre + abst
    return (f"Il est procédé au vote à bulletins secrets.\n\nNombre de votants : {voters}\n"
            f"Bulletins blancs : {abst}\nBulletins nuls : 0\nSuffrages exprimés : {pour + contre}\n\n"
            f"Pour : {pour}\nContre : {contre}",
            {"pour": pour, "contre": contre, "voters": voters, "blank": abst, "spoilt": 0,
             "expressed": pour + contre, "secret_ballot": True})
