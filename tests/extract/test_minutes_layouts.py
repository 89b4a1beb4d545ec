"""Minutes layouts the real set shows once or not at all, written for the test: heading families,
agendas, titles over several lines, counts per range of items."""

from __future__ import annotations

import pytest

from kg.extract.minutes import read_minutes
from kg.extract.plans import read_plans
from kg.extract.records import Outcome
from kg.extract.text import Doc

BODY = ("Monsieur le Maire expose :\nLe conseil est invité à se prononcer sur le dossier.\n"
        "{vote}\n\n")
VOTES = ("ADOPTÉ À L'UNANIMITÉ", "Pour : 20 Contre : 3 Abstentions : 0",
         "Adopté à la majorité avec 2 abstentions (M. DURAND, Mme PETIT)")


def minutes(headings: list[str], *, head: str = "PROCÈS-VERBAL DE LA SÉANCE\n\n") -> str:
    return head + "".join(f"{h}\n" + BODY.format(vote=VOTES[n % 3]) for n, h in enumerate(headings))


@pytest.mark.parametrize(("headings", "numbers"), [
    (["N° 1 - Budget primitif", "N° 2 - Tarifs de l'eau", "N° 3 - Subventions"], ["1", "2", "3"]),
    (["Délibération n° 2024-031 : Budget primitif", "Délibération n° 2024-032 : Tarifs",
      "Délibération n° 2024-033 : Subventions"], ["2024-031", "2024-032", "2024-033"]),
    (["QUESTION N° 1 : BUDGET PRIMITIF", "QUESTION N° 2 : TARIFS", "QUESTION N° 3 : SUBVENTIONS"],
     ["1", "2", "3"]),
    (["DEL_01-2024 Budget primitif", "DEL_02-2024 Tarifs de l'eau", "DEL_03-2024 Subventions"],
     ["DEL_01-2024", "DEL_02-2024", "DEL_03-2024"]),
    (["Budget primitif de l'exercice : 2024-31", "Tarifs de l'eau potable : 2024-32",
      "Subventions aux associations : 2024-33"], ["2024-31", "2024-32", "2024-33"]),
    (["2024.03.12 - 1  BUDGET PRIMITIF", "2024.03.12 - 2  TARIFS", "2024.03.12 - 3  SUBVENTIONS"],
     ["2024.03.12 - 1", "2024.03.12 - 2", "2024.03.12 - 3"]),
    (["DELIBERATION N° 2024-031\nOBJET : Budget primitif", "DELIBERATION N° 2024-032\nOBJET : Tarifs",
      "DELIBERATION N° 2024-033\nOBJET : Subventions"], ["2024-031", "2024-032", "2024-033"]),
    (["1. Budget primitif", "2. Tarifs de l'eau", "3. Subventions"], ["1", "2", "3"]),
], ids=["number-sign", "deliberation-number", "question", "code", "number-after-subject", "dated",
        "number-then-object", "numbered-dot"])
def test_heading_families(headings: list[str], numbers: list[str]) -> None:
    items, _ranges = read_minutes(Doc.of(minutes(headings)))
    assert [i.number.value for i in items if i.number] == numbers
    votes = [i.vote for i in items]
    assert votes[0] is not None and votes[0].outcome is not None
    assert votes[0].outcome.value is Outcome.ADOPTED_UNANIMOUSLY
    assert votes[1] is not None and votes[1].contre is not None and votes[1].contre.value == 3
    assert votes[2] is not None and [a.value for a in votes[2].abstainers] == ["DURAND", "PETIT"]


def test_agenda_numbers_are_not_items() -> None:
    agenda = "Ordre du jour :\n1 - Budget primitif\n2 - Tarifs de l'eau\n3 - Subventions\n\n"
    text = minutes(["1 - Budget primitif", "2 - Tarifs de l'eau", "3 - Subventions"],
                   head="PROCÈS-VERBAL\n\n" + agenda)
    items, _ranges = read_minutes(Doc.of(text))
    assert [i.number.value for i in items if i.number] == ["1", "2", "3"]
    assert all(i.span is not None and i.span.start > text.index("3 - Subventions\n\n")
               for i in items)


