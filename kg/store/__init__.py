"""One small Store protocol, and the embedded Oxigraph store behind it.

The default graph of every query is the union of the named graphs (one per
source document, plus the reference graph). Oxigraph keeps duplicates across
graphs in that union, so queries that add numbers select ``DISTINCT`` facts
first. A query that names its own dataset (``FROM``, ``FROM NAMED``) gets that
dataset instead.

On disk, one process writes at a time (:class:`~kg.store.lock.WriteLock`) and
any number read: readers open the store read-only, so they neither wait for a
build nor block one.

>>> from pyoxigraph import NamedNode, Quad, Literal
>>> s = OxigraphStore()
>>> g = "https://example.org/g"
>>> s.replace_graph(g, [Quad(NamedNode("https://example.org/a"), NamedNode("https://example.org/p"),
...                          Literal("x"), NamedNode(g))])
>>> s.count(), [r["o"] for r in s.select("SELECT ?o { ?s ?p ?o }")]
(1, ['x'])
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import IO, Protocol

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
    serialize,
)

from kg.concurrency import in_order
from kg.errors import TkgError
from kg.mapping.vocab import PREFIXES
from kg.resources import sparql
from kg.store import facts as facts_folder
from kg.store.facts import FactsKeeper, bulk_nquads, distinct_lines
from kg.store.lock import LOCK_NAME, StoreBusyError, WriteLock
from kg.store.sparqltext import has_dataset_clause, outer_brace

Term = NamedNode | BlankNode | Literal

FORMATS = {
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
}
FLUSH_EVERY = 2.0  # seconds between flushes while writing: readers opening meanwhile replay less
COPY_CHUNK = 8_000_000  # bytes of N-Triples loaded at a time into a working copy
COPY_THREADS = 2  # graphs read at once while copying (the copy is I/O and decoding, in Rust)
COMPACT_AFTER = 8  # bulk-loaded batches after which a build compacts the store
READ_ONLY_TRIES = 10  # a reader opening while a build compacts may find a file just replaced


class StoreError(TkgError):
    """The store cannot be opened, read or written."""


@dataclass(frozen=True, slots=True)
class Results:
    """A SELECT result: variables in order and rows of RDF terms (``None`` when unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def __iter__(self):  # type: ignore[no-untyped-def]
        for row in self.rows:
            yield {v: (t.value if t is not None else None) for v, t in zip(self.variables, row, strict=True)}


class KnowledgeStore(Protocol):
    """What the pipeline needs of a store; embedded and remote stores implement it."""

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None: ...
    def remove_graph(self, graph: str) -> None: ...
    def graphs(self) -> list[str]: ...
    def graph_count(self) -> int: ...
    def count(self) -> int: ...
    def select(self, query: str, *, bindings: Mapping[str, Term] | None = None) -> Results: ...
    def dump(self, out: IO[bytes], *, fmt: RdfFormat) -> None: ...
    def close(self) -> None: ...


def results(solutions: QuerySolutions) -> Results:
    variables = tuple(v.value for v in solutions.variables)
    rows = tuple(tuple(s[v] for v in variables) for s in solutions)
    return Results(variables=variables, rows=rows)


def is_store(path: Path) -> bool:
    """Whether ``path`` is a folder holding an Oxigraph (RocksDB) store."""
    return (path / "CURRENT").is_file()


_ROCKSDB_FILE = re.compile(r"CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+"
                           r"|\d+\.(log|sst|blob|dbtmp)")
CREATING = ".tkg-creating"  # a new store is made here, then moved into its folder
_STORE_FILE = re.compile(f"{_ROCKSDB_FILE.pattern}|{re.escape(LOCK_NAME)}|{re.escape(CREATING)}"
                         f"|{re.escape(facts_folder.FOLDER)}")


def _foreign_files(path: Path) -> list[str]:
    """Files in ``path`` that a store does not write (a mistyped ``--store``, a documents folder);
    none for a store, whatever else its folder holds."""
    if not path.is_dir() or is_store(path):
        return []
    return sorted(p.name for p in path.iterdir() if not _STORE_FILE.fullmatch(p.name))


def require_store(path: Path) -> None:
    """Raise :class:`StoreError` unless ``path`` holds a store, rather than creating an empty one."""
    if not is_store(path):
        raise StoreError(f"no store at {path}: run tkg build first (or give --store)")


def _open_read_only(path: Path) -> Store:
    require_store(path)
    for attempt in range(READ_ONLY_TRIES):
        try:
            return Store.read_only(str(path))
        except OSError as err:
            if attempt == READ_ONLY_TRIES - 1:
                raise StoreError(f"{path}: cannot open the store for reading ({err})") from None
            time.sleep(0.05 * (attempt + 1))  # a file the writer just replaced: look again
        except RuntimeError as err:  # RocksDB's or Oxigraph's own refusal: not a store it can read
            raise StoreError(f"{path}: cannot open the store for reading ({err}): it is "
                             "incomplete or damaged; if its first build was interrupted, "
                             "tkg build on it again completes it") from None
    raise AssertionError("unreachable")


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def release_freed_memory() -> None:
    """Give the heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    A store's caches are freed when it closes, but into the arena of the thread that closed it,
    where other threads (the rules' queries run in a pool) cannot reuse them: freed and not
    returned, they still count in the process's memory."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int | None:
    """The process's resident memory now (``/proc/self/statm``), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


_named_graph_count = facts_folder.graph_count


def _create(path: Path) -> None:
    """Make a new, empty store in ``path`` (which holds no store), atomically.

    RocksDB writes ``CURRENT`` first and its column families after: a process killed in
    between leaves a folder that looks like a store and cannot be read. So the store is made
    in the subfolder :data:`CREATING`, closed, and its files moved up, ``CURRENT`` last. A
    creation killed before that last move left the subfolder behind, and the store files next
    to it are its own: they are removed and the store made again.
    """
    scratch = path / CREATING
    if scratch.exists():
        for leftover in path.iterdir():
            if _ROCKSDB_FILE.fullmatch(leftover.name):
                leftover.unlink()
        shutil.rmtree(scratch)
    store = Store(str(scratch))
    store.flush()
    del store  # closes the database, so that its files can move
    files = sorted(scratch.iterdir(), key=lambda f: f.name == "CURRENT")
    for file in files:
        os.replace(file, path / file.name)
    scratch.rmdir()


def _ntriples(name: str, t: Term) -> str:
    if isinstance(t, BlankNode):
        raise StoreError(f"parameter {name}: a blank node cannot be bound as a parameter")
    return str(t)  # pyoxigraph writes terms in their N-Triples form, escaped


def inject_values(query: str, bindings: Mapping[str, Term]) -> str:
    """``query`` with one ``VALUES`` row binding each variable to its term."""
    if not bindings:
        return query
    for name in bindings:
        if not re.fullmatch(r"\w+", name):
            raise StoreError(f"{name!r} is not a SPARQL variable name")
    head = " ".join(f"?{n}" for n in bindings)
    row = " ".join(_ntriples(n, t) for n, t in bindings.items())
    brace = outer_brace(query)
    if brace < 0:
        raise StoreError("the query has no group pattern to bind parameters in")
    at = brace + 1
    return f"{query[:at]} VALUES ({head}) {{ ({row}) }}{query[at:]}"


def replace_update(graph: str, quads: Iterable[Quad]) -> str:
    """The SPARQL update that drops ``graph`` and inserts ``quads`` into it, as one operation."""
    triples = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b""
    return Template(sparql("replace-graph.ru")).substitute(
        graph=str(NamedNode(graph)), triples=triples.decode("utf-8"))


def _load(store: Store, data: bytes, graph: NamedNode | DefaultGraph, *, bulk: bool) -> None:
    """Add N-Triples ``data`` to ``graph``: by the bulk loader (one batch, atomic) or in one
    transaction. Loading renames blank nodes, so data that has some is parsed instead, which
    keeps them (and makes a Python object of each triple)."""
    if b"_:" in data:
        quads = [Quad(t.subject, t.predicate, t.object, graph)
                 for t in parse(data, RdfFormat.N_TRIPLES)]
        if bulk:
            store.bulk_extend(quads)
        else:
            store.extend(quads)
    elif bulk:  # lenient: ``data`` is pyoxigraph's own serialization (see bulk_nquads)
        store.bulk_load(data, RdfFormat.N_TRIPLES, to_graph=graph, lenient=True)
    else:
        store.load(data, RdfFormat.N_TRIPLES, to_graph=graph)


def _copy_graphs(source: Store, into: Store, graphs: Sequence[NamedNode | BlankNode],
                 predicates: Sequence[str] | None, *, bulk: bool) -> None:
    """Add the triples of ``graphs`` of ``source`` (only those of ``predicates`` when given) to
    the default graph of ``into``, each once.

    Each graph's triples come out as N-Triples (a ``CONSTRUCT`` per graph, in
    :data:`COPY_THREADS` threads: pyoxigraph releases the GIL while it reads) and go in
    :data:`COPY_CHUNK` bytes at a time, through the bulk loader when ``bulk``, with no Python
    object per triple. The predicates are joined by ``VALUES``, which reads each of them from
    the graph's index: a quarter faster than testing every triple with ``IN``.
    """
    values = "" if predicates is None else "VALUES ?p { " + " ".join(f"<{p}>" for p in predicates) + " } "
    template = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH %s { " + values + "?s ?p ?o } }"

    def triples(graph: NamedNode | BlankNode) -> bytes:
        out = source.query(template % graph)
        assert isinstance(out, QueryTriples)
        return out.serialize(format=RdfFormat.N_TRIPLES) or b""

    with ThreadPoolExecutor(COPY_THREADS) as pool:
        _load_chunks(into, in_order(pool, triples, ((g,) for g in graphs),
                                    window=2 * COPY_THREADS), bulk=bulk)


