"""Whole-session minutes, votes and financing plans read from real documents.

Each test names facts a careful reader recorded for the document (its ``*.expected.json``).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from kg.extract.documents import read_document
from kg.extract.minutes import read_minutes
from kg.extract.plans import read_plans
from kg.extract.records import Item, Outcome, RangeCounts
from kg.extract.text import Doc
from kg.extract.votes import read_vote

from .real import real_document


@cache
def minutes(prefix: str) -> tuple[dict[str, Item], tuple[RangeCounts, ...], Doc]:
    doc = Doc.from_source(read_document(real_document(prefix)))
    items, ranges = read_minutes(doc, plans=read_plans)
    return {i.number.value: i for i in items if i.number}, tuple(ranges), doc


def outcome(item: Item) -> Outcome | None:
    assert item.vote is not None
    return item.vote.outcome.value if item.vote.outcome else None


def rows(item: Item, n: int = 0) -> list[tuple[str, Decimal]]:
    return [(r.funder.value, r.amount.value) for r in item.funding[n].rows]


def test_avranches_items_numbered_with_the_session_date() -> None:
    items, _ranges, _doc = minutes("18_")
    assert list(items) == [f"2017.02.07 - {n}" for n in range(1, 20)]
    assert items["2017.02.07 - 3"].subject.value == "CLOTURE DU BUDGET ACTIVITES SOUMISES A TVA"


def test_avranches_named_abstentions_and_members_not_voting() -> None:
    items, _ranges, _doc = minutes("18_")
    five = items["2017.02.07 - 5"].vote
    assert five is not None and five.abstention is not None and five.abstention.value == 6
    assert [a.value for a in five.abstainers] == ["LEROY", "SIRI", "HUET", "MORAZIN", "MAZIER",
                                                  "SEILLE"]
    assert outcome(items["2017.02.07 - 5"]) is Outcome.ADOPTED
    sixteen = items["2017.02.07 - 16"].vote
    assert sixteen is not None and sixteen.pour is not None and sixteen.not_voting is not None
    assert (sixteen.pour.value, sixteen.not_voting.value) == (23, 6)
    assert sixteen.expressed is not None and sixteen.expressed.value == 23
    assert outcome(items["2017.02.07 - 1"]) is Outcome.ADOPTED_UNANIMOUSLY


def test_avranches_item_without_vote_is_reported() -> None:
    items, _ranges, doc = minutes("18_")
    assert outcome(items["2017.02.07 - 19"]) is None
    assert any("no vote read for item '2017.02.07 - 19'" in i.message for i in doc.issues)


def test_avranches_detr_plans_whose_amounts_follow_their_labels() -> None:
    items, _ranges, _doc = minutes("18_")
    plans = items["2017.02.07 - 10"].funding
    assert [rows(items["2017.02.07 - 10"], n)[0][1] for n in range(4)] == [
        Decimal("25500.00"), Decimal("66430.00"), Decimal("25800.00"), Decimal("105500.00")]
    funder, amount = rows(items["2017.02.07 - 10"], 3)[1]
    # Values are read from the normalised text: the curly apostrophe as written becomes "'".
    assert (funder.replace("’", "'"), amount) == ("Ville d'AVRANCHES", Decimal("158055.00"))
    assert [p.total.value for p in plans if p.total] == [
        Decimal("127500.00"), Decimal("332145.00"), Decimal("86070.00"), Decimal("263555.00")]


def test_lannion_items_votes_and_secret_ballots() -> None:
    items, _ranges, _doc = minutes("16_")
    assert list(items) == [str(n) for n in range(1, 26)]
    unanimous = [n for n, i in items.items() if outcome(i) is Outcome.ADOPTED_UNANIMOUSLY]
    assert unanimous == [str(n) for n in range(1, 26) if n != 10]
    ten = items["10"].vote
    assert ten is not None and ten.secret_ballot is not None
    assert ten.voters is not None and ten.blank is not None and ten.spoilt is not None
    assert (ten.voters.value, ten.blank.value, ten.spoilt.value) == (33, 0, 0)


def test_lannion_counts_per_range_of_questions() -> None:
    _items, ranges, _doc = minutes("16_")
    got = [(r.first.value, r.last.value if r.last else None, r.counts.present.value
            if r.counts.present else None, r.counts.proxies.value if r.counts.proxies else None)
           for r in ranges]
    assert got == [(1, 10, 32, 1), (11, 17, 31, 2), (18, None, 32, 1)]


def test_lannion_plans_beside_their_expense_column() -> None:
    items, _ranges, _doc = minutes("16_")
    assert rows(items["22"]) == [
        ("État (DSIL)", Decimal("150000.00")), ("État (DRAC)", Decimal("205500.00")),
        ("Région", Decimal("120000.00")), ("Département", Decimal("123000.00")),
        ("Ville de Lannion", Decimal("223500.00"))]
    plan = items["22"].funding[0]
    assert plan.total is not None and plan.total.value == Decimal("822000.00")
    assert plan.rows[0].share is not None and plan.rows[0].share.value == Decimal("18.30")
    assert [len(items[n].funding) for n in ("18", "19", "20", "21", "23", "24")] == [0, 1, 1, 1, 1, 0]


def test_gatine_racan_coded_items_and_a_named_abstention() -> None:
    items, _ranges, _doc = minutes("03_")
    assert "CC02_2023" in items and "CC12_2023" in items
    five = items["CC05_2023"].vote
    assert five is not None and five.abstention is not None and five.abstention.value == 1
    assert [a.value for a in five.abstainers] == ["PLOU"]


def test_gatine_racan_cell_stream_plan_keeps_only_rows_that_add_up() -> None:
    items, _ranges, doc = minutes("03_")
    assert rows(items["CC01_2023"])[:2] == [("DETR/DSIL", Decimal("300000.00")),
                                            ("CD37", Decimal("200000.00"))]
    assert "DETR" not in [f for f, _a in rows(items["CC02_2023"])]  # its aid is displaced
    assert any("'DETR' has a rate but no aid amount" in i.message for i in doc.issues)


def test_lachamp_item_numbered_after_its_subject() -> None:
    items, _ranges, _doc = minutes("09_")
    assert list(items) == ["2019-93"]
    assert items["2019-93"].subject.value.startswith("Travaux d'enfouissement réseaux électriques")


def test_tronget_vote_written_with_slashes() -> None:
    path: Path = real_document("01_")
    doc = Doc.from_source(read_document(path))
    start = doc.text.index("Après en avoir délibéré")
    vote = read_vote(doc, start, len(doc.text))
    assert vote.pour is not None and vote.contre is not None and vote.abstention is not None
    assert (vote.pour.value, vote.contre.value, vote.abstention.value) == (14, 0, 0)
    assert vote.outcome is not None and vote.outcome.value is Outcome.ADOPTED_UNANIMOUSLY


def test_single_deliberations_are_not_minutes() -> None:
    for prefix in ("01_", "05_", "13_"):
        items, _ranges, _doc = minutes(prefix)
        assert not items, prefix
