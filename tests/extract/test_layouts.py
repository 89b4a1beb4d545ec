"""Each layout of the issue, in a small document written for the test."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kg.extract.deliberation import read_deliberation
from kg.extract.records import Deliberation, Outcome, SourceDocument

HEAD = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\n\nConseil municipal de Beaune\n\n{session}\n\n"
TAIL = ("\n\nOBJET : Petites villes de demain - convention\n\n"
        "Le Conseil municipal, après en avoir délibéré, décide :\n\n"
        "- d'approuver la convention ;\n\n{vote}\n")


def extract_text(roll: str = "", *, session: str = "Séance du 26/09/2024",
                 vote: str = "Adopté à l'unanimité.", report: str = "") -> Deliberation:
    text = HEAD.format(session=session) + roll + TAIL.format(vote=vote)
    if report:
        text = text.replace("Le Conseil municipal, après",
                            report + "\n\nLe Conseil municipal, après")
    return read_deliberation(SourceDocument("t.txt", "", "text/plain", text))


def names(people: tuple) -> list[str]:  # type: ignore[type-arg]
    return [f"{p.civility} {p.given_name} {p.family_name}" for p in people]


@pytest.mark.parametrize("body", [
    "Monsieur Jean DUPONT\tMadame Anne MARTIN\nMonsieur Paul DURAND",
    "M. Jean DUPONT, Mme Anne MARTIN et M. Paul DURAND.",
    "M. Jean DUPONT ; Mme Anne MARTIN ; M. Paul DURAND",
    "- M. Jean DUPONT\n- Mme Anne MARTIN\n- M. Paul DURAND",
    "M. Jean DUPONT (Beaune)\nMme Anne MARTIN (Chorey-lès-Beaune)\nM. Paul DURAND (Savigny)",
], ids=["tabs", "commas", "semicolons", "one-a-line", "communes-in-parentheses"])
def test_attendance_layouts(body: str) -> None:
    d = extract_text(f"Membres présents :\n\n{body}\n\nMembres absents :\n\nM. Luc PETIT\n\n")
    assert names(d.present) == ["M. Jean DUPONT", "Mme Anne MARTIN", "M. Paul DURAND"]
    assert names(d.absent) == ["M. Luc PETIT"]
    assert not d.issues


def test_initials_and_short_civilities() -> None:
    d = extract_text("Présents : M. J-M. LEBRET, Mme A. DE LA FONTAINE, Mlle Léa N'DIAYE\n\n")
    assert [(p.civility, p.given_name, p.family_name) for p in d.present] == [
        ("M.", "J-M.", "LEBRET"), ("Mme", "A.", "DE LA FONTAINE"), ("Mme", "Léa", "N'DIAYE")]


def test_flattened_table_with_status_codes() -> None:
    d = extract_text("Appel nominal :\n\nDUPONT Jean\tP\nMARTIN Anne\tE\n"
                     "DURAND Paul\tpouvoir à DUPONT Jean\n\n")
    assert [p.family_name for p in d.present] == ["DUPONT"]
    assert [p.family_name for p in d.absent] == ["MARTIN", "DURAND"]
    assert d.proxies[0].holder is not None and d.proxies[0].holder.family_name == "DUPONT"


@pytest.mark.parametrize(("present", "absent"), [
    ("M. Jean DUPONT", "Mme Anne MARTIN pouvoir à M. Jean DUPONT"),
    ("M. Jean DUPONT", "Mme Anne MARTIN donne pouvoir à M. Jean DUPONT"),
    ("M. Jean DUPONT", "Mme Anne MARTIN a donné pouvoir à M. DUPONT"),
    ("M. Jean DUPONT", "Mme Anne MARTIN (pouvoir à M. Jean DUPONT)"),
    ("M. Jean DUPONT (pour Mme Anne MARTIN)", ""),
    ("M. Jean DUPONT ayant la procuration de Mme Anne MARTIN", ""),
], ids=["pouvoir", "donne", "a-donne", "parenthesised", "pour", "ayant-procuration"])
def test_proxy_phrasings(present: str, absent: str) -> None:
    roll = f"Présents :\n{present}\n\n" + (f"Absents :\n{absent}\n\n" if absent else "")
    d = extract_text(roll)
    assert len(d.proxies) == 1
    proxy = d.proxies[0]
    assert (proxy.grantor.family_name, proxy.holder.family_name if proxy.holder else None) == (
        "MARTIN", "DUPONT")
    assert [p.family_name for p in d.absent] == ["MARTIN"]
    assert not d.issues


def test_proxy_given_to_a_role() -> None:
    d = extract_text("Présents :\nM. Jean DUPONT\n\n"
                     "Absents :\nMme Anne MARTIN pouvoir à M. le Maire\n\n")
    assert (d.proxies[0].holder, d.proxies[0].holder_role) == (None, "Maire")


def test_substitute_sitting_for_a_member() -> None:
    d = extract_text("Présents :\nM. Jean DUPONT suppléant de M. Paul DURAND\n\n")
    assert d.substitutes[0].substitute.family_name == "DUPONT"
    assert d.substitutes[0].for_member.family_name == "DURAND"


@pytest.mark.parametrize(("line", "expected"), [
    ("Nombre de membres en exercice : 86\nNombre de présents : 67\nNombre de procurations : 11",
     {"in_office": 86, "present": 67, "proxies": 11}),
    ("En exercice 39 Présents 36 Pouvoirs 3 Votants 39",
     {"in_office": 39, "present": 36, "proxies": 3, "voters": 39}),
    ("Conseillers en exercice : 33 - Présents : 29 - Votants : 33",
     {"in_office": 33, "present": 29, "voters": 33}),
    ("Etaient présents (52) :\nM. Jean DUPONT", {"present": 52}),
], ids=["one-a-line", "inline", "dashes", "in-heading"])
def test_count_phrasings(line: str, expected: dict[str, int]) -> None:
    counts = extract_text(line + "\n\n").counts
    assert {k: getattr(counts, k).value for k in expected} == expected


@pytest.mark.parametrize(("vote", "expected"), [
    ("SCRUTIN POUR : 78\n\nABSTENTION : 0\n\nCONTRE : 0\n\nNE SE PRONONCE PAS : 0\n\n"
     "DONT 11 PROCURATION(S)", (78, 0, 0, 0, 11, None)),
    ("Pour : 30 – Contre : 2 – Abstentions : 1", (30, 2, 1, None, None, None)),
    ("Adopté par 30 voix pour, 2 voix contre et 1 abstention.\n\n"
     "2 conseillers ne prennent pas part au vote.", (30, 2, 1, 2, None, Outcome.ADOPTED)),
    ("Adopté à l'unanimité des suffrages exprimés.",
     (None, None, None, None, None, Outcome.ADOPTED_UNANIMOUSLY)),
    ("Pour : 28 – Contre : 0 – Abstentions : 0 – Ne prend pas part au vote : 1",
     (28, 0, 0, 1, None, None)),
], ids=["scrutin", "colons", "words", "unanimity", "not-voting"])
def test_vote_phrasings(vote: str, expected: tuple[object, ...]) -> None:
    v = extract_text(vote=vote).vote
    got = tuple(f.value if f else None for f in (v.pour, v.contre, v.abstention, v.not_voting,
                                                   v.proxies_used, v.outcome))
    assert got == expected


@pytest.mark.parametrize("session", [
    "Séance du jeudi 26 septembre 2024", "Séance du 26/09/2024",
    "Séance publique du 26 septembre 2024 à 18 h 30",
])
def test_session_date_formats(session: str) -> None:
    s = extract_text(session=session).session
    assert s.date.value == dt.date(2024, 9, 26)
    if "18 h 30" in session:
        assert s.time is not None and s.time.value == dt.time(18, 30)


FUNDING = {
    "tabs-html": ("<b>Poste porté par la CCB</b>\t<b>Montant</b>\nANCT\t40 000 € (68%)\n"
                  "CCB\t18 500 € (32%)\n<b>TOTAL</b>\t<b>58 500 €</b>"),
    "markdown": ("| Financeur | Poste porté par la CCB |\n|---|---:|\n"
                 "| ANCT | 40 000,00 € (68 %) |\n| CCB | 18.500 € (32 %) |\n"
                 "| **Total** | **58,5 k€** |"),
    "one-a-line": ("Poste porté par la CCB :\n- ANCT : 40 k€ soit 68 %\n"
                   "- CCB : 18 500 € soit 32 %\nTotal : 58 500 €"),
}


@pytest.mark.parametrize("table", FUNDING.values(), ids=FUNDING.keys())
def test_funding_layouts(table: str) -> None:
    d = extract_text(report="Le plan de financement est le suivant :\n\n" + table)
    assert d.programme is not None and d.programme.funding is not None
    (post,) = d.programme.funding.posts
    assert [(r.funder.value, r.amount.value, r.share.value if r.share else None)
            for r in post.rows] == [("ANCT", 40000, 68), ("CCB", 18500, 32)]
    assert post.total is not None and post.total.value == Decimal(58500)
    assert post.carrier is not None and post.carrier.value == "CCB"
    assert not d.issues


def test_decimal_shares_with_comma_or_point() -> None:
    table = "Poste :\n- ANCT : 1 480 € soit 2,5%\n- CCB : 57 020 € soit 97.5 %"
    d = extract_text(report=table)
    rows = d.programme.funding.posts[0].rows  # type: ignore[union-attr]
    assert [r.share.value for r in rows if r.share] == [Decimal("2.5"), Decimal("97.5")]
