"""Name resolution: from the words of a deliberation to an official record.

Names are compared after normalisation (case, accents, articles, legal-form
words such as "Communauté de communes" or "CC"); acronyms are derived from
official names. Ties are broken by the deliberation's context. A failed or
ambiguous resolution is returned as such, with a message: never a guess.

>>> r = NameIndex({"247100290": "CU Le Creusot Montceau-les-Mines"}).resolve("CUCM")
>>> (r.code, r.method)
('247100290', 'acronym')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from kg.registry.model import AuthorityKind, Context, Resolution

_FORMS = [
    (r"\bcommunaute urbaine\b", "cu"),
    (r"\bcommunaute d agglomeration\b", "ca"),
    (r"\bcommunaute de communes\b", "cc"),
    (r"\bmetropole\b", "metropole"),
]
_STOP = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "entre", "sur", "a", "au", "aux"}
_LEGAL = {"cu", "ca", "cc", "metropole"}


def normalise(name: str) -> str:
    """Lower-case ASCII, punctuation removed, legal forms abbreviated.

    >>> normalise("Communauté Urbaine Creusot-Montceau")
    'cu creusot montceau'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    for pattern, short in _FORMS:
        text = re.sub(pattern, short, text)
    return text


def significant_words(name: str) -> frozenset[str]:
    return frozenset(w for w in normalise(name).split() if w not in _STOP and w not in _LEGAL)


def acronyms(name: str) -> set[str]:
    """Acronyms commonly derived from an official name.

    >>> sorted(acronyms("CC du Grand Autunois Morvan"))
    ['ccga', 'ccgam', 'ga', 'gam']
    """
    words = normalise(name).split()
    if not words:
        return set()
    legal = words[0] if words[0] in _LEGAL and words[0] != "metropole" else ""
    body = words[1:] if legal else words
    rest = [w for w in body if w not in _STOP or w == "entre"]
    out: set[str] = set()
    # Usual acronyms also stop early: "Communauté Urbaine Creusot Montceau" is the CUCM.
    for n in range(2, len(rest) + 1):
        initials = "".join(w[0] for w in rest[:n] if not w.isdigit())
        if len(initials) >= 2:
            out.add(initials)
            if legal:
                out.add(legal + initials)
    return out


class NameIndex:
    """An index of official names by normalised form, words and acronyms."""

    def __init__(
        self, names: Mapping[str, str], *, kind: AuthorityKind = AuthorityKind.EPCI
    ) -> None:
        self.kind = kind
        self.names = dict(names)
        self._exact: dict[str, set[str]] = {}
        self._acronym: dict[str, set[str]] = {}
        self._words: dict[str, frozenset[str]] = {}
        for code, name in names.items():
            self._exact.setdefault(normalise(name), set()).add(code)
            for acro in acronyms(name):
                self._acronym.setdefault(acro, set()).add(code)
            self._words[code] = significant_words(name)

    def resolve(self, written: str, *, context: Context | None = None) -> Resolution:
        context = context or Context()
        key = normalise(written)
        methods = (
            ("official-name", self._exact.get(key, set())),
            ("acronym", self._acronym.get(key.replace(" ", ""), set())),
            ("normalised", self._by_words(written)),
        )
        if context.territory_members:
            for method, found in methods:
                inside = found & context.territory_members
                if len(inside) == 1:
                    return Resolution(written, next(iter(inside)), self.kind, f"{method}+context",
                                      candidates=tuple(sorted(found)))
        for method, found in methods:
            if found:
                return self._choose(written, found, method, context)
        return Resolution(
            written=written, code=None, kind=None, method="unresolved",
            message=f"no authority of the registry is named {written!r}",
        )

    def _by_words(self, written: str) -> set[str]:
        words = significant_words(written)
        if not words:
            return set()
        return {code for code, own in self._words.items() if own and (words <= own or own <= words)}

    def _choose(self, written: str, found: set[str], method: str, context: Context) -> Resolution:
        if len(found) == 1:
            return Resolution(written, next(iter(found)), self.kind, method)
        narrowed = found & context.territory_members if context.territory_members else set()
        if len(narrowed) == 1:
            return Resolution(written, next(iter(narrowed)), self.kind, f"{method}+context",
                              candidates=tuple(sorted(found)))
        return Resolution(
            written=written, code=None, kind=None, method="ambiguous",
            candidates=tuple(sorted(found)),
            message=f"{written!r} may name any of {', '.join(sorted(found))}",
        )
