"""Set-based validation: each rule of :mod:`kg.validate.rules` runs once over the store's distinct facts.

The cost is that of the rules' queries over the union of the named graphs, where a fact stated
by many documents is one solution of a ``DISTINCT`` pattern: it grows with the distinct
statements, not with how often the documents restate them. Only offenders cost more: each is
explained by its shape's SPARQL constraint (``$this`` pre-bound) and its sources are looked up
(the graphs that state the offending fact, with the source lines).

The report is bounded: one result per (focus node, rule, path, value), each listing at most
:data:`MAX_SOURCES` documents (and how many more state the fact).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode

from kg.resources import resource_text, sparql
from kg.store import KnowledgeStore, StoreError, Term, release_freed_memory, resident_bytes
from kg.validate.partition import by_values
from kg.validate.results import Source, ValidationResult
from kg.validate.rules import Rule, prebind

MAX_SOURCES = 20  # documents listed under one result
MAX_LINES = 3  # source lines quoted per document
CACHE_GROWTH = 16 * 2**20  # bytes the process grows by, reading a store (the kept facts for the
# rules, the store for the sources), before it is reopened (its RocksDB caches let go:
# :meth:`kg.store.OxigraphStore.reopen`)
LOOKUPS_PER_HANDLE = 100  # where the process's memory cannot be read: steps between reopenings
_VARIABLE = re.compile(r"\{[$?](\w+)\}")


@dataclass(frozen=True, slots=True)
class Offence:
    """One row of a rule: the focus node, and the values of the explaining query."""

    focus: str
    path: str | None
    value: Term | None
    bindings: tuple[tuple[str, Term], ...]


def _fill(template: str, bindings: dict[str, str]) -> str:
    return _VARIABLE.sub(lambda m: bindings.get(m.group(1), m.group(0)), template)


def _offences(store: KnowledgeStore, rule: Rule, *, focus: set[str] | None) -> list[Offence]:
    """The offences of ``rule``: its query run as it is, or value by value when it has that
    form (:func:`kg.validate.partition.by_values`), each offender explained once. A rule
    restricted to ``focus`` runs as it is: value by value bounds the hash tables of a whole
    store's rule, and splitting its text, which lists every focus node (50 KB for a
    deliberation), took half the time of validating a document."""
    out: dict[tuple[str, str | None, Term | None], Offence] = {}
    explained: set[str] = set()
    for query in by_values(rule.query) if focus is None else [rule.query]:
        rows = store.select(query)
        this = rows.variables.index("this")
        value_at = rows.variables.index("value") if "value" in rows.variables else None
        for row in rows.rows:
            node = row[this]
            if not isinstance(node, NamedNode) or (focus is not None and node.value not in focus):
                continue
            if rule.explain is None:
                value = row[value_at] if value_at is not None else None
                out.setdefault((node.value, rule.path, value), Offence(
                    node.value, rule.path, value, (("value", value),) if value is not None else ()))
                continue
            if node.value in explained:  # found by another value of the query
                continue
            explained.add(node.value)
            for offence in _explain(store, rule, node.value):
                out.setdefault((offence.focus, offence.path, offence.value), offence)
    return list(out.values())


def _explain(store: KnowledgeStore, rule: Rule, focus: str) -> Iterable[Offence]:
    """The rows of the shape's SPARQL constraint for one offender (SHACL 5.3.2: each row is a
    result; ``?path`` and ``?value`` when bound, else the focus node is the value)."""
    assert rule.explain is not None
    rows = store.select(prebind(rule.explain, focus))
    for row in rows.rows:
        bound = {v: t for v, t in zip(rows.variables, row, strict=True) if t is not None}
        path = bound.get("path")
        yield Offence(focus=focus, path=path.value if isinstance(path, NamedNode) else None,
                      value=bound.get("value", NamedNode(focus)),
                      bindings=tuple(sorted(bound.items())))


def sources(store: KnowledgeStore, focus: str, path: str | None,
            values: Iterable[Term]) -> tuple[tuple[Source, ...], int]:
    """The documents (graphs) that state the offending fact, at most :data:`MAX_SOURCES`, each with
    its source lines; and how many more state it.

    The fact is ``focus path v`` for one of ``values`` (the terms of the result: the offending
    value, and for a cross-document rule the other value); failing that ``focus path`` any
    value; failing that anything said of ``focus``.
    """
    base: dict[str, Term] = {"focus": NamedNode(focus)}
    attempts: list[list[dict[str, Term]]] = []
    if path is not None:
        attempts.append([{**base, "property": NamedNode(path), "value": v} for v in values])
        attempts.append([{**base, "property": NamedNode(path)}])
    attempts.append([base])
    for attempt in attempts:
        graphs = {g.value for b in attempt for (g,) in store.select(sparql("fact-graphs.rq"),
                                                                    bindings=b).rows
                  if isinstance(g, NamedNode)}
        if graphs:
            titles = _titles(store, graphs)
            ordered = sorted(graphs, key=lambda g: (titles.get(g) or _short(g), g))
            found = tuple(s for g in ordered[:MAX_SOURCES] for s in _graph_lines(store, g, attempt))
            return found, max(0, len(graphs) - MAX_SOURCES)
    return (), 0


def _graph_lines(store: KnowledgeStore, graph: str, attempt: list[dict[str, Term]]) -> list[Source]:
    """The source lines of the fact in one graph. Asked graph by graph, ``?graph`` bound: over
    all graphs at once, the store joined the evidence of every document before keeping the
    offending fact's (about 30 ms an offence at 1,000 documents, growing with the store)."""
    lines: dict[int, Source] = {}
    for bindings in attempt:
        for r in store.select(sparql("fact-sources.rq"), bindings={**bindings, "graph": NamedNode(graph)}):
            source = Source(document=r["document"] or graph, title=r["title"] or _short(graph),
                            line=int(r["line"] or 0), quote=r["quote"] or "",
                            line_text=r["lineText"] or "")
            kept = lines.get(source.line)
            if kept is None or len(source.quote) > len(kept.quote):
                lines[source.line] = source  # one quote a line: the widest
    return _lines(lines) if lines else []


