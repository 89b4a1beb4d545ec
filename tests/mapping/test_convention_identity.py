"""Conventions that name no listed territory are never merged across councils."""

from __future__ import annotations

from pathlib import Path

from kg.extract import extract
from kg.mapping import Iris, map_deliberation
from kg.mapping.vocab import RDF, TKG
from kg.registry import load_registry

TEMPLATE = """Conseil communautaire de {name}
Séance du 4 mars 2025
OBJET : RURALITE
**Villages d'avenir - Convention 2025-2027**

Le programme « Villages d'avenir » accompagne les collectivités.

Le Conseil, après en avoir délibéré, décide :
- d'approuver la convention.
Pour : 12 – Contre : 0 – Abstentions : 0
"""


def _conventions(path: Path) -> set[str]:
    mapped = map_deliberation(extract(path), registry=load_registry(), iris=Iris())
    return {q.subject.value for q in mapped.quads
            if q.predicate.value == str(RDF.type) and q.object.value == str(TKG.Convention)}


def test_two_councils_unnamed_conventions_get_different_iris(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(TEMPLATE.format(name="Dijon Métropole"), encoding="utf-8")
    second.write_text(TEMPLATE.format(name="CC du Grand Autunois Morvan"), encoding="utf-8")
    a, b = _conventions(first), _conventions(second)
    assert len(a) == 1 and len(b) == 1 and a != b


def test_a_commune_listed_in_a_programme_gets_its_anct_territory(tmp_path: Path) -> None:
    doc = tmp_path / "bouillante.txt"
    doc.write_text(TEMPLATE.replace("Conseil communautaire", "Conseil municipal")
                   .replace("Villages d'avenir", "Petites villes de demain").format(name="Bouillante"),
                   encoding="utf-8")
    assert _conventions(doc) == {Iris().convention("pvd-01-971-1", 2025, 2027)}


TWIN_POSTS = """Conseil communautaire de Dijon Métropole
Séance du 4 mars 2025
OBJET : INDUSTRIE
**Territoire « Bourgogne Industrie » 2024-2027**

Le programme « Territoires d'industrie » accompagne les territoires.

| Chef de projet porté par Dijon Métropole | Montant | Chef de projet porté par Dijon Métropole | Montant |
|---|---|---|---|
| ANCT | 20 000 € | ANCT | 10 000 € |
| Dijon Métropole | 30 000 € | Dijon Métropole | 40 000 € |
| TOTAL | 50 000 € | TOTAL | 50 000 € |

Le Conseil, après en avoir délibéré, décide :
- d'approuver la convention.
Pour : 12 – Contre : 0 – Abstentions : 0
"""


def test_two_posts_with_the_same_kind_and_carrier_stay_two_posts(tmp_path: Path) -> None:
    doc = tmp_path / "twins.txt"
    doc.write_text(TWIN_POSTS, encoding="utf-8")
    mapped = map_deliberation(extract(doc), registry=load_registry(), iris=Iris())
    posts = {q.subject.value for q in mapped.quads
             if q.predicate.value == str(RDF.type) and q.object.value == str(TKG.Post)}
    assert len(posts) == 2
    amounts = {(q.subject.value.rsplit("/funding/", 1)[0], q.object.value) for q in mapped.quads
               if q.predicate.value == str(TKG.amount)}
    assert {a for _p, a in amounts} == {"20000", "30000", "10000", "40000"}
    assert len({p for p, _a in amounts}) == 2
