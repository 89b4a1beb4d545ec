"""Readings the generator's layout families got wrong, each pinned on a short text.

The generated families (``tools.synth``) showed these; each was also in a real document
(the Fosses minutes write "à 20 heures 30", Tronget's "POUR 14 CONTRE /").
"""

from __future__ import annotations

import datetime as dt

from kg.extract.deliberation import read_deliberation
from kg.extract.records import Deliberation, SourceDocument
from kg.extract.text import Doc
from kg.extract.votes import read_vote


def _read(text: str) -> Deliberation:
    return read_deliberation(SourceDocument(path="t.txt", sha256="", media_type="text/plain",
                                            text=text))


def test_start_time_in_heures_keeps_its_minutes() -> None:
    d = _read("COMMUNE DE TRONGET\n\nL'an deux mille onze, le vingt deux juin, à 20 heures 30, "
              "s'est réuni le Conseil municipal.\n\nPrésents : Jean DUPONT, Marie MARTIN\n\n"
              "Après en avoir délibéré, décide : d'approuver.\n")
    assert d.session is not None and d.session.time is not None
    assert d.session.time.value == dt.time(20, 30)


def test_count_after_against_label_is_not_an_abstention_count() -> None:
    doc = Doc.of("POUR 14 CONTRE 2 ABSTENTIONS /")
    vote = read_vote(doc, 0, len(doc.text))
    assert vote.pour is not None and vote.contre is not None and vote.abstention is not None
    assert [vote.pour.value, vote.contre.value, vote.abstention.value] == [14, 2, 0]
    assert not doc.issues


def test_name_above_extract_wins_over_a_funding_row_naming_a_commune() -> None:
    d = _read("Communauté de communes Agly Fenouillèdes\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS "
              "DU CONSEIL COMMUNAUTAIRE\n\nSéance du 03/12/2024\n\nPrésents : Jean DUPONT, Marie "
              "MARTIN\n\nOBJET : Convention\n\nLe plan de financement proposé est le suivant :\n\n"
              "Commune de Lesquerde : 12 000 € soit 40 %\n\nAprès en avoir délibéré, décide : "
              "d'approuver.\n")
    assert d.authority is not None
    assert d.authority.value == "Communauté de communes Agly Fenouillèdes"


def _roll(text: str) -> tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]:
    from kg.extract.attendance import read_roll

    doc = Doc.of(text)
    roll, proxies, _subs = read_roll(doc, len(doc.text))
    assert not doc.issues, [i.message for i in doc.issues]
    return ([(p.family_name, p.given_name) for p in roll.present],
            [(x.grantor.family_name, x.holder.family_name if x.holder else None) for x in proxies])


def test_members_grouped_by_commune_are_read_without_their_commune() -> None:
    present, _ = _roll("Présents :\nCerelles : M. POULLE Guy ; Mme BOUIN Valérie\n"
                       "Bueil-en-Touraine :\nMarray : M. CAPON Philippe\n"
                       "Pont de Montvert - Sud Mont Lozère : Mme BLANC Hélène\n\nOBJET : x\n")
    assert present == [("POULLE", "Guy"), ("BOUIN", "Valérie"), ("CAPON", "Philippe"),
                       ("BLANC", "Hélène")]


def test_a_proxy_closing_a_one_line_roll_with_a_full_stop_is_read() -> None:
    present, proxies = _roll("Membres présents :\n\nMadame Agnès FRANCOIS, Monsieur Yves LEROY "
                             "(pour Madame Marie DURAND).\n\n---\n")
    assert present == [("FRANCOIS", "Agnès"), ("LEROY", "Yves")]
    assert proxies == [("DURAND", "LEROY")]
