"""Programme, territory, convention, axes, governance, posts and funding -> RDF.

The convention, its posts and its contributions get IRIs from the territory
(ANCT id when known), the period, the post's kind and carrier, and the funder:
five councils approving one convention describe one convention.
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode

from kg.extract.records import DecisionKind, Deliberation, Programme
from kg.mapping.authorities import Authorities
from kg.mapping.builder import GraphBuilder
from kg.mapping.population import map_population_check
from kg.mapping.vocab import ORG, RDFS, TKG
from kg.registry import Context, Territory
from kg.registry.resolve import normalise

SCHEME_KEYS = {"Territoires d'industrie": "ti", "Petites villes de demain": "pvd",
               "Action cœur de ville": "acv", "Villages d'avenir": "va", "CRTE": "crte"}
_POST_KIND = re.compile(r"^(?P<kind>.+?)\s*\d*\s*(?:port[ée]e?\s+par.*)?$", re.IGNORECASE)


def find_territory(auth: Authorities, p: Programme, key: str) -> Territory | None:
    """The ANCT territory the programme section describes: by name, else by its members."""
    reg = auth.registry
    if p.territory:
        wanted = normalise(p.territory.value)
        named = [t for t in listed(auth, key) if normalise(t.label) == wanted]
        if len(named) == 1:
            return named[0]
    codes = {reg.resolve(m.value).code for m in p.members}
    if None in codes or not codes or not listed(auth, key):
        return None
    return reg.territory_with_members(frozenset(c for c in codes if c), key)


def listed(auth: Authorities, key: str) -> tuple[Territory, ...]:
    """The ANCT territories of programme ``key``; none for a programme ANCT does not list."""
    if key not in {p.key for p in auth.registry.programmes()}:
        return ()
    return auth.registry.territories(key)


def territory_of(auth: Authorities, key: str, code: str | None) -> Territory | None:
    """The one territory of programme ``key`` the deciding authority is listed in, if any."""
    if code is None:
        return None
    found = [t for t in listed(auth, key) if code in t.member_codes]
    return found[0] if len(found) == 1 else None


def _post_kind(label: str) -> str:
    m = _POST_KIND.match(label)
    return (m["kind"] if m else label).strip().lower()


def map_programme(
    b: GraphBuilder, auth: Authorities, d: Deliberation, deliberation: str, *,
    authority_code: str | None = None,
) -> None:
    p = d.programme
    if p is None:
        return
    iris = b.iris
    key = SCHEME_KEYS.get(p.scheme.value, p.scheme.value or "programme")
    programme = iris.programme(key)
    if p.scheme.value:
        b.typed(programme, TKG.NationalProgramme)
        b.evidence(programme, RDFS.label, p.scheme.span)
    if p.launch_date:
        b.fact(programme, TKG.launchDate, p.launch_date)
    if p.launch_event:
        b.fact(programme, TKG.launchEvent, p.launch_event)
    territory_ref = find_territory(auth, p, key) or territory_of(auth, key, authority_code)
    if territory_ref is not None:
        auth.context = Context(territory_members=territory_ref.member_codes)
        territory = iris.territory(territory_ref.anct_id)
        territory_key = territory_ref.anct_id
    else:
        # A territory named by no list is known by its name; one the text does not name is
        # the deciding authority's own instance of the programme, so that two councils'
        # unnamed conventions never share an IRI.
        written = d.authority.value if d.authority else d.source.sha256[:16]
        own = f"{key} {authority_code or written}"
        name = p.territory.value if p.territory else own
        territory = iris.unlisted_territory(name)
        territory_key = name
        auth.warnings.append(f"territory {name!r} not found in the ANCT list of {key!r}")
    b.typed(territory, TKG.Territory)
    b.node(territory, TKG.programme, programme)
    if p.territory:
        b.fact(territory, TKG.nameAsWritten, p.territory)
    b.node(deliberation, TKG.concernsTerritory, territory)
    if p.replaces:
        old = iris.unlisted_territory(p.replaces.value)
        b.typed(old, TKG.Territory, label=p.replaces.value)
        b.fact(territory, TKG.replaces, p.replaces, NamedNode(old))
    session_year = d.session.date.value.year if d.session else None
    start = p.start_year.value if p.start_year else session_year
    if start is None:
        auth.warnings.append("convention not mapped: neither its years nor the session date were read")
        return
    end = p.end_year.value if p.end_year else start
    convention = iris.convention(territory_key, start, end)
    b.typed(convention, TKG.Convention)
    b.node(convention, TKG.forTerritory, territory)
    if p.start_year and p.end_year:
        b.fact(convention, TKG.startYear, p.start_year)
        b.fact(convention, TKG.endYear, p.end_year)
    if any(dec.kind == DecisionKind.APPROVE for dec in d.decisions):
        b.node(deliberation, TKG.approves, convention)
    for m in p.members:
        member, _res = auth.resolve(m)
        ms = iris.membership(territory, member)
        b.typed(ms, TKG.TerritoryMembership)
        b.node(ms, ORG.organization, territory)
        b.node(ms, ORG.member, member)
        b.evidence(ms, ORG.member, m.span)
        b.node(convention, TKG.party, member)
    for prop, fact in ((TKG.declaredPopulation, p.population),
                       (TKG.declaredMemberCount, p.member_count)):
        if fact is not None:
            b.fact(convention, prop, fact)
    map_population_check(b, auth, p, convention)
    for dept in p.departments:
        b.fact(convention, TKG.departmentName, dept)
        found = auth.registry.resolve_department(dept.value)
        if found.code is not None:
            b.node(convention, TKG.coversDepartment, iris.department(found.code))
            b.evidence(convention, TKG.coversDepartment, dept.span)
        else:
            auth.warnings.append(f"line {dept.span.line}: department {dept.value!r} not resolved "
                                 f"({found.method}: {found.message})")
    _map_body(b, p, convention)
    _map_funding(b, auth, p, convention, deliberation, start, end)


def _map_body(b: GraphBuilder, p: Programme, convention: str) -> None:
    for n, axis in enumerate(p.axes, start=1):
        iri = b.iris.axis(convention, axis.value)
        b.typed(iri, TKG.ActionAxis)
        b.fact(iri, RDFS.label, axis)
        b.add(iri, TKG.order, n)
        b.node(convention, TKG.hasAxis, iri)
    for body in p.governance:
        iri = b.iris.governance_body(convention, body.name.value)
        b.typed(iri, TKG.GovernanceBody)
        b.fact(iri, RDFS.label, body.name)
        if body.role:
            b.fact(iri, TKG.role, body.role)
        b.node(convention, TKG.hasGovernanceBody, iri)
    if p.allocation_key:
        key = b.iris.allocation_key(convention)
        b.typed(key, TKG.AllocationKey)
        b.fact(key, TKG.basis, p.allocation_key)
        b.node(convention, TKG.allocationKey, key)


def _map_funding(b: GraphBuilder, auth: Authorities, p: Programme, convention: str,
                 deliberation: str, start: int, end: int) -> None:
    years = range(start, end + 1)
    if p.funding:
        plan = b.iris.funding_plan(convention)
        b.typed(plan, TKG.FundingPlan)
        b.node(convention, TKG.hasFundingPlan, plan)
        if p.funding.grand_total:
            b.fact(plan, TKG.declaredGrandTotal, p.funding.grand_total)
        resolved = [(post, *(auth.resolve(post.carrier) if post.carrier else (None, None)))
                    for post in p.funding.posts]
        keys = [(_post_kind(post.label.value),
                 res.code if res and res.code else (post.carrier.value if post.carrier
                                                    else str(post.ordinal)))
                for post, _iri, res in resolved]
        for (post, carrier_iri, _res), (kind, carrier_key) in zip(resolved, keys, strict=True):
            # Two posts of one plan with the same kind and carrier are told apart by their
            # rank among those posts, as every council's table lists them.
            twins = [k for k in keys if k == (kind, carrier_key)]
            rank = keys[:p.funding.posts.index(post)].count((kind, carrier_key)) + 1
            key = carrier_key if len(twins) == 1 else f"{carrier_key}-{rank}"
            iri = b.iris.post(convention, kind, key)
            b.typed(iri, TKG.Post)
            b.fact(iri, RDFS.label, post.label)
            b.add(iri, TKG.postKind, kind)
            b.node(plan, TKG.fundsPost, iri)
            b.node(convention, TKG.hasPost, iri)
            if carrier_iri and post.carrier:
                b.node(iri, TKG.carriedBy, carrier_iri)
                b.evidence(iri, TKG.carriedBy, post.carrier.span)
            if post.ordinal <= len(p.posts) and p.posts[post.ordinal - 1].site:
                site = p.posts[post.ordinal - 1].site
                assert site is not None
                b.fact(iri, TKG.siteName, site)
            if post.total:
                b.fact(iri, TKG.declaredTotal, post.total)
            for row in post.rows:
                funder, fres = auth.resolve(row.funder)
                c = b.iris.contribution(iri, fres.code or row.funder.value)
                b.typed(c, TKG.Contribution)
                b.node(c, TKG.toPost, iri)
                b.node(c, TKG.funder, funder)
                b.evidence(c, TKG.funder, row.funder.span)
                b.fact(c, TKG.amount, row.amount)
                if row.share:
                    b.fact(c, TKG.share, row.share)
                for y in years:
                    b.add(c, TKG.year, y)
    for com in p.commitments:
        funder, fres = auth.resolve(com.funder)
        iri = b.iris.commitment(convention, fres.code or com.funder.value)
        b.typed(iri, TKG.Commitment)
        b.node(iri, TKG.funder, funder)
        b.evidence(iri, TKG.funder, com.funder.span)
        b.node(iri, TKG.forConvention, convention)
        b.node(iri, TKG.statedIn, deliberation)
        b.fact(iri, TKG.amount, com.amount)
        b.add(iri, TKG.annual, com.annual)
        for prop, fact in ((TKG.startYear, com.start_year), (TKG.endYear, com.end_year)):
            if fact is not None:
                b.fact(iri, prop, fact)

