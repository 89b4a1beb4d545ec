"""The one result type of validation, whichever engine found it, and the report made of them.

Both engines (the set-based rules of :mod:`kg.validate.detect` and pySHACL,
:mod:`kg.validate.run`) give :class:`ValidationResult` values; a :class:`Report` is their
tuple, and its SHACL validation report graph (https://www.w3.org/TR/shacl/#validation-report)
is written from them, the same way for both.

>>> r = ValidationResult(severity="Warning", focus="https://example.org/p", path=None,
...                      component="SPARQLConstraintComponent", shape="https://example.org/S",
...                      messages={"en": "a warning"}, value=None)
>>> report = Report(results=(r,))
>>> report.conforms, len(report.warnings)
(True, 1)
>>> (None, SH.conforms, Literal(True)) in report.graph
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.validate.shapes import SH


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document states the offending fact: the document, its line, the quoted value."""

    document: str
    title: str
    line: int
    quote: str
    line_text: str = ""


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One result: a focus node that breaks a rule, with the documents that state it."""

    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str | None
    component: str
    shape: str
    messages: dict[str, str]  # language -> message
    value: str | None
    sources: tuple[Source, ...] = ()
    rule: str = ""  # the sh:name of the node shape, in English
    more_sources: int = 0  # documents stating the fact beyond those in ``sources``
    source_shape: str = ""  # the shape holding the constraint (a property shape for Core ones)

    def message(self, lang: str = "en") -> str:
        return self.messages.get(lang) or next(iter(self.messages.values()), "")

    @property
    def documents(self) -> tuple[str, ...]:
        """The titles of the documents that state the offending fact, in order, once each."""
        return tuple(dict.fromkeys(s.title for s in self.sources))


@dataclass(frozen=True, slots=True)
class Report:
    """The results of one validation; the graph conforms when none is a violation."""

    results: tuple[ValidationResult, ...]

    @property
    def conforms(self) -> bool:
        return not any(r.severity == "Violation" for r in self.results)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def graph(self) -> Graph:
        """The SHACL validation report of the results."""
        return report_graph(self.results)


def report_graph(results: Iterable[ValidationResult]) -> Graph:
    """A SHACL validation report (https://www.w3.org/TR/shacl/#validation-report) of ``results``."""
    report = Graph()
    report.bind("sh", SH)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    conforms = True
    for r in results:
        node = BNode()
        conforms = conforms and r.severity != "Violation"
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, URIRef(r.focus)))
        report.add((node, SH.resultSeverity, SH[r.severity]))
        report.add((node, SH.sourceShape, URIRef(r.shape) if r.source_shape in ("", r.shape)
                    else BNode(r.source_shape)))
        report.add((node, SH.sourceConstraintComponent, SH[r.component]))
        if r.path:
            report.add((node, SH.resultPath, URIRef(r.path)))
        if r.value is not None:
            report.add((node, SH.value, Literal(r.value)))
        for lang, text in r.messages.items():
            report.add((node, SH.resultMessage, Literal(text, lang=lang)))
    report.add((root, SH.conforms, Literal(conforms)))
    return report


