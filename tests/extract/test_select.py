"""Readings of one field are chosen by the document's arithmetic; a close call is reported."""

from __future__ import annotations

from kg.extract.deliberation import read_deliberation
from kg.extract.records import SourceDocument
from kg.extract.rules import Reading
from kg.extract.select import by_agreement, choose_counts


def test_counts_that_add_up_are_preferred_to_the_first_ones() -> None:
    readings = [Reading("present", 30, 0, 2, "r"), Reading("present", 36, 50, 52, "r"),
                Reading("proxies", 3, 60, 61, "r"), Reading("voters", 39, 70, 72, "r")]
    chosen, close = choose_counts(readings)
    assert {k: r.value for k, r in chosen.items()} == {"present": 36, "proxies": 3, "voters": 39}
    assert [(kept.value, other.value) for kept, other in close] == [(36, 30)]


def test_a_convocation_date_is_never_a_session_date() -> None:
    readings = [Reading("session_date", "2020-05-29", 0, 40, "dates.council-of"),
                Reading("session_date", "2020-06-08", 100, 120, "dates.l-an")]
    convocation = (Reading("convocation_date", "2020-05-29", 0, 40, "dates.convocation"),)
    chosen, others = by_agreement(readings, "session_date", ["dates.l-an"], excluded=convocation)
    assert chosen is not None and chosen.value == "2020-06-08" and not others


def test_disagreeing_counts_are_reported_with_both_lines() -> None:
    text = ("Conseil municipal de Beaune\nSéance du 12 mars 2024\nPrésents : 20\n"
            "Procurations : 2\nVotants : 23\nPrésents : 21\nOBJET : Budget\n")
    d = read_deliberation(SourceDocument("t.txt", "", "text/plain", text))
    assert d.counts.present is not None and d.counts.present.value == 21
    assert any(i.message == "present: read 21 (line 6) and 20 (line 3); kept 21" for i in d.issues)
