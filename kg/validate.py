"""SHACL validation of the store, with pySHACL; a typed report that points at the source text.

The rules live in ``shapes/*.ttl`` only. Each result is grouped by the source
document its focus node was read from, with the quoted line.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat
from rdflib import Dataset, Graph, Literal, Namespace
from rdflib.namespace import RDF

from kg.store import KnowledgeStore

SH = Namespace("http://www.w3.org/ns/shacl#")
TKGSH = Namespace("https://w3id.org/territoires-kg/shapes#")
SHAPES_DIR = Path(__file__).resolve().parent.parent / "shapes"


@dataclass(frozen=True, slots=True)
class Source:
    document: str
    title: str
    line: int
    quote: str


@dataclass(frozen=True, slots=True)
class ValidationResult:
    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str | None
    component: str
    shape: str
    messages: dict[str, str]  # language -> message
    value: str | None
    sources: tuple[Source, ...] = ()

    def message(self, lang: str = "en") -> str:
        return self.messages.get(lang) or next(iter(self.messages.values()), "")


@dataclass(frozen=True, slots=True)
class Report:
    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: Graph = field(repr=False)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]


def load_shapes(directory: Path = SHAPES_DIR) -> Graph:
    shapes = Graph()
    for path in sorted(directory.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


def data_graph(store: KnowledgeStore) -> Graph:
    """The union of the store's graphs as one rdflib graph."""
    buf = io.BytesIO()
    store.dump(buf, fmt=RdfFormat.N_QUADS)
    ds = Dataset()
    ds.parse(data=buf.getvalue(), format="nquads")
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _results(report: Graph) -> Iterable[tuple[object, dict[str, object]]]:
    for node in report.subjects(RDF.type, SH.ValidationResult):
        yield node, {
            "severity": str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
            "focus": str(report.value(node, SH.focusNode)),
            "path": (str(p) if (p := report.value(node, SH.resultPath)) is not None else None),
            "component": str(report.value(node, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            "shape": str(report.value(node, SH.sourceShape)),
            "value": (str(v) if (v := report.value(node, SH.value)) is not None else None),
            "messages": {
                (m.language or "en"): str(m) for m in report.objects(node, SH.resultMessage)
                if isinstance(m, Literal)
            },
        }


def sources_of(store: KnowledgeStore, focus: str, path: str | None) -> tuple[Source, ...]:
    query = resources.files("kg.resources").joinpath("sparql", "evidence.rq").read_text("utf-8")
    rows = store.select(query, bindings={"focus": NamedNode(focus)})
    found = [r for r in rows if path is None or r["property"] == path] or list(rows)
    return tuple(Source(document=r["document"] or "", title=r["title"] or "", line=int(r["line"] or 0),
                        quote=r["quote"] or "") for r in found[:3])


def run_shacl(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """pySHACL with SHACL-AF (for ``sh:SPARQLTarget``), no inference; warnings do not fail.

    >>> conforms, report = run_shacl(Graph(), load_shapes())
    >>> conforms
    True
    """
    from pyshacl import validate as shacl

    conforms, report_graph, _text = shacl(
        data, shacl_graph=shapes, advanced=True, allow_warnings=True, inference="none", inplace=True)
    return bool(conforms), report_graph


def validate(store: KnowledgeStore, *, shapes: Graph | None = None) -> Report:
    data = data_graph(store)
    conforms, report_graph = run_shacl(data, shapes if shapes is not None else load_shapes())
    results = []
    for _node, r in _results(report_graph):
        focus, path = str(r["focus"]), r["path"]
        results.append(ValidationResult(
            severity=str(r["severity"]), focus=focus, path=path if isinstance(path, str) else None,
            component=str(r["component"]), shape=str(r["shape"]),
            messages=r["messages"],  # type: ignore[arg-type]
            value=r["value"] if isinstance(r["value"], str) else None,
            sources=sources_of(store, focus, path if isinstance(path, str) else None),
        ))
    results.sort(key=lambda x: (x.sources[0].document if x.sources else "", x.severity, x.focus))
    return Report(conforms=bool(conforms), results=tuple(results), graph=report_graph)
