"""The build: files -> records -> quads -> store, one named graph per document.

Each document is extracted and mapped completely before its graph replaces
the old one in a single store call, so a document that fails leaves the store
as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import ExtractionError, extract
from kg.extract.documents import PDF_SUFFIX, TEXT_SUFFIXES
from kg.extract.records import Issue
from kg.mapping import Iris, map_deliberation, map_reference
from kg.registry import load_registry
from kg.store import KnowledgeStore

SCDL_SUFFIX = ".csv"  # an SCDL deliberations CSV, one deliberation a row
SUFFIXES = {*TEXT_SUFFIXES, PDF_SUFFIX, SCDL_SUFFIX}


class InputError(Exception):
    """A path given to the build that does not exist or holds no document."""


@dataclass
class Outcome:
    path: str
    graph: str | None = None
    triples: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    issues: tuple[Issue, ...] = ()


def documents(paths: list[Path]) -> Iterator[Path]:
    """Files given, and the documents in folders given (sorted, recursively)."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{path}: folder holds no .txt, .md, .pdf or .csv document")
            yield from found
        else:
            yield path


def build_reference(store: KnowledgeStore, *, iris: Iris) -> int:
    b = map_reference(load_registry(), iris)
    store.replace_graph(b.graph.value, b.quads)
    return len(b.quads)


def ingest_scdl(path: Path, store: KnowledgeStore, *, iris: Iris) -> Outcome:
    """An SCDL deliberations CSV: its rows' records mapped into the file's one graph."""
    from kg.extract.scdl import read_scdl

    try:
        records = read_scdl(path)
    except ExtractionError as err:
        return Outcome(path=str(path), error=str(err))
    mapped = [map_deliberation(r, registry=load_registry(), iris=iris) for r in records]
    quads = [q for m in mapped for q in m.quads]
    store.replace_graph(mapped[0].graph, quads)
    return Outcome(path=str(path), graph=mapped[0].graph, triples=len(quads),
                   warnings=[w for m in mapped for w in m.warnings],
                   issues=tuple(i for r in records for i in r.issues))


def ingest(path: Path, store: KnowledgeStore, *, iris: Iris) -> Outcome:
    if path.suffix.lower() == SCDL_SUFFIX:
        return ingest_scdl(path, store, iris=iris)
    try:
        record = extract(path)
    except ExtractionError as err:
        return Outcome(path=str(path), error=str(err))
    mapped = map_deliberation(record, registry=load_registry(), iris=iris)
    store.replace_graph(mapped.graph, mapped.quads)
    return Outcome(path=str(path), graph=mapped.graph, triples=len(mapped.quads),
                   warnings=list(mapped.warnings), issues=record.issues)


def build(paths: list[Path], store: KnowledgeStore, *, iris: Iris,
          progress: Callable[[int, int, Outcome], None] | None = None) -> list[Outcome]:
    files = list(documents(paths))
    outcomes = []
    for n, path in enumerate(files, start=1):
        outcome = ingest(path, store, iris=iris)
        outcomes.append(outcome)
        if progress:
            progress(n, len(files), outcome)
    return outcomes
