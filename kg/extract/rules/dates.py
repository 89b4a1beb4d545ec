"""Rules for the session and convocation dates (and the session's start time).

A date that does not exist ("31/02/2024", year 0000) is not read; a
convocation written without its year ("convoqué le 18/03") takes the year of
the session it convokes, and is dropped if that puts it after the session.

>>> words_to_int("deux mille vingt-trois"), words_to_int("vingt et un"), words_to_int("premier")
(2023, 21, 1)
>>> words_to_int("Deux Mille-dix-neuf"), words_to_int("soixante-dix-sept"), words_to_int("mille")
(2019, 77, 1000)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from kg.extract.rules import Reader, Rule
from kg.extract.values import MONTHS, fold

_UNITS = {"zero": 0, "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4,
          "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
          "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
          "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
NUMBER_WORD = r"(?:z[ée]ro|une?|premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|" \
              r"treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cent|" \
              r"mil(?:le)?|et)"
NUMBER_WORDS = rf"{NUMBER_WORD}(?:[\s-]+{NUMBER_WORD}){{0,7}}"
MONTH = r"(?P<month>janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|" \
        r"novembre|d[ée]cembre)"
WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
DAY = r"(?P<day>\d{1,2})(?:er)?"
YEAR = r"(?P<year>\d{4})"
WORDS_DATE = rf"(?:{WEEKDAY}\s+)?{DAY}\s+{MONTH}\s+{YEAR}"
NUMERIC_DATE = r"(?P<nday>\d{1,2})[/.-](?P<nmonth>\d{1,2})[/.-](?P<nyear>\d{4})"
DATE = rf"(?:{WORDS_DATE}|{NUMERIC_DATE})"


def words_to_int(text: str) -> int | None:
    """A number written in French words (up to 9999), or None."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", fold(text).strip()):
        if not word or word == "et":
            continue
        if word in ("mille", "mil"):
            total += (current or 1) * 1000
            current = 0
        elif word == "cent" or word == "cents":
            current = (current or 1) * 100
        elif word in _UNITS:
            value = _UNITS[word]
            if value == 20 and current % 100 == 4:  # quatre-vingt
                current = current - 4 + 80
            elif value < 20 and current % 100 in (60, 80) and value >= 10:
                current += value  # soixante-dix, quatre-vingt-douze
            else:
                current += value
        else:
            return None
    return total + current


