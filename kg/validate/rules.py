"""The shapes of ``shapes/`` as set-based SPARQL rules, run once each over the store.

Every node shape becomes one or more :class:`Rule`: a query that selects, in one pass over the
union of the store's graphs, the focus nodes (``?this``) that break it, with the offending
``?value`` where the constraint has one. The shapes stay the single source of the rules:

- a SHACL Core property constraint (``sh:minCount``, ``sh:maxCount``, ``sh:datatype``,
  ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:pattern``, ``sh:lessThan``,
  ``sh:lessThanOrEquals``, ``sh:disjoint``; https://www.w3.org/TR/shacl/#core-components)
  is compiled to the SPARQL of its definition, over ``DISTINCT`` facts;
- a SHACL-SPARQL constraint (https://www.w3.org/TR/shacl/#sparql-constraints) whose shape has a
  ``sh:SPARQLTarget`` (SHACL-AF) runs its target as is; the constraint then explains each
  offender, with ``$this`` pre-bound (:func:`prebind`).

A shape using anything else is refused (:class:`ShapesError`), never skipped.

>>> from kg.validate import load_shapes
>>> rules = compile_shapes(load_shapes())
>>> sorted({r.component for r in rules})[:3]
['DatatypeConstraintComponent', 'DisjointConstraintComponent', 'LessThanConstraintComponent']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.errors import TkgError
from kg.validate.shapes import SH, load_shapes, shapes_stamp

# What a shape may say besides its constraints: texts, targets and structure.
_DESCRIPTIVE = {RDF.type, SH.name, SH.description, SH.message, SH.severity, SH.property, SH.path,
                SH.target, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode,
                SH.sparql, SH.order, SH.group, RDFS.comment, RDFS.label, SH.deactivated}
_VALUE_COMPONENTS = {SH.datatype, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
                     SH.maxExclusive, SH.pattern, SH.flags}
_PAIR_COMPONENTS = {SH.lessThan, SH.lessThanOrEquals, SH.disjoint}
_COMPONENT_NAMES: dict[Node, str] = {
    SH.minCount: "MinCountConstraintComponent", SH.maxCount: "MaxCountConstraintComponent",
    SH.datatype: "DatatypeConstraintComponent", SH.minInclusive: "MinInclusiveConstraintComponent",
    SH.maxInclusive: "MaxInclusiveConstraintComponent",
    SH.minExclusive: "MinExclusiveConstraintComponent",
    SH.maxExclusive: "MaxExclusiveConstraintComponent", SH.pattern: "PatternConstraintComponent",
    SH.lessThan: "LessThanConstraintComponent",
    SH.lessThanOrEquals: "LessThanOrEqualsConstraintComponent",
    SH.disjoint: "DisjointConstraintComponent",
}
_COMPARISONS: dict[Node, str] = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">",
                SH.maxExclusive: "<"}


class ShapesError(TkgError):
    """A shape the set-based validation cannot run as written."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One constraint of one shape, as a query selecting ``?this`` (and ``?value``) offenders.

    ``explain`` is the SPARQL constraint to run per offender, with ``$this`` pre-bound; Core
    rules need none: their query already selects the offending values.
    """

    shape: str  # the node shape, whose name the report gives
    source_shape: str  # the shape that holds the constraint (a property shape for Core ones)
    name: str
    severity: str  # "Violation", "Warning", "Info"
    component: str  # the SHACL constraint component, local name
    path: str | None
    messages: tuple[tuple[str, str], ...]  # (language, template)
    query: str
    explain: str | None = None


def _n3(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return str(term.n3())
    raise ShapesError(f"a blank node {term} where the rule needs an IRI or a literal")


def _messages(shapes: Graph, *holders: Node) -> tuple[tuple[str, str], ...]:
    """The sh:message of the first holder that has one, by language."""
    for holder in holders:
        found = tuple(sorted((m.language or "en", str(m)) for m in shapes.objects(holder, SH.message)
                             if isinstance(m, Literal)))
        if found:
            return found
    return ()


def _severity(shapes: Graph, shape: Node) -> str:
    return str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]


def _name(shapes: Graph, shape: Node) -> str:
    names = [n for n in shapes.objects(shape, SH.name) if isinstance(n, Literal)]
    return next((str(n) for n in names if n.language in (None, "en")), str(shape).rsplit("#")[-1])


def prefixes(shapes: Graph, node: Node) -> str:
    """The PREFIX lines that ``node``'s ``sh:prefixes`` declare."""
    lines = set()
    for holder in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            lines.add(f"PREFIX {shapes.value(declaration, SH.prefix)}: "
                      f"<{shapes.value(declaration, SH.namespace)}>")
    return "\n".join(sorted(lines))