def _load_chunks(into: Store, parts: Iterable[bytes], *, bulk: bool,
                 each: Callable[[bytes], bytes] = lambda data: data) -> None:
    """Add the N-Triples ``parts`` to the default graph of ``into``, :data:`COPY_CHUNK` bytes
    at a time (each chunk through ``each`` first)."""
    chunk: list[bytes] = []
    size = 0
    for data in parts:
        chunk.append(data)
        size += len(data)
        if size >= COPY_CHUNK:
            _load(into, each(b"".join(chunk)), DefaultGraph(), bulk=bulk)
            chunk, size = [], 0
    if size:
        _load(into, each(b"".join(chunk)), DefaultGraph(), bulk=bulk)


def _nothing() -> None:
    return None


def both(first: Callable[[], object], second: Callable[[], object]) -> None:
    """Run ``first`` here and ``second`` in a thread, at once (for calls into pyoxigraph, which
    release the GIL); wait for both, then raise the first error, if any."""
    with ThreadPoolExecutor(1, thread_name_prefix="tkg-both") as pool:
        other = pool.submit(second)
        try:
            first()
        finally:
            other.exception()  # waits: a store is never closed under a load
        other.result()


def _in_graphs(graphs: Sequence[tuple[str, Sequence[Quad]]]) -> Iterator[Quad]:
    """The quads of each graph, in that graph."""
    for graph, quads in graphs:
        name = NamedNode(graph)
        for q in quads:
            yield q if q.graph_name == name else Quad(q.subject, q.predicate, q.object, name)