def make_date(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    """The date, or None when it does not exist or is out of any council's range."""
    if year is None or month is None or day is None or not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_of(m: re.Match[str]) -> dt.date | None:
    if m.groupdict().get("day"):
        return make_date(int(m["year"]), MONTHS[fold(m["month"])], int(m["day"]))
    return make_date(int(m["nyear"]), int(m["nmonth"]), int(m["nday"]))


def date_reader(name: str, *, whole: bool = False) -> Reader:
    """A date read from group ``date``; its span is the whole match when ``whole``."""

    def read(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
        value = date_of(m)
        if value is not None:
            group = 0 if whole else "date"
            yield name, value, m.start(group), m.end(group)

    return read


def _in_words(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
    year = words_to_int(m["wyear"])
    day = int(m["dday"]) if m["dday"] else words_to_int(m["wday"])
    value = make_date(year, MONTHS[fold(m["month"])], day)
    if value is not None:
        yield "session_date", value, m.start(), m.end()


def _without_year(m: re.Match[str]) -> Iterator[tuple[str, Any, int, int]]:
    # the year is the session's: marked by a year of 1 until the session is known
    month = MONTHS[fold(m["month"])] if m["month"] else int(m["nmonth"])
    value = make_date(1904, month, int(m["nday"] or m["day"]))  # 1904: a leap year
    if value is not None:
        yield "convocation_day", value, m.start("date"), m.end("date")


RULES: tuple[Rule, ...] = (
    Rule(
        "dates.l-an",
        # "L'an deux mille vingt-quatre, le vingt-six septembre", "L an deux mille onze, le vingt deux juin"
        rf"\bL['\s]\s*an\s+(?P<wyear>{NUMBER_WORDS})\s*,?\s*(?:et\s+)?le\s+(?:{WEEKDAY}\s+)?"
        rf"(?:(?P<dday>\d{{1,2}})(?:er)?|(?P<wday>{NUMBER_WORDS}))\s+{MONTH}",
        read=_in_words,
        examples=(
            ("L'an deux mille vingt-quatre, le vingt-six septembre à dix-huit heures",
             {"session_date": dt.date(2024, 9, 26)}),
            ("L an deux mille onze, le vingt deux juin, à 20 heures 30",
             {"session_date": dt.date(2011, 6, 22)}),
            ("L'an deux mil vingt-trois, le jeudi 30 novembre 2023 à 19h30",
             {"session_date": dt.date(2023, 11, 30)}),
            ("L'an deux mille-dix-neuf et le dix-huit avril", {"session_date": dt.date(2019, 4, 18)}),
            ("L'An Deux Mille Vingt et un, le dix-sept février", {"session_date": dt.date(2021, 2, 17)}),
            ("L'an deux mille vingt-trois, le trente février", {}),
        ),
    ),
    Rule(
        "dates.day-month-year-in-words",
        # "Le douze février deux mille vingt-quatre, à 18 heures"
        rf"\bLe\s+(?:{WEEKDAY}\s+)?(?:(?P<dday>\d{{1,2}})(?:er)?|(?P<wday>{NUMBER_WORDS}))\s+{MONTH}\s+"
        rf"(?P<wyear>deux\s+mil(?:le)?(?:[\s-]+{NUMBER_WORD}){{0,5}})",
        read=_in_words,
        examples=(
            ("Le douze février deux mille vingt-quatre, à 18 heures", {"session_date": dt.date(2024, 2, 12)}),
            ("Le 3 mars deux mille vingt et un", {"session_date": dt.date(2021, 3, 3)}),
        ),
    ),
    Rule(
        "dates.session-of",
        # "Séance du 26/09/2024", "Réunion du 25.11.2019", "Séance ordinaire du Jeudi 18 avril 2019"
        rf"\b(?:S[ée]ance|R[ée]union|Session)\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)?"
        rf"(?:du|le)\s*:?\s+(?P<date>{DATE})",
        read=date_reader("session_date", whole=True),
        examples=(
            ("Séance du jeudi 26 septembre 2024", {"session_date": dt.date(2024, 9, 26)}),
            ("Réunion du 25.11.2019", {"session_date": dt.date(2019, 11, 25)}),
            ("Séance du 31/02/2024", {}),
        ),
    ),
    Rule(
        "dates.session-label",
        # "Date de la séance : 12/03/2024", "Date de séance : mardi 12 mars 2024"
        rf"\bDate\s+de\s+(?:la\s+)?s[ée]ance\s*:\s*(?P<date>{DATE})",
        read=date_reader("session_date"),
        examples=(("Date de la séance : 12/03/2024", {"session_date": dt.date(2024, 3, 12)}),),
    ),
    Rule(
        "dates.council-of",
        # "PROCES VERBAL DE SEANCE DU CONSEIL MUNICIPAL DU 24 MARS 2021",
        # "CONSEIL COMMUNAUTAIRE DU\n25 JANVIER 2023"
        r"\bConseil\s+(?:municipal|communautaire|m[ée]tropolitain|syndical|de\s+m[ée]tropole)\s+"
        rf"du\s+(?P<date>{DATE})",
        read=date_reader("session_date"),
        examples=(
            ("COMPTE-RENDU CONSEIL MUNICIPAL DU MERCREDI 22 JUIN 2011",
             {"session_date": dt.date(2011, 6, 22)}),
            ("CONSEIL COMMUNAUTAIRE DU\n25 JANVIER 2023", {"session_date": dt.date(2023, 1, 25)}),
        ),
    ),
    Rule(
        "dates.met-on",
        # "s'est réuni le 24 novembre 2021", "la séance qui s'ouvrira le : lundi 08 juin 2020"
        rf"\b(?:r[ée]unie?s?|assembl[ée]s?|s'ouvrira)\s+le\s*:?\s+(?P<date>{DATE})",
        read=date_reader("session_date"),
        examples=(
            ("pour la séance qui s'ouvrira le : lundi 08 juin 2020", {"session_date": dt.date(2020, 6, 8)}),
            ("le conseil s'est réuni le 12/05/2022 à 18h", {"session_date": dt.date(2022, 5, 12)}),
        ),
    ),
    Rule(
        "dates.convocation",
        # "Date de convocation : 18 janvier 2023", "Convocation envoyée le 18 septembre 2024",
        # "dûment convoqué en date du 5 février 2021", "Date de l'avis de convocation :\n\n30 janvier 2017"
        rf"\b(?:convocation|convoqu[ée]e?s?)[^\n\d]{{0,60}}?(?:\n[ \t]*){{0,3}}(?P<date>{DATE})",
        read=date_reader("convocation_date", whole=True),
        examples=(
            ("Date de convocation : jeudi 18 novembre 2021", {"convocation_date": dt.date(2021, 11, 18)}),
            ("Date de l'avis de convocation :  \n\n30 janvier 2017",
             {"convocation_date": dt.date(2017, 1, 30)}),
            ("Convocation dématérialisée du Conseil Municipal du 29 mai 2020",
             {"convocation_date": dt.date(2020, 5, 29)}),
        ),
    ),
    Rule(
        "dates.convocation-without-year",
        # "légalement convoqué le 18/03 s'est réuni", "convoqué en date du 15 juin, sous"
        rf"convoqu[ée]e?s?\s+(?:le|en\s+date\s+du)\s+(?P<date>(?P<nday>\d{{1,2}})[/.](?P<nmonth>\d{{1,2}})"
        rf"|{DAY}\s+{MONTH})(?![/.\d]|\s+\d{{4}})",
        read=_without_year,
        examples=(
            ("le Conseil Municipal légalement convoqué le 18/03 s'est réuni",
             {"convocation_day": dt.date(1904, 3, 18)}),
            ("légalement convoqué en date du 15 juin, sous la présidence",
             {"convocation_day": dt.date(1904, 6, 15)}),
            ("convoqué le 18/03/2021", {}),
        ),
    ),
    Rule(
        "dates.convocation-label-run",
        # a flattened two-column layout: the label, other cells, then the date
        rf"Date\s+de\s+(?:la\s+)?convocation\s*:(?:(?!\d{{1,2}}[/.]\d)[^\n]){{1,400}}?(?P<date>{NUMERIC_DATE})",
        read=date_reader("convocation_date"),
        examples=(
            ("Date de convocation : Présents : Patrick AMATHIEU, Alain DETERNES, 23/11/2023 Jean-Marc",
             {"convocation_date": dt.date(2023, 11, 23)}),
        ),
    ),
)
