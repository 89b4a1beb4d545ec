"""A deliberation read without its authority, date or subject maps to a graph without them."""

from __future__ import annotations

from pathlib import Path

from kg.extract import extract
from kg.mapping import Iris, map_deliberation
from kg.mapping.vocab import TKG
from kg.registry import load_registry

UNDATED = """Réunion du conseil municipal

OBJET : Budget primitif 2024

Présents : M. Jean DUPONT, Mme Anne MARTIN
Excusés : M. Paul DURAND, pouvoir à M. Jean DUPONT

Le Conseil, après en avoir délibéré, décide :
- d'approuver le budget primitif.
Adopté à l'unanimité.
"""


def test_a_record_without_authority_or_date_maps_without_inventing_them(tmp_path: Path) -> None:
    doc = tmp_path / "undated.txt"
    doc.write_text(UNDATED, encoding="utf-8")
    record = extract(doc)
    assert record.authority is None and record.session is None and record.subject is not None
    mapped = map_deliberation(record, registry=load_registry(), iris=Iris())
    predicates = {q.predicate.value for q in mapped.quads}
    assert str(TKG.sessionDate) not in predicates
    assert str(TKG.hasProxy) in predicates and str(TKG.presentMember) in predicates
    deciders = {q.object.value for q in mapped.quads if q.predicate.value == str(TKG.decidedBy)}
    assert len(deciders) == 1
    labelled = {q.subject.value for q in mapped.quads if q.predicate.value.endswith("#label")}
    assert not deciders & labelled  # no name is made up for the authority
    assert any("no deciding authority" in w for w in mapped.warnings)


def test_evidence_names_the_rule_that_read_each_fact(sample_path: Path) -> None:
    mapped = map_deliberation(extract(sample_path), registry=load_registry(), iris=Iris())
    rules = {q.object.value for q in mapped.quads if q.predicate.value == str(TKG.extractionRule)}
    assert {"dates.session-of", "people.secretary-label", "counts.label-number"} <= rules


def test_an_unnamed_authority_is_identified_by_its_actes_number(tmp_path: Path) -> None:
    doc = tmp_path / "actes.txt"
    doc.write_text("Accusé de réception en préfecture 021-242100410-20240926-2024_09_26_12-DE\n"
                   + UNDATED, encoding="utf-8")
    record = extract(doc)
    assert record.authority is None and record.authority_siren is not None
    assert record.authority_siren.value == "242100410"
    mapped = map_deliberation(record, registry=load_registry(), iris=Iris())
    deciders = {q.object.value for q in mapped.quads if q.predicate.value == str(TKG.decidedBy)}
    assert deciders == {Iris().epci("242100410")}
