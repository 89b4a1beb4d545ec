"""Whole-session minutes and financing plans -> RDF.

Each item of minutes is a ``tkg:Deliberation`` of the session (its own IRI, keyed by
its number as written), with its subject, number, decision articles and vote, derived
from the same source document. The session and its attendance are stated once, by
:func:`kg.mapping.session.map_session`. Financing plans (``tkg:FinancingPlan``) hang
on the deliberation or item that states them, one ``tkg:FinancingLine`` a funder,
the funder as written.
"""

from __future__ import annotations

from kg.extract.records import Decision, Deliberation, FundingTable, Item, RangeCounts, Vote
from kg.mapping.builder import GraphBuilder
from kg.mapping.session import KINDS, OUTCOMES
from kg.mapping.vocab import DCTERMS, PROV, TKG

_COUNTS = (("pour", TKG.votesFor), ("contre", TKG.votesAgainst), ("abstention", TKG.abstentions),
           ("not_voting", TKG.notVoting), ("proxies_used", TKG.proxiesUsed),
           ("expressed", TKG.votesExpressed), ("voters", TKG.ballotVoters),
           ("blank", TKG.blankBallots), ("spoilt", TKG.spoiltBallots))


def map_vote_of(b: GraphBuilder, vote: Vote, deliberation: str) -> None:
    """The vote of one deliberation (or item): counts, ballot, named members and outcome."""
    iri = b.iris.vote(deliberation)
    b.typed(iri, TKG.Vote)
    b.node(deliberation, TKG.hasVote, iri)
    for key, prop in _COUNTS:
        fact = getattr(vote, key)
        if fact is not None:
            b.fact(iri, prop, fact)
    if vote.secret_ballot is not None:
        b.fact(iri, TKG.secretBallot, vote.secret_ballot)
    for name in vote.abstainers:
        b.fact(iri, TKG.abstainerName, name)
    for name in vote.not_voting_members:
        b.fact(iri, TKG.notVotingName, name)
    if vote.outcome is not None:
        b.fact(iri, TKG.outcome, vote.outcome, OUTCOMES[vote.outcome.value])


def map_articles(b: GraphBuilder, decisions: tuple[Decision, ...], deliberation: str) -> None:
    for dec in decisions:
        iri = b.iris.article(deliberation, dec.order)
        b.typed(iri, TKG.Decision)
        b.add(iri, TKG.order, dec.order)
        b.add(iri, TKG.decisionKind, KINDS[dec.kind.value])
        b.fact(iri, TKG.articleText, dec.text)
        b.node(deliberation, TKG.hasDecision, iri)


def map_financing(b: GraphBuilder, tables: tuple[FundingTable, ...], deliberation: str) -> None:
    for n, table in enumerate(tables, start=1):
        plan = b.iris.financing_plan(deliberation, n)
        b.typed(plan, TKG.FinancingPlan)
        b.node(deliberation, TKG.hasFinancingPlan, plan)
        if table.title is not None:
            b.fact(plan, DCTERMS.title, table.title)
        if table.total is not None:
            b.fact(plan, TKG.planTotal, table.total)
        if table.expense is not None:
            b.fact(plan, TKG.planExpense, table.expense)
        for order, row in enumerate(table.rows, start=1):
            line = b.iris.financing_line(plan, order)
            b.typed(line, TKG.FinancingLine)
            b.node(plan, TKG.hasFinancingLine, line)
            b.add(line, TKG.lineOrder, order)
            b.fact(line, TKG.funderName, row.funder)
            b.fact(line, TKG.amount, row.amount)
            if row.share is not None:
                b.fact(line, TKG.share, row.share)


def _map_item(b: GraphBuilder, item: Item, authority: str, session: str) -> str:
    key = item.number.value if item.number else item.subject.value
    iri = b.iris.item(session, key)
    b.typed(iri, TKG.Deliberation)
    b.node(iri, TKG.decidedBy, authority)
    b.node(iri, TKG.session, session)
    b.fact(iri, DCTERMS.title, item.subject)
    if item.number is not None:
        b.fact(iri, TKG.deliberationNumber, item.number)
    if b.document:
        b.node(iri, PROV.wasDerivedFrom, b.document)
    map_articles(b, item.decisions, iri)
    if item.vote is not None and item.vote != Vote():
        map_vote_of(b, item.vote, iri)
    map_financing(b, item.funding, iri)
    return iri


def _map_range(b: GraphBuilder, r: RangeCounts, session: str) -> str:
    iri = b.iris.item_range(session, r.first.value, r.last.value if r.last else None)
    b.typed(iri, TKG.ItemRange)
    b.node(session, TKG.hasItemRange, iri)
    b.fact(iri, TKG.firstItem, r.first)
    if r.last is not None:
        b.fact(iri, TKG.lastItem, r.last)
    for key, prop in (("present", TKG.rangePresentCount), ("proxies", TKG.rangeProxyCount),
                      ("voters", TKG.rangeVoterCount), ("absent", TKG.rangeAbsentCount)):
        fact = getattr(r.counts, key)
        if fact is not None:
            b.fact(iri, prop, fact)
    return iri


def _in_range(item: Item, r: RangeCounts) -> bool:
    number = item.number.value if item.number else ""
    if not number.isdigit():
        return False
    return r.first.value <= int(number) and (r.last is None or int(number) <= r.last.value)


def map_items(b: GraphBuilder, d: Deliberation, authority: str, session: str) -> None:
    """Every item of the minutes, a deliberation of the session, with the attendance of its range."""
    ranges = [(r, _map_range(b, r, session)) for r in d.counts_by_range]
    for item in d.items:
        iri = _map_item(b, item, authority, session)
        for r, range_iri in ranges:
            if _in_range(item, r):
                b.node(iri, TKG.attendance, range_iri)
                break