def test_a_numbered_list_inside_a_single_deliberation_is_not_minutes() -> None:
    text = ("OBJET : Tarifs\n\nLe conseil décide :\n1 - Fixe le tarif de base\n2 - Dit que les "
            "crédits sont inscrits\nADOPTÉ À L'UNANIMITÉ\n")
    assert read_minutes(Doc.of(text)) == ([], [])


def test_title_over_several_lines_stops_at_the_body() -> None:
    text = minutes(["1 - Convention de partenariat avec le département pour\nla voirie "
                    "communale", "2 - Tarifs"])
    items, _ranges = read_minutes(Doc.of(text))
    assert items[0].subject.value == ("Convention de partenariat avec le département pour la "
                                      "voirie communale")


def test_counts_per_range_of_items_with_labels_first() -> None:
    text = minutes(["1 - Budget", "2 - Tarifs"], head=(
        "PROCÈS-VERBAL\n\nDélibérations n° 1 à 1 :\nPrésents : 20 Pouvoirs : 3 Votants : 23\n"
        "Délibérations n° 2 à la fin :\nPrésents : 19 Pouvoirs : 4 Votants : 23\n\n"))
    _items, ranges = read_minutes(Doc.of(text))
    got = [(r.first.value, r.last.value if r.last else None,
            r.counts.present.value if r.counts.present else None) for r in ranges]
    assert got == [(1, 1, 20), (2, None, 19)]


def test_plan_in_a_label_run_that_does_not_add_up_is_left_out_and_reported() -> None:
    text = ("Plan de financement\n\nDETR\nCommune\n\nTOTAL\n\n10 000.00 € H.T\n"
            "25 000.00 € H.T\n\n30 000.00 € H.T\n")
    doc = Doc.of(text)
    assert read_plans(doc, 0, len(text)) == []
    assert any("no run of 2 amounts adds up" in i.message for i in doc.issues)


def test_items_titled_by_their_object_without_a_number() -> None:
    items, _ranges = read_minutes(Doc.of(minutes(["OBJET : Budget primitif", "OBJET : Tarifs",
                                                  "OBJET : Subventions"])))
    assert [(i.number, i.subject.value) for i in items] == [
        (None, "Budget primitif"), (None, "Tarifs"), (None, "Subventions")]


@pytest.mark.parametrize(("plan", "expected"), [
    ("Plan de financement :\nDépenses :\n- Travaux : 100 000 €\nRecettes :\n- DETR : 30 000 € (30 %)\n"
     "- Région : 20 000 € (20 %)\n- Autofinancement : 50 000 € (50 %)\nTotal : 100 000 €\n",
     [("DETR", 30000), ("Région", 20000), ("Autofinancement", 50000)]),
    ("Le plan de financement est le suivant :\nDSIL : 12 000,00 € HT soit 40%\n"
     "Commune : 18 000,00 € HT soit 60%\n", [("DSIL", 12000), ("Commune", 18000)]),
], ids=["expenses-then-resources", "shares-without-total"])
def test_plans_one_funder_a_line(plan: str, expected: list[tuple[str, int]]) -> None:
    doc = Doc.of(plan)
    tables = read_plans(doc, 0, len(plan))
    assert [(r.funder.value, int(r.amount.value)) for t in tables for r in t.rows] == expected


def test_plan_one_funder_a_line_that_does_not_add_up_is_left_out() -> None:
    plan = "Plan de financement :\nDETR : 30 000 €\nCommune : 50 000 €\nTotal : 90 000 €\n"
    doc = Doc.of(plan)
    assert read_plans(doc, 0, len(plan)) == []
    assert any("add up neither" in i.message for i in doc.issues)
