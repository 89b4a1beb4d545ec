"""Name resolution: from the words of a deliberation to an official EPCI record.

Names are compared after normalisation (case, accents, punctuation, legal-form
words such as "Communauté de communes" -> "cc"). The tiers, tried in order:

1. ``official-name``: the normalised official name (latest vintage);
2. ``former-name``: the official name of an earlier vintage (renamed EPCIs);
3. ``common-form``: the same significant words in any order, articles and
   legal form dropped (a legal form written must agree with the EPCI's kind);
4. ``acronym``: initials derived from an official name (CUCM, CCGAM, CCEALS)
   or declared in it ("CA du Bassin d'Arcachon Nord (COBAN)");
5. ``partial-name``: the written words are a subset of the official ones
   ("Communauté de Communes du Grand Autunois" for "CC du Grand Autunois
   Morvan"), or the reverse, with at least one non-generic word in common.

The deliberation's context (a territory's members, then its departments)
breaks ties; with territory members given, a weak tier (acronym, partial)
prefers a candidate inside the territory. A failed or ambiguous resolution is
returned as such, with a message and ``code=None``: never a guess.

>>> r = NameIndex({"247100290": "CU Le Creusot Montceau-les-Mines"}).resolve("CUCM")
>>> (r.code, r.method)
('247100290', 'acronym')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from kg.registry.model import AuthorityKind, Context, Resolution

_FORMS = [
    (r"\betablissement public territorial\b", "ept"),
    (r"\bcommunaute urbaine\b", "cu"),
    (r"\bcommunaute d agglo(meration)?\b", "ca"),
    (r"\bcommunaute (de )?communes?\b", "cc"),
    (r"\bcom ?com\b", "cc"),
    (r"\bc c\b", "cc"),
    (r"\bc a\b", "ca"),
    (r"\bc u\b", "cu"),
    (r"\bagglomeration\b", "agglo"),
    (r"\bintercom\b", "interco"),
    (r"\bst\b", "saint"),
    (r"\bste\b", "sainte"),
]
_STOP = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "entre", "sur", "a", "au",
         "aux"}
_LEGAL = {"cu", "ca", "cc", "ept"}
_TYPES = {"CC": "cc", "CA": "ca", "CU": "cu", "EPT": "ept", "METRO": "metro", "MET69": "metro"}
# Words too common in EPCI names to identify one on their own.
_GENERIC_WORDS = (
    "pays grand grande val vallee vallees communaute agglo interco coeur terre terres porte "
    "portes haut haute hauts bas basse plateau plateaux canton region sud nord est ouest centre "
    "metropole territoire territoires saint sainte mont monts montagne riviere rivieres rives "
    "sources lac plaine plaines cote cotes foret forets bassin campagne"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())
_PAREN = re.compile(r"\(([^()]*)\)")
PARTIAL_CACHE = 4096  # partial names' answers kept per index (a few hundred bytes each)
_PUNCTUATION = re.compile(r"[^a-z0-9]+")
_COMPILED_FORMS = [(re.compile(pattern), short) for pattern, short in _FORMS]


@functools.lru_cache(maxsize=65_536)  # names recur: every session restates its members
def normalise(name: str) -> str:
    """Lower-case ASCII, punctuation removed, legal forms abbreviated.

    >>> normalise("Communauté Urbaine Creusot-Montceau")
    'cu creusot montceau'
    >>> normalise("C.C. de St-Amand")
    'cc de saint amand'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = _PUNCTUATION.sub(" ", text).strip()
    for pattern, short in _COMPILED_FORMS:
        text = pattern.sub(short, text)
    return text


def significant_words(name: str) -> frozenset[str]:
    """The words that identify a name: no articles, no legal form.

    >>> sorted(significant_words("Communauté de Communes entre Loire, Somme et Arroux"))
    ['arroux', 'loire', 'somme']
    """
    return frozenset(w for w in normalise(name).split() if w not in _STOP and w not in _LEGAL)


def legal_form(name: str) -> str | None:
    """The legal form a name states ("cc", "ca", "cu", "ept"), if any.

    >>> legal_form("Communauté d'agglomération du Grand Dole"), legal_form("Dijon Métropole")
    ('ca', None)
    """
    return next((w for w in normalise(name).split() if w in _LEGAL), None)


