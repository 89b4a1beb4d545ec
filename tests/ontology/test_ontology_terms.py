"""The ontology parses, documents every term in French and English, and covers the mapping."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.mapping.iris import ONTOLOGY
from tests.ontology.conftest import Quad4

TKG = ONTOLOGY
ONTOLOGY_IRI = ONTOLOGY.rstrip("#")
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
DECLARATIONS = (OWL.Class, OWL.NamedIndividual, *PROPERTY_TYPES)
MONEY = ("amount", "declaredTotal", "declaredGrandTotal", "share")
DATES = ("sessionDate", "convocationDate", "launchDate", "memberSince", "memberUntil")
COUNTS = ("seats", "membersInOffice", "presentCount", "absentCount", "proxyCount", "voterCount",
          "votesFor", "votesAgainst", "abstentions", "notVoting", "proxiesUsed")
BUILT_IN = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
            "http://www.w3.org/2002/07/owl#")


def own_terms(ontology: Graph) -> set[URIRef]:
    return {s for t in DECLARATIONS for s in ontology.subjects(RDF.type, t)
            if isinstance(s, URIRef) and str(s).startswith(TKG)}


def declared(ontology: Graph) -> set[URIRef]:
    return {s for t in DECLARATIONS for s in ontology.subjects(RDF.type, t)
            if isinstance(s, URIRef)}


def namespace(iri: URIRef) -> str:
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[: cut + 1]


def reused_namespaces(ontology: Graph) -> set[str]:
    """Namespaces the ontology reuses: those of the foreign terms it declares, and RDF/RDFS/OWL."""
    return {namespace(t) for t in declared(ontology) if not str(t).startswith(TKG)} | set(BUILT_IN)


def test_ontology_has_iri_version_licence_and_creator(ontology: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionIRI) is not None
    assert ontology.value(onto, DCTERMS.license) is not None
    assert ontology.value(onto, DCTERMS.creator) is not None
    titles = ontology.objects(onto, DCTERMS.title)
    assert {t.language for t in titles if isinstance(t, Literal)} == {"en", "fr"}


@pytest.mark.parametrize("annotation", [RDFS.label, SKOS.definition])
def test_every_term_has_french_and_english_text(ontology: Graph, annotation: URIRef) -> None:
    missing = sorted(
        f"{term} {lang}" for term in own_terms(ontology) for lang in ("en", "fr")
        if not any(isinstance(v, Literal) and v.language == lang
                   for v in ontology.objects(term, annotation)))
    assert not missing, f"missing {annotation}: {missing}"


def test_every_term_is_defined_by_the_ontology(ontology: Graph) -> None:
    missing = sorted(str(t) for t in own_terms(ontology)
                     if (t, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)) not in ontology)
    assert not missing


def test_every_property_states_domain_and_range(ontology: Graph) -> None:
    props = {p for t in PROPERTY_TYPES for p in ontology.subjects(RDF.type, t)
             if str(p).startswith(TKG)}
    missing = sorted(str(p) for p in props
                     if ontology.value(p, RDFS.domain) is None
                     or ontology.value(p, RDFS.range) is None)
    assert not missing


@pytest.mark.parametrize(("names", "datatype"), [(MONEY, XSD.decimal), (DATES, XSD.date),
                                                 (COUNTS, XSD.integer)])
def test_money_dates_and_counts_have_their_datatypes(
    ontology: Graph, names: tuple[str, ...], datatype: URIRef
) -> None:
    wrong = {n: ontology.value(URIRef(TKG + n), RDFS.range) for n in names}
    assert {n: r for n, r in wrong.items() if r != datatype} == {}


def unknown(terms: set[URIRef], ontology: Graph) -> list[str]:
    """Terms neither declared nor in a reused namespace; our own terms must be declared."""
    known, reused = declared(ontology), reused_namespaces(ontology)
    return sorted(str(t) for t in terms
                  if t not in known and (str(t).startswith(TKG) or namespace(t) not in reused))


def test_every_class_the_mapping_emits_is_declared_or_reused(
    ontology: Graph, sample_quads: list[Quad4]
) -> None:
    classes = {o for _s, p, o, _g in sample_quads if p == RDF.type and isinstance(o, URIRef)}
    assert classes, "the sample emitted no rdf:type"
    assert not unknown(classes, ontology)


def test_every_predicate_the_mapping_emits_is_declared_or_reused(
    ontology: Graph, sample_quads: list[Quad4]
) -> None:
    predicates = {p for _s, p, _o, _g in sample_quads
                  if isinstance(p, URIRef)}
    assert not unknown(predicates, ontology)


def test_every_ontology_term_the_data_points_at_is_declared(
    ontology: Graph, sample_quads: list[Quad4]
) -> None:
    """Decision kinds, outcomes and the predicates evidence names are terms of the ontology."""
    objects = {o for _s, _p, o, _g in sample_quads
               if isinstance(o, URIRef) and str(o).startswith(TKG)}
    assert not sorted(str(o) for o in objects - declared(ontology))


def test_literals_of_the_sample_have_the_declared_range(
    ontology: Graph, sample_quads: list[Quad4]
) -> None:
    """The reasoner ignores xsd:date; this checks every datatype the ontology states instead."""
    ranges = {p: ontology.value(p, RDFS.range)
              for p in ontology.subjects(RDF.type, OWL.DatatypeProperty) if str(p).startswith(TKG)}
    wrong, checked = set(), 0
    for _s, p, o, _g in sample_quads:
        if p in ranges and isinstance(o, Literal):
            checked += 1
            datatype = o.datatype or (None if o.language else XSD.string)
            if datatype != ranges[p]:
                wrong.add((str(p), str(datatype), str(ranges[p])))
    assert checked > 1000
    assert not sorted(wrong)
