"""The shapes for other SHACL engines: one message per language they cannot choose among.

Apache Jena SHACL 4.5 refuses a SPARQL constraint with two ``sh:message`` values ("more than
one match"), while the shapes give each message in English and French. The export keeps, on
every node that has several messages, the one in ``lang`` (or, failing it, the first in
language order); the rules themselves are unchanged.

>>> from kg.validate import load_shapes
>>> g = single_language(load_shapes(), lang="fr")
>>> from collections import Counter
>>> max(Counter(s for s, _ in g.subject_objects(SH.message)).values())
1
"""

from __future__ import annotations

from rdflib import Graph, Literal

from kg.validate.shapes import SH


def single_language(shapes: Graph, *, lang: str = "en") -> Graph:
    """A copy of ``shapes`` with at most one ``sh:message`` per node, in ``lang`` if it has one."""
    out = Graph()
    for prefix, namespace in shapes.namespaces():
        out.bind(prefix, namespace)
    for triple in shapes:
        out.add(triple)
    for node in set(shapes.subjects(SH.message, None)):
        messages = sorted(shapes.objects(node, SH.message),
                          key=lambda m: (not (isinstance(m, Literal) and m.language == lang), str(m)))
        for extra in messages[1:]:
            out.remove((node, SH.message, extra))
    return out