def _titles(store: KnowledgeStore, graphs: set[str]) -> dict[str, str]:
    """The title of the document of each graph that has one."""
    out: dict[str, str] = {}
    ordered = sorted(graphs)
    for start in range(0, len(ordered), 400):
        values = "{ " + " ".join(f"<{g}>" for g in ordered[start:start + 400]) + " }"
        for graph, title in store.select(sparql("graph-titles.rq").replace("{ }", values, 1)).rows:
            if graph is not None and title is not None:
                out.setdefault(graph.value, title.value)
    return out


def _lines(lines: dict[int, Source]) -> list[Source]:
    """The first :data:`MAX_LINES` quoted lines of one document (or the bare document)."""
    quoted = [lines[n] for n in sorted(lines) if n]
    return quoted[:MAX_LINES] if quoted else [lines[0]]


def _short(graph: str) -> str:
    return graph.rstrip("/").rsplit("/", 2)[-2] + "/" + graph.rstrip("/").rsplit("/", 1)[-1] \
        if "/graph/" in graph else graph


_PREFIX = re.compile(r"PREFIX\s+([\w-]*):\s*<([^>]*)>", re.I)
_PREFIXED = re.compile(r"(?<![\w<?$])([A-Za-z][\w-]*)?:([A-Za-z_][\w-]*)")
_FULL_IRI = re.compile(r"<([^<>\s]+)>")


def read_predicates(rules: Iterable[Rule]) -> set[str] | None:
    """Every IRI the queries of ``rules`` name: a superset of the predicates they read. None
    (read everything) when a query has a variable in a predicate's place that no
    ``FILTER (?p IN (...))`` in it restricts to named IRIs.

    >>> from kg.validate import load_shapes
    >>> from kg.validate.rules import compile_shapes
    >>> read = read_predicates(compile_shapes(load_shapes()))
    >>> "https://w3id.org/territoires-kg/ontology#presentCount" in read
    True
    >>> "https://w3id.org/territoires-kg/ontology#quote" in read  # the quoted line: never read
    False
    """
    out: set[str] = set()
    for text in (t for r in rules for t in (r.query, r.explain) if t):
        named = _named_iris(text)
        if named is None:
            return None
        out.update(named)
    return out


READS_TABLE = "rule-reads.json"  # in kg/resources/: what each shipped rule's query names


