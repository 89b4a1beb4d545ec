"""Typed records produced by the extractor.

A record is what one deliberation says, as it says it: names are kept as
written (resolution to national identifiers is the registry stage's job),
declared counts are kept as declared (checking them is the shapes' job), and
every value carries the :class:`Span` of text it was read from.

>>> s = Span(start=10, end=14, line=2)
>>> Fact(value=86, span=s).value
86
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in the document's text.

    ``line`` is 1-based; ``page`` is 1-based for PDF and ``None`` otherwise.
    """

    start: int
    end: int
    line: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Fact(Generic[T]):
    """One extracted value, where it was read, and the name of the rule that read it."""

    value: T
    span: Span
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in the document, as written."""

    family_name: str
    span: Span
    given_name: str | None = None
    civility: str | None = None  # "M." or "Mme", normalised from Monsieur/Madame/M./Mme

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}" if self.given_name else self.family_name


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A reference to a member ("Président : Monsieur REBSAMEN").

    ``resolved`` is the member of the attendance lists it designates, or
    ``None`` when the reference is unresolved or ambiguous (then reported).
    """

    written: Fact[str]
    resolved: Person | None


@dataclass(frozen=True, slots=True)
class Proxy:
    """A written proxy: ``grantor`` (absent) gives ``holder`` (present) a vote.

    ``holder_role`` is set when the proxy is given to a role ("pouvoir à M. le
    Maire") rather than to a named person.
    """

    grantor: Person
    holder: Person | None
    span: Span
    holder_role: str | None = None
    when: Fact[str] | None = None  # the part of the session it covers ("jusqu'à son arrivée 18h38")


@dataclass(frozen=True, slots=True)
class Substitute:
    """A substitute member (suppléant) sitting for a titular member."""

    substitute: Person
    for_member: Person
    span: Span


@dataclass(frozen=True, slots=True)
class Counts:
    """Counts as declared by the document (never recomputed here)."""

    seats: Fact[int] | None = None
    in_office: Fact[int] | None = None
    present: Fact[int] | None = None
    proxies: Fact[int] | None = None
    voters: Fact[int] | None = None
    absent: Fact[int] | None = None


@dataclass(frozen=True, slots=True)
class Session:
    date: Fact[dt.date]
    weekday: Fact[str] | None = None
    time: Fact[dt.time] | None = None
    president: PersonRef | None = None
    secretary: PersonRef | None = None
    convocation_date: Fact[dt.date] | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    title: Fact[str]
    heading: Fact[str] | None = None
    number: Fact[str] | None = None


class DecisionKind(str, Enum):
    """Kinds of decision article, read from the verb that opens it."""

    APPROVE = "approve"
    FUND = "fund"
    AUTHORISE_SIGNATURE = "authorise-signature"
    AUTHORISE = "authorise"
    DESIGNATE = "designate"
    STATE = "state"  # "de dire que…"
    ADOPT = "adopt"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Decision:
    order: int
    kind: DecisionKind
    verb: str
    text: Fact[str]


class Outcome(str, Enum):
    ADOPTED = "adopted"
    ADOPTED_UNANIMOUSLY = "adopted-unanimously"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Vote:
    pour: Fact[int] | None = None
    contre: Fact[int] | None = None
    abstention: Fact[int] | None = None
    not_voting: Fact[int] | None = None  # ne se prononce pas / ne prend pas part au vote
    proxies_used: Fact[int] | None = None
    outcome: Fact[Outcome] | None = None
    expressed: Fact[int] | None = None  # suffrages exprimés, as written
    voters: Fact[int] | None = None  # a ballot's "nombre de votants"
    blank: Fact[int] | None = None  # bulletins blancs
    spoilt: Fact[int] | None = None  # bulletins nuls
    secret_ballot: Fact[bool] | None = None
    abstainers: tuple[Fact[str], ...] = ()  # members named as abstaining, as written
    not_voting_members: tuple[Fact[str], ...] = ()  # members named as not taking part


@dataclass(frozen=True, slots=True)
class FundingRow:
    """One funder's line in a post's funding table."""

    funder: Fact[str]
    amount: Fact[Decimal]
    share: Fact[Decimal] | None = None  # percent, as declared


@dataclass(frozen=True, slots=True)
class PostFunding:
    """A post and its funding table column: who pays what."""

    label: Fact[str]
    rows: tuple[FundingRow, ...]
    carrier: Fact[str] | None = None  # the authority carrying the post, as named
    total: Fact[Decimal] | None = None
    ordinal: int = 1


