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
        return Literal("true" if value else "false", datatype=node(XSD.boolean))
    if isinstance(value, int):
        return Literal(str(value), datatype=node(XSD.integer))
    if isinstance(value, Decimal):
        return Literal(format(value.normalize(), "f") if value == value.to_integral() else str(value),
                       datatype=node(XSD.decimal))
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=node(XSD.dateTime))
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=node(XSD.date))
    if isinstance(value, dt.time):
        return Literal(value.isoformat(), datatype=node(XSD.time))
    return Literal(str(value))


class GraphBuilder:
    """Quads of one document's named graph."""

    def __init__(self, *, graph: str, iris: Iris, source: SourceDocument | None = None) -> None:
        self.graph = NamedNode(graph)
        self.iris = iris
        self.source = source
        self.document = iris.document(source.sha256) if source else None
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
        if self.document is None or self.source is None:
            return
        ev = self.iris.evidence(self.document, span.start, span.end, p.rsplit("#", 1)[-1])
        target = self.iris.selector(self.document, span.start, span.end)
        self.typed(ev, TKG.Evidence)
        self.node(ev, OA.hasBody, s)
        self.add(ev, TKG.property, p)
        if rule:
            self.add(ev, TKG.extractionRule, rule)
        self.node(ev, OA.hasTarget, target)
        if (span.start, span.end) in self._seen_spans:
            return
        self._seen_spans.add((span.start, span.end))
        selector = self.iris.position_selector(self.document, span.start, span.end)
        self.typed(target, OA.SpecificResource)
        self.node(target, OA.hasSource, self.document)
        self.node(target, OA.hasSelector, selector)
        self.typed(selector, OA.TextPositionSelector)
        self.add(selector, OA.start, span.start)
        self.add(selector, OA.end, span.end)
        self.add(selector, TKG.line, span.line)
        if span.page is not None:
            self.add(selector, TKG.page, span.page)
        text = self.source.text
        self.add(selector, TKG.quote, text[span.start:span.end])
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.start)
        self.add(selector, TKG.lineText, text[line_start:line_end if line_end >= 0 else len(text)])