def _targets(shapes: Graph, shape: Node) -> list[str]:
    """Graph patterns binding ``?this`` to the focus nodes of the shape's Core targets."""
    out = [f"?this a/<{RDFS.subClassOf}>* {_n3(c)} ." for c in shapes.objects(shape, SH.targetClass)]
    out += [f"?this {_n3(p)} [] ." for p in shapes.objects(shape, SH.targetSubjectsOf)]
    out += [f"[] {_n3(p)} ?this ." for p in shapes.objects(shape, SH.targetObjectsOf)]
    out += [f"VALUES ?this {{ {_n3(n)} }}" for n in shapes.objects(shape, SH.targetNode)]
    return out


def _value_filter(shapes: Graph, prop: Node, component: Node, arg: Node) -> str:
    """A FILTER true of the values of ``prop`` that break ``component`` (its definition)."""
    if component == SH.datatype:
        return f"FILTER (!isLITERAL(?value) || DATATYPE(?value) != {_n3(arg)})"
    if component in _COMPARISONS:
        # A value that cannot be compared breaks the rule (SHACL 4.3): COALESCE turns the error
        # into a failed comparison.
        return f"FILTER (!COALESCE(?value {_COMPARISONS[component]} {_n3(arg)}, false))"
    flags = shapes.value(prop, SH.flags)
    extra = f", {_n3(flags)}" if flags is not None else ""
    return f"FILTER (isBLANK(?value) || !REGEX(STR(?value), {_n3(arg)}{extra}))"


def _count(n: Node) -> int:
    if not isinstance(n, Literal) or not isinstance(n.toPython(), int):
        raise ShapesError(f"a count {n} that is not a whole number")
    return int(n.toPython())


def _core_queries(shapes: Graph, prop: Node, path: str, target: str) -> list[tuple[Node, str]]:
    """(component, query) for each Core constraint of the property shape ``prop``."""
    p = f"<{path}>"
    focus = f"{{ SELECT DISTINCT ?this WHERE {{ {target} }} }}"
    out: list[tuple[Node, str]] = []
    for n in shapes.objects(prop, SH.minCount):
        out.append((SH.minCount, f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ SELECT ?this "
                    f"(COUNT(DISTINCT ?v) AS ?n) WHERE {{ ?this {p} ?v }} GROUP BY ?this }} "
                    f"FILTER (COALESCE(?n, 0) < {_count(n)}) }}"))
    for n in shapes.objects(prop, SH.maxCount):
        out.append((SH.maxCount, f"SELECT ?this WHERE {{ {{ SELECT ?this WHERE {{ ?this {p} ?v }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {_count(n)}) }} "
                    f"FILTER EXISTS {{ {target} }} }}"))
    for component in sorted(_VALUE_COMPONENTS - {SH.flags}):
        for arg in shapes.objects(prop, component):
            out.append((component, f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {p} ?value . "
                        f"{_value_filter(shapes, prop, component, arg)} }}"))
    for component in sorted(_PAIR_COMPONENTS):
        for other in shapes.objects(prop, component):
            test = {SH.lessThan: "!COALESCE(?value < ?other, false)",
                    SH.lessThanOrEquals: "!COALESCE(?value <= ?other, false)",
                    SH.disjoint: "sameTerm(?value, ?other)"}[component]
            out.append((component, f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {p} ?value . "
                        f"?this {_n3(other)} ?other . FILTER ({test}) }}"))
    return out


def _check_known(shapes: Graph, node: Node, allowed: set[URIRef]) -> None:
    unknown = {p for p in shapes.predicates(node, None) if p not in allowed}
    if unknown:
        raise ShapesError(f"shape {node}: the set-based validation does not implement "
                          f"{', '.join(sorted(str(u) for u in unknown))}")


