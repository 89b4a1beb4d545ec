"""Typed reference records: authorities, territories, resolutions.

>>> Resolution(written="CUCM", code="247100290", kind=AuthorityKind.EPCI, method="acronym").resolved
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum


class AuthorityKind(str, Enum):
    COMMUNE = "commune"
    EPCI = "epci"
    EPT = "ept"
    DEPARTMENT = "departement"
    REGION = "region"
    AGENCY = "agency"


@dataclass(frozen=True, slots=True)
class PopulationFigure:
    """A legal population of one vintage (millésime), with the source it comes from."""

    vintage: str  # e.g. "2022"
    municipal: int
    source: str  # e.g. "@etalab/decoupage-administratif 2.3.1"
    total: int | None = None


@dataclass(frozen=True, slots=True)
class Authority:
    """An authority of the national registries (EPCI by SIREN, commune by INSEE code...)."""

    code: str  # SIREN for an EPCI/EPT, INSEE code for commune/department/region, acronym for agency
    name: str
    kind: AuthorityKind
    epci_type: str | None = None  # METRO, CU, CA, CC, EPT
    siren: str | None = None
    departments: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # INSEE codes of member communes
    populations: Sequence[PopulationFigure] = ()  # oldest vintage first
    region: str | None = None  # INSEE region code (communes, departments)
    former_names: tuple[str, ...] = ()  # official names in earlier vintages, oldest first

    def population(self, vintage: str) -> PopulationFigure | None:
        """The legal population of ``vintage``, or ``None`` when the snapshot lacks it.

        >>> a = Authority("21231", "Dijon", AuthorityKind.COMMUNE,
        ...               populations=(PopulationFigure("2022", 159106, "src"),))
        >>> a.population("2022").municipal, a.population("1999")
        (159106, None)
        """
        return next((p for p in self.populations if p.vintage == vintage), None)


@dataclass(frozen=True, slots=True)
class Vintage:
    """One edition (millésime) of the national registry shipped in the snapshot."""

    vintage: str  # e.g. "2022"
    version: str  # version of the npm package, e.g. "2.3.1"
    source: str  # e.g. "@etalab/decoupage-administratif 2.3.1"


@dataclass(frozen=True, slots=True)
class Programme:
    """A national programme run by the ANCT, with its local territories."""

    key: str  # "ti", "pvd", "acv", "va"
    name: str
    start_year: int | None = None
    end_year: int | None = None
    launch_event: str | None = None
    launch_date: str | None = None


@dataclass(frozen=True, slots=True)
class TerritoryMember:
    kind: AuthorityKind
    code: str  # SIREN for EPCIs, INSEE code or SIREN for communes as listed
    name: str


@dataclass(frozen=True, slots=True)
class Territory:
    """A local instance of a national programme (ANCT id such as ``ti-2703``)."""

    anct_id: str
    label: str
    programme: str
    members: tuple[TerritoryMember, ...]
    signed: str | None = None
    # the members' codes, made once: mapping asks for them for each authority it resolves
    member_codes: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "member_codes", frozenset(m.code for m in self.members))


@dataclass(frozen=True, slots=True)
class Context:
    """What a deliberation says that helps break ties between candidates."""

    departments: tuple[str, ...] = ()  # INSEE department codes
    territory_members: frozenset[str] = frozenset()  # SIRENs of a known territory


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a name as written was resolved, or why it was not."""

    written: str
    code: str | None
    kind: AuthorityKind | None
    # "official-name", "former-name", "common-form", "acronym", "partial-name", "code",
    # each possibly suffixed "+context"; or "unresolved" / "ambiguous" (code is None)
    method: str
    candidates: tuple[str, ...] = field(default=())
    message: str | None = None

    @property
    def resolved(self) -> bool:
        return self.code is not None