def acronyms(name: str) -> set[str]:
    """Acronyms commonly derived from an official name, or declared in it.

    Usual acronyms also stop early ("Communauté Urbaine Creusot Montceau" is
    the CUCM), so every prefix of two words or more gives one.

    >>> sorted(acronyms("CC du Grand Autunois Morvan"))
    ['ccga', 'ccgam', 'gam']
    >>> sorted(acronyms("CA du Bassin d'Arcachon Nord (COBAN)"))
    ['ban', 'caba', 'caban', 'coban']
    """
    out = {normalise(m).replace(" ", "") for m in _PAREN.findall(name) if len(m.split()) <= 2}
    words = normalise(_PAREN.sub(" ", name)).split()
    legal = words[0] if words and words[0] in _LEGAL else ""
    rest = [w for w in (words[1:] if legal else words) if w not in _STOP or w == "entre"]
    initials = "".join(w[0] for w in rest if not w.isdigit())
    if len(initials) >= 2:
        out.add(initials)
    if legal:
        out.update(legal + initials[:n] for n in range(2, len(initials) + 1))
    return {a for a in out if len(a) >= 2}


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One name an EPCI bears or bore, with its kind (METRO, CU, CA, CC, EPT) at the time."""

    code: str
    name: str
    epci_type: str | None = None
    current: bool = True


@dataclass(frozen=True, slots=True)
class _Form:
    code: str
    legal: str | None
    body: frozenset[str]


def _forms(entry: NameEntry) -> list[_Form]:
    """The comparable forms of a name: as a whole, and a long parenthesised alias."""
    legal = _TYPES.get(entry.epci_type or "") or legal_form(entry.name)
    texts = [_PAREN.sub(" ", entry.name)]
    texts += [m for m in _PAREN.findall(entry.name) if len(m.split()) >= 3]
    return [_Form(entry.code, legal, significant_words(t)) for t in texts]


class NameIndex:
    """An index of official names by normalised form, words and acronyms."""

    def __init__(
        self,
        names: Mapping[str, str] | None = None,
        *,
        kind: AuthorityKind = AuthorityKind.EPCI,
        entries: Iterable[NameEntry] = (),
        departments: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.kind = kind
        all_entries = [NameEntry(c, n) for c, n in (names or {}).items()] + list(entries)
        self.names = {e.code: e.name for e in all_entries if e.current}
        self._departments = dict(departments or {})
        self._official: dict[str, set[str]] = {}
        self._former: dict[str, set[str]] = {}
        self._acronym: dict[str, set[str]] = {}
        self._forms: list[_Form] = []
        for e in all_entries:
            exact = self._official if e.current else self._former
            for text in {e.name, _PAREN.sub(" ", e.name)}:
                exact.setdefault(normalise(text), set()).add(e.code)
            for acro in acronyms(e.name):
                self._acronym.setdefault(acro, set()).add(e.code)
            self._forms.extend(f for f in _forms(e) if f.body)
        # A name found by no stronger tier is compared with every form (0.5 ms); a corpus writes
        # each council's name again in each of its deliberations: the answers are kept.
        self._partial = functools.lru_cache(maxsize=PARTIAL_CACHE)(self._partial_names)
        self._by_body: dict[frozenset[str], list[_Form]] = {}  # the common forms, by their words
        for f in self._forms:
            self._by_body.setdefault(f.body, []).append(f)

    def resolve(self, written: str, *, context: Context | None = None) -> Resolution:
        """Resolve one name as written; see the module's docstring for the tiers."""
        context = context or Context()
        keys = {normalise(written), normalise(_PAREN.sub(" ", written))}
        text = _PAREN.sub(" ", written)
        legal, body = legal_form(text), significant_words(text)
        strong: tuple[tuple[str, Callable[[], set[str]]], ...] = (
            ("official-name", lambda: set().union(*(self._official.get(k, set()) for k in keys))),
            ("former-name", lambda: set().union(*(self._former.get(k, set()) for k in keys))),
            ("common-form", lambda: {f.code for f in self._by_body.get(body, ())
                                     if legal in (None, f.legal)}),
        )
        for method, find in strong:  # each tier only when the ones before found nothing
            strongly = find()
            if strongly:
                return self._choose(written, strongly, method, context)
        weak: tuple[tuple[str, AbstractSet[str]], ...] = (
            ("acronym", self._by_acronym(written)), ("partial-name", self._partial(text)))
        if context.territory_members:
            for method, found in weak:
                inside = found & context.territory_members
                if len(inside) == 1:
                    return Resolution(written, next(iter(inside)), self.kind, f"{method}+context",
                                      candidates=tuple(sorted(found)))
        for method, found in weak:
            if found:
                return self._choose(written, found, method, context)
        return Resolution(
            written=written, code=None, kind=None, method="unresolved",
            message=f"no {self.kind.value} of the registry is named {written!r}",
        )

    def _by_acronym(self, written: str) -> set[str]:
        words = normalise(written).split()
        key = "".join(words)
        if not 2 <= len(key) <= 10 or len(words) > 3 or any(len(w) > 7 for w in words):
            return set()
        return self._acronym.get(key, set())

    def _partial_names(self, text: str) -> frozenset[str]:
        """The codes of the forms whose significant words hold those of ``text`` or are held by
        them (a partial name), of the same legal form when it says one."""
        legal, body = legal_form(text), significant_words(text)
        if not body - _GENERIC or (legal is None and len(body) < 2):
            return frozenset()
        found = set()
        for f in self._forms:
            if legal not in (None, f.legal):
                continue
            if body < f.body or (f.body < body and len(f.body) >= 2 and f.body - _GENERIC
                                 and 2 * len(f.body) >= len(body)):
                found.add(f.code)
        return frozenset(found)

    def _choose(self, written: str, found: AbstractSet[str], method: str, context: Context) -> Resolution:
        if len(found) == 1:
            return Resolution(written, next(iter(found)), self.kind, method)
        narrowed = (found & context.territory_members) or found
        if len(narrowed) > 1 and context.departments:
            wanted = set(context.departments)
            narrowed = {c for c in narrowed if wanted & set(self._departments.get(c, ()))}
        if len(narrowed) == 1:
            return Resolution(written, next(iter(narrowed)), self.kind, f"{method}+context",
                              candidates=tuple(sorted(found)))
        return Resolution(
            written=written, code=None, kind=None, method="ambiguous",
            candidates=tuple(sorted(found)),
            message=f"{written!r} ({method}) may name any of {', '.join(sorted(found))}; "
            "give the deliberation's departments or territory to choose",
        )