@functools.cache
def _shipped_reads() -> dict[str, list[str] | None]:
    """The IRIs each query of the shipped shapes names, by the SHA-256 of its text: written by
    ``scripts/generate_rule_reads.py`` (``tests/shapes/test_rule_reads.py`` fails while it is
    out of date). Parsing the queries with rdflib costs about 3 s, paid by every ``tkg
    validate`` before this table; other shapes are parsed as before."""
    data: dict[str, list[str] | None] = json.loads(resource_text(READS_TABLE))
    return data


def _named_iris(text: str) -> frozenset[str] | None:
    """The IRIs one query names, or None when a variable stands in a predicate's place
    unrestricted: from the table of the shipped rules when ``text`` is one of them, else
    parsed (once per process)."""
    shipped = _shipped_reads()
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if key in shipped:
        named = shipped[key]
        return None if named is None else frozenset(named)
    return parse_named_iris(text)


@functools.lru_cache(maxsize=1024)
def parse_named_iris(text: str) -> frozenset[str] | None:
    """:func:`_named_iris` by parsing ``text`` with rdflib's SPARQL parser."""
    from rdflib import Variable
    from rdflib.namespace import RDF
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.algebra import traverse

    variables: set[str] = set()

    def visit(node: object) -> None:
        if getattr(node, "name", None) in ("BGP",):
            variables.update(str(p) for _s, p, _o in node.triples  # type: ignore[attr-defined]
                             if isinstance(p, Variable))

    traverse(prepareQuery(text).algebra, visitPost=visit)
    if any(not _restricted(v, text) for v in variables):
        return None
    prefixes = dict(_PREFIX.findall(text))
    body = _PREFIX.sub("", text)
    found = set(_FULL_IRI.findall(body))
    found.update(prefixes[p] + local for p, local in _PREFIXED.findall(body) if p in prefixes)
    found.add(str(RDF.type))  # "a"
    return frozenset(found)


def _restricted(variable: str, text: str) -> bool:
    """Whether ``text`` restricts ``variable`` to IRIs it names: ``FILTER (?v IN (...))``, or a
    ``VALUES`` block binding it (without ``UNDEF``, which would leave it free)."""
    v = re.escape(variable)
    if re.search(rf"[?$]{v}\s+IN\s*\(", text):
        return True
    return bool(re.search(rf"VALUES\s*(\([^)]*[?$]{v}\b[^)]*\)|[?$]{v}\b)", text, re.I)) \
        and "UNDEF" not in text.upper()


def reads_table(rules: Iterable[Rule]) -> dict[str, list[str] | None]:
    """The table :func:`_shipped_reads` reads, computed by parsing each query of ``rules``."""
    table: dict[str, list[str] | None] = {}
    for text in sorted({t for r in rules for t in (r.query, r.explain) if t}):
        named = parse_named_iris(text)
        table[hashlib.sha256(text.encode("utf-8")).hexdigest()] = (
            None if named is None else sorted(named))
    return dict(sorted(table.items()))


def run_rules(store: KnowledgeStore, rules: list[Rule], *, focus: set[str] | None = None,
              facts: KnowledgeStore | None = None) -> list[ValidationResult]:
    """Every offence of ``rules`` in ``store`` as a result with its sources (only the nodes of
    ``focus`` when given), sorted by document, severity and focus.

    The rules run over ``facts``, by default the store's distinct facts (:func:`working_copy`; a
    remote endpoint's union default graph is expected to be a set already); the sources are
    looked up in the store's named graphs afterwards, once the working copy is let go: the
    memory of the rules (their hash tables, the copy's caches) and that of the sources (the
    store's caches) are not taken at once. The kept facts before a rule, and a read-only
    store on disk before a lookup, are reopened each time the process has grown by
    :data:`CACHE_GROWTH` (:meth:`kg.store.OxigraphStore.reopen`), so that what RocksDB keeps of
    the files read does not grow with the store.

    One rule at a time, then one offence at a time: two at once (pyoxigraph releases the GIL)
    validated 10,000 generated documents in 44-45 s instead of 46-53 s, but held two rules' hash
    tables and two threads' heaps (rules 189 MB against 158 MB at their peak, sources 195-212
    MB against 175 MB).
    """
    with working_copy(store, rules) if facts is None else nullcontext(facts) as read:
        renew_facts = _Renewal(read)

        def offences(rule: Rule) -> list[Offence]:
            renew_facts()
            try:
                return _offences(read, rule, focus=focus)
            finally:  # a whole store's rule: its hash tables, freed into its thread's heap,
                if focus is None:  # given back (13 MB less at 10,000 documents)
                    release_freed_memory()

        found = [offences(rule) for rule in rules]
    if facts is None:
        release_freed_memory()  # the working copy's caches, let go with it
    renew = _Renewal(store)

    def lookup(o: Offence) -> tuple[tuple[Source, ...], int]:
        renew()
        return sources(store, o.focus, o.path, [t for k, t in o.bindings if k not in ("this", "path")])

    explained = [_results(rule, offences, lookup)
                 for rule, offences in zip(rules, found, strict=True)]
    results = [r for rule_results in explained for r in rule_results]
    results.sort(key=lambda x: (x.sources[0].title if x.sources else "", x.severity, x.focus,
                                x.rule, x.value or ""))
    return results


