"""The authority whose council decides is resolved by the council's kind."""

from __future__ import annotations

from pathlib import Path

from kg.extract import extract
from kg.mapping import Iris, map_deliberation
from kg.registry import load_registry

MUNICIPAL = """Conseil municipal de Beaune
Séance du 12 mars 2024
OBJET : Budget primitif
Le Conseil, après en avoir délibéré, décide :
- d'approuver le budget primitif 2024.
Pour : 25 – Contre : 2 – Abstentions : 0
"""


def test_a_municipal_council_decides_for_its_commune(tmp_path: Path) -> None:
    doc = tmp_path / "beaune.txt"
    doc.write_text(MUNICIPAL, encoding="utf-8")
    mapped = map_deliberation(extract(doc), registry=load_registry(), iris=Iris())
    beaune = Iris().commune("21054")
    subjects = {q.subject.value for q in mapped.quads}
    assert beaune in subjects
    assert not [w for w in mapped.warnings if "Beaune" in w]
    decided = {q.object.value for q in mapped.quads if q.predicate.value.endswith("#decidedBy")}
    assert decided == {beaune}


def test_a_vote_with_letters_is_reported_even_without_a_decide_marker(tmp_path: Path) -> None:
    doc = tmp_path / "vote.txt"
    doc.write_text("Conseil municipal de Beaune\nSéance du 12 mars 2024\nOBJET : Budget\n"
                   "Pour : trente\n", encoding="utf-8")
    record = extract(doc)
    messages = [(i.span.line if i.span else None, i.message) for i in record.issues]
    assert (4, "vote count 'pour' is 'trente', expected a number") in messages
    assert any("no decision read" in m for _line, m in messages)
