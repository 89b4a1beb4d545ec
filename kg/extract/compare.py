"""Loose comparisons between what a reader recorded and what the extractor read.

A careful reader writes names as they appear ("Jean-Louis THAUVIN", "M. HUET",
"C.DE ROSTOLAN"), authorities as a person would name them ("Commune de
Tronget") and subjects with OCR errors corrected. These functions decide when
two such strings designate the same thing: accents, case, punctuation and
civilities are ignored; dates and numbers are always compared exactly elsewhere.

>>> same_person("Jean-Louis THAUVIN", "THAUVIN JL")
True
>>> same_person("Patricia RAYNAUD", "Pascal RAYNAUD")
False
>>> same_authority("Commune de Tronget", "COMMUNE DE TRONGET")
True
>>> same_authority("Communauté d'Agglomération de Saintes", "Saintes")
False
>>> council_kind("Conseil Métropolitain"), council_kind("CONSEIL COMMUNAUTAIRE")
('metropole', 'communautaire')
"""

from __future__ import annotations

import difflib
import re
import unicodedata

_CIVILITIES = {"m", "mr", "mme", "mlle", "mm", "monsieur", "madame", "mademoiselle", "mmes", "dr"}
_LINKS = {"de", "d", "du", "des", "la", "le", "les", "l", "et", "en", "sur", "sous", "a", "au", "aux"}
_COMMUNE_WORDS = {"commune", "ville", "mairie", "municipalite"}
_KINDS = (
    ("municipal", ("municipal",)),
    ("communautaire", ("communautaire", "communaute")),
    ("metropole", ("metropolitain", "metropole")),
    ("syndical", ("syndical", "syndicat")),
    ("administration", ("administration",)),
    ("departemental", ("departemental", "departement")),
    ("regional", ("regional", "region")),
)


def fold(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    bare = bare.replace("œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())


def _name_parts(name: str) -> list[tuple[list[str], list[str]]]:
    """Possible (surname words, given-name words) readings of a name written in any order.

    Upper-case words of two letters or more are the surname, as French
    registers write it; a name written all in one case ("PIERRE BARROS",
    "THAUVIN JL") may have its surname first or last, so both readings are kept.
    """
    raw = [w for w in re.split(r"[\s.]+", name.strip()) if w]
    raw = [w for w in raw if fold(w) not in _CIVILITIES]
    if not raw:
        return []
    upper = [w for w in raw if len(w.strip("-'’")) >= 2 and w.isupper()]
    if upper and len(upper) < len(raw):
        return [([fold(w) for w in upper], [fold(w) for w in raw if w not in upper])]
    folded = [fold(w) for w in raw]
    return [(folded[-1:], folded[:-1]), (folded[:1], folded[1:])]


def _same_reading(a: tuple[list[str], list[str]], b: tuple[list[str], list[str]]) -> bool:
    (sa, ga), (sb, gb) = a, b
    ka, kb = " ".join(sa), " ".join(sb)
    if ka != kb and not (ka.endswith(" " + kb) or kb.endswith(" " + ka)):
        return False
    if not ga or not gb:
        return True
    fa, fb = " ".join(ga).split(), " ".join(gb).split()
    if all(len(w) > 2 for w in fa + fb):
        return fa[0] == fb[0]
    return fa[0][0] == fb[0][0]


def same_person(a: str, b: str) -> bool:
    """Same surname; and where both name a first name or initials, the same ones."""
    return any(_same_reading(x, y) for x in _name_parts(a) for y in _name_parts(b))


def _authority_words(name: str) -> list[str]:
    words = [w for w in fold(name).split() if w not in _LINKS]
    return ["commune" if w in _COMMUNE_WORDS else w for w in words]


def same_authority(expected: str, got: str) -> bool:
    """The same authority, a commune being named with or without "Commune de"."""
    e, g = _authority_words(expected), _authority_words(got)
    if e == g:
        return True
    return (e[:1] == ["commune"] and e[1:] == g) or (g[:1] == ["commune"] and g[1:] == e)


def council_kind(text: str) -> str | None:
    """The kind of deliberating body named in ``text``, as one key."""
    words = fold(text).split()
    for key, stems in _KINDS:
        if any(w.startswith(stem) for w in words for stem in stems):
            return key
    return None


def similar_text(a: str, b: str, *, threshold: float = 0.85) -> bool:
    """Two subjects or titles that differ by OCR noise or punctuation only."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    return fa == fb or difflib.SequenceMatcher(None, fa, fb, autojunk=False).ratio() >= threshold


def same_funder(a: str, b: str) -> bool:
    """Two funders' labels sharing their significant words ("DETR" and "Etat - DETR")."""
    wa = {w for w in fold(a).split() if w not in _LINKS}
    wb = {w for w in fold(b).split() if w not in _LINKS}
    if not wa or not wb:
        return False
    return bool(wa <= wb or wb <= wa) or similar_text(a, b, threshold=0.8)


def item_number(value: object) -> str:
    """An item's number as comparable digits and letters ("N° 3" and 3 are the same)."""
    text = fold(str(value))
    text = re.sub(r"^(?:n|no|numero|point|question|deliberation)\s+", "", text)
    return text.replace(" ", "")
