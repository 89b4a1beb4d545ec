"""The terms of the territoires-kg ontology (``tkg:``), as a closed rdflib namespace.

Generated from ontology/territoires-kg.ttl by scripts/generate_vocab.py: do not
edit, run the script after editing the ontology (tests/mapping/test_vocab.py
fails while this module is out of date).

>>> TKG.Deliberation
rdflib.term.URIRef('https://w3id.org/territoires-kg/ontology#Deliberation')
>>> TKG.Deliberatoin
Traceback (most recent call last):
AttributeError: term 'Deliberatoin' not in namespace 'https://w3id.org/territoires-kg/ontology#'
"""

from __future__ import annotations

from rdflib import namespace as _rdflib
from rdflib.term import URIRef


class TKG(_rdflib.DefinedNamespace):
    """The territoires-kg ontology: every term it declares, and no other."""

    _NS = _rdflib.Namespace("https://w3id.org/territoires-kg/ontology#")
    _fail = True

    # Classes
    ActionAxis: URIRef  # Action axis
    AllocationKey: URIRef  # Allocation key
    Authority: URIRef  # Authority
    Commitment: URIRef  # Commitment
    CommunauteAgglomeration: URIRef  # Agglomeration community (communauté d'agglomération)
    CommunauteCommunes: URIRef  # Community of communes (communauté de communes)
    CommunauteUrbaine: URIRef  # Urban community (communauté urbaine)
    Commune: URIRef  # Commune
    Contribution: URIRef  # Contribution
    Convention: URIRef  # Convention
    Council: URIRef  # Council
    CouncilMandate: URIRef  # Council mandate
    Decision: URIRef  # Decision
    DecisionKind: URIRef  # Decision kind
    Deliberation: URIRef  # Deliberation
    Department: URIRef  # Department
    EPCI: URIRef  # Intermunicipal cooperation body (EPCI)
    EPT: URIRef  # Territorial public body (EPT)
    Evidence: URIRef  # Evidence
    FinancingLine: URIRef  # Financing line
    FinancingPlan: URIRef  # Financing plan
    FundingPlan: URIRef  # Funding plan
    GovernanceBody: URIRef  # Governance body
    ItemRange: URIRef  # Range of items
    Metropole: URIRef  # Metropolis (métropole)
    NameResolution: URIRef  # Name resolution
    NationalProgramme: URIRef  # National programme
    Person: URIRef  # Person
    PopulationCheck: URIRef  # Population check
    PopulationFigure: URIRef  # Population figure
    Post: URIRef  # Post
    ProgrammePhase: URIRef  # Programme phase
    Proxy: URIRef  # Proxy
    Region: URIRef  # Region
    Session: URIRef  # Session
    SourceDocument: URIRef  # Source document
    StateAgency: URIRef  # State agency
    Substitution: URIRef  # Substitution
    Territory: URIRef  # Programme territory
    TerritoryMembership: URIRef  # Territory membership
    VintageSum: URIRef  # Vintage sum
    Vote: URIRef  # Vote
    VoteOutcome: URIRef  # Vote outcome

    # Object properties
    absentMember: URIRef  # absent member
    allocationKey: URIRef  # allocation key
    approvedBy: URIRef  # approved by
    approves: URIRef  # approves
    attendance: URIRef  # attendance
    carriedBy: URIRef  # carried by
    concernsTerritory: URIRef  # concerns territory
    council: URIRef  # council
    councilOf: URIRef  # council of
    coversDepartment: URIRef  # covers department
    decidedBy: URIRef  # decided by
    decisionKind: URIRef  # decision kind
    department: URIRef  # department
    forConvention: URIRef  # for convention
    forTerritory: URIRef  # for territory
    funder: URIRef  # funder
    fundsPost: URIRef  # funds post
    grantor: URIRef  # grantor
    hasAxis: URIRef  # has axis
    hasDecision: URIRef  # has decision
    hasFinancingLine: URIRef  # has financing line
    hasFinancingPlan: URIRef  # has financing plan
    hasFundingPlan: URIRef  # has funding plan
    hasGovernanceBody: URIRef  # has governance body
    hasItemRange: URIRef  # has range of items
    hasPhase: URIRef  # has phase
    hasPost: URIRef  # has post
    hasProxy: URIRef  # has proxy
    hasSubstitution: URIRef  # has substitution
    hasVote: URIRef  # has vote
    holder: URIRef  # holder
    inRegion: URIRef  # in region
    inSession: URIRef  # in session
    mandateHolder: URIRef  # mandate holder
    mandateIn: URIRef  # mandate in
    outcome: URIRef  # outcome
    party: URIRef  # party
    phaseOf: URIRef  # phase of
    population: URIRef  # population
    populationCheck: URIRef  # population check
    presentMember: URIRef  # present member
    president: URIRef  # president
    programme: URIRef  # programme
    replaces: URIRef  # replaces
    resolvedTo: URIRef  # resolved to
    runBy: URIRef  # run by
    secretary: URIRef  # secretary
    session: URIRef  # session
    statedIn: URIRef  # stated in
    substitute: URIRef  # substitute
    toPost: URIRef  # to post
    vintageSum: URIRef  # vintage sum

    # Datatype properties
    absentCount: URIRef  # absent
    abstainerName: URIRef  # abstainer name
    abstentions: URIRef  # abstentions
    amount: URIRef  # amount
    anctId: URIRef  # ANCT identifier
    anctKey: URIRef  # ANCT key
    annual: URIRef  # annual
    articleText: URIRef  # article text
    ballotVoters: URIRef  # ballot voters
    basis: URIRef  # basis
    blankBallots: URIRef  # blank ballots
    candidates: URIRef  # candidates
    checkedPopulation: URIRef  # checked population
    civility: URIRef  # civility
    convocationDate: URIRef  # convocation date
    declaredGrandTotal: URIRef  # declared grand total
    declaredMemberCount: URIRef  # declared member count
    declaredPopulation: URIRef  # declared population
    declaredTotal: URIRef  # declared total
    deliberationNumber: URIRef  # deliberation number
    departmentName: URIRef  # department name
    endYear: URIRef  # end year
    extractionRule: URIRef  # extraction rule
    firstItem: URIRef  # first item
    funderName: URIRef  # funder name
    holderRole: URIRef  # holder's role
    inseeCode: URIRef  # INSEE code
    lastItem: URIRef  # last item
    launchDate: URIRef  # launch date
    launchEvent: URIRef  # launch event
    line: URIRef  # line
    lineOrder: URIRef  # line order
    lineText: URIRef  # line text
    matches: URIRef  # matches
    memberSince: URIRef  # member since
    memberUntil: URIRef  # member until
    membersInOffice: URIRef  # members in office
    municipalPopulation: URIRef  # municipal population
    municipalPopulationSum: URIRef  # municipal population sum
    nameAsWritten: URIRef  # name as written
    notVoting: URIRef  # not voting
    notVotingName: URIRef  # name of a member not voting
    order: URIRef  # order
    page: URIRef  # page
    planExpense: URIRef  # plan expense
    planTotal: URIRef  # plan total
    populationMatchesVintage: URIRef  # population matches vintage
    postKind: URIRef  # post kind
    presentCount: URIRef  # present
    presidentName: URIRef  # president's name as written
    proxiesUsed: URIRef  # proxies used
    proxyCount: URIRef  # proxies
    proxyPeriod: URIRef  # proxy period
    quote: URIRef  # quote
    rangeAbsentCount: URIRef  # absent for the range
    rangePresentCount: URIRef  # present for the range
    rangeProxyCount: URIRef  # proxies for the range
    rangeVoterCount: URIRef  # voters for the range
    resolutionMethod: URIRef  # resolution method
    role: URIRef  # role
    seats: URIRef  # seats
    secretBallot: URIRef  # secret ballot
    secretaryName: URIRef  # secretary's name as written
    sessionDate: URIRef  # session date
    share: URIRef  # share
    siren: URIRef  # SIREN number
    siteName: URIRef  # site name
    sourcePath: URIRef  # source path
    spoiltBallots: URIRef  # spoilt ballots
    startTime: URIRef  # start time
    startYear: URIRef  # start year
    subjectHeading: URIRef  # subject heading
    substitutedName: URIRef  # substituted member's name
    totalPopulation: URIRef  # total population
    vintage: URIRef  # vintage
    voteCountNote: URIRef  # vote count note
    voterCount: URIRef  # voters
    votesAgainst: URIRef  # votes against
    votesExpressed: URIRef  # votes expressed
    votesFor: URIRef  # votes for
    weekday: URIRef  # weekday
    writtenName: URIRef  # written name
    year: URIRef  # year

    # Annotation properties
    property: URIRef  # property

    # Individuals
    Adopted: URIRef  # adopted
    AdoptedUnanimously: URIRef  # adopted unanimously
    Adoption: URIRef  # adoption
    Approval: URIRef  # approval
    Authorisation: URIRef  # authorisation
    Designation: URIRef  # designation
    Funding: URIRef  # funding
    OtherDecision: URIRef  # other decision
    Rejected: URIRef  # rejected
    SignatureAuthorisation: URIRef  # signature authorisation
    Statement: URIRef  # statement