class _Renewal:
    """Called before each step (a rule, a lookup of sources) that reads ``store``: reopens it
    (:meth:`kg.store.OxigraphStore.reopen`, which only a read-only store on disk does) once the
    process has grown by :data:`CACHE_GROWTH` since it was last opened, or where the process's
    memory cannot be read, every :data:`LOOKUPS_PER_HANDLE` steps."""

    def __init__(self, store: KnowledgeStore) -> None:
        self.reopen: Callable[[], None] | None = getattr(store, "reopen", None)
        self.since = resident_bytes()
        self.steps = 0

    def __call__(self) -> None:
        if self.reopen is None:
            return
        self.steps += 1
        now = resident_bytes()
        if (now - self.since > CACHE_GROWTH if now is not None and self.since is not None
                else self.steps % LOOKUPS_PER_HANDLE == 0):
            self.reopen()
            self.since = resident_bytes()


@contextmanager
def working_copy(store: KnowledgeStore, rules: list[Rule]) -> Iterator[KnowledgeStore]:
    """The distinct facts ``rules`` read (:meth:`kg.store.OxigraphStore.distinct_facts`): for a
    store on disk, on disk in a temporary folder (``TMPDIR``), removed afterwards, so that the
    memory validation takes stays flat as the corpus grows; in memory for a store in memory. A
    store without ``distinct_facts`` (a remote endpoint) is read as it is."""
    distinct = getattr(store, "distinct_facts", None)
    if distinct is None:
        yield store
        return
    predicates = read_predicates(rules)
    kept = getattr(store, "kept_facts", None)
    facts = kept(predicates) if kept is not None and predicates is not None else None
    if facts is not None:  # kept by the build, up to date (kg.store.facts)
        try:
            yield facts
        finally:
            facts.close()
        return
    on_disk = getattr(store, "path", None) is not None
    with (tempfile.TemporaryDirectory(prefix="tkg-validate-", ignore_cleanup_errors=True)
          if on_disk else nullcontext(None)) as tmp:
        try:
            facts = distinct(predicates=predicates,
                             directory=Path(tmp) / "facts" if tmp is not None else None)
        except OSError as err:
            raise StoreError(f"cannot write the working copy of the facts in {tmp} ({err}); "
                             "set TMPDIR to a folder with more room") from None
        try:
            yield facts
        finally:
            facts.close()


def _results(rule: Rule, offences: list[Offence],
             lookup: Callable[[Offence], tuple[tuple[Source, ...], int]]) -> list[ValidationResult]:
    """The offences of one rule, each as a result with its sources (``lookup``)."""
    results = []
    for o in offences:
        values = dict(o.bindings)
        texts = {k: t.value for k, t in values.items()}
        texts.setdefault("this", o.focus)
        if o.path:
            texts.setdefault("path", o.path)
        found, more = lookup(o)
        results.append(ValidationResult(
            severity=rule.severity, focus=o.focus, path=o.path, component=rule.component,
            shape=rule.shape, rule=rule.name,
            messages={lang: _fill(t, texts) for lang, t in rule.messages},
            value=o.value.value if o.value is not None else None,
            sources=found, more_sources=more, source_shape=rule.source_shape))
    return results
