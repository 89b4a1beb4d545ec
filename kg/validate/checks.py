"""The shapes' SPARQL targets, run as plain SPARQL in the store.

Every arithmetic and cross-document rule of ``shapes/`` is a node shape whose
``sh:SPARQLTarget`` selects, in one pass over the graph, the nodes that break
it (SHACL-AF, https://www.w3.org/TR/shacl-af/#SPARQLTarget). pySHACL then
explains each of them with the shape's constraint. The same ``sh:select`` with
the prefixes of its ``sh:declare`` is a plain SPARQL query: the store answers
it over the whole graph, reference graph included, in milliseconds. The shapes
files stay the single source of the rules.

>>> from kg.validate import load_shapes
>>> checks = sparql_checks(load_shapes())
>>> any(c.shape.endswith("#PostTotalShape") for c in checks)
True
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode
from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.store import KnowledgeStore
from kg.validate.shapes import SH


@dataclass(frozen=True, slots=True)
class Check:
    """One shape's SPARQL target as a query: it selects ``?this``, the offending nodes."""

    shape: str
    name: str
    severity: str  # "Violation" or "Warning"
    messages: dict[str, str]  # language -> the shape's name and description
    query: str


def _prefixes(shapes: Graph, node: Node) -> str:
    lines = []
    for holder in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _texts(shapes: Graph, shape: Node) -> dict[str, str]:
    names = {o.language or "en": str(o) for o in shapes.objects(shape, SH.name)
             if isinstance(o, Literal)}
    out = {}
    for d in shapes.objects(shape, SH.description):
        if isinstance(d, Literal):
            lang = d.language or "en"
            name = names.get(lang, names.get("en", ""))
            out[lang] = f"{name}: {d}" if name else str(d)
    return out


def sparql_checks(shapes: Graph) -> list[Check]:
    """The SPARQL targets of ``shapes``, one check per shape, sorted by shape."""
    checks = []
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for target in shapes.objects(shape, SH.target):
            if (target, RDF.type, SH.SPARQLTarget) not in shapes:
                continue
            select = shapes.value(target, SH.select)
            severity = shapes.value(shape, SH.severity) or SH.Violation
            checks.append(Check(
                shape=str(shape), name=str(shapes.value(shape, SH.name) or shape),
                severity=str(severity).rsplit("#", 1)[-1], messages=_texts(shapes, shape),
                query=f"{_prefixes(shapes, target)}\n{select}"))
    return sorted(checks, key=lambda c: c.shape)


def offenders(store: KnowledgeStore, checks: list[Check]) -> dict[str, list[str]]:
    """For each check, the nodes of the store (union of its graphs) that break the rule."""
    out: dict[str, list[str]] = {}
    for check in checks:
        rows = store.select(check.query).rows
        out[check.shape] = sorted({str(r[0].value) for r in rows
                                   if isinstance(r[0], NamedNode)})
    return out
