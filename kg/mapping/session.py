"""Session, attendance, proxies, decisions and vote of a deliberation -> RDF.

Aligned with the Flanders decisions model (``besluit:Zitting``,
``besluit:Besluit``, ``besluit:Stemming``) and Popolo (``opengov:VoteEvent``)
through subclass axioms in the ontology; instances carry our own classes.
"""

from __future__ import annotations

from kg.extract.records import Deliberation, Fact, Outcome, Person, PersonRef, Session
from kg.mapping.builder import GraphBuilder
from kg.mapping.iris import slug
from kg.mapping.vocab import DCTERMS, FOAF, PROV, TKG

OUTCOMES = {
    Outcome.ADOPTED: TKG.Adopted,
    Outcome.ADOPTED_UNANIMOUSLY: TKG.AdoptedUnanimously,
    Outcome.REJECTED: TKG.Rejected,
}
KINDS = {
    "approve": TKG.Approval, "fund": TKG.Funding, "authorise-signature": TKG.SignatureAuthorisation,
    "authorise": TKG.Authorisation, "designate": TKG.Designation, "state": TKG.Statement,
    "adopt": TKG.Adoption, "other": TKG.OtherDecision,
}
# The session's officers: the person when resolved, else the name as written.
OFFICERS = {"president": (TKG.president, TKG.presidentName),
            "secretary": (TKG.secretary, TKG.secretaryName)}


def person_iri(b: GraphBuilder, authority: str, p: Person) -> str:
    return b.iris.person(authority, p.given_name, p.family_name)


def map_person(b: GraphBuilder, authority: str, council: str, p: Person) -> str:
    iri = person_iri(b, authority, p)
    b.typed(iri, TKG.Person)
    b.fact(iri, FOAF.familyName, _f(p, p.family_name))
    if p.given_name:
        b.add(iri, FOAF.givenName, p.given_name)
    b.add(iri, FOAF.name, p.full_name)
    if p.civility:
        b.add(iri, TKG.civility, p.civility)
    mandate = b.iris.mandate(iri, council)
    b.typed(mandate, TKG.CouncilMandate)
    b.node(mandate, TKG.mandateHolder, iri)
    b.node(mandate, TKG.mandateIn, council)
    return iri


def _f(p: Person, value: str) -> Fact[str]:
    return Fact(value=value, span=p.span)


def _ref(b: GraphBuilder, session: str, prop_key: str, ref: PersonRef | None, authority: str) -> None:
    if ref is None:
        return
    prop, name_prop = OFFICERS[prop_key]
    if ref.resolved is not None:
        b.node(session, prop, person_iri(b, authority, ref.resolved))
        b.evidence(session, prop, ref.written.span, rule=ref.written.rule)
    else:
        b.fact(session, name_prop, ref.written)


def map_session(b: GraphBuilder, d: Deliberation, authority: str, deliberation: str) -> str:
    council = b.iris.council(authority)
    b.typed(council, TKG.Council, label=d.council.value if d.council else None)
    b.node(council, TKG.councilOf, authority)
    session = _session_iri(b, d, authority)
    b.typed(session, TKG.Session)
    b.node(session, TKG.council, council)
    s = d.session
    if s is not None:
        _session_facts(b, session, s)
    for key, prop in (("seats", TKG.seats), ("in_office", TKG.membersInOffice),
                      ("present", TKG.presentCount), ("proxies", TKG.proxyCount),
                      ("voters", TKG.voterCount), ("absent", TKG.absentCount)):
        fact = getattr(d.counts, key)
        if fact is not None:
            b.fact(session, prop, fact)
    for p in d.present:
        b.node(session, TKG.presentMember, map_person(b, authority, council, p))
        b.evidence(session, TKG.presentMember, p.span)
    for p in d.absent:
        b.node(session, TKG.absentMember, map_person(b, authority, council, p))
        b.evidence(session, TKG.absentMember, p.span)
    for proxy in d.proxies:
        grantor = person_iri(b, authority, proxy.grantor)
        key = slug(proxy.grantor.full_name)
        if proxy.when is not None:  # a grantor may give successive time-bounded proxies
            key += "/" + slug(proxy.when.value)[:40]
        iri = b.iris.proxy(session, key)
        b.typed(iri, TKG.Proxy)
        b.node(iri, TKG.inSession, session)
        b.node(iri, TKG.grantor, grantor)
        b.evidence(iri, TKG.grantor, proxy.span)
        if proxy.holder is not None:
            b.node(iri, TKG.holder, person_iri(b, authority, proxy.holder))
            b.evidence(iri, TKG.holder, proxy.span)
        if proxy.holder_role:
            b.add(iri, TKG.holderRole, proxy.holder_role)
        if proxy.when is not None:
            b.fact(iri, TKG.proxyPeriod, proxy.when)
        b.node(session, TKG.hasProxy, iri)
    for sub in d.substitutes:
        iri = b.iris.substitution(session, sub.substitute.full_name)
        b.typed(iri, TKG.Substitution)
        b.node(iri, TKG.substitute, person_iri(b, authority, sub.substitute))
        b.add(iri, TKG.substitutedName, sub.for_member.full_name)
        b.evidence(iri, TKG.substitute, sub.span)
        b.node(session, TKG.hasSubstitution, iri)
    if s is not None:
        _ref(b, session, "president", s.president, authority)
        _ref(b, session, "secretary", s.secretary, authority)
    b.node(deliberation, TKG.session, session)
    return session


def _session_iri(b: GraphBuilder, d: Deliberation, authority: str) -> str:
    if d.session is not None:
        return b.iris.session(authority, d.session.date.value)
    assert b.document is not None
    return b.iris.undated_session(authority, b.document)


def _session_facts(b: GraphBuilder, session: str, s: Session) -> None:
    b.fact(session, TKG.sessionDate, s.date)
    if s.weekday:
        b.fact(session, TKG.weekday, s.weekday)
    if s.time:
        b.fact(session, TKG.startTime, s.time)
    if s.convocation_date:
        b.fact(session, TKG.convocationDate, s.convocation_date)


def map_deliberation_core(b: GraphBuilder, d: Deliberation, authority: str) -> str:
    subject = d.subject
    if subject is not None:
        key = subject.number.value if subject.number else subject.title.value
    else:  # no subject read: the document identifies the deliberation
        key = d.source.sha256[:16]
    iri = b.iris.deliberation(authority, d.session.date.value if d.session else None, key)
    b.typed(iri, TKG.Deliberation)
    b.node(iri, TKG.decidedBy, authority)
    if subject is not None:
        b.fact(iri, DCTERMS.title, subject.title)
        if subject.heading:
            b.fact(iri, TKG.subjectHeading, subject.heading)
        if subject.number:
            b.fact(iri, TKG.deliberationNumber, subject.number)
    if b.document:
        b.node(iri, PROV.wasDerivedFrom, b.document)
    return iri
