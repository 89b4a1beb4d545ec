"""Which registry vintage a declared population figure matches.

A convention declares the population its allocation key uses ("444 993
habitants"). Summing its member EPCIs' municipal populations in each vintage
of the registry snapshot tells which edition the authors used: the check is a
``tkg:PopulationCheck`` node with one ``tkg:VintageSum`` per vintage, and the
convention gets ``tkg:populationMatchesVintage "2022"`` for each vintage whose
sum equals the declared figure. A figure no vintage matches is a warning.
"""

from __future__ import annotations

from kg.extract.records import Programme
from kg.mapping.authorities import Authorities
from kg.mapping.builder import GraphBuilder
from kg.mapping.vocab import DCTERMS, TKG
from kg.registry import AuthorityKind


def _member_sirens(auth: Authorities, p: Programme) -> frozenset[str] | None:
    """The SIRENs of the members, or ``None`` when one is not a resolved EPCI."""
    sirens = set()
    for m in p.members:
        res = auth.registry.resolve(m.value, context=auth.context)
        if res.code is None or res.kind not in (AuthorityKind.EPCI, AuthorityKind.EPT):
            return None
        sirens.add(res.code)
    return frozenset(sirens) or None


def map_population_check(b: GraphBuilder, auth: Authorities, p: Programme,
                         convention: str) -> str | None:
    """Record the vintage check of the convention's declared population; its IRI, if made."""
    if p.population is None:
        return None
    sirens = _member_sirens(auth, p)
    if sirens is None:
        auth.warnings.append(f"line {p.population.span.line}: declared population "
                             f"{p.population.value} not checked: a member is not a known EPCI")
        return None
    check = b.iris.population_check(convention)
    b.typed(check, TKG.PopulationCheck)
    b.node(convention, TKG.populationCheck, check)
    b.add(check, TKG.checkedPopulation, p.population.value)
    b.evidence(check, TKG.checkedPopulation, p.population.span)
    matched = []
    for vintage in auth.registry.vintages():
        total = auth.registry.population_sum(sirens, vintage.vintage)
        if total is None:
            continue
        node = b.iris.vintage_sum(check, vintage.vintage)
        b.typed(node, TKG.VintageSum)
        b.node(check, TKG.vintageSum, node)
        b.add(node, TKG.vintage, vintage.vintage)
        b.add(node, TKG.municipalPopulationSum, total)
        b.add(node, DCTERMS.source, vintage.source)
        b.add(node, TKG.matches, total == p.population.value)
        if total == p.population.value:
            matched.append(vintage.vintage)
            b.add(convention, TKG.populationMatchesVintage, vintage.vintage)
    if not matched:
        auth.warnings.append(f"line {p.population.span.line}: declared population "
                             f"{p.population.value} matches no registry vintage")
    return check
