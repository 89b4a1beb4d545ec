"""The build: files -> records -> quads -> store, one named graph per document.

Each document is extracted and mapped completely before its graph replaces
the old one in a single store call (one transaction), so a document that fails
leaves the store as it was. A document's graph is named after its identity
(:mod:`kg.store.versions`), so an edited document replaces its facts.

No document aborts the build: whatever fails inside one (a file refused by the
limits, an extraction or mapping error, an unexpected exception) becomes that
document's :attr:`Outcome.error`, one line naming the file, and the next
document is read. Only the store failing stops the build.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pyoxigraph import Quad

from kg.concurrency import in_order
from kg.errors import DocumentError, TkgError
from kg.extract import extract
from kg.extract.documents import PDF_SUFFIX, TEXT_SUFFIXES
from kg.extract.records import Issue
from kg.limits import DEFAULT_MAX_SIZE, check_input
from kg.mapping import Iris, map_deliberation, map_reference, map_version
from kg.registry import load_registry
from kg.store import Content, KnowledgeStore, Serialized
from kg.store.versions import FEW, StoredDocument, plan, stored_documents, stored_for

SCDL_SUFFIX = ".csv"  # an SCDL deliberations CSV, one deliberation a row
SUFFIXES = {*TEXT_SUFFIXES, PDF_SUFFIX, SCDL_SUFFIX}
T = TypeVar("T")


class InputError(TkgError):
    """A path given to the build that does not exist or holds no document."""


@dataclass
class Outcome:
    path: str
    graph: str | None = None
    triples: int = 0
    error: str | None = None
    detail: str | None = None  # the traceback of an unexpected error, for --debug
    warnings: list[str] = field(default_factory=list)
    issues: tuple[Issue, ...] = ()
    note: str | None = None  # a document skipped or removed rather than ingested, and why


@dataclass(frozen=True, slots=True)
class Version:
    """What the graph of a document being ingested records of its version."""

    stored: StoredDocument | None
    generated: dt.datetime

    def quads(self, graph: str, sha256: str, iris: Iris) -> list[Quad]:
        version = iris.document(sha256)
        previous = None
        if self.stored is not None:
            previous = self.stored.previous if self.stored.sha256 == sha256 else self.stored.version
        return map_version(graph=graph, version=version, previous=previous, generated=self.generated)


def documents(paths: list[Path]) -> Iterator[Path]:
    """Files given, and the documents in folders given (sorted, recursively)."""
    for path in paths:
        if path.is_dir():
            # Not only regular files: a named pipe called x.txt is reported, not skipped.
            found = sorted(p for p in path.rglob("*") if not p.is_dir() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{path}: folder holds no .txt, .md, .pdf or .csv document")
            yield from found
        else:
            yield path


def build_reference(store: KnowledgeStore, *, iris: Iris) -> int:
    """Write the reference graph (the registry's authorities and programmes), unless the store
    holds it as it is already (a store that can tell: :meth:`kg.store.OxigraphStore.holds`);
    the number of its quads."""
    b = map_reference(load_registry(), iris)
    holds = getattr(store, "holds", None)
    if holds is not None and holds(b.graph.value, b.quads):
        return len(b.quads)
    write_graphs = getattr(store, "write_graphs", None)  # a new store: the bulk loader
    if write_graphs is not None:
        write_graphs([(b.graph.value, b.quads)])
    else:
        store.replace_graph(b.graph.value, b.quads)
    return len(b.quads)


def _one_line(text: str, limit: int = 300) -> str:
    """A message on one line, control characters removed, at most ``limit`` characters."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _stage(path: Path, stage: str, run: Callable[[], T]) -> T:
    """``run()``, any failure turned into a :class:`DocumentError` naming ``path``."""
    try:
        return run()
    except DocumentError:
        raise
    except TkgError as err:
        message = _one_line(str(err), limit=1000)
        located = message if message.startswith(str(path)) else f"{path}: {message}"
        raise DocumentError(located) from err
    except Exception as err:  # the safety net: one document never aborts the build
        what = ": ".join(filter(None, (type(err).__name__, _one_line(str(err)))))
        raise DocumentError(f"{path}: {stage} failed: {what} (an internal error; rerun with --debug "
                            "for the traceback)", detail=traceback.format_exc()) from err


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document read and mapped, not yet stored: what a worker process sends back."""

    outcome: Outcome
    sha256: str = ""
    quads: tuple[Quad, ...] = ()


def _prepare_scdl(path: Path, *, iris: Iris, name: str | None) -> Prepared:
    from kg.extract.scdl import read_scdl

    records = _stage(path, "reading the SCDL file", lambda: read_scdl(path, display=name))
    mapped = _stage(path, "mapping", lambda: [
        map_deliberation(r, registry=load_registry(), iris=iris) for r in records])
    quads = tuple(q for m in mapped for q in m.quads)
    return Prepared(Outcome(path=name or str(path), graph=mapped[0].graph, triples=len(quads),
                            warnings=[w for m in mapped for w in m.warnings],
                            issues=tuple(i for r in records for i in r.issues)),
                    records[0].source.sha256, quads)


def prepare(path: Path, *, iris: Iris, name: str | None = None,
            max_size: int = DEFAULT_MAX_SIZE) -> Prepared:
    """Check, read and map one document without touching the store (safe in a worker process).

    What fails inside it is the outcome's ``error``."""
    try:
        _stage(path, "checking the file", lambda: check_input(path, max_size=max_size))
        if path.suffix.lower() == SCDL_SUFFIX:
            return _prepare_scdl(path, iris=iris, name=name)
        record = _stage(path, "extraction", lambda: extract(path, display=name))
        mapped = _stage(path, "mapping", lambda: map_deliberation(record, registry=load_registry(),
                                                                  iris=iris))
    except DocumentError as err:
        return Prepared(Outcome(path=name or str(path), error=str(err), detail=err.detail))
    return Prepared(Outcome(path=name or str(path), graph=mapped.graph, triples=len(mapped.quads),
                            warnings=list(mapped.warnings), issues=record.issues),
                    record.source.sha256, mapped.quads)


def stored_quads(prepared: Prepared, version: Version, *, iris: Iris) -> tuple[str, list[Quad]] | None:
    """The graph a prepared document is stored in and its quads with those of its version, or
    None when it failed."""
    graph = prepared.outcome.graph
    if prepared.outcome.error is not None or graph is None:
        return None
    return graph, [*prepared.quads, *version.quads(graph, prepared.sha256, iris)]


def write(prepared: Prepared, store: KnowledgeStore, *, iris: Iris,
          version: Version | None = None) -> Outcome:
    """Store a prepared document: its graph and version replace the old ones in one call."""
    stored = stored_quads(prepared, version or Version(stored=None, generated=_now()), iris=iris)
    if stored is not None:
        store.replace_graph(*stored)
    return prepared.outcome


def ingest_scdl(path: Path, store: KnowledgeStore, *, iris: Iris, name: str | None = None,
                version: Version | None = None) -> Outcome:
    """An SCDL deliberations CSV: its rows' records mapped into the file's one graph."""
    try:
        prepared = _prepare_scdl(path, iris=iris, name=name)
    except DocumentError as err:
        return Outcome(path=name or str(path), error=str(err), detail=err.detail)
    return write(prepared, store, iris=iris, version=version)


def ingest(path: Path, store: KnowledgeStore, *, iris: Iris, name: str | None = None,
           version: Version | None = None, max_size: int = DEFAULT_MAX_SIZE) -> Outcome:
    """Read, map and store one document under ``name`` (its identity; default: its path).

    What fails inside it is the outcome's ``error``."""
    return write(prepare(path, iris=iris, name=name, max_size=max_size), store, iris=iris,
                 version=version)


def _prepare_serialized(path: Path, iris: Iris, name: str, max_size: int, version: Version,
                        predicates: tuple[str, ...]) -> tuple[Outcome, Serialized | None]:
    """In a worker process: read and map one document, and serialize its graph for the store
    (:class:`kg.store.Serialized`), so that the writing process does no work per quad (sending
    quads back as Python objects made ``--jobs 2`` slower than one process)."""
    prepared = prepare(path, iris=iris, name=name, max_size=max_size)
    stored = stored_quads(prepared, version, iris=iris)
    if stored is None:
        return prepared.outcome, None
    graph, quads = stored
    try:
        content = _stage(path, "serializing", lambda: Serialized.of(graph, quads, predicates))
    except DocumentError as err:
        return Outcome(path=name, error=str(err), detail=err.detail), None
    return prepared.outcome, content


IN_FLIGHT = 4  # documents read ahead per worker process: bounds the mapped documents waiting


BATCH_QUADS = 400_000  # quads of new documents written at once (well under the bulk loader's
# own batch of 1,000,000, so that one batch is one ingestion: all its graphs, or none). The
# writer is what a build waits for (on 3,000 generated documents with --jobs 2, 125 s of loads
# in 144 s): fewer, larger ingestions leave RocksDB less to compact. 3,000 documents built in
# 120-146 s against 124-155 s with batches of 200,000 quads every 4 s (three runs each), for
# 890 MB of peak memory against 550 MB: still under pyoxigraph's own bulk load (1.5-2 GB)
BATCH_SECONDS = 10.0  # and at least this often, so that progress and readers keep up


class _Batch:
    """Documents waiting to be written, in order: a store that can (``stage_graphs``) takes the
    graphs of new documents a batch at a time, its bulk loads running in a writer thread while
    the next documents are read and mapped (one batch in flight); any other store, one document
    at a time. ``progress`` hears of each document once it is stored."""

    def __init__(self, store: KnowledgeStore, *,
                 progress: Callable[[int, int, Outcome], None] | None, total: int) -> None:
        self.store, self.progress, self.total = store, progress, total
        self.stage = getattr(store, "stage_graphs", None)
        self.outcomes: list[Outcome] = []
        self._waiting: list[tuple[int, Outcome]] = []
        self._graphs: list[tuple[str, Content]] = []
        self._quads = 0
        self._since = time.monotonic()
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="tkg-writer") if self.stage else None
        self._loading: Future[None] | None = None
        self._loaded: list[tuple[int, Outcome]] = []  # the documents of the batch in flight

    def add(self, n: int, outcome: Outcome, graph: str | None = None,
            content: Content | None = None) -> None:
        if graph is not None and content is not None:
            if self.stage is None:
                self.store.replace_graph(graph, content.quads() if isinstance(content, Serialized)
                                         else content)
            else:
                if not self._graphs:
                    self._since = time.monotonic()
                self._graphs.append((graph, content))
                self._quads += outcome.triples if isinstance(content, Serialized) else len(content)
        self._waiting.append((n, outcome))
        if self._loading is not None and self._loading.done():
            self._finish()  # the batch in flight is stored: say so now
        if (self._quads >= BATCH_QUADS or not self._graphs
                or time.monotonic() - self._since >= BATCH_SECONDS):
            self.flush()

    def flush(self) -> None:
        """Wait for the batch in flight, then send this one (or report documents that wrote
        nothing)."""
        self._finish()
        if self._graphs:
            assert self.stage is not None and self._writer is not None
            load = self.stage(self._graphs)
            self._graphs, self._quads = [], 0
            self._loading, self._loaded = self._writer.submit(load), self._waiting
        else:
            self._report(self._waiting)
        self._waiting = []

    def close(self) -> None:
        """Write what is left and wait for it."""
        self.flush()
        self._finish()
        self.stop()

    def stop(self) -> None:
        """Let the batch in flight end (a store is never closed under a bulk load) and stop the
        writer. Idempotent; on an error, the error raised is the first one."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None

    def _finish(self) -> None:
        if self._loading is not None:
            loading, self._loading = self._loading, None
            loading.result()  # the writer's error, if any, is raised here
            self._report(self._loaded)
            self._loaded = []

    def _report(self, done: list[tuple[int, Outcome]]) -> None:
        for n, outcome in done:
            self.outcomes.append(outcome)
            if self.progress:
                self.progress(n, self.total, outcome)


GC_YOUNG = 100_000  # allocations between two collections of Python's youngest generation,
# during a build (Python's default: 700)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector, for the length of a build: what is loaded before (the
    registry, the modules) frozen out of its reach, and the youngest generation collected every
    :data:`GC_YOUNG` allocations. A build makes hardly any cycles, while each document makes
    tens of thousands of objects, so the collector kept walking the same live objects for
    nothing: 9,815 collections freed 4,163 objects in a build of 1,000 generated documents, and
    took 5.0 s of its 33 s. The settings before are restored after."""
    threshold = _collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _collect_less() -> tuple[int, int, int]:
    """Freeze what is loaded and collect the youngest generation every :data:`GC_YOUNG`
    allocations; the thresholds before."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_YOUNG, *threshold[1:])
    return threshold


def _worker_started() -> None:
    """A worker process of ``tkg build --jobs``: the collector as in :func:`fewer_collections`
    (the process lives as long as the build)."""
    _collect_less()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def build(paths: list[Path], store: KnowledgeStore, *, iris: Iris, root: Path | None = None,
          prune: bool = False, progress: Callable[[int, int, Outcome], None] | None = None,
          max_size: int = DEFAULT_MAX_SIZE, jobs: int = 1) -> list[Outcome]:
    """Ingest the documents under ``paths``; ``progress`` hears of each as soon as it is stored.

    With ``jobs`` > 1, documents are read and mapped in that many worker processes and written
    by this one, in the same order: the store ends as after a serial build.

    With ``prune``, first remove the stored documents whose source file is gone from the
    folders given (``progress`` hears of each with ``n`` 0). Documents are
    named relative to ``root`` (default: the current folder)."""
    files = list(documents(paths))
    root = root or Path.cwd()
    held = (stored_documents(store) if prune or len(files) > FEW
            else stored_for(store, files, root=root, max_size=max_size))
    todo = plan(files, root=root, stored=held, prune=paths if prune else None,
                max_size=max_size)
    outcomes = []
    for d in todo.pruned:
        store.remove_graph(d.graph)
        outcomes.append(Outcome(path=d.path or d.graph, note="removed: its source is gone"))
        if progress:  # n = 0: not one of the files read
            progress(0, len(files), outcomes[-1])
    for d in todo.superseded:
        store.remove_graph(d.graph)
    generated = _now()
    fresh = [p for p in files if p not in todo.duplicates]
    pool = None
    if jobs > 1 and len(fresh) > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_started)
        predicates = getattr(store, "kept", None) or ()
        ready = in_order(pool, _prepare_serialized, [
            (p, iris, todo.identities[p], max_size,
             Version(stored=todo.stored.get(todo.identities[p]), generated=generated), predicates)
            for p in fresh], window=jobs * IN_FLIGHT)
    batch = _Batch(store, progress=progress, total=len(files))
    with fewer_collections():
        try:
            for n, path in enumerate(files, start=1):
                name = todo.identities[path]
                if path in todo.duplicates:
                    batch.add(n, Outcome(path=name, note=f"same content as {todo.duplicates[path]}, skipped"))
                    continue
                if pool is not None:
                    outcome, content = next(ready)
                    batch.add(n, outcome, outcome.graph if content is not None else None, content)
                    continue
                prepared = prepare(path, iris=iris, name=name, max_size=max_size)
                stored = stored_quads(prepared, Version(stored=todo.stored.get(name), generated=generated),
                                      iris=iris)
                batch.add(n, prepared.outcome, *(stored or (None, None)))
            batch.close()
            compact = getattr(store, "compact", None)
            if compact is not None:
                compact()
        finally:
            batch.stop()
            if pool is not None:
                pool.shutdown(cancel_futures=True)
    outcomes.extend(batch.outcomes)
    return outcomes
