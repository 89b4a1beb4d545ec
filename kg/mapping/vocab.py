"""Namespaces of the ontology and the vocabularies it reuses.

>>> TKG.Deliberation.value
'https://w3id.org/territoires-kg/ontology#Deliberation'
"""

from __future__ import annotations

from pyoxigraph import NamedNode


class Namespace:
    """A namespace whose attributes are :class:`pyoxigraph.NamedNode` terms.

    Not a ``str`` subclass, so that ``DCTERMS.title`` is a term, not ``str.title``.
    """

    __slots__ = ("base",)

    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(self.base + name)

    def __str__(self) -> str:
        return self.base

    def term(self, name: str) -> NamedNode:
        return NamedNode(self.base + name)


TKG = Namespace("https://w3id.org/territoires-kg/ontology#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
IGEO = Namespace("http://rdf.insee.fr/def/geo#")

PREFIXES = {
    "tkg": str(TKG), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL),
    "skos": str(SKOS), "dcterms": str(DCTERMS), "prov": str(PROV), "oa": str(OA),
    "org": str(ORG), "foaf": str(FOAF), "schema": str(SCHEMA), "besluit": str(BESLUIT),
    "mandaat": str(MANDAAT), "eli": str(ELI), "igeo": str(IGEO),
}