def _property_rules(shapes: Graph, shape: Node, targets: list[str]) -> list[Rule]:
    rules = []
    allowed: set[URIRef] = _DESCRIPTIVE | _VALUE_COMPONENTS | _PAIR_COMPONENTS | {SH.minCount, SH.maxCount}
    for prop in shapes.objects(shape, SH.property):
        _check_known(shapes, prop, allowed)
        path = shapes.value(prop, SH.path)
        if not isinstance(path, URIRef):
            raise ShapesError(f"shape {shape}: only IRI paths are implemented, not {path}")
        if not targets:
            raise ShapesError(f"shape {shape}: property constraints need a Core target")
        target = " UNION ".join(f"{{ {t} }}" for t in targets)
        for component, query in _core_queries(shapes, prop, str(path), target):
            rules.append(Rule(
                shape=str(shape), source_shape=str(prop), name=_name(shapes, shape),
                severity=_severity(shapes, prop), component=_COMPONENT_NAMES[component],
                path=str(path), messages=_messages(shapes, prop, shape), query=query))
    return rules


def _sparql_rules(shapes: Graph, shape: Node, targets: list[str]) -> list[Rule]:
    rules = []
    for constraint in shapes.objects(shape, SH.sparql):
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise ShapesError(f"shape {shape}: a SPARQL constraint without sh:select")
        explain = f"{prefixes(shapes, constraint)}\n{select}"
        for target in shapes.objects(shape, SH.target):
            if (target, RDF.type, SH.SPARQLTarget) not in shapes:
                raise ShapesError(f"shape {shape}: only sh:SPARQLTarget targets are implemented")
            query = f"{prefixes(shapes, target)}\n{shapes.value(target, SH.select)}"
            rules.append(Rule(
                shape=str(shape), source_shape=str(shape), name=_name(shapes, shape),
                severity=_severity(shapes, shape), component="SPARQLConstraintComponent",
                path=None, messages=_messages(shapes, constraint, shape), query=query,
                explain=explain))
        if targets:
            raise ShapesError(f"shape {shape}: a SPARQL constraint on a Core target would run once "
                              "per focus node; give the shape a sh:SPARQLTarget")
    return rules


def shipped_rules() -> list[Rule]:
    """The rules of the shipped shapes (``shapes/``), compiled once per process while their
    files are unchanged: a build that keeps the facts the rules read, then validates, compiles
    them once.

    >>> shipped_rules() == compile_shapes(load_shapes())
    True
    """
    return list(_compiled(shapes_stamp()))


@lru_cache(maxsize=2)
def _compiled(stamp: object) -> tuple[Rule, ...]:
    return tuple(compile_shapes(load_shapes()))


def compile_shapes(shapes: Graph) -> list[Rule]:
    """Every constraint of every node shape of ``shapes`` as a set-based rule, sorted by shape."""
    rules: list[Rule] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if isinstance(shape, BNode):
            raise ShapesError("a node shape without an IRI: its results could not name it")
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        _check_known(shapes, shape, _DESCRIPTIVE)
        targets = _targets(shapes, shape)
        rules += _property_rules(shapes, shape, targets)
        rules += _sparql_rules(shapes, shape, targets)
    return rules


_SELECT_THIS = re.compile(r"(SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?)\$this\b\s*", re.I)
_EMPTY_SELECT = re.compile(r"(SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?)(?=WHERE\b|\{)", re.I)


def prebind(query: str, focus: str) -> str:
    """``query`` with ``$this`` replaced by the IRI ``focus`` everywhere, subqueries included.

    This is SHACL's pre-binding (https://www.w3.org/TR/shacl/#pre-binding): Oxigraph's
    substitutions bind the outer query only, and sums over ``$this``'s facts sit in subqueries.
    A projected or grouped ``$this`` is dropped (it is a constant there).

    >>> prebind("SELECT $this ?s WHERE { { SELECT $this (SUM(?a) AS ?s) WHERE { ?c <p> $this ; "
    ...         "<a> ?a } GROUP BY $this } }", "http://e/x")
    'SELECT ?s WHERE { { SELECT (SUM(?a) AS ?s) WHERE { ?c <p> <http://e/x> ; <a> ?a } } }'
    """
    if any(c in focus for c in '<>"{}|^`\\ '):
        raise ShapesError(f"cannot pre-bind $this to {focus!r}: not an IRI")
    out = _SELECT_THIS.sub(r"\1", query)
    out = re.sub(r"GROUP\s+BY\s+\$this\b\s*(?=\}|HAVING|ORDER|LIMIT|OFFSET)", "", out, flags=re.I)
    out = re.sub(r"(GROUP\s+BY\s+)\$this\b\s*", r"\1", out, flags=re.I)
    out = _EMPTY_SELECT.sub(r"\1* ", out)
    return re.sub(r"\$this\b", f"<{focus}>", out)
