"""Validation of the store: :func:`validate`, and the pySHACL engine that cross-checks the rules.

The rules live in ``shapes/*.ttl`` only (:mod:`kg.validate.shapes`). The default engine runs
them as set-based queries (:mod:`kg.validate.rules`, :mod:`kg.validate.detect`); pySHACL
explains the same shapes over an rdflib copy of the documents' graphs. Both give a
:class:`~kg.validate.results.Report` of :class:`~kg.validate.results.ValidationResult`, each
pointing at the source lines that state the offending fact.
"""

from __future__ import annotations

import decimal
import io
import re
from collections import defaultdict
from collections.abc import Iterable

from pyoxigraph import BlankNode as OxBlankNode
from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode, RdfFormat, Triple, parse
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.mapping.vocab import ORG, XSD
from kg.resources import sparql
from kg.store import KnowledgeStore
from kg.validate.results import Report, Source, ValidationResult
from kg.validate.shapes import SH, load_shapes

_XSD_STRING = str(XSD.string)
_ORGANIZATION = NamedNode(ORG.organization)
DECIMAL_DIGITS = 400  # precision of decimal arithmetic while validating (literals may be long)


def _is_reference(graph: object) -> bool:
    return isinstance(graph, NamedNode) and "/graph/reference/" in graph.value


def _reference_slice(doc: list[Triple], reference: list[Triple], *, hops: int = 2) -> set[Triple]:
    """The reference triples within ``hops`` of a node the documents mention, and the
    memberships of the territories they mention (the ANCT lists the documents are compared to)."""
    by_subject: dict[object, list[Triple]] = defaultdict(list)
    memberships: dict[object, list[object]] = defaultdict(list)
    for t in reference:
        by_subject[t.subject].append(t)
        if t.predicate == _ORGANIZATION:
            memberships[t.object].append(t.subject)
    mentioned = {n for t in doc for n in (t.subject, t.object) if isinstance(n, NamedNode)}
    frontier = set(mentioned) | {m for n in mentioned for m in memberships.get(n, ())}
    seen, selected = set(frontier), set()
    for _ in range(hops):
        reached: set[object] = set()
        for node in frontier:
            for t in by_subject.get(node, ()):
                selected.add(t)
                if isinstance(t.object, NamedNode) and t.object not in seen:
                    reached.add(t.object)
        seen |= reached
        frontier = reached
    return selected


def data_graph(store: KnowledgeStore, *, whole: bool = False) -> Graph:
    """The documents' graphs and the slice of the reference graph they use, as one rdflib graph.

    With ``whole``, the union of every graph of the store, reference graph included. The
    reference graph is mostly communes no document mentions: its own checks (SIREN numbers)
    run as plain SPARQL over it (:func:`kg.validate.checks.offenders`).
    """
    buf = io.BytesIO()
    store.dump(buf, fmt=RdfFormat.N_QUADS)
    doc: list[Triple] = []
    reference: list[Triple] = []
    for q in parse(buf.getvalue(), RdfFormat.N_QUADS):
        (reference if _is_reference(q.graph_name) and not whole else doc).append(q.triple)
    graph = Graph()
    terms: dict[object, Node] = {}  # each term converted once: rdflib checks every new IRI

    def term(t: object) -> Node:
        found = terms.get(t)
        if found is None:
            found = terms[t] = _term(t)
        return found

    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph)
               for t in set(doc) | _reference_slice(doc, reference))
    return graph


def _term(t: object) -> Node:
    """An rdflib term for a pyoxigraph one (quicker than writing and parsing N-Triples)."""
    if isinstance(t, NamedNode):
        return URIRef(t.value)
    if isinstance(t, OxLiteral):
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD_STRING:
            return Literal(t.value)  # as rdflib reads a simple literal
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    if isinstance(t, OxBlankNode):
        return BNode(t.value)
    raise TypeError(f"unexpected RDF term {t!r}")


