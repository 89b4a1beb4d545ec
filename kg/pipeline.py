"""The build: files -> records -> quads -> store, one named graph per document.

Each document is extracted and mapped completely before its graph replaces
the old one in a single store call, so a document that fails leaves the store
as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad

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


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document extracted and mapped, not yet stored: what a worker process sends back."""

    outcome: Outcome
    quads: tuple[Quad, ...] = ()


def prepare_scdl(path: Path, *, iris: Iris) -> Prepared:
    """An SCDL deliberations CSV: its rows' records mapped into the file's one graph."""
    from kg.extract.scdl import read_scdl

    try:
        records = read_scdl(path)
    except ExtractionError as err:
        return Prepared(Outcome(path=str(path), error=str(err)))
    mapped = [map_deliberation(r, registry=load_registry(), iris=iris) for r in records]
    quads = tuple(q for m in mapped for q in m.quads)
    return Prepared(Outcome(path=str(path), graph=mapped[0].graph, triples=len(quads),
                            warnings=[w for m in mapped for w in m.warnings],
                            issues=tuple(i for r in records for i in r.issues)), quads)


def prepare(path: Path, *, iris: Iris) -> Prepared:
    """Extract and map one document without touching the store (safe in a worker process)."""
    if path.suffix.lower() == SCDL_SUFFIX:
        return prepare_scdl(path, iris=iris)
    try:
        record = extract(path)
    except ExtractionError as err:
        return Prepared(Outcome(path=str(path), error=str(err)))
    mapped = map_deliberation(record, registry=load_registry(), iris=iris)
    return Prepared(Outcome(path=str(path), graph=mapped.graph, triples=len(mapped.quads),
                            warnings=list(mapped.warnings), issues=record.issues), mapped.quads)


def _prepare_one(path: Path, iris: Iris) -> Prepared:
    return prepare(path, iris=iris)


def write(prepared: Prepared, store: KnowledgeStore) -> Outcome:
    """Store a prepared document: its graph replaces the old one in one store call."""
    outcome = prepared.outcome
    if outcome.error is None and outcome.graph is not None:
        store.replace_graph(outcome.graph, prepared.quads)
    return outcome


def ingest_scdl(path: Path, store: KnowledgeStore, *, iris: Iris) -> Outcome:
    return write(prepare_scdl(path, iris=iris), store)


def ingest(path: Path, store: KnowledgeStore, *, iris: Iris) -> Outcome:
    return write(prepare(path, iris=iris), store)


def build(paths: list[Path], store: KnowledgeStore, *, iris: Iris,
          progress: Callable[[int, int, Outcome], None] | None = None,
          jobs: int = 1) -> list[Outcome]:
    """Ingest ``paths`` in order. With ``jobs`` > 1, documents are extracted and mapped in that
    many worker processes and written by this one, in the same order: the store ends the same
    as with a serial build."""
    files = list(documents(paths))
    outcomes = []
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            prepared = pool.map(_prepare_one, files, [iris] * len(files), chunksize=4)
            for n, item in enumerate(prepared, start=1):
                outcomes.append(write(item, store))
                if progress:
                    progress(n, len(files), outcomes[-1])
        return outcomes
    for n, path in enumerate(files, start=1):
        outcome = ingest(path, store, iris=iris)
        outcomes.append(outcome)
        if progress:
            progress(n, len(files), outcome)
    return outcomes
