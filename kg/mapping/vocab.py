"""Closed namespaces: the ontology's terms and the terms it reuses, and no others.

Each namespace is an rdflib ``DefinedNamespace`` with ``_fail = True``, so a
misspelt term raises ``AttributeError`` where it is written (at import for a
module-level table, in the tests for the rest; ``tests/mapping/test_vocab.py``
also reads every attribute access in ``kg/``):

- ``TKG``, generated from the ontology (:mod:`kg.mapping.tkg_terms`);
- rdflib's own closed namespaces for RDF, RDFS, OWL, SKOS, DCTERMS, PROV, ORG,
  FOAF, VOID, VANN and SHACL; XSD, schema.org and DCAT, which rdflib leaves
  open (it only warns), closed here by subclassing;
- the vocabularies rdflib lacks (Web Annotation, besluit, mandaat, ELI, Popolo,
  the EU core vocabularies, INSEE geography, SPDX), listing exactly the
  terms the project's ontology, shapes, queries and code use.

Terms are rdflib ``URIRef`` s; :func:`node` gives the pyoxigraph term of one.

>>> TKG.Deliberation == URIRef("https://w3id.org/territoires-kg/ontology#Deliberation")
True
>>> node(OA.hasTarget).value
'http://www.w3.org/ns/oa#hasTarget'
>>> BESLUIT.Zittingg
Traceback (most recent call last):
AttributeError: term 'Zittingg' not in namespace 'http://data.vlaanderen.be/ns/besluit#'
"""

from __future__ import annotations

from functools import cache

from pyoxigraph import NamedNode
from rdflib import namespace as _rdflib
from rdflib.namespace import Namespace
from rdflib.term import URIRef

from kg.mapping.tkg_terms import TKG

__all__ = [
    "BESLUIT", "DCAT", "DCTERMS", "ELI", "FOAF", "IGEO", "M8G", "MANDAAT", "OA", "OPENGOV",
    "ORG", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA", "SH", "SKOS", "SPDX", "TKG", "VANN",
    "VOID", "XSD", "node",
]


@cache
def node(term: str) -> NamedNode:
    """The pyoxigraph term of a vocabulary term (``node(TKG.Deliberation)``)."""
    return NamedNode(term)


class RDF(_rdflib.RDF):
    """RDF (rdflib's closed namespace)."""


class RDFS(_rdflib.RDFS):
    """RDF Schema (rdflib's closed namespace)."""


class OWL(_rdflib.OWL):
    """OWL 2 (rdflib's closed namespace)."""


class SKOS(_rdflib.SKOS):
    """SKOS (rdflib's closed namespace)."""


class DCTERMS(_rdflib.DCTERMS):
    """DCMI Metadata Terms (rdflib's closed namespace)."""


class PROV(_rdflib.PROV):
    """PROV-O (rdflib's closed namespace)."""


class ORG(_rdflib.ORG):
    """W3C Organization Ontology (rdflib's closed namespace)."""


class FOAF(_rdflib.FOAF):
    """FOAF (rdflib's closed namespace)."""


class VOID(_rdflib.VOID):
    """VoID (rdflib's closed namespace)."""


class VANN(_rdflib.VANN):
    """VANN (rdflib's closed namespace)."""


class SH(_rdflib.SH):
    """SHACL (rdflib's closed namespace)."""


class XSD(_rdflib.XSD):
    """XML Schema datatypes, closed (rdflib's namespace only warns)."""

    _fail = True


class SCHEMA(_rdflib.SDO):
    """schema.org (``https://schema.org/``), closed."""

    _fail = True


class DCAT(_rdflib.DCAT):
    """DCAT 2, closed."""

    _fail = True


