"""Collects the quads of one named graph, with the provenance of every fact.

A fact ``(s, p, value)`` read from a span of the document becomes the triple
plus a ``tkg:Evidence`` (an ``oa:Annotation``) whose body is ``s``, whose
``tkg:property`` is ``p`` and whose target is the span: an
``oa:SpecificResource`` of the source document selected by an
``oa:TextPositionSelector`` (start, end, line, page, the quoted text and its whole line).
The evidence names the extraction rule that read the fact (``tkg:extractionRule``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.term import URIRef

from kg.extract.records import Fact, SourceDocument, Span
from kg.mapping.iris import Iris
from kg.mapping.vocab import OA, RDF, RDFS, TKG, XSD, node

Value = URIRef | NamedNode | Literal | str | int | Decimal | bool | dt.date | dt.time

_BOOLEAN, _INTEGER, _DECIMAL = node(XSD.boolean), node(XSD.integer), node(XSD.decimal)
_DATETIME, _DATE, _TIME = node(XSD.dateTime), node(XSD.date), node(XSD.time)


def literal(value: Value) -> NamedNode | Literal:
    """An RDF term for a Python value, with its XSD datatype.

    >>> literal(Decimal("40000")).datatype.value
    'http://www.w3.org/2001/XMLSchema#decimal'
    >>> literal(TKG.Approval)
    <NamedNode value=https://w3id.org/territoires-kg/ontology#Approval>
    """
    if isinstance(value, NamedNode | Literal):
        return value
    if isinstance(value, URIRef):  # a vocabulary term, before str: a URIRef is a str
        return node(value)
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=_BOOLEAN)
    if isinstance(value, int):
        return Literal(str(value), datatype=_INTEGER)
    if isinstance(value, Decimal):
        return Literal(format(value.normalize(), "f") if value == value.to_integral() else str(value),
                       datatype=_DECIMAL)
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=_DATETIME)
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=_DATE)
    if isinstance(value, dt.time):
        return Literal(value.isoformat(), datatype=_TIME)
    return Literal(str(value))


class GraphBuilder:
    """Quads of one document's named graph."""

    def __init__(self, *, graph: str, iris: Iris, source: SourceDocument | None = None) -> None:
        self.graph = NamedNode(graph)
        self.iris = iris
        self.source = source
        self.document = iris.document(source.sha256) if source else None
        self._document_node = NamedNode(self.document) if self.document else None
        self._rules: dict[str, Literal] = {}  # the extraction rules' names, as literals
        self.quads: list[Quad] = []
        self._seen_spans: set[tuple[int, int]] = set()

    def add(self, s: str | NamedNode, p: URIRef, o: Value) -> None:
        subject = s if isinstance(s, NamedNode) else NamedNode(s)
        self.quads.append(Quad(subject, node(p), literal(o), self.graph))

    def node(self, iri: str, p: URIRef, o: str) -> None:
        self.add(iri, p, NamedNode(o))

    def typed(self, iri: str, *classes: URIRef, label: str | None = None) -> str:
        for c in classes:
            self.add(iri, RDF.type, c)
        if label:
            self.add(iri, RDFS.label, label)
        return iri

    def fact(self, s: str, p: URIRef, fact: Fact[Any], value: Value | None = None) -> None:
        """Add ``s p value`` and the evidence tying it to ``fact``'s span."""
        self.add(s, p, value if value is not None else fact.value)
        self.evidence(s, p, fact.span, rule=fact.rule)

    def evidence(self, s: str, p: URIRef, span: Span, *, rule: str | None = None) -> None:
        """The evidence of ``s p …``: its span and, when known, the rule that read it."""
        document = self._document_node
        if self.document is None or self.source is None or document is None:
            return
        # Quads made here directly, with the terms made once (:data:`_EVIDENCE_TERMS`): a
        # deliberation has about a hundred and fifty evidences, each of ten to fifteen quads.
        ev = NamedNode(self.iris.evidence(self.document, span.start, span.end, p.rsplit("#", 1)[-1]))
        target = NamedNode(self.iris.selector(self.document, span.start, span.end))
        g, out = self.graph, self.quads.append
        t = _EVIDENCE_TERMS
        out(Quad(ev, t.type, t.Evidence, g))
        out(Quad(ev, t.hasBody, s if isinstance(s, NamedNode) else NamedNode(s), g))
        out(Quad(ev, t.property, node(p), g))
        if rule:
            named = self._rules.get(rule)
            if named is None:
                named = self._rules[rule] = Literal(rule)
            out(Quad(ev, t.extractionRule, named, g))
        out(Quad(ev, t.hasTarget, target, g))
        if (span.start, span.end) in self._seen_spans:
            return
        self._seen_spans.add((span.start, span.end))
        selector = NamedNode(self.iris.position_selector(self.document, span.start, span.end))
        out(Quad(target, t.type, t.SpecificResource, g))
        out(Quad(target, t.hasSource, document, g))
        out(Quad(target, t.hasSelector, selector, g))
        out(Quad(selector, t.type, t.TextPositionSelector, g))
        out(Quad(selector, t.start, Literal(str(span.start), datatype=_INTEGER), g))
        out(Quad(selector, t.end, Literal(str(span.end), datatype=_INTEGER), g))
        out(Quad(selector, t.line, Literal(str(span.line), datatype=_INTEGER), g))
        if span.page is not None:
            out(Quad(selector, t.page, Literal(str(span.page), datatype=_INTEGER), g))
        text = self.source.text
        out(Quad(selector, t.quote, Literal(text[span.start:span.end]), g))
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.start)
        out(Quad(selector, t.lineText,
                 Literal(text[line_start:line_end if line_end >= 0 else len(text)]), g))


class _Terms:
    """The terms of an evidence and its span, as pyoxigraph terms made once."""

    def __init__(self) -> None:
        self.type = node(RDF.type)
        self.Evidence, self.property, self.extractionRule = (
            node(TKG.Evidence), node(TKG.property), node(TKG.extractionRule))
        self.hasBody, self.hasTarget, self.hasSource, self.hasSelector = (
            node(OA.hasBody), node(OA.hasTarget), node(OA.hasSource), node(OA.hasSelector))
        self.SpecificResource, self.TextPositionSelector = (
            node(OA.SpecificResource), node(OA.TextPositionSelector))
        self.start, self.end = node(OA.start), node(OA.end)
        self.line, self.page, self.quote, self.lineText = (
            node(TKG.line), node(TKG.page), node(TKG.quote), node(TKG.lineText))


_EVIDENCE_TERMS = _Terms()
