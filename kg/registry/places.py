"""Resolution of place names (departments, regions, communes) to INSEE codes.

Place names are compared word for word, in order, after dropping case,
accents, punctuation and articles ("la Saône-et-Loire" is "Saône-et-Loire",
"Creusot (Le)" is "Le Creusot"), and after dropping the words that introduce
them ("Département de la Côte-d'Or", "Ville de Dijon"). The INSEE code itself
is accepted too. Homonyms (many communes share a name) are broken by the
context's departments, or reported as ambiguous: never guessed.

>>> idx = PlaceIndex({"21": "Côte-d'Or", "71": "Saône-et-Loire"}, kind=AuthorityKind.DEPARTMENT)
>>> idx.resolve("la Saône-et-Loire").code, idx.resolve("Cote d'Or").code, idx.resolve("71").method
('71', '21', 'code')
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.registry.model import AuthorityKind, Context, Resolution
from kg.registry.resolve import normalise

_ARTICLES = {"le", "la", "les", "l", "de", "du", "des", "d", "et"}
_INTRODUCERS = re.compile(
    r"^(conseil (departemental|general|regional|municipal)|departement|region|collectivite"
    r"|ville|commune|mairie)\b"
)


def place_key(name: str) -> tuple[str, ...]:
    """The comparable form of a place name.

    >>> place_key("Département de la Côte-d'Or"), place_key("Creusot (Le)")
    (('cote', 'or'), ('creusot',))
    """
    text = _INTRODUCERS.sub("", normalise(name)).strip()
    return tuple(w for w in text.split() if w not in _ARTICLES)


class PlaceIndex:
    """Names of places of one kind, by comparable form."""

    def __init__(
        self,
        names: Mapping[str, str],
        *,
        kind: AuthorityKind,
        departments: Mapping[str, str] | None = None,
    ) -> None:
        self.kind = kind
        self.names = dict(names)
        self._departments = dict(departments or {})  # place code -> department code
        self._by_key: dict[tuple[str, ...], set[str]] = {}
        for code, name in names.items():
            self._by_key.setdefault(place_key(name), set()).add(code)

    def resolve(self, written: str, *, context: Context | None = None) -> Resolution:
        """Resolve a place name as written (or its INSEE code)."""
        context = context or Context()
        code = written.strip().upper()
        if code in self.names:
            return Resolution(written, code, self.kind, "code")
        found = self._by_key.get(place_key(written), set())
        if len(found) == 1:
            return Resolution(written, next(iter(found)), self.kind, "official-name")
        if not found:
            return Resolution(written, None, None, "unresolved",
                              message=f"no {self.kind.value} of the registry is named {written!r}")
        wanted = set(context.departments)
        narrowed = {c for c in found if self._departments.get(c) in wanted}
        if len(narrowed) == 1:
            return Resolution(written, next(iter(narrowed)), self.kind, "official-name+context",
                              candidates=tuple(sorted(found)))
        return Resolution(
            written, None, None, "ambiguous", candidates=tuple(sorted(found)),
            message=f"{len(found)} {self.kind.value}s are named {written!r}: "
            f"{', '.join(sorted(found)[:10])}; give the department to choose",
        )
