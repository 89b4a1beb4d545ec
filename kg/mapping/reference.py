"""The registry as RDF: programmes, ANCT territories and their members, authorities.

Loaded into its own named graph so a user can ask which territories exist
with no deliberation loaded.
"""

from __future__ import annotations

from kg.mapping.builder import GraphBuilder
from kg.mapping.iris import Iris
from kg.mapping.vocab import DCTERMS, ORG, SKOS, TKG, XSD, node
from kg.registry import Authority, AuthorityKind, Registry

EPCI_CLASSES = {"METRO": TKG.Metropole, "CU": TKG.CommunauteUrbaine,
                "CA": TKG.CommunauteAgglomeration, "CC": TKG.CommunauteCommunes, "EPT": TKG.EPT}
REFERENCE_GRAPH = "registry"


def authority_iri(iris: Iris, kind: AuthorityKind, code: str) -> str:
    if kind == AuthorityKind.COMMUNE:
        return iris.commune(code)
    if kind == AuthorityKind.AGENCY:
        return iris.agency(code)
    return iris.epci(code)


def map_authority(b: GraphBuilder, a: Authority) -> str:
    iri = authority_iri(b.iris, a.kind, a.code)
    cls = EPCI_CLASSES.get(a.epci_type or "", TKG.EPCI) if a.kind == AuthorityKind.EPCI else {
        AuthorityKind.COMMUNE: TKG.Commune, AuthorityKind.AGENCY: TKG.StateAgency,
        AuthorityKind.EPT: TKG.EPT}.get(a.kind, TKG.Authority)
    b.typed(iri, cls)
    b.add(iri, SKOS.prefLabel, a.name)
    if a.siren:
        b.add(iri, TKG.siren, a.siren)
    if a.kind == AuthorityKind.COMMUNE:
        b.add(iri, TKG.inseeCode, a.code)
    for dept in a.departments:
        b.node(iri, TKG.department, b.iris.department(dept))
    for pop in a.populations:
        fig = b.iris.population(iri, pop.vintage)
        b.typed(fig, TKG.PopulationFigure)
        b.node(iri, TKG.population, fig)
        b.add(fig, TKG.municipalPopulation, pop.municipal)
        if pop.total is not None:
            b.add(fig, TKG.totalPopulation, pop.total)
        b.add(fig, TKG.vintage, pop.vintage)
        b.add(fig, DCTERMS.source, pop.source)
    return iri


def map_places(b: GraphBuilder, registry: Registry) -> None:
    """Departments and regions, by INSEE code, each department in its region."""
    for region in registry.regions():
        iri = b.iris.region(region.code)
        b.typed(iri, TKG.Region)
        b.add(iri, SKOS.prefLabel, region.name)
        b.add(iri, TKG.inseeCode, region.code)
    for dept in registry.departments():
        iri = b.iris.department(dept.code)
        b.typed(iri, TKG.Department)
        b.add(iri, SKOS.prefLabel, dept.name)
        b.add(iri, TKG.inseeCode, dept.code)
        if dept.region:
            b.node(iri, TKG.inRegion, b.iris.region(dept.region))


def map_reference(registry: Registry, iris: Iris) -> GraphBuilder:
    b = GraphBuilder(graph=iris.reference_graph(REFERENCE_GRAPH), iris=iris)
    map_places(b, registry)
    agency = registry.agency("anct")
    if agency:
        map_authority(b, agency)
    mapped: set[str] = set()
    for prog in registry.programmes():
        p = iris.programme(prog.key)
        b.typed(p, TKG.NationalProgramme, label=prog.name)
        b.add(p, TKG.anctKey, prog.key)
        if agency:
            b.node(p, TKG.runBy, iris.agency(agency.code))
        if prog.start_year and prog.end_year:
            phase = iris.phase(prog.key, prog.start_year, prog.end_year)
            b.typed(phase, TKG.ProgrammePhase, label=f"{prog.name} {prog.start_year}-{prog.end_year}")
            b.node(phase, TKG.phaseOf, p)
            b.add(phase, TKG.startYear, prog.start_year)
            b.add(phase, TKG.endYear, prog.end_year)
            b.node(p, TKG.hasPhase, phase)
        if prog.launch_date:
            from pyoxigraph import Literal

            b.add(p, TKG.launchDate, Literal(prog.launch_date, datatype=node(XSD.date)))
    for t in registry.territories():
        iri = iris.territory(t.anct_id)
        b.typed(iri, TKG.Territory, label=t.label)
        b.add(iri, TKG.anctId, t.anct_id)
        b.node(iri, TKG.programme, iris.programme(t.programme))
        for m in t.members:
            authority = registry.epci(m.code) if m.kind != AuthorityKind.COMMUNE else None
            member = authority_iri(iris, m.kind, m.code)
            if member not in mapped:
                mapped.add(member)
                if authority is not None:
                    map_authority(b, authority)
                else:
                    map_authority(b, Authority(code=m.code, name=m.name, kind=m.kind))
            ms = iris.membership(iri, member)
            b.typed(ms, TKG.TerritoryMembership)
            b.node(ms, ORG.organization, iri)
            b.node(ms, ORG.member, member)
            # Marks the ANCT list, so that a deliberation's memberships can be compared to it.
            b.add(ms, DCTERMS.source, "ANCT")
    return b
