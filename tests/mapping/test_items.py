"""Whole-session minutes in the graph: each item a deliberation of the session, with its vote and
financing plan; the `votes` query lists the items' votes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.mapping import Iris
from kg.pipeline import build
from kg.queries import load_query
from kg.store import OxigraphStore

MINUTES = """PROCÈS-VERBAL DU CONSEIL MUNICIPAL

Conseil municipal de Beaune

Séance du 26/09/2024

En exercice : 29 Présents : 22 Pouvoirs : 7 Votants : 29

OBJET : Procès-verbal de la séance du conseil municipal

Questions 1 à 1 :
22 présents 7 procurations 29 votants
Questions 2 à la fin :
21 présents 7 procurations 28 votants

1 - Budget primitif 2024
Monsieur le Maire expose :
Le budget primitif est présenté au conseil.
ADOPTÉ À L'UNANIMITÉ

2 - Ascenseurs de l'école Morand - demande de subvention DSIL
Madame la première adjointe expose :
Considérant que le plan de financement est le suivant :
Travaux 270 000 € Etat (DSIL) 135 000 € 50 %
Ville de Beaune 135 000 € 50 %
Total 270 000 € Total 270 000 € 100 %
Le conseil, après en avoir délibéré, décide :
- d'approuver le plan de financement ;
Pour : 23 Contre : 0 Abstentions : 6
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    path = tmp_path_factory.mktemp("minutes") / "beaune_pv_2024-09-26.txt"
    path.write_text(MINUTES, encoding="utf-8")
    store = OxigraphStore()
    outcomes = build([path], store, iris=Iris())
    assert not any(o.error for o in outcomes), outcomes
    return store


def _votes(store: OxigraphStore) -> list[dict[str, str | None]]:
    q = load_query("votes")
    return list(store.select(q.text, bindings=q.bind({})))


def test_votes_query_lists_each_item_of_the_minutes(store: OxigraphStore) -> None:
    rows = {r["subject"]: r for r in _votes(store)}
    assert set(rows) == {"Budget primitif 2024",
                         "Ascenseurs de l'école Morand - demande de subvention DSIL"}
    assert rows["Budget primitif 2024"]["outcome"] == "adopted-unanimously"
    second = rows["Ascenseurs de l'école Morand - demande de subvention DSIL"]
    assert (second["pour"], second["contre"], second["abstention"]) == ("23", "0", "6")
    assert second["present"] == "22"  # the session's attendance, stated once


def test_items_are_deliberations_of_the_session_from_the_document(store: OxigraphStore) -> None:
    rows = list(store.select("""
        PREFIX tkg: <https://w3id.org/territoires-kg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?number ?session ?doc WHERE {
          ?d a tkg:Deliberation ; tkg:deliberationNumber ?number ; tkg:session ?session ;
             prov:wasDerivedFrom ?doc }"""))
    assert sorted(r["number"] for r in rows) == ["1", "2"]  # type: ignore[type-var]
    assert len({r["session"] for r in rows}) == 1 and len({r["doc"] for r in rows}) == 1


def test_financing_plan_lines_with_funder_amount_and_share(store: OxigraphStore) -> None:
    rows = list(store.select("""
        PREFIX tkg: <https://w3id.org/territoires-kg/ontology#>
        SELECT ?funder ?amount ?share ?total WHERE {
          ?d tkg:hasFinancingPlan ?plan . ?plan tkg:planTotal ?total ; tkg:hasFinancingLine ?l .
          ?l tkg:funderName ?funder ; tkg:amount ?amount ; tkg:share ?share }
        ORDER BY ?funder"""))
    assert [(r["funder"], r["amount"], r["share"], r["total"]) for r in rows] == [
        ("Etat (DSIL)", "135000", "50", "270000"), ("Ville de Beaune", "135000", "50", "270000")]


def test_every_new_term_is_in_the_ontology(store: OxigraphStore) -> None:
    from rdflib import Graph

    ontology = Graph().parse(Path(__file__).parents[2] / "ontology" / "territoires-kg.ttl")
    tkg = "https://w3id.org/territoires-kg/ontology#"
    used = {r["p"] for r in store.select("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }")}
    used |= {r["c"] for r in store.select("SELECT DISTINCT ?c WHERE { GRAPH ?g { ?s a ?c } }")}
    declared = {str(s) for s in ontology.subjects()}
    assert sorted(t for t in used if t and t.startswith(tkg) and t not in declared) == []


def test_each_item_points_at_the_attendance_of_its_range(store: OxigraphStore) -> None:
    rows = list(store.select("""
        PREFIX tkg: <https://w3id.org/territoires-kg/ontology#>
        SELECT ?number ?first ?last ?present ?voters WHERE {
          ?d tkg:deliberationNumber ?number ; tkg:attendance ?range ; tkg:session ?s .
          ?s tkg:hasItemRange ?range .
          ?range tkg:firstItem ?first ; tkg:rangePresentCount ?present ; tkg:rangeVoterCount ?voters .
          OPTIONAL { ?range tkg:lastItem ?last } }
        ORDER BY ?number"""))
    assert [(r["number"], r["first"], r["last"], r["present"], r["voters"]) for r in rows] == [
        ("1", "1", "1", "22", "29"), ("2", "2", None, "21", "28")]
