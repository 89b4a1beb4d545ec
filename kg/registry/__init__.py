"""National reference data and name resolution (the registry stage).

Offline: everything here reads files shipped in ``kg/registry/data``.

>>> reg = load_registry()
>>> reg.resolve("CUCM", context=Context(territory_members=reg.territory("ti-2703").member_codes)).code
'247100290'
"""

from __future__ import annotations

from functools import lru_cache

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
)
from kg.registry.resolve import NameIndex, normalise

__all__ = [
    "Authority",
    "AuthorityKind",
    "Context",
    "PopulationFigure",
    "Programme",
    "Registry",
    "Resolution",
    "Territory",
    "TerritoryMember",
    "load_registry",
]

_AGENCIES = {"anct": "Agence nationale de la cohésion des territoires"}
_AGENCY_FORMS = {
    "anct": "anct",
    normalise("Agence nationale de la cohésion des territoires"): "anct",
    normalise("Agence Nationale de la Cohésion des Territoire"): "anct",
}


class Registry:
    """Authorities, programmes and territories, looked up offline."""

    def __init__(self) -> None:
        lists = load_anct()
        self._territories = lists.territories
        self._epcis = {
            siren: Authority(code=siren, siren=siren, name=name, kind=AuthorityKind.EPCI)
            for siren, name in lists.epci_names.items()
        }
        self._index = NameIndex({s: a.name for s, a in self._epcis.items()})

    def epci(self, siren: str) -> Authority | None:
        return self._epcis.get(siren)

    def agency(self, key: str) -> Authority | None:
        name = _AGENCIES.get(key)
        return Authority(code=key, name=name, kind=AuthorityKind.AGENCY) if name else None

    def programme(self, key: str) -> Programme:
        return PROGRAMMES[key]

    def programmes(self) -> tuple[Programme, ...]:
        return tuple(PROGRAMMES.values())

    def territory(self, anct_id: str) -> Territory | None:
        return self._territories.get(anct_id)

    def territories(self, programme: str | None = None) -> tuple[Territory, ...]:
        return tuple(t for t in self._territories.values() if programme in (None, t.programme))

    def territory_with_members(self, codes: frozenset[str], programme: str) -> Territory | None:
        """The territory of ``programme`` whose member list is exactly ``codes``."""
        found = [t for t in self.territories(programme) if t.member_codes == codes]
        return found[0] if len(found) == 1 else None

    def resolve(self, written: str, *, context: Context | None = None) -> Resolution:
        """Resolve an authority's name as written (EPCI or State agency)."""
        agency = _AGENCY_FORMS.get(normalise(written))
        if agency:
            return Resolution(written, agency, AuthorityKind.AGENCY, "official-name")
        return self._index.resolve(written, context=context)


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    return Registry()
