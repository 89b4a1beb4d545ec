"""The distinct facts of a store on disk, kept up to date by the build, for validation to read.

Validation's rules join over each fact once, however many documents state it
(:meth:`kg.store.OxigraphStore.distinct_facts`). Copying those facts out of the store is most
of the cost of a validation: Oxigraph decodes every term it writes out (20 s of 24 s on 1,000
generated deliberations). So ``tkg build`` keeps them, in a second Oxigraph store in the
store's folder (:data:`FOLDER`): the triples of the predicates the shapes read, in its default
graph, written with each batch of documents, and ``tkg validate`` reads them there when they are
up to date.

The folder's own named graph :data:`STATE` says what it holds:

- ``<state> tkg-facts:predicate <p>``: the predicates kept;
- ``<graph> tkg-facts:held true``: each document graph whose facts are in;
- ``<state> tkg-facts:dirty true`` while a graph that was in is replaced or removed.

A new document's facts and its ``held`` go in by the same bulk load, so the facts are never
ahead of what ``held`` says. Before a graph the store holds is replaced or removed, the facts
that only it states are listed, the folder is marked dirty, the store written, those facts
removed and the graph's new facts added, then ``dirty`` removed: a process killed in between
leaves the folder dirty, and the next build copies it again. A process killed between a batch
of the store and that of the facts leaves graphs the facts do not hold: the next build adds them.

Validation uses the folder only when it is clean, keeps every predicate the rules read and holds
exactly the store's graphs; otherwise it copies the facts as before.

Telling that it holds exactly the store's graphs means reading every graph name of both stores;
each name decoded brings a block of a store's strings into a cache (92 MB for both at 10,000
documents). So a build that leaves the folder up to date **seals** it (:data:`SEAL`): it writes
down the files of both stores as RocksDB left them (:func:`fingerprint`: every write adds to a
log or a file). A reader whose store was in that state when it opened it, and finds the facts
folder in its sealed state, knows they match without a name; any other reader reads the names
as before. Opening the store for writing removes the seal first, once it has read whether both
stores are as sealed (:func:`in_seal`): then the next build, too, takes the folder as up to date
without reading a name, and counts the graphs it adds and removes from there.

**Spans, summarized.** Each document gives each fact it reads a span: an evidence, its target
and the target's selector (:meth:`kg.mapping.builder.Builder.evidence`), a chain of about ten
triples of the predicates the rules read, per fact and per document. Nine tenths of what the
build kept were such chains (1.1 million of 1.18 million triples at 1,000 generated
documents), though the rules only ask whether a fact has one (the "Source span" and "Members as
in the ANCT list" shapes). So the build keeps, for each document graph (:func:`graph_facts`),
the chains complete in that graph summarized: one chain per (fact, property), the same whatever
document states it, on a node of its own (:data:`SPAN`) that is its own target and selector,
with the classes of the nodes it stands for and offsets 0 and 0; each fact restated by twenty
documents is one chain. A chain that is not complete within its graph is kept as it is. The
rules give the same answers (``tests/store/test_facts.py``), save for a chain whose parts
different graphs state (an evidence naming another document's target): tkg's mapping mints
every evidence, target and selector under its own document, and validation's own copy of the
facts (:meth:`kg.store.OxigraphStore.distinct_facts`) keeps every chain as it is.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse,
    serialize,
)

from kg.mapping.vocab import OA, RDF, TKG, XSD, node

FOLDER = "tkg-facts"
STATE = NamedNode("urn:tkg:facts:state")
PREDICATE = NamedNode("urn:tkg:facts:predicate")
HELD = NamedNode("urn:tkg:facts:held")
DIRTY = NamedNode("urn:tkg:facts:dirty")
TRUE = Literal("true", datatype=node(XSD.boolean))
SEAL = "tkg-sealed.json"  # in the facts folder: both stores' files when the build left it
# RocksDB's data files: what a write changes (its info logs, which even a read-only opening
# rotates, and its lock are left out)
_DATA_FILE = re.compile(r"CURRENT|IDENTITY|MANIFEST-\d+|OPTIONS-\d+|\d+\.(log|sst|blob)")

Fingerprint = tuple[tuple[str, int, int], ...]

SPAN = "urn:tkg:facts:span:"  # + a digest of (fact, property): the node of a summarized chain
_TYPE = node(RDF.type)
_BODY, _PROPERTY, _TARGET = node(OA.hasBody), node(TKG.property), node(OA.hasTarget)
_SOURCE, _SELECTOR, _START, _END = (node(OA.hasSource), node(OA.hasSelector), node(OA.start),
                                    node(OA.end))
_ORDER = (_BODY, _PROPERTY, _TARGET, _SOURCE, _SELECTOR, _START, _END)  # a span's predicates
_ZERO = Literal("0", datatype=node(XSD.integer))
_Term = NamedNode | BlankNode | Literal | Triple


def fingerprint(folder: Path) -> Fingerprint | None:
    """The RocksDB data files of the store in ``folder``: name, size and modification time of
    each; None when the folder cannot be listed."""
    try:
        found = []
        with os.scandir(folder) as entries:
            for entry in entries:
                if _DATA_FILE.fullmatch(entry.name) and entry.is_file():
                    st = entry.stat()
                    found.append((entry.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return None
    return tuple(sorted(found))


def seal(store: Path) -> None:
    """Write down that the facts folder of the store in ``store`` is up to date with it, as both
    are now on disk (the caller has closed both and still holds the write lock)."""
    folder = store / FOLDER
    main, facts = fingerprint(store), fingerprint(folder)
    if main is None or facts is None:
        return
    tmp = folder / f"{SEAL}.tmp"
    tmp.write_text(json.dumps({"store": main, "facts": facts}), encoding="utf-8")
    os.replace(tmp, folder / SEAL)


def in_seal(store: Path) -> bool:
    """Whether the files of both stores are as the last build sealed them: the facts folder
    holds the facts of exactly the store's graphs (read before either is opened for writing)."""
    seal = sealed(store)
    return (seal is not None and fingerprint(store) == seal[0]
            and fingerprint(store / FOLDER) == seal[1])