class OA(_rdflib.DefinedNamespace):
    """Web Annotation vocabulary: evidence points at a span of a source document."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    end: URIRef
    exact: URIRef
    hasBody: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    hasTarget: URIRef
    start: URIRef


class BESLUIT(_rdflib.DefinedNamespace):
    """The Flemish decisions model (OSLO besluit), aligned by subclass and subproperty axioms."""

    _NS = Namespace("http://data.vlaanderen.be/ns/besluit#")
    _fail = True

    Artikel: URIRef
    Besluit: URIRef
    Bestuurseenheid: URIRef
    Bestuursorgaan: URIRef
    Stemming: URIRef
    Zitting: URIRef
    aantalOnthouders: URIRef
    aantalTegenstanders: URIRef
    aantalVoorstanders: URIRef
    bestuurt: URIRef
    gevolg: URIRef
    heeftAanwezigeBijStart: URIRef
    heeftSecretaris: URIRef
    heeftVoorzitter: URIRef
    isGehoudenDoor: URIRef


class MANDAAT(_rdflib.DefinedNamespace):
    """The Flemish mandates model (OSLO mandaat)."""

    _NS = Namespace("http://data.vlaanderen.be/ns/mandaat#")
    _fail = True

    Mandataris: URIRef
    isBestuurlijkeAliasVan: URIRef


class ELI(_rdflib.DefinedNamespace):
    """European Legislation Identifier ontology."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True

    LegalResource: URIRef
    LegalResourceSubdivision: URIRef
    has_part: URIRef
    passed_by: URIRef


class OPENGOV(_rdflib.DefinedNamespace):
    """Popolo's votes (W3C opengov)."""

    _NS = Namespace("http://www.w3.org/ns/opengov#")
    _fail = True

    Count: URIRef
    NoCount: URIRef
    VoteEvent: URIRef
    YesCount: URIRef
    count: URIRef
    result: URIRef


class M8G(_rdflib.DefinedNamespace):
    """The EU core vocabularies (Core Public Organisation Vocabulary)."""

    _NS = Namespace("http://data.europa.eu/m8g/")
    _fail = True

    Participation: URIRef
    PublicOrganisation: URIRef


class IGEO(_rdflib.DefinedNamespace):
    """INSEE's geography ontology."""

    _NS = Namespace("http://rdf.insee.fr/def/geo#")
    _fail = True

    Commune: URIRef
    Departement: URIRef
    Intercommunalite: URIRef
    Region: URIRef
    codeINSEE: URIRef


class SPDX(_rdflib.DefinedNamespace):
    """SPDX terms, for the checksums of the published dumps."""

    _NS = Namespace("http://spdx.org/rdf/terms#")
    _fail = True

    algorithm: URIRef
    checksum: URIRef
    checksumAlgorithm_sha256: URIRef
    checksumValue: URIRef


def _terms_as_attributes(namespace: type[_rdflib.DefinedNamespace]) -> None:
    """Store each term of ``namespace`` as an attribute of the class.

    Otherwise each read of ``TKG.Deliberation`` goes through the ``__getattr__`` of rdflib's
    metaclass (about a microsecond), and the mapping reads terms about 3,000 times per
    deliberation. A term the namespace does not declare still raises ``AttributeError``.
    """
    for c in namespace.__mro__:
        if isinstance(c, _rdflib.DefinedNamespaceMeta) and c is not _rdflib.DefinedNamespace:
            for name in vars(c).get("__annotations__", {}):
                if not name.startswith("_") and name not in vars(namespace):
                    type.__setattr__(namespace, name, namespace._NS[name])  # declared: no check


for _namespace in (TKG, RDF, RDFS, OWL, SKOS, DCTERMS, PROV, ORG, FOAF, VOID, VANN, SH, XSD, SCHEMA,
                   DCAT, OA, BESLUIT, MANDAAT, ELI, OPENGOV, M8G, IGEO, SPDX):
    _terms_as_attributes(_namespace)


PREFIXES = {
    "tkg": str(TKG), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL),
    "skos": str(SKOS), "dcterms": str(DCTERMS), "prov": str(PROV), "oa": str(OA),
    "org": str(ORG), "foaf": str(FOAF), "schema": str(SCHEMA), "besluit": str(BESLUIT),
    "mandaat": str(MANDAAT), "eli": str(ELI), "igeo": str(IGEO),
}