@dataclass(frozen=True, slots=True)
class Serialized:
    """A new document's graph serialized where it was mapped (a worker process of ``tkg build
    --jobs``), so that the writing process does no work per quad: the graph's quads as N-Quads,
    and the triples of ``predicates`` (the facts the store keeps, :attr:`OxigraphStore.kept`)
    as N-Triples."""

    nquads: bytes
    facts: bytes
    predicates: tuple[str, ...]

    @classmethod
    def of(cls, graph: str, quads: Sequence[Quad], predicates: Sequence[str]) -> Serialized:
        return cls(nquads=serialize(_in_graphs([(graph, quads)]), format=RdfFormat.N_QUADS) or b"",
                   facts=facts_folder.fact_triples(quads, predicates),
                   predicates=tuple(predicates))

    def quads(self) -> list[Quad]:
        return list(parse(self.nquads, RdfFormat.N_QUADS))


Content = Sequence[Quad] | Serialized  # a graph to write: its quads, or serialized


def _keeper_copy(source: Store, into: Store, graphs: Sequence[NamedNode], predicates: Sequence[str]) -> None:
    """The facts folder's share of ``graphs`` of ``source`` (:func:`kg.store.facts.graph_facts`,
    spans summarized as the build writes them), bulk-loaded :data:`COPY_CHUNK` bytes at a
    time: a store built before its folder was kept, or graphs a killed build left out."""
    _load_chunks(into, (facts_folder.fact_triples(source.quads_for_pattern(None, None, None, g),
                                                  predicates) for g in graphs),
                 bulk=True, each=distinct_lines)