def _results(report: Graph) -> Iterable[tuple[object, dict[str, object]]]:
    for node in report.subjects(RDF.type, SH.ValidationResult):
        yield node, {
            "severity": str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
            "focus": str(report.value(node, SH.focusNode)),
            "path": (str(p) if (p := report.value(node, SH.resultPath)) is not None else None),
            "component": str(report.value(node, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            "shape": report.value(node, SH.sourceShape),
            "value": (str(v) if (v := report.value(node, SH.value)) is not None else None),
            "messages": {
                (m.language or "en"): str(m) for m in report.objects(node, SH.resultMessage)
                if isinstance(m, Literal)
            },
        }


def _rule(shapes: Graph, shape: object) -> tuple[str, str]:
    """The node shape a result comes from (a property shape answers for its parent): IRI, name."""
    if not isinstance(shape, Node):
        return str(shape), ""
    parent = shapes.value(predicate=SH.property, object=shape)
    node = parent if parent is not None else shape
    names = [n for n in shapes.objects(node, SH.name) if isinstance(n, Literal)]
    name = next((str(n) for n in names if n.language in (None, "en")), str(node).rsplit("#")[-1])
    return str(node), name


def sources_of(store: KnowledgeStore, focus: str, path: str | None) -> tuple[Source, ...]:
    query = sparql("evidence.rq")
    rows = store.select(query, bindings={"focus": NamedNode(focus)})
    found = [r for r in rows if path is None or r["property"] == path] or list(rows)
    return tuple(Source(document=r["document"] or "", title=r["title"] or "",
                        line=int(r["line"] or 0), quote=r["quote"] or "",
                        line_text=r["lineText"] or "") for r in found[:3])


def _message_languages(shapes: Graph) -> list[tuple[re.Pattern[str], str]]:
    """Each sh:message template of ``shapes`` as a pattern, with its language."""
    out = []
    for m in shapes.objects(None, SH.message):
        if isinstance(m, Literal) and m.language:
            parts = re.split(r"\{[$?]\w+\}", str(m))
            out.append((re.compile(".*?".join(re.escape(x) for x in parts) + "$", re.S), m.language))
    return out


def _tag_messages(report: Graph, shapes: Graph) -> None:
    """Give back their language tags to the messages pySHACL filled in from a template.

    pySHACL substitutes the variables of a SPARQL constraint's ``sh:message`` into a plain
    literal; the template the text matches tells its language.
    """
    templates = _message_languages(shapes)
    for node, message in list(report.subject_objects(SH.resultMessage)):
        if not isinstance(message, Literal) or message.language:
            continue
        lang = next((lang for pattern, lang in templates if pattern.match(str(message))), None)
        if lang:
            report.remove((node, SH.resultMessage, message))
            report.add((node, SH.resultMessage, Literal(str(message), lang=lang)))


def run_shacl(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """pySHACL with SHACL-AF (for ``sh:SPARQLTarget``), no inference; warnings do not fail.

    >>> conforms, report = run_shacl(Graph(), load_shapes())
    >>> conforms
    True
    """
    from pyshacl import validate as shacl

    # rdflib's SPARQL ROUND quantizes in the current decimal context: with the default 28
    # digits, a 40-digit amount in one document stopped the validation of the whole store.
    with decimal.localcontext(prec=DECIMAL_DIGITS):
        conforms, report_graph, _text = shacl(
            data, shacl_graph=shapes, advanced=True, allow_warnings=True, inference="none", inplace=True)
    _tag_messages(report_graph, shapes)
    return bool(conforms), report_graph


def _store_wide(store: KnowledgeStore, shapes: Graph,
                seen: set[tuple[str, str]]) -> list[ValidationResult]:
    """Offenders the SPARQL targets find in the whole store but the sliced graph left out
    (the reference graph's own nodes)."""
    from kg.validate.checks import offenders, sparql_checks

    checks = sparql_checks(shapes)
    found = offenders(store, checks)
    return [ValidationResult(
                severity=check.severity, focus=focus, path=None, component="SPARQLConstraintComponent",
                shape=check.shape, rule=check.name, messages=check.messages, value=None,
                sources=sources_of(store, focus, None))
            for check in checks for focus in found[check.shape] if (check.shape, focus) not in seen]


def validate(store: KnowledgeStore, *, shapes: Graph | None = None, whole: bool = False,
             engine: str = "store") -> Report:
    """Validate ``store`` against ``shapes`` (default: ``shapes/``).

    ``engine="store"`` (default): every rule runs once as a set-based query over the store's
    distinct facts (:mod:`kg.validate.rules`, :mod:`kg.validate.detect`), linear in the distinct statements.
    ``engine="pyshacl"``: pySHACL over the documents' graphs and the slice of the reference
    graph they use, then the SPARQL targets over the whole store (``whole``: pySHACL over the
    union of every graph instead); slower, kept to cross-check the set-based engine.
    """
    shapes = shapes if shapes is not None else load_shapes()
    if engine == "store" and not whole:
        from kg.validate.detect import run_rules
        from kg.validate.rules import compile_shapes

        return Report(results=tuple(run_rules(store, compile_shapes(shapes))))
    return _validate_pyshacl(store, shapes, whole=whole)


def _validate_pyshacl(store: KnowledgeStore, shapes: Graph, *, whole: bool) -> Report:
    _conforms, shacl_report = run_shacl(data_graph(store, whole=whole), shapes)
    results = []
    for _node, r in _results(shacl_report):
        focus, path = str(r["focus"]), r["path"]
        shape, rule = _rule(shapes, r["shape"])
        results.append(ValidationResult(
            severity=str(r["severity"]), focus=focus, path=path if isinstance(path, str) else None,
            component=str(r["component"]), shape=shape, rule=rule, source_shape=str(r["shape"]),
            messages=r["messages"],  # type: ignore[arg-type]
            value=r["value"] if isinstance(r["value"], str) else None,
            sources=sources_of(store, focus, path if isinstance(path, str) else None),
        ))
    if not whole:
        results.extend(_store_wide(store, shapes, {(r.shape, r.focus) for r in results}))
    results.sort(key=lambda x: (x.sources[0].document if x.sources else "", x.severity, x.focus))
    return Report(results=tuple(results))
