"""Pieces of patterns shared by the rule families: names of people and places, dates.

All are case-sensitive inside (``(?-i:…)``), since rules match case-insensitively
but a name is told from the words around it by its capitals.

>>> import re
>>> [m.group() for m in re.finditer(PERSON, "Daniel CANTE Zones d'Accélération; RINALDI Peggy, DUPONT J")]
['Daniel CANTE', 'RINALDI Peggy', 'DUPONT']
>>> re.match(PERSON, "M. Goué Stéphane,").group()
'M. Goué Stéphane'
"""

from __future__ import annotations

UP = "A-ZÀ-ÖØ-Þ"
LOW = "a-zß-öø-ÿœ"
CIVILITY = r"(?:Monsieur|Madame|Mademoiselle|MM?\.?|Mmes?\.?|MME|Mlle\.?)"
_GIVEN = rf"[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?"
_SURNAME_WORD = rf"(?:[{UP}][{UP}'-]*[{UP}]|(?:LE|LA|DE|DU|DI|EL|VAN|VON|DA)(?=[ \t]+[{UP}]{{2}}))"
_SURNAME = rf"{_SURNAME_WORD}(?:[ -]{_SURNAME_WORD}){{0,3}}"
_INITIALS = rf"[{UP}](?:-[{UP}])?\.?[ \t]?"
# "Jean-Marc DUMONT", "RINALDI Peggy", "J-M. LEBRET", "M. Goué Stéphane", "Mme COCHAT"
PERSON = (
    rf"(?-i:(?:{CIVILITY}[ \t]+)?"
    rf"(?:(?:{_GIVEN}[ \t]+){{1,3}}{_SURNAME}"
    rf"|{_SURNAME}(?:[ \t]+{_GIVEN}){{1,2}}(?![{LOW}])"
    rf"|{_INITIALS}{_SURNAME}"
    rf"|(?:Monsieur|Madame|M\.|Mme)[ \t]+[{UP}][{LOW}]+(?:[ \t]+[{UP}][{LOW}]+)?"
    rf"|(?:Monsieur|Madame|M\.|Mme|MME)[ \t]+{_SURNAME}))"
)
# A place name: "TRONGET", "Cherbourg-en-Cotentin", "LA ROCHE-SUR-YON", "L'Isle-Adam"
PLACE = rf"(?-i:(?:(?:L[ea]|LE|LA|Les|LES)\s+|L')?[{UP}][\w'-]*[\w])"
# An authority's name after its kind: capitalised words and the small words between them
_HEADING = (r"(?!(?i:conseil|extrait|s[ée]ance|proc[eè]s|compte|registre|d[ée]lib|d[ée]partement"
            r"|r[ée]publique|place|t[ée]l|r[ée]union|bureau|comit[ée]|arrondissement)\b)")
_LINKS = r"(?i:de|du|des|la|le|les|en|sur|sous|et|à|aux?|l[eè]s|lez)"
NAME_WORDS = (rf"(?-i:{PLACE}(?:(?:[ \t]*-[ \t]*|[ \t]+(?:{_LINKS}[ \t]+|[dlDL]'){{0,3}})"
              rf"{_HEADING}[{UP}][\w'-]*[\w]|[ \t]+\d+\b(?![ \t]*(?i:janvier|f[ée]vrier|mars|avril|mai"
              rf"|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)|[/.:]\d)){{0,6}})"
              r"(?:[ \t]+(?i:m[ée]tropole|agglom[ée]ration))?")
