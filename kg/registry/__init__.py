"""National reference data and name resolution (the registry stage).

Offline: everything here reads files shipped in ``kg/registry/data`` (the
national registry snapshot, see :mod:`kg.registry.snapshot`, and the ANCT
programme lists, see :mod:`kg.registry.anct`).

>>> reg = load_registry()
>>> bourgogne = reg.territory("ti-2703").member_codes
>>> reg.resolve("CUCM", context=Context(territory_members=bourgogne)).code
'247100290'
>>> [v.vintage for v in reg.vintages()]
['2022', '2026']
>>> sum(reg.epci(s).population("2022").municipal for s in bourgogne)
444993
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from kg.errors import TkgError
from kg.registry.anct import PROGRAMMES, load_anct
from kg.registry.model import (
    Authority,
    AuthorityKind,
    Context,
    PopulationFigure,
    Programme,
    Resolution,
    Territory,
    TerritoryMember,
    Vintage,
)
from kg.registry.places import PlaceIndex
from kg.registry.resolve import NameEntry, NameIndex, normalise
from kg.registry.snapshot import RegistryDataError, Snapshot, load_snapshot

__all__ = [
    "Authority",
    "AuthorityKind",
    "Context",
    "PopulationFigure",
    "Programme",
    "Registry",
    "RegistryDataError",
    "Resolution",
    "Territory",
    "TerritoryMember",
    "UnknownProgrammeError",
    "UnknownVintageError",
    "Vintage",
    "load_registry",
]

_AGENCIES = {"anct": "Agence nationale de la cohésion des territoires"}
_AGENCY_FORMS = {
    "anct": "anct",
    normalise("Agence nationale de la cohésion des territoires"): "anct",
    normalise("Agence Nationale de la Cohésion des Territoire"): "anct",
}
# Words that say which kind of authority a name is about, when it is not an EPCI.
_COMMUNE_WORDS = ("ville ", "commune ", "mairie ")
_DEPARTMENT_WORDS = ("departement ", "conseil departemental ", "conseil general ")
_REGION_WORDS = ("region ", "conseil regional ")


class UnknownProgrammeError(TkgError, KeyError):
    """A programme key that is not one of the national programmes known here."""

    def __str__(self) -> str:
        return f"unknown programme {self.args[0]!r}; known: {', '.join(sorted(PROGRAMMES))}"


class UnknownVintageError(TkgError, KeyError):
    """A population vintage that the shipped snapshot does not hold."""

    def __str__(self) -> str:
        return f"no vintage {self.args[0]!r} in the registry snapshot; it holds {self.args[1]}"


class Registry:
    """Authorities, programmes and territories, looked up offline.

    The national snapshot is read on first use (its communes and population figures when first
    asked for) and cached.
    """

    def __init__(self) -> None:
        lists = load_anct()
        self._territories = lists.territories
        self._anct_names = lists.epci_names

    @cached_property
    def _snapshot(self) -> Snapshot:
        return load_snapshot()

    @cached_property
    def _index(self) -> NameIndex:
        snap = self._snapshot
        latest = snap.latest.vintage
        entries = [
            NameEntry(r.siren, r.name, r.epci_type, current=r.vintage == latest)
            for r in snap.records
        ]
        return NameIndex(entries=entries, kind=AuthorityKind.EPCI,
                         departments={s: a.departments for s, a in snap.epcis.items()})

    @cached_property
    def _departments(self) -> PlaceIndex:
        names = {c: a.name for c, a in self._snapshot.departments.items()}
        return PlaceIndex(names, kind=AuthorityKind.DEPARTMENT, departments={c: c for c in names})

    @cached_property
    def _regions(self) -> PlaceIndex:
        names = {c: a.name for c, a in self._snapshot.regions.items()}
        return PlaceIndex(names, kind=AuthorityKind.REGION)

    @cached_property
    def _communes(self) -> PlaceIndex:
        communes = self._snapshot.communes
        return PlaceIndex({c: communes.name(c) for c in communes}, kind=AuthorityKind.COMMUNE,
                          departments={c: communes.department(c) for c in communes})

    # -- national registry -------------------------------------------------

    def vintages(self) -> tuple[Vintage, ...]:
        """The population vintages of the snapshot, oldest first."""
        return self._snapshot.vintages

    def vintage(self, vintage: str) -> Vintage:
        """One vintage by year; :class:`UnknownVintageError` if the snapshot lacks it."""
        found = [v for v in self.vintages() if v.vintage == vintage]
        if not found:
            raise UnknownVintageError(vintage, ", ".join(v.vintage for v in self.vintages()))
        return found[0]

    def epci(self, siren: str) -> Authority | None:
        """An EPCI (or an EPT, kind ``EPT``) by SIREN, as its latest vintage describes it."""
        found = self._snapshot.epcis.get(siren)
        if found is None and siren in self._anct_names:  # listed by ANCT, absent from snapshot
            return Authority(code=siren, siren=siren, name=self._anct_names[siren],
                             kind=AuthorityKind.EPCI)
        return found

    def epcis(self) -> tuple[Authority, ...]:
        return tuple(self._snapshot.epcis.values())

    def commune(self, insee: str) -> Authority | None:
        """A commune (or municipal arrondissement) by INSEE code."""
        return self._snapshot.communes.get(insee)

    def department(self, code: str) -> Authority | None:
        return self._snapshot.departments.get(code)

    def region(self, code: str) -> Authority | None:
        return self._snapshot.regions.get(code)

    def departments(self) -> tuple[Authority, ...]:
        return tuple(self._snapshot.departments.values())

    def regions(self) -> tuple[Authority, ...]:
        return tuple(self._snapshot.regions.values())

    def agency(self, key: str) -> Authority | None:
        name = _AGENCIES.get(key)
        return Authority(code=key, name=name, kind=AuthorityKind.AGENCY) if name else None

    def population_sum(self, codes: frozenset[str] | set[str], vintage: str) -> int | None:
        """Sum of the EPCIs' municipal populations in ``vintage``; ``None`` if one lacks it.

        >>> reg = load_registry()
        >>> reg.population_sum(reg.territory("ti-2703").member_codes, "2026")
        445279
        """
        self.vintage(vintage)
        figures = [a.population(vintage) if (a := self.epci(c)) else None for c in codes]
        return sum(f.municipal for f in figures if f) if all(figures) else None

    # -- ANCT programmes ---------------------------------------------------

    def programme(self, key: str) -> Programme:
        try:
            return PROGRAMMES[key]
        except KeyError:
            raise UnknownProgrammeError(key) from None

    def programmes(self) -> tuple[Programme, ...]:
        return tuple(PROGRAMMES.values())

    def territory(self, anct_id: str) -> Territory | None:
        return self._territories.get(anct_id)

    def territories(self, programme: str | None = None) -> tuple[Territory, ...]:
        if programme is None:
            return tuple(self._territories.values())
        self.programme(programme)
        return self._by_programme.get(programme, ())

    @cached_property
    def _by_programme(self) -> dict[str, tuple[Territory, ...]]:
        grouped: dict[str, list[Territory]] = {}
        for t in self._territories.values():
            grouped.setdefault(t.programme, []).append(t)
        return {k: tuple(v) for k, v in grouped.items()}

    def territory_with_members(self, codes: frozenset[str], programme: str) -> Territory | None:
        """The territory of ``programme`` whose member list is exactly ``codes``."""
        found = [t for t in self.territories(programme) if t.member_codes == codes]
        return found[0] if len(found) == 1 else None

    # -- name resolution ---------------------------------------------------

    def resolve(self, written: str, *, context: Context | None = None) -> Resolution:
        """Resolve an authority's name as written.

        An EPCI by default; a State agency by name or acronym; a commune,
        department or region when the name says so ("Ville de Dijon",
        "Département de la Côte-d'Or", "Région Bourgogne-Franche-Comté"), or
        when no EPCI bears the name and a department or region does.

        >>> load_registry().resolve("Ville du Creusot").code
        '71153'
        """
        key = normalise(written)
        agency = _AGENCY_FORMS.get(key)
        if agency:
            return Resolution(written, agency, AuthorityKind.AGENCY, "official-name")
        if key.startswith(_COMMUNE_WORDS):
            return self.resolve_commune(written, context=context)
        if key.startswith(_DEPARTMENT_WORDS):
            return self.resolve_department(written)
        if key.startswith(_REGION_WORDS):
            return self._regions.resolve(written)
        found = self._index.resolve(written, context=context)
        if found.method == "unresolved":  # "la Saône-et-Loire", "Bourgogne-Franche-Comté"
            for places in (self._departments, self._regions):
                place = places.resolve(written)
                if place.resolved and place.method != "code":
                    return place
        return found

    def resolve_epci(self, written: str, *, context: Context | None = None) -> Resolution:
        """Resolve a name as an EPCI's (or EPT's) only."""
        return self._index.resolve(written, context=context)

    def resolve_department(self, written: str) -> Resolution:
        """A department's name ("la Saône-et-Loire", "Côte-d'Or") or code to its INSEE code.

        >>> load_registry().resolve_department("la Saône-et-Loire").code
        '71'
        """
        return self._departments.resolve(written)

    def resolve_region(self, written: str) -> Resolution:
        return self._regions.resolve(written)

    def resolve_commune(self, written: str, *, context: Context | None = None) -> Resolution:
        """A commune's name to its INSEE code; homonyms need ``context.departments``."""
        return self._communes.resolve(written, context=context)


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    return Registry()
