"""Parsing French numbers, amounts, shares and dates as written in deliberations.

>>> parse_amount("40 000,00 €"), parse_amount("40.000 €"), parse_amount("40 k€")
(Decimal('40000.00'), Decimal('40000'), Decimal('40000'))
>>> parse_share("2,5%")
Decimal('2.5')
>>> parse_date("jeudi 26 septembre 2024"), parse_date("26/09/2024")
(datetime.date(2024, 9, 26), datetime.date(2024, 9, 26))
>>> parse_time("18 h 30")
datetime.time(18, 30)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# Spaces used as thousands separators: ordinary, no-break and narrow no-break.
SP = "[ \u00a0\u202f]"
NUMBER = rf"\d{{1,3}}(?:{SP}\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+(?:[.,]\d+)?"
AMOUNT = rf"(?P<amount>{NUMBER}){SP}*(?P<unit>k€|K€|M€|€|euros?|EUR)"
SHARE = rf"(?P<share>\d+(?:[.,]\d+)?){SP}*%"
DATE_WORDS = (
    r"(?:(?P<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"(?P<day>\d{1,2})(?:er)?\s+(?P<month>janvier|f[ée]vrier|mars|avril|mai|juin|juillet|"
    r"ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+(?P<year>\d{4})"
)
DATE_NUMERIC = r"(?P<nday>\d{1,2})[/.-](?P<nmonth>\d{1,2})[/.-](?P<nyear>\d{4})"
DATE = rf"(?:{DATE_WORDS}|{DATE_NUMERIC})"
TIME = r"(?P<hour>\d{1,2})\s*[hH:]\s*(?P<minute>\d{2})?"


def fold(text: str) -> str:
    """Lower-case without accents, for matching keywords."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def parse_number(text: str) -> Decimal:
    t = re.sub(SP, "", text.strip())
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        t = t.replace(".", "")
    t = t.replace(",", ".")
    try:
        return Decimal(t)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def parse_amount(text: str) -> Decimal:
    m = re.search(AMOUNT, text)
    if not m:
        raise ValueError(f"not an amount in euros: {text!r}")
    value = parse_number(m["amount"])
    unit = m["unit"].lower()
    if unit == "k€":
        value *= 1000
    elif unit == "m€":
        value *= 1_000_000
    return value


def parse_share(text: str) -> Decimal:
    m = re.search(SHARE, text)
    if not m:
        raise ValueError(f"not a percentage: {text!r}")
    return parse_number(m["share"])


def date_from_match(m: re.Match[str]) -> dt.date:
    if m.group("day"):
        return dt.date(int(m["year"]), MONTHS[fold(m["month"])], int(m["day"]))
    return dt.date(int(m["nyear"]), int(m["nmonth"]), int(m["nday"]))


def parse_date(text: str) -> dt.date:
    m = re.search(DATE, text, re.IGNORECASE)
    if not m:
        raise ValueError(f"not a date: {text!r}")
    return date_from_match(m)


def parse_time(text: str) -> dt.time:
    m = re.search(TIME, text)
    if not m:
        raise ValueError(f"not a time: {text!r}")
    return dt.time(int(m["hour"]), int(m["minute"] or 0))