class OxigraphStore:
    """Oxigraph through pyoxigraph: on disk when given a folder, else in memory (for tests).

    On disk, a read-write store holds the store's write lock until :meth:`close`; a
    ``read_only`` one needs an existing store and takes no lock.
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False,
                 command: str = "tkg") -> None:
        self.path = path
        self.working_directory: Path | None = None  # a working copy's folder (no lock)
        self._ingested = 0  # bulk-loaded batches since the last compaction
        self.union = True  # the default graph of queries is the union of the named graphs
        self.read_only = read_only
        self._lock: WriteLock | None = None
        self._flushed = time.monotonic()
        self._facts: FactsKeeper | None = None  # the distinct facts kept for validation
        self._opened_as: facts_folder.Fingerprint | None = None  # the files a reader opened
        self._folder: Path | None = None  # the folder those files are in (see reopen)
        if path is None:
            self._store = Store()
        elif read_only:
            before = facts_folder.fingerprint(path)
            self._store = _open_read_only(path)
            if before is not None and facts_folder.fingerprint(path) == before:
                self._opened_as, self._folder = before, path  # unchanged while it opened
        else:
            self._store, sealed = self._open_for_writing(path, command)
            self._facts = FactsKeeper(path / facts_folder.FOLDER, self._store, _keeper_copy,
                                      sealed=sealed)

    def _open_for_writing(self, path: Path, command: str) -> tuple[Store, bool]:
        """The store, and whether both it and its kept facts were as the last build sealed them
        (read before the seal is removed)."""
        foreign = _foreign_files(path)
        if foreign:
            raise StoreError(f"{path}: not a store, it holds other files ({', '.join(foreign[:3])}"
                             f"{', …' if len(foreign) > 3 else ''}); give --store a new folder "
                             "or an existing store")
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._lock = WriteLock.acquire(path, command=command)
            if not is_store(path):
                _create(path)
            elif (path / CREATING).exists():
                shutil.rmtree(path / CREATING)  # a creation killed after its last move
            sealed = facts_folder.in_seal(path)
            facts_folder.unseal(path)  # before anything is written
            return Store(str(path)), sealed
        except StoreBusyError as err:
            raise StoreError(str(err)) from None
        except (OSError, RuntimeError) as err:  # RuntimeError: RocksDB refuses the folder
            if self._lock is not None:
                self._lock.release()
            raise StoreError(f"{path}: cannot open the store ({err})") from None

    def distinct_facts(self, *, predicates: Iterable[str] | None = None,
                       directory: Path | None = None) -> OxigraphStore:
        """A working store whose default graph holds each triple of this store's named graphs
        once, however many graphs state it; its queries read that default graph. With
        ``predicates``, only the triples of those predicates: what the caller's queries read.

        Joins over the union repeat a fact once per graph stating it, so a pattern of ``n``
        facts each stated by ``k`` documents gives k**n solutions before ``DISTINCT``: rules that
        join run over these facts instead (:mod:`kg.validate.detect`).

        The copy is in memory, or on disk in ``directory`` (a new folder, which the caller
        removes): there its memory is RocksDB's, bounded whatever the size of the corpus. Each
        named graph's triples come out as N-Triples (a ``CONSTRUCT`` per graph, in
        :data:`COPY_THREADS` threads: pyoxigraph releases the GIL while it reads) and go in
        :data:`COPY_CHUNK` bytes at a time, through the bulk loader on disk, with no Python
        object per triple.
        """
        facts = OxigraphStore.working(directory)
        named = None if predicates is None else sorted(set(predicates))
        if named == []:
            return facts
        _copy_graphs(self._store, facts._store, list(self._store.named_graphs()), named,
                     bulk=directory is not None)
        if directory is not None:
            facts._store.optimize()  # one set of files to read, not one per chunk (see compact)
        return facts

    def reopen(self) -> None:
        """Close a read-only store on disk (or the sealed facts a build kept,
        :meth:`kept_facts`) and open it again, letting go of what RocksDB holds for the files
        read so far: the index and filter blocks of each file, and a block cache per column
        family (RocksDB sizes them itself; pyoxigraph sets neither). Looking up the sources of
        1,893 offences in a store of 10,000 generated documents, they grew by 80 MB
        (:func:`kg.validate.detect.run_rules` reopens both as they grow).

        Nothing happens for any other store, nor when the store's files changed since it was
        opened (a build wrote meanwhile): it keeps reading the state it opened. The handle is
        closed before the new one opens, so that both are never held at once (13 MB at 10,000
        documents); a query still reading the old one keeps it open until it ends."""
        folder = self._folder
        if not self.read_only or folder is None or self._opened_as is None:
            return
        if facts_folder.fingerprint(folder) != self._opened_as:
            return
        self._store = Store()  # nothing held meanwhile (and, should the folder be gone, this
        release_freed_memory()  # object still closes after the error)
        try:
            self._store = _open_read_only(folder)
        except StoreError as err:
            raise StoreError(f"{folder}: removed or replaced while it was read, cannot open it "
                             f"again ({err}); run the command again") from None

    def keep_facts(self, predicates: Iterable[str]) -> None:
        """Keep the distinct facts of ``predicates`` in the store's folder, from now on, for
        validation to read (:mod:`kg.store.facts`); a store in memory keeps none."""
        if self._facts is not None:
            self._facts.keep(predicates, create=_create)

    def kept_facts(self, predicates: Iterable[str]) -> OxigraphStore | None:
        """The distinct facts the build kept (:meth:`keep_facts`), read-only, when they hold
        ``predicates`` and are up to date with the store; else None."""
        if self._facts is not None:  # open for writing: the facts the build keeps up to date
            live = self._facts.facts
            if live is None or not self._facts.up_to_date(predicates=predicates):
                return None
            facts = OxigraphStore.working()
            facts._store, facts.read_only = live, True  # closing it leaves the keeper's open
            return facts
        if self.path is None or not is_store(folder := self.path / facts_folder.FOLDER):
            return None
        if self._opened_as is None or facts_folder.fingerprint(self.path) != self._opened_as:
            return None  # written since this reader opened it: the facts may be newer than it
        sealed = self._sealed_facts(folder, predicates)
        if sealed is not None:
            return sealed
        # Unsealed (a build killed before its end, a store written by another program):
        # whether they are up to date is read from every graph name of both stores. Each name
        # decoded brings a block of the store's strings into a cache that Oxigraph gives up to
        # 128 MB and that lives as long as the store is open (92 MB for both at 10,000
        # documents): the names are read through handles of their own (the store's files are
        # those this reader opened, checked before and after), closed before the rules run.
        try:
            probe, names = Store.read_only(str(folder)), Store.read_only(str(self.path))
            fresh = facts_folder.usable(probe, predicates=predicates, graphs=(
                g.value for g in names.named_graphs() if isinstance(g, NamedNode)))
            graphs = _named_graph_count(names)
            del probe, names
            release_freed_memory()  # else the rules' threads could not reuse what they held
            if (not fresh or _named_graph_count(self._store) != graphs
                    or facts_folder.fingerprint(self.path) != self._opened_as):
                return None  # (or the store this one reads was written since it was opened)
            kept = Store.read_only(str(folder))
        except (OSError, RuntimeError):
            return None  # being made or dropped by a build: validation copies the facts itself
        if facts_folder.held_count(kept) != (graphs, False):
            return None  # a build wrote them since they were looked at
        facts = OxigraphStore.working()
        facts._store, facts.read_only = kept, True
        return facts

    def _sealed_facts(self, folder: Path, predicates: Iterable[str]) -> OxigraphStore | None:
        """The kept facts without a graph name read (:func:`kg.store.facts.seal`): when this
        reader opened the store in the state a build sealed, and the facts folder is still in
        the state sealed with it; else None (the caller compares the names)."""
        seal = facts_folder.sealed(self.path) if self.path is not None else None
        if seal is None or seal[0] != self._opened_as:
            return None
        try:
            kept = Store.read_only(str(folder))
        except (OSError, RuntimeError):
            return None
        if (facts_folder.fingerprint(folder) != seal[1]
                or not set(predicates) <= facts_folder.kept_predicates(kept)
                or facts_folder.held_count(kept) != (_named_graph_count(self._store), False)):
            return None
        facts = OxigraphStore.working()
        facts._store, facts.read_only = kept, True
        facts._opened_as, facts._folder = seal[1], folder  # the sealed files: may reopen
        return facts

    @classmethod
    def working(cls, directory: Path | None = None) -> OxigraphStore:
        """An empty store for a working copy, in memory or in the new folder ``directory``,
        whose queries read its default graph (no lock: nobody else opens it)."""
        facts = cls()
        facts.union = False
        if directory is not None:
            facts._store = Store(str(directory))
            facts.working_directory = directory
        return facts

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace one named graph in one transaction, so a process killed meanwhile leaves
        the old graph or the new one: a graph the store does not hold yet (every document of a
        first build) is inserted by one transactional ``extend``; one it holds is dropped and
        inserted again by a single SPARQL update. The update goes through the SPARQL parser and
        takes about twice as long (3.5 s against 1.7 s for the 62,000 quads of the reference
        graph on disk).

        The quads are all built before, so a document that fails to extract or map never
        touches the store. Oxigraph persists in the background; the store flushes every
        couple of seconds (flushing after every graph made loading 1.7x slower), so that a
        reader opening during a build has little of the log to replay.
        """
        name = NamedNode(graph)
        quads = list(quads)
        if self._store.contains_named_graph(name):
            only = self._facts.replacing(graph) if self._facts else []
            self._store.update(replace_update(graph, quads))
            if self._facts:
                self._facts.replaced(graph, only, quads)
        else:
            self._store.extend(Quad(q.subject, q.predicate, q.object, name) for q in quads)
            if self._facts:
                self._facts.added([(graph, quads)])
        if self.path is not None and time.monotonic() - self._flushed > FLUSH_EVERY:
            self._store.flush()
            self._flushed = time.monotonic()

    def write_graphs(self, graphs: Sequence[tuple[str, Content]]) -> None:
        """Write several documents' graphs: those the store does not hold yet together, through
        the bulk loader, and each one it holds by :meth:`replace_graph`.

        The bulk loader sorts the quads and adds them as files: a third of the time of a
        transactional insert (3.3 s against 11.9 s for the 464,000 quads of 200 generated
        documents). Its input is one batch of it (the caller keeps batches well under its
        1,000,000 quads), so its files go in by one RocksDB ingestion, atomic across the
        indexes: a process killed meanwhile leaves every graph of the batch or none
        (``tests/store/test_faults.py``).
        """
        self.stage_graphs(graphs)()

    @property
    def kept(self) -> tuple[str, ...] | None:
        """The predicates whose facts the store keeps (:meth:`keep_facts`), or None."""
        if self._facts is None or self._facts.facts is None:
            return None
        return self._facts.predicates

    def stage_graphs(self, graphs: Sequence[tuple[str, Content]]) -> Callable[[], None]:
        """:meth:`write_graphs` in two steps. Now, what needs Python: each graph the store
        holds is replaced, and the new ones are serialized (N-Quads, and the facts kept for
        validation), unless they come :class:`Serialized`. The returned function does the
        rest, the bulk loads, which release the GIL: ``tkg build`` runs it in a thread while it
        maps the next documents. Call it before staging anything else."""
        fresh: list[tuple[str, Sequence[Quad]]] = []
        ready: list[tuple[str, Serialized]] = []
        for graph, content in graphs:
            held = self._store.contains_named_graph(NamedNode(graph))
            if isinstance(content, Serialized):
                if not held and (self._facts is None or self._facts.facts is None
                                 or content.predicates == self._facts.predicates):
                    ready.append((graph, content))
                    continue
                content = content.quads()  # replaced, or other facts kept: as quads
            if held:
                self.replace_graph(graph, content)
            else:
                fresh.append((graph, content))
        if not fresh and not ready:
            return _nothing
        data = b"".join([serialize(_in_graphs(fresh), format=RdfFormat.N_QUADS) or b"",
                         *(c.nquads for _, c in ready)])
        kept = None
        if self._facts is not None and self._facts.facts is not None:
            kept = distinct_lines(b"".join([self._facts.staged(fresh) or b"",
                                            *(c.facts for _, c in ready),
                                            self._facts.held(g for g, _ in ready)]))
        self._ingested += 1
        store, keeper = self._store, self._facts

        def load() -> None:
            try:
                bulk_nquads(store, data)
                if kept is not None and keeper is not None and keeper.facts is not None:
                    bulk_nquads(keeper.facts, kept)
            except BaseException:
                if keeper is not None:
                    keeper.lost()
                raise

        return load

    def compact(self) -> None:
        """Compact the store after bulk writes (:meth:`write_graphs`). Each batch is added as
        files of its own; until RocksDB merges them, every read looks through all of them: on
        3,000 generated documents just built, ``tkg validate`` took 167.7 s before and 77.7 s
        after a compaction of 12 s. A few batches (adding a document or two to a large store)
        are left to RocksDB's own background compaction: compacting a whole store for them
        would cost more than they do."""
        if self._ingested >= COMPACT_AFTER:
            if self._facts:  # both at once: RocksDB compacts each store in one thread
                both(self._store.optimize, self._facts.optimize)
            else:
                self._store.optimize()
            self._ingested = 0

    def add(self, quads: Iterable[Quad]) -> None:
        """Insert ``quads`` as they are, in one transaction, replacing nothing: for working
        copies in memory (:mod:`kg.validate.incremental`), not for documents' graphs."""
        if self._facts:
            self._facts.invalidate()
        self._store.extend(quads)

    def remove_graph(self, graph: str) -> None:
        g = NamedNode(graph)
        if self._store.contains_named_graph(g):
            only = self._facts.replacing(graph) if self._facts else []
            self._store.remove_graph(g)
            if self._facts:
                self._facts.replaced(graph, only, None)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def graph_count(self) -> int:
        """How many named graphs the store holds, without decoding a name (:meth:`graphs` of
        10,000 documents takes 0.05 s)."""
        return _named_graph_count(self._store)

    def holds(self, graph: str, quads: Sequence[Quad]) -> bool:
        """Whether the named graph ``graph`` holds exactly ``quads`` (the reference graph
        mapped again from the same registry: 62,000 quads compared in about 0.2 s, written
        again in about 8 s into a store of 10,000 documents, most of it telling which of its
        kept facts no other graph states). Quads with blank nodes never compare equal: the
        store names its own."""
        name = NamedNode(graph)
        if not self._store.contains_named_graph(name):
            return False
        wanted = {q if q.graph_name == name else Quad(q.subject, q.predicate, q.object, name)
                  for q in quads}
        return set(self._store.quads_for_pattern(None, None, None, name)) == wanted

    def count(self) -> int:
        return len(self._store)

    def solutions(self, query: str, *, bindings: Mapping[str, Term] | None = None) -> QuerySolutions:
        """Evaluate a SELECT over the union of the graphs, or over the dataset the query names."""
        subs: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
            Variable(k): v for k, v in (bindings or {}).items()}
        union = self.union and not has_dataset_clause(query)
        try:
            out = self._store.query(query, use_default_graph_as_union=union, substitutions=subs)
        except SyntaxError as err:
            raise StoreError(f"SPARQL syntax error: {err}") from None
        except RuntimeError as err:
            if not subs or "projection" not in str(err):
                raise
            # pyoxigraph substitutes only selected variables (SEP-0007); bind the others as a
            # remote store does, with a VALUES row, so both stores answer the same query alike.
            out = self._store.query(inject_values(query, bindings or {}),
                                    use_default_graph_as_union=union)
        if not isinstance(out, QuerySolutions):
            raise StoreError("expected a SELECT query")
        return out

    def select(self, query: str, *, bindings: Mapping[str, Term] | None = None) -> Results:
        return results(self.solutions(query, bindings=bindings))

    def construct_ntriples(self, query: str) -> bytes:
        """The triples of a ``CONSTRUCT`` query over the union of the graphs, as N-Triples."""
        out = self._store.query(query, use_default_graph_as_union=True)
        if not isinstance(out, QueryTriples):
            raise StoreError(f"not a CONSTRUCT query: {query[:80]!r}")
        return out.serialize(format=RdfFormat.N_TRIPLES) or b""

    def load_triples(self, data: bytes, graph: NamedNode) -> None:
        """Add N-Triples ``data`` to ``graph`` as they are, in one transaction (for working copies
        in memory, like :meth:`add`)."""
        _load(self._store, data, graph, bulk=False)

    def construct(self, query: str) -> list[Quad]:
        out = self._store.query(query, use_default_graph_as_union=True)
        return [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in out]  # type: ignore[union-attr]

    def dump(self, out: IO[bytes], *, fmt: RdfFormat) -> None:
        """Write the dataset; a format without graphs (Turtle...) gets the union, deduplicated.

        For a store on disk the union is deduplicated by a copy of the distinct triples in a
        temporary folder (``TMPDIR``), not in memory: a set of 20 million Python triples took
        more than 7 GB (10,000 generated deliberations). In memory, the triples are sorted."""
        if fmt.supports_datasets:
            self._store.dump(out, fmt, prefixes=PREFIXES)
            return
        if self.path is None:
            triples = {q.triple for q in self._store.quads_for_pattern(None, None, None)}
            serialize(sorted(triples, key=str), out, fmt, prefixes=PREFIXES)
            return
        with tempfile.TemporaryDirectory(prefix="tkg-export-", ignore_cleanup_errors=True) as tmp:
            try:
                union = self.distinct_facts(directory=Path(tmp) / "union")
            except OSError as err:
                raise StoreError(f"cannot write the union of the graphs in {tmp} ({err}); "
                                 "set TMPDIR to a folder with more room") from None
            try:
                union._store.dump(out, fmt, from_graph=DefaultGraph(), prefixes=PREFIXES)
            finally:
                union.close()

    def close(self) -> None:
        """Flush and close; a build that left the kept facts up to date seals them
        (:func:`kg.store.facts.seal`) once both stores are closed, before its lock is let go."""
        in_step = (self._facts is not None and self.path is not None
                   and self._facts.in_step(_named_graph_count(self._store)))
        if self._facts is not None:
            self._facts.close()
        if not self.read_only:
            self._store.flush()
        del self._store
        if in_step and self.path is not None:
            facts_folder.seal(self.path)
        if self._lock is not None:
            self._lock.release()
            self._lock = None
