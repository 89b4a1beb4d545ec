"""Labels of the ontology's terms in French and English, and where an IRI is served.

The server shows every property and class by its ``rdfs:label`` in both languages, read from
the ontology file; a term the ontology does not label is shown by its prefixed name.

>>> v = Vocabulary.load(site="https://w3id.org/territoires-kg/", base="https://w3id.org/territoires-kg/id/")
>>> v.label("https://w3id.org/territoires-kg/ontology#Deliberation")
('Délibération', 'Deliberation')
>>> v.href("https://w3id.org/territoires-kg/id/epci/242100410")
'/id/epci/242100410'
>>> v.href("https://w3id.org/territoires-kg/ontology#Deliberation")
'/ontology#Deliberation'
>>> from kg.mapping.vocab import TKG
>>> v.is_a({"https://w3id.org/territoires-kg/ontology#Metropole"}, TKG.Authority)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib.term import URIRef

from kg.assets import ontology_file
from kg.mapping.iris import ONTOLOGY
from kg.mapping.vocab import PREFIXES

ONTOLOGY_IRI = ONTOLOGY.rstrip("#")
_EXTRA = {"rdf:type": ("type", "type"), "rdfs:label": ("libellé", "label"),
          "dcterms:title": ("titre", "title"), "prov:wasDerivedFrom": ("tiré de", "derived from")}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    site: str
    base: str
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    parents: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, *, site: str, base: str, path: Path | None = None) -> Vocabulary:
        """The labels of the ontology at ``path`` (default: the one shipped with ``tkg``)."""
        import rdflib
        from rdflib.namespace import RDFS

        g = rdflib.Graph().parse(path or ontology_file(), format="turtle")
        labels: dict[str, dict[str, str]] = {}
        for s, o in g.subject_objects(RDFS.label):
            if isinstance(o, rdflib.Literal) and o.language in ("fr", "en"):
                labels.setdefault(str(s), {})[o.language] = str(o)
        parents: dict[str, set[str]] = {}
        for s, o in g.subject_objects(RDFS.subClassOf):
            parents.setdefault(str(s), set()).add(str(o))
        closed = {c: frozenset(_ancestors(c, parents)) for c in parents}
        return cls(site=site, base=base,
                   labels={k: (v.get("fr", v.get("en", "")), v.get("en", v.get("fr", "")))
                           for k, v in labels.items()},
                   parents=closed)

    def compact(self, iri: str) -> str:
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def label(self, iri: str) -> tuple[str, str]:
        """The French and English labels of a term, else its prefixed name twice."""
        if iri in self.labels:
            return self.labels[iri]
        short = self.compact(iri)
        return _EXTRA.get(short, (short, short))

    def href(self, iri: str) -> str:
        """The local address of an IRI this site serves; any other web IRI unchanged; ``""`` for
        an IRI of another scheme (``javascript:``, ``data:``...), which a page must not link to.

        >>> Vocabulary(site="https://s/", base="https://s/id/").href("javascript:alert(1)")
        ''
        """
        if iri.startswith(self.site):
            return "/" + iri[len(self.site):]
        if iri.startswith(ONTOLOGY_IRI):
            return "/ontology" + iri[len(ONTOLOGY_IRI):]
        return iri if iri.startswith(("http://", "https://")) else ""

    def is_a(self, types: set[str], cls: URIRef) -> bool:
        """Whether one of ``types`` is the class ``cls`` (a ``TKG`` term) or one of its subclasses."""
        target = str(cls)
        return any(t == target or target in self.parents.get(t, ()) for t in types)


def _ancestors(c: str, parents: dict[str, set[str]]) -> set[str]:
    out: set[str] = set()
    todo = list(parents.get(c, ()))
    while todo:
        p = todo.pop()
        if p not in out:
            out.add(p)
            todo.extend(parents.get(p, ()))
    return out