@dataclass(frozen=True, slots=True)
class FundingPlan:
    posts: tuple[PostFunding, ...]
    grand_total: Fact[Decimal] | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Commitment:
    """A funder's stated commitment ("43 890 € a year over 2024-2027")."""

    funder: Fact[str]
    amount: Fact[Decimal]
    annual: bool
    start_year: Fact[int] | None = None
    end_year: Fact[int] | None = None


@dataclass(frozen=True, slots=True)
class Post:
    """A post described in the report (e.g. a project lead based at a site)."""

    kind: Fact[str]
    site: Fact[str] | None = None


@dataclass(frozen=True, slots=True)
class GovernanceBody:
    name: Fact[str]
    role: Fact[str] | None = None


@dataclass(frozen=True, slots=True)
class Programme:
    """What the report says of the national programme and its local territory."""

    scheme: Fact[str]
    territory: Fact[str] | None = None
    launch_date: Fact[dt.date] | None = None
    launch_event: Fact[str] | None = None
    start_year: Fact[int] | None = None
    end_year: Fact[int] | None = None
    replaces: Fact[str] | None = None
    members: tuple[Fact[str], ...] = ()
    member_count: Fact[int] | None = None
    population: Fact[int] | None = None
    departments: tuple[Fact[str], ...] = ()
    axes: tuple[Fact[str], ...] = ()
    governance: tuple[GovernanceBody, ...] = ()
    posts: tuple[Post, ...] = ()
    allocation_key: Fact[str] | None = None  # e.g. "population"
    funding: FundingPlan | None = None
    commitments: tuple[Commitment, ...] = ()


@dataclass(frozen=True, slots=True)
class FundingLine:
    """One line of a financing plan ("DETR 25 500 € 20 %"), as stated."""

    funder: Fact[str]
    amount: Fact[Decimal]
    share: Fact[Decimal] | None = None  # percent, as declared


@dataclass(frozen=True, slots=True)
class FundingTable:
    """A "plan de financement": the resources (recettes) of one project or operation.

    ``expense`` is the cost it covers (dépenses, HT or TTC as written), ``total``
    the total of the resources as declared; both are checked by the shapes, never
    computed here.
    """

    rows: tuple[FundingLine, ...]
    title: Fact[str] | None = None
    expense: Fact[Decimal] | None = None
    total: Fact[Decimal] | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class RangeCounts:
    """Counts that apply to a range of items of a session ("Questions 11 à 17")."""

    first: Fact[int]
    last: Fact[int] | None  # None: "à la fin"
    counts: Counts


@dataclass(frozen=True, slots=True)
class Item:
    """One deliberation of a whole-session minutes (procès-verbal, relevé de décisions)."""

    subject: Fact[str]
    number: Fact[str] | None = None
    vote: Vote | None = None
    decisions: tuple[Decision, ...] = ()
    funding: tuple[FundingTable, ...] = ()
    span: Span | None = None


class Severity(str, Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Issue:
    """Something the extractor could not read, or read with doubt."""

    severity: Severity
    message: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """The document a record was read from."""

    path: str  # as given by the user, relative where possible
    sha256: str
    media_type: str
    text: str
    pages: tuple[int, ...] = ()  # character offset where each PDF page starts
    legacy_lines: tuple[int, ...] = ()  # 1-based lines not in UTF-8, read as Windows-1252

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True, slots=True)
class Deliberation:
    """Everything one deliberation extract says.

    The authority, session and subject are ``None`` when the text does not state
    them in a form the extractor reads; each such gap is one of ``issues``.
    """

    source: SourceDocument
    authority: Fact[str] | None = None  # None: not read (then an issue says so)
    session: Session | None = None
    subject: Subject | None = None
    council: Fact[str] | None = None
    authority_siren: Fact[str] | None = None  # from an ACTES transmission number, when written
    counts: Counts = field(default_factory=Counts)
    present: tuple[Person, ...] = ()
    absent: tuple[Person, ...] = ()
    proxies: tuple[Proxy, ...] = ()
    substitutes: tuple[Substitute, ...] = ()
    programme: Programme | None = None
    decisions: tuple[Decision, ...] = ()
    vote: Vote = field(default_factory=Vote)
    funding: tuple[FundingTable, ...] = ()  # financing plans outside a programme's posts table
    items: tuple[Item, ...] = ()  # whole-session minutes: one per deliberation of the session
    counts_by_range: tuple[RangeCounts, ...] = ()
    issues: tuple[Issue, ...] = ()