def unseal(store: Path) -> None:
    """Remove the seal, before anything writes either store."""
    (store / FOLDER / SEAL).unlink(missing_ok=True)


def sealed(store: Path) -> tuple[Fingerprint, Fingerprint] | None:
    """The store's and the facts folder's files as the last build sealed them, or None."""
    try:
        data = json.loads((store / FOLDER / SEAL).read_text(encoding="utf-8"))
        return (tuple(tuple(f) for f in data["store"]),
                tuple(tuple(f) for f in data["facts"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def kept_predicates(store: Store) -> frozenset[str]:
    """The predicates the folder keeps (a handful of quads: no graph name read)."""
    return frozenset(q.object.value for q in store.quads_for_pattern(STATE, PREDICATE, None, STATE)
                     if isinstance(q.object, NamedNode))


def state(store: Store) -> tuple[frozenset[str], frozenset[str], bool]:
    """The predicates kept, the graphs held and whether the folder is dirty."""
    predicates, held, dirty = set(), set(), False
    for q in store.quads_for_pattern(None, None, None, STATE):
        if q.predicate == PREDICATE and isinstance(q.object, NamedNode):
            predicates.add(q.object.value)
        elif q.predicate == HELD and isinstance(q.subject, NamedNode):
            held.add(q.subject.value)
        elif q.predicate == DIRTY:
            dirty = True
    return frozenset(predicates), frozenset(held), dirty


def count_of(store: Store, query: str) -> int:
    """The ``?n`` of a ``SELECT (COUNT(…) AS ?n)`` over ``store``: Oxigraph counts encoded
    terms, without decoding a name."""
    solutions = store.query(query)
    assert isinstance(solutions, QuerySolutions)
    return int(next(iter(solutions))["n"].value)


def graph_count(store: Store) -> int:
    """How many named graphs ``store`` holds, counted without decoding their names."""
    return count_of(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { } }")


def held_count(store: Store) -> tuple[int, bool]:
    """How many graphs the folder holds, and whether it is dirty, as :func:`state` says them
    without decoding a graph's name (a read-only store checks that they did not change since
    :func:`state` was read from another handle)."""
    count = count_of(
        store, f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH {STATE} {{ ?g {HELD} ?t }} }}")
    dirty = bool(store.query(f"ASK {{ GRAPH {STATE} {{ {STATE} {DIRTY} ?d }} }}"))
    return count, dirty


def bulk_nquads(store: Store, data: bytes) -> None:
    """Bulk-load N-Quads (one batch of the loader: one ingestion). Loading renames blank
    nodes, so data that has some is parsed and added as quads instead.

    ``data`` is always this program's own serialization of pyoxigraph terms, whose IRIs and
    language tags were checked when the terms were made: the loader reads it ``lenient``,
    without checking them again (on the 20.6 million quads of 10,000 generated documents, in
    batches as a build loads them: 220 s against 239 s)."""
    if b"_:" in data:
        store.bulk_extend(list(parse(data, RdfFormat.N_QUADS)))
    else:
        store.bulk_load(data, RdfFormat.N_QUADS, lenient=True)


def distinct_lines(data: bytes) -> bytes:
    r"""The lines of ``data`` (N-Triples or N-Quads), each once, in their first order: the
    facts of a batch of documents restate each other (a session's attendance in each of its
    items, a convention in each council's deliberation), and a line loaded twice costs twice.

    >>> distinct_lines(b"<a> <p> <b> .\n<c> <p> <d> .\n<a> <p> <b> .\n")
    b'<a> <p> <b> .\n<c> <p> <d> .\n'
    """
    lines = dict.fromkeys(data.split(b"\n"))
    lines.pop(b"", None)
    return b"\n".join(lines) + b"\n" if lines else b""


def fact_triples(quads: Iterable[Quad], predicates: Iterable[str]) -> bytes:
    """:func:`graph_facts` as N-Triples (lines of N-Quads in the default graph)."""
    return serialize(graph_facts(quads, predicates), format=RdfFormat.N_TRIPLES) or b""


@functools.cache
def _kinds(predicates: tuple[str, ...]) -> dict[NamedNode, int]:
    """The predicates kept, each with what :func:`graph_facts` does with it: 0 keep it; when
    every predicate of a span is kept, 1 for ``rdf:type`` and from 2 on those of a span (in the
    order of :data:`_ORDER`)."""
    kinds = dict.fromkeys((NamedNode(p) for p in predicates), 0)
    if all(p in kinds for p in _ORDER):
        kinds.update({p: i for i, p in enumerate(_ORDER, start=2)})
        if _TYPE in kinds:
            kinds[_TYPE] = 1
    return kinds


def graph_facts(quads: Iterable[Quad], predicates: Iterable[str]) -> list[Triple]:
    """One graph's share of the facts kept: the triples of ``quads`` whose predicate is one of
    ``predicates``, the spans complete in the graph summarized when every predicate of a span
    is kept (see the module).

    >>> from pyoxigraph import DefaultGraph as G, Literal as L, NamedNode as N
    >>> oa, tkg = "http://www.w3.org/ns/oa#", "https://w3id.org/territoires-kg/ontology#"
    >>> def q(s, p, o):
    ...     return Quad(N(s), N(p), o if isinstance(o, L) else N(o), G())
    >>> span = [q("http://e/ev", oa + "hasBody", "http://e/vote"),
    ...         q("http://e/ev", tkg + "property", tkg + "votesFor"),
    ...         q("http://e/ev", oa + "hasTarget", "http://e/t"),
    ...         q("http://e/t", oa + "hasSource", "http://e/doc"),
    ...         q("http://e/t", oa + "hasSelector", "http://e/s"),
    ...         q("http://e/s", oa + "start", L("12")), q("http://e/s", oa + "end", L("14")),
    ...         q("http://e/vote", tkg + "votesFor", L("78"))]
    >>> kept = [p.predicate.value for p in span]
    >>> facts = graph_facts(span, kept)
    >>> sorted({t.subject.value[:len(SPAN)] for t in facts})
    ['http://e/vote', 'urn:tkg:facts:span:']
    >>> facts == graph_facts(span + [q("http://e/ev2", oa + "hasBody", "http://e/vote")], kept)
    False
    >>> len(graph_facts(span[:-2], kept)) == len(span[:-2])  # no end: kept as it is
    True
    """
    kinds = _kinds(tuple(predicates))
    out: list[Triple] = []
    # by kind: 1 the classes, then the span's predicates in the order of _ORDER
    lists: tuple[list[Quad], ...] = tuple([] for _ in range(len(_ORDER) + 2))
    for q in quads:
        kind = kinds.get(q.predicate)
        if kind is None:
            continue
        if kind:
            lists[kind].append(q)
        else:
            out.append(q.triple)
    types, body, prop, target, source, selector, start, end = lists[1:]
    if not body:
        return out + [q.triple for held in lists[1:] for q in held]
    # Nodes by their N-Triples text (an IRI, a blank node and a literal never share one).
    ends = {str(q.subject) for q in end}
    selectors = {s for q in start if (s := str(q.subject)) in ends}
    sources = {str(q.subject) for q in source}
    selected = [(str(q.subject), str(q.object), q) for q in selector]
    targets = {t for t, s, _ in selected if s in selectors and t in sources}
    targeted = [(str(q.subject), str(q.object), q) for q in target]
    bodies: dict[str, list[_Term]] = {}
    properties: dict[str, list[_Term]] = {}
    for q in body:
        bodies.setdefault(str(q.subject), []).append(q.object)
    for q in prop:
        properties.setdefault(str(q.subject), []).append(q.object)
    evidences = {e for e, t, _ in targeted if t in targets and e in bodies and e in properties
                 and all(isinstance(b, NamedNode) for b in bodies[e])
                 and all(isinstance(p, NamedNode) for p in properties[e])}
    if not evidences:
        return out + [q.triple for held in lists[1:] for q in held]
    used = {t for e, t, _ in targeted if e in evidences and t in targets}
    spans = {s for t, s, _ in selected if t in used and s in selectors}
    covered = evidences | used | spans
    classes: dict[str, set[_Term]] = {}
    for q in types:
        if (key := str(q.subject)) in covered:
            classes.setdefault(key, set()).add(q.object)
        else:
            out.append(q.triple)
    # the triples of the chains complete in the graph go; the others stay as they are
    out += [q.triple for q in body if str(q.subject) not in evidences]
    out += [q.triple for q in prop if str(q.subject) not in evidences]
    out += [q.triple for e, t, q in targeted if e not in evidences or t not in used]
    out += [q.triple for q in source if str(q.subject) not in used]
    out += [q.triple for t, s, q in selected if t not in used or s not in spans]
    out += [q.triple for q in start if str(q.subject) not in spans]
    out += [q.triple for q in end if str(q.subject) not in spans]
    selectors_of: dict[str, list[str]] = {}
    for t, s, _ in selected:
        if t in used and s in spans:
            selectors_of.setdefault(t, []).append(s)
    stood_for = {e: set(classes.get(e, ())) for e in evidences}
    for e, t, _ in targeted:
        if e in evidences and t in used:
            stood_for[e].update(classes.get(t, ()))
            for s in selectors_of.get(t, ()):
                stood_for[e].update(classes.get(s, ()))
    summary: dict[tuple[NamedNode, NamedNode], set[_Term]] = {}
    for e in evidences:
        for b in bodies[e]:
            for named in properties[e]:
                if isinstance(b, NamedNode) and isinstance(named, NamedNode):  # (checked above)
                    summary.setdefault((b, named), set()).update(stood_for[e])
    for (b, named), of in summary.items():
        digest = hashlib.blake2b(f"{b.value} {named.value}".encode(), digest_size=16).hexdigest()
        n = NamedNode(SPAN + digest)
        out += [Triple(n, _BODY, b), Triple(n, _PROPERTY, named), Triple(n, _TARGET, n),
                Triple(n, _SOURCE, n), Triple(n, _SELECTOR, n), Triple(n, _START, _ZERO),
                Triple(n, _END, _ZERO)]
        out += [Triple(n, _TYPE, c) for c in of if isinstance(c, NamedNode)]
    return out


def kept_of(store: Store, predicates: Iterable[str]) -> set[Triple]:
    """The facts a build keeps for the named graphs of ``store``: the union of each graph's
    :func:`graph_facts` (the folder of a store built by tkg holds these)."""
    predicates = tuple(predicates)
    return {t for g in store.named_graphs()
            for t in graph_facts(store.quads_for_pattern(None, None, None, g), predicates)}


def usable(store: Store, *, predicates: Iterable[str], graphs: Iterable[str]) -> bool:
    """Whether ``store`` (the facts) can stand for the distinct facts of the rules' predicates
    of a store holding ``graphs``."""
    kept, held, dirty = state(store)
    return not dirty and set(predicates) <= kept and held == set(graphs)


class FactsKeeper:
    """The writer's side: the facts folder of a store opened for writing.

    ``copy(source, into, graphs, predicates)`` adds the triples of ``predicates`` in ``graphs`` of
    the store to the default graph of ``into`` (the routine of validation's own copy)."""

    def __init__(self, folder: Path, store: Store,
                 copy: Callable[[Store, Store, Sequence[NamedNode], Sequence[str]], None], *,
                 sealed: bool = False) -> None:
        self.folder, self.main, self._copy = folder, store, copy
        self.facts: Store | None = None
        if (folder / "CURRENT").is_file():
            try:
                self.facts = Store(str(folder))
            except (OSError, RuntimeError):  # damaged: it is only a copy, made again by keep()
                shutil.rmtree(folder, ignore_errors=True)
        self.predicates: tuple[str, ...] = ()
        # Both stores were as the last build sealed them when they were opened (see in_seal).
        self._sealed = sealed and self.facts is not None
        # What the folder holds, as this process wrote it: how many graphs since keep(), the
        # store's graphs each (None before, or once a write may have gone astray), and whether a
        # replacement is under way.
        self._held: int | None = None
        self._replacing = False
        if self.facts is not None:  # only the predicate markers: not one per graph held
            self.predicates = tuple(sorted(kept_predicates(self.facts)))

    # -- keeping the folder up to date ---------------------------------------

    def keep(self, predicates: Iterable[str], *, create: Callable[[Path], None]) -> None:
        """Make the folder hold the facts of ``predicates`` of every graph of the store: the
        graphs it lacks are added; a dirty folder, one with other predicates or one holding a
        graph the store does not, is made again. A folder sealed with the store
        (``sealed``), clean, with these predicates and as many graphs as the store, is up to
        date without a graph name read (at 10,000 documents, reading them took 0.2 s)."""
        wanted = tuple(sorted(set(predicates)))
        if self._sealed and self.facts is not None and wanted == self.predicates:
            count = graph_count(self.main)
            if held_count(self.facts) == (count, False):
                self._held, self._replacing = count, False
                return
        graphs = self._graph_names()
        held: frozenset[str] = frozenset()
        if self.facts is not None:
            kept, held, dirty = state(self.facts)
            if dirty or set(wanted) != kept or not held <= graphs:
                self.drop()
        if self.facts is None:
            self.folder.mkdir(exist_ok=True)
            create(self.folder)
            self.facts = Store(str(self.folder))
            self.facts.extend([Quad(STATE, PREDICATE, NamedNode(p), STATE) for p in wanted])
            held = frozenset()
        self.predicates = wanted
        missing = sorted(graphs - held)
        if missing:
            self._copy(self.main, self.facts, [NamedNode(g) for g in missing], wanted)
            self.facts.extend([Quad(NamedNode(g), HELD, TRUE, STATE) for g in missing])
        self._held, self._replacing = len(graphs), False

    def up_to_date(self, *, predicates: Iterable[str]) -> bool:
        """Whether the folder holds the facts of ``predicates`` of exactly the store's graphs: as
        this process kept it since :meth:`keep` when it can tell (every graph the store took
        since went through this keeper, so counting them is enough), else as the folder says,
        from every graph name of both stores (:func:`usable`)."""
        if self.facts is None:
            return False
        if self._held is None:
            return usable(self.facts, predicates=predicates, graphs=self._graph_names())
        return (not self._replacing and set(predicates) <= set(self.predicates)
                and self._held == graph_count(self.main))

    def _graph_names(self) -> set[str]:
        """Every graph name of the store (each decoded: what a seal spares)."""
        return {g.value for g in self.main.named_graphs() if isinstance(g, NamedNode)}

    def in_step(self, graphs: int) -> bool:
        """Whether the folder holds the facts of the store's ``graphs`` graphs as this process
        kept them since :meth:`keep` (what a seal needs), without reading a name."""
        return (self.facts is not None and self._held is not None and not self._replacing
                and self._held == graphs)

    def drop(self) -> None:
        """Remove the folder (validation then copies the facts itself)."""
        if self.facts is not None:
            del self.facts
            self.facts = None
        self._held = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def _facts_of(self, quads: Iterable[Quad]) -> list[Quad]:
        """One graph's share of the facts (:func:`graph_facts`), as quads of the folder."""
        return [Quad(t.subject, t.predicate, t.object, DefaultGraph())
                for t in graph_facts(quads, self.predicates)]

    def added(self, graphs: Sequence[tuple[str, Sequence[Quad]]]) -> None:
        """New graphs the store just took: their facts and ``held``, in one bulk load
        (atomic)."""
        data = self.staged(graphs)
        if data is not None and self.facts is not None:
            try:
                bulk_nquads(self.facts, data)
            except BaseException:
                self.lost()
                raise

    def staged(self, graphs: Sequence[tuple[str, Sequence[Quad]]]) -> bytes | None:
        """New graphs' facts and their ``held``, as N-Quads for one bulk load (atomic): what
        :meth:`added` writes, for a caller that loads it later."""
        if self.facts is None:
            return None
        triples = [t for _, quads in graphs for t in graph_facts(quads, self.predicates)]
        return ((serialize(triples, format=RdfFormat.N_TRIPLES) or b"")
                + self.held(g for g, _ in graphs))

    def held(self, graphs: Iterable[str]) -> bytes:
        """The ``held`` of ``graphs``, as N-Quads: loaded with the graphs' facts (the caller
        calls :meth:`lost` if that load fails)."""
        names = list(graphs)  # graphs the store did not hold
        if self._held is not None:
            self._held += len(set(names))
        return serialize([Quad(NamedNode(g), HELD, TRUE, STATE) for g in names],
                         format=RdfFormat.N_QUADS) or b""

    def lost(self) -> None:
        """A write of the folder failed: what it holds is read from it again from now on."""
        self._held = None

    def replacing(self, graph: str) -> list[Quad]:
        """Before ``graph``, which the store holds, is replaced or removed: the facts only it
        states (to remove after), and the folder marked dirty."""
        if self.facts is None:
            return []
        values = " ".join(f"<{p}>" for p in self.predicates)
        name = NamedNode(graph)
        out = self.main.query(
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} GRAPH {name} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {name}) }} }}")
        assert isinstance(out, QuerySolutions)
        only = [Quad(r["s"], r["p"], r["o"], DefaultGraph()) for r in out]
        only += self._spans_only(name)
        self.facts.add(Quad(STATE, DIRTY, TRUE, STATE))
        self._replacing = True
        return only

    def _spans_only(self, name: NamedNode) -> list[Quad]:
        """The summarized spans (:func:`graph_facts`) of the graph ``name`` that no other graph
        of the store spans completely."""
        summary = [q for q in self._facts_of(self.main.quads_for_pattern(None, None, None, name))
                   if isinstance(q.subject, NamedNode) and q.subject.value.startswith(SPAN)]
        bodies = {q.subject: q.object for q in summary if q.predicate == _BODY}
        properties = {q.subject: q.object for q in summary if q.predicate == _PROPERTY}
        pairs = {e: (b, properties[e]) for e, b in bodies.items() if e in properties}
        if not pairs:
            return []
        rows = " ".join(f"({b} {p})" for b, p in pairs.values())
        out = self.main.query(
            f"SELECT DISTINCT ?b ?p WHERE {{ VALUES (?b ?p) {{ {rows} }} GRAPH ?h {{ "
            f"?e {_BODY} ?b ; {_PROPERTY} ?p ; {_TARGET} ?t . ?t {_SOURCE} ?d ; {_SELECTOR} ?s . "
            f"?s {_START} ?x ; {_END} ?y }} FILTER (?h != {name}) }}")
        assert isinstance(out, QuerySolutions)
        elsewhere = {(r["b"], r["p"]) for r in out}
        return [q for q in summary if pairs.get(q.subject) not in elsewhere]

    def replaced(self, graph: str, only: list[Quad], quads: Sequence[Quad] | None) -> None:
        """After the store replaced ``graph`` by ``quads`` (None: removed it)."""
        if self.facts is None:
            return
        new = self._facts_of(quads) if quads is not None else []
        for q in set(only) - set(new):  # the reference graph written again: nothing to remove
            self.facts.remove(q)
        if quads is None:
            self.facts.remove(Quad(NamedNode(graph), HELD, TRUE, STATE))
            if self._held is not None:
                self._held -= 1
        else:
            self.facts.extend(new)
        self.facts.remove(Quad(STATE, DIRTY, TRUE, STATE))
        self._replacing = False

    def invalidate(self) -> None:
        """A write the folder cannot follow: mark it dirty."""
        if self.facts is not None:
            self.facts.add(Quad(STATE, DIRTY, TRUE, STATE))
        self._held = None

    def optimize(self) -> None:
        if self.facts is not None:
            self.facts.optimize()

    def close(self) -> None:
        """Flush and let go of both stores (RocksDB closes a store with its last reference)."""
        if self.facts is not None:
            self.facts.flush()
            del self.facts
            self.facts = None
        del self.main
