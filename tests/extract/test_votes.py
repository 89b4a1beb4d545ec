"""Vote layouts in a whole deliberation: formulas, named lists, rejections, arithmetic."""

from __future__ import annotations

import pytest

from kg.extract.deliberation import read_deliberation
from kg.extract.records import Deliberation, Outcome, SourceDocument
from kg.extract.text import Doc
from kg.extract.votes import read_vote

DOC = ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\n\nConseil municipal de Beaune\n\n"
       "Séance du 26/09/2024\n\nEn exercice : 29 Présents : 22 Pouvoirs : 7 Votants : 29\n\n"
       "OBJET : Petites villes de demain - convention\n\n{report}"
       "Le Conseil municipal, après en avoir délibéré, décide :\n\n"
       "- d'approuver la convention ;\n\n{vote}\n")


def read(vote: str, report: str = "") -> Deliberation:
    text = DOC.format(vote=vote, report=report)
    return read_deliberation(SourceDocument("t.txt", "", "text/plain", text))


@pytest.mark.parametrize(("vote", "expected"), [
    ("ADOPTÉ À L'UNANIMITÉ", (None, None, None, Outcome.ADOPTED_UNANIMOUSLY)),
    ("Adopté à l’unanimité des présents", (None, None, None, Outcome.ADOPTED_UNANIMOUSLY)),
    ("Adopté par 23 voix pour et 6 abstentions", (23, None, 6, Outcome.ADOPTED)),
    ("POUR 29 CONTRE / ABSTENTIONS /", (29, 0, 0, None)),
    ("Pour : 23 Contre : 0 Abstention : 6", (23, 0, 6, None)),
    ("ONT VOTE POUR : 29 ONT VOTE CONTRE : / SE SONT ABSTENUS : /", (29, 0, 0, None)),
    ("La proposition est rejetée par 20 voix contre 9", (None, None, None, Outcome.REJECTED)),
], ids=["capitals", "des-presents", "voix-pour", "slashes", "colons", "ont-vote", "rejected"])
def test_vote_formulas(vote: str, expected: tuple[int | None, ...]) -> None:
    v = read(vote).vote
    got = tuple(f.value if f else None for f in (v.pour, v.contre, v.abstention, v.outcome))
    assert got == expected


def test_an_article_mentioning_a_rejection_does_not_reject_the_vote() -> None:
    d = read("Pour : 29 Contre : 0 Abstention : 0",
             report="Considérant que la demande de la commune a été rejetée en 2023,\n\n")
    assert d.vote.outcome is None or d.vote.outcome.value is not Outcome.REJECTED
    assert d.vote.pour is not None and d.vote.pour.value == 29


def test_unanimity_before_decide_is_read() -> None:
    text = DOC.format(report="", vote="").replace(
        "après en avoir délibéré, décide", "après en avoir délibéré et à l'unanimité, décide")
    d = read_deliberation(SourceDocument("t.txt", "", "text/plain", text))
    assert d.vote.outcome is not None and d.vote.outcome.value is Outcome.ADOPTED_UNANIMOUSLY


def test_named_members_not_voting_are_counted_from_the_names() -> None:
    v = read("PAR 23 VOIX SUR 23 VOIX DESIGNE MONSIEUR COSSEC (MADAME LEROY, MESSIEURS SIRI, HUET, "
             "MORAZIN, MESDAMES MAZIER, SEILLE NE PARTICIPENT PAS AU VOTE)").vote
    assert v.pour is not None and v.not_voting is not None and v.expressed is not None
    assert (v.pour.value, v.not_voting.value, v.expressed.value) == (23, 6, 23)
    assert v.not_voting.rule == "not-voting-named:names"


def test_votes_that_do_not_add_up_to_the_voters_are_reported_with_both_lines() -> None:
    d = read("Pour : 27 Contre : 1 Abstention : 0")
    found = [i.message for i in d.issues if "close call" in i.message]
    assert found and "Pour : 27" in found[0] and "Votants : 29" in found[0]
    assert d.vote.pour is not None and d.vote.pour.value == 27  # kept as written


def test_two_readings_that_disagree_are_left_out_and_reported() -> None:
    d = read("Pour : 29 Contre : 0\n\nAdopté par 28 voix pour")
    assert d.vote.pour is None
    assert any("two readings of the vote's 'pour'" in i.message for i in d.issues)


def test_not_voting_count_written_in_the_header_is_the_votes() -> None:
    text = DOC.format(report="", vote="ADOPTÉ À L'UNANIMITÉ").replace(
        "Votants : 29\n", "Votants : 29\n\nNe prend pas part au vote : 0\n")
    d = read_deliberation(SourceDocument("t.txt", "", "text/plain", text))
    assert d.vote.not_voting is not None and d.vote.not_voting.value == 0
    assert d.vote.not_voting.rule == "not-voting-colon"


def test_financing_plan_of_a_single_deliberation() -> None:
    d = read("ADOPTÉ À L'UNANIMITÉ", report=(
        "Considérant que le plan de financement est le suivant :\n"
        "Travaux 100 000 € DETR 40 000 € 40 %\nCommune 60 000 € 60 %\n"
        "Total 100 000 € Total 100 000 € 100 %\n\n"))
    assert [(r.funder.value, int(r.amount.value)) for r in d.funding[0].rows] == [
        ("DETR", 40000), ("Commune", 60000)]


def test_a_committee_unanimity_is_not_the_councils_vote() -> None:
    text = ("La commission des finances a émis un avis favorable à l'unanimité.\n"
            "Le conseil municipal, après en avoir délibéré, adopté à la majorité : "
            "Pour : 20 Contre : 9\n")
    vote = read_vote(Doc.of(text), 0, len(text))
    assert vote.outcome is not None and vote.outcome.value is Outcome.ADOPTED
    assert vote.contre is not None and vote.contre.value == 9
