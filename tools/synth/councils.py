"""The councils of generated deliberations: real communes and EPCIs of the registry snapshot."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Council:
    authority: str  # as written after "Conseil … de"
    council: str  # "Conseil municipal"
    short: str  # how the authority names itself in tables
    kind: str  # "commune" or "epci"
    role: str  # "Maire", "Président"
    places: tuple[str, ...]  # member communes, for names followed by their commune
    population: int
    department: str  # the name of the (first) department, for a heading above the commune


_EPCI_FORMS = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération",
               "CU": "Communauté urbaine"}
_SIMPLE = re.compile(r"^(?!.*(?:- | -))[\w' -]+$")  # "Domme- Villefranche" is a typing slip


def councils() -> list[Council]:
    """Councils drawn from the registry snapshot (names without commas or quotes)."""
    from kg.registry import load_registry

    reg = load_registry()
    out = []
    for e in reg.epcis():
        if e.epci_type not in ("CC", "CA", "CU", "METRO") or not e.members:
            continue
        pop = e.population("2022")
        rest = e.name.split(" ", 1)[1] if e.epci_type in _EPCI_FORMS else e.name
        if not _SIMPLE.match(rest) or pop is None:
            continue
        places = tuple(c.name for code in e.members[:12] if (c := reg.commune(code))
                       and _SIMPLE.match(c.name))
        dep = reg.department(e.departments[0]) if e.departments else None
        department = dep.name if dep else "Côte-d'Or"
        if e.epci_type in _EPCI_FORMS:
            name = f"{_EPCI_FORMS[e.epci_type]} {rest}"
            council = "Conseil communautaire"
        else:
            name, council = e.name, "Conseil métropolitain"
        out.append(Council(name, council, name, "epci", "Président", places, pop.municipal,
                           department))
        first = reg.commune(e.members[0])
        fpop = first.population("2022") if first else None
        if first and fpop and _SIMPLE.match(first.name) and not re.match(
                r"(?i)^(le|la|les|l')\b", first.name):
            out.append(Council(first.name, "Conseil municipal", first.name, "commune", "Maire",
                                (first.name,), fpop.municipal, department))
    return out
