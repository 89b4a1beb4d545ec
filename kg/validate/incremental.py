"""Incremental validation: the rules of :mod:`kg.validate.rules` for the nodes some graphs touch only.

After a build adds or replaces a few documents, the focus nodes to check are those the new
graphs state something of or about: the subjects and the IRI objects of their triples
(:func:`touched_nodes`). Each compiled rule then runs with ``?this`` restricted to these nodes
(:func:`restrict`) over the distinct facts of their neighbourhood in the whole store
(:func:`neighbourhood`): what every graph, the reference graph included, states of them, of
what they point to (three steps), and of what points to them (two steps back). A fact stated by
twenty documents is one fact there, as in a full validation (:mod:`kg.validate.detect`), and a
convention approved by another council, the session restated by other items, the figures of
the registry all count. A store on disk whose build keeps the distinct facts
(:mod:`kg.store.facts`) has its neighbourhood read from them when they are up to date: each
fact is there once already, and only the predicates the rules read. For the nodes checked the
results are those of a full validation (``tests/shapes/test_incremental.py``); the cost follows
the neighbourhood, not the store.

Not re-checked: a node no new graph mentions, whose result changes through a fact a new
document adds to a node it shares (the other items of a session, when a new item gives the
session one more proxy), and the nodes only an older version of a replaced document mentioned.
The new document's own nodes carry such a result; ``tkg validate`` re-checks everything.

>>> restrict("SELECT DISTINCT ?this WHERE { ?this <p> ?v }", ["http://e/a"])
'SELECT DISTINCT ?this WHERE { VALUES ?this { <http://e/a> } ?this <p> ?v }'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from pyoxigraph import BlankNode, NamedNode, Quad
from rdflib import Graph

from kg.concurrency import in_order
from kg.mapping.vocab import PREFIXES
from kg.resources import sparql
from kg.store import KnowledgeStore, OxigraphStore, Term
from kg.validate.detect import read_predicates, run_rules
from kg.validate.results import Report, ValidationResult
from kg.validate.rules import Rule, ShapesError, compile_shapes, shipped_rules

CHUNK = 400  # focus nodes per query: bounds the text of a query, not the nodes checked
STEP_CHUNK = 200  # nodes per query of a neighbourhood step, run STEP_THREADS at once
STEP_THREADS = 2  # pyoxigraph releases the GIL while it evaluates and serializes a query
# A SELECT (outer or subquery) and the opening of its WHERE group.
_SELECT = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(?P<projection>[^{]*?)\bWHERE\s*\{",
                     re.I)
_THIS = re.compile(r"[?$]this\b")
_VOCABULARIES = tuple(PREFIXES.values())  # classes and properties: never expanded (every
# evidence is a tkg:Evidence, every membership names org:member)
OUT_STEPS = 3  # focus -> deliberation -> session -> council; contribution -> party -> figure
IN_STEPS = 2  # membership <- named member <- evidence; post <- contribution
Fact = tuple[NamedNode | BlankNode, NamedNode, Term]
_FACTS_GRAPH = NamedNode("urn:x-tkg:neighbourhood")


def restrict(query: str, focus: Iterable[str]) -> str:
    """``query`` with ``?this`` restricted to the IRIs of ``focus`` in every SELECT projecting it.

    A ``VALUES ?this`` block opens the group of each such SELECT: joined with the group, it
    keeps the solutions whose ``?this`` is one of ``focus``, before any grouping by ``?this``
    (a group is one ``?this``, so the groups kept are those of ``focus``, unchanged). The store
    then starts each join from the focus nodes. A SELECT that does not project ``?this`` has a
    ``?this`` of its own and is left as it is.
    """
    return _restrict_with(query, _values(focus))


def _values(focus: Iterable[str]) -> str:
    """The ``VALUES ?this`` block of ``focus`` (each IRI checked once, for every rule)."""
    return " VALUES ?this { " + " ".join(f"<{_iri(f)}>" for f in focus) + " }"


def _restrict_with(query: str, block: str) -> str:
    def add(m: re.Match[str]) -> str:
        return m.group(0) + block if _THIS.search(m.group("projection")) else m.group(0)

    out, n = _SELECT.subn(add, query)
    if n == 0 or out == query:
        raise ShapesError(f"cannot restrict a rule to focus nodes: no SELECT of ?this in {query!r}")
    return out


def _iri(text: str) -> str:
    if any(c in text for c in '<>"{}|^`\\ \n\t'):
        raise ShapesError(f"cannot restrict a rule to {text!r}: not an IRI")
    return text


def touched_nodes(store: KnowledgeStore, graphs: Iterable[str]) -> set[str]:
    """The IRIs the named ``graphs`` state something of or about (subjects and IRI objects)."""
    query = sparql("graph-nodes.rq")
    nodes: set[str] = set()
    for graph in graphs:
        rows = store.select(query, bindings={"graph": NamedNode(graph)})
        at = rows.variables.index("node")
        for row in rows.rows:
            node = row[at]
            if isinstance(node, NamedNode):
                nodes.add(node.value)
    return nodes


def _expandable(term: Term | None) -> bool:
    return isinstance(term, NamedNode) and not term.value.startswith(_VOCABULARIES)


def _edges(store: KnowledgeStore, query: str, nodes: set[str]) -> set[Fact]:
    """The distinct facts of ``query`` (``edges-out.rq`` or ``edges-in.rq``) for ``nodes``."""
    found: set[Fact] = set()
    for chunk in _chunks(nodes):
        values = "{ " + " ".join(f"<{_iri(n)}>" for n in chunk) + " }"
        rows = store.select(sparql(query).replace("{ }", values, 1))
        for s, p, o in rows.rows:
            if isinstance(s, NamedNode | BlankNode) and isinstance(p, NamedNode) and o is not None:
                found.add((s, p, o))
    return found


def _walk(focus: set[str], step: Callable[[str, set[str]], set[str]]) -> None:
    """The steps of a neighbourhood: ``step("out", nodes)`` takes what ``nodes`` state and
    ``step("in", nodes)`` what points to them, each returning the nodes at the other end; out
    :data:`OUT_STEPS` steps from the focus nodes, back :data:`IN_STEPS` steps, and out one step
    from each node reached back."""
    start = {n for n in focus if _expandable(NamedNode(n))}
    seen, frontier = set(start), set(start)
    for _ in range(OUT_STEPS):
        frontier = step("out", frontier) - seen
        seen |= frontier
    frontier = start
    for _ in range(IN_STEPS):
        frontier = step("in", frontier) - seen
        seen |= frontier
        step("out", frontier)


def neighbourhood(store: KnowledgeStore, focus: set[str]) -> set[Fact]:
    """The distinct facts the rules read about ``focus``: what the store states of the focus
    nodes and of what they reach in :data:`OUT_STEPS` steps, what points to the focus nodes and
    to those in :data:`IN_STEPS` steps back, and what is stated of the latter (:func:`_walk`),
    through SELECT queries any store answers."""
    facts: set[Fact] = set()

    def step(direction: str, nodes: set[str]) -> set[str]:
        found = _edges(store, f"edges-{direction}.rq", nodes)
        facts.update(found)
        ends = (o for _s, _p, o in found) if direction == "out" else (s for s, _p, _o in found)
        return {n.value for n in ends if _expandable(n)}

    _walk(focus, step)
    return facts


def _load_neighbourhood(store: OxigraphStore, focus: set[str], facts: OxigraphStore) -> None:
    """:func:`neighbourhood` for an embedded store, loaded into ``facts`` without making a Python
    object of each fact: each step's facts go from one store to the other as N-Triples (a
    ``CONSTRUCT`` over the union of the graphs, :data:`STEP_THREADS` chunks of nodes at once),
    and only the nodes of the next step come back to Python. About a third quicker than
    :func:`neighbourhood` on a sample-sized document, with the same facts
    (``tests/shapes/test_incremental.py``)."""
    with ThreadPoolExecutor(STEP_THREADS) as pool:
        _walk(focus, lambda direction, nodes: _step(store, facts, direction, nodes, pool))


_STEP = {  # the facts of one step, and the nodes on their far side (in the copy)
    "out": ("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { } ?s ?p ?o }",
            "SELECT DISTINCT ?n WHERE { VALUES ?s { } GRAPH ?g { ?s ?p ?n } FILTER (isIRI(?n)) }"),
    "in": ("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?o { } ?s ?p ?o }",
           "SELECT DISTINCT ?n WHERE { VALUES ?o { } GRAPH ?g { ?n ?p ?o } FILTER (isIRI(?n)) }"),
}


def _step(store: OxigraphStore, facts: OxigraphStore, direction: str, nodes: set[str],
          pool: ThreadPoolExecutor) -> set[str]:
    """Copy into ``facts`` the distinct facts whose subject (``out``) or object (``in``) is one of
    ``nodes``; the expandable IRIs at their other end."""
    construct, far = _STEP[direction]
    blocks = ["{ " + " ".join(f"<{_iri(n)}>" for n in chunk) + " }"
              for chunk in _chunks(nodes, STEP_CHUNK)]

    def copy(values: str) -> bytes:
        return store.construct_ntriples(construct.replace("{ }", values, 1))

    for data in in_order(pool, copy, ((b,) for b in blocks), window=2 * STEP_THREADS):
        facts.load_triples(data, _FACTS_GRAPH)
    found: set[str] = set()
    for values in blocks:
        for row in facts.select(far.replace("{ }", values, 1)).rows:
            node = row[0]
            if _expandable(node):
                found.add(node.value)  # type: ignore[union-attr]
    return found


def _chunks(nodes: set[str], size: int = CHUNK) -> Iterator[list[str]]:
    ordered = sorted(nodes)
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def run_for(store: KnowledgeStore, rules: list[Rule], focus: set[str]) -> list[ValidationResult]:
    """The results of ``rules`` whose focus node is in ``focus``, as a full validation gives them:
    run over the distinct facts of their :func:`neighbourhood`, the sources looked up in
    ``store``."""
    facts = OxigraphStore()  # in memory: one graph, each fact once; queries read its union
    if isinstance(store, OxigraphStore):
        predicates = read_predicates(rules)
        kept = store.kept_facts(predicates) if predicates is not None else None
        try:  # the facts the build kept, when up to date: each once already, and only those
            _load_neighbourhood(kept or store, focus, facts)  # the rules read
        finally:
            if kept is not None:
                kept.close()
    else:
        facts.add(Quad(s, p, o, _FACTS_GRAPH) for s, p, o in neighbourhood(store, focus))
    results: list[ValidationResult] = []
    for chunk in _chunks(focus):
        block = _values(chunk)
        restricted = [replace(r, query=_restrict_with(r.query, block)) for r in rules]
        results += run_rules(store, restricted, focus=set(chunk), facts=facts)
    results.sort(key=lambda x: (x.sources[0].title if x.sources else "", x.severity, x.focus,
                                x.rule, x.value or ""))
    return results


def validate_nodes(store: KnowledgeStore, focus: set[str], *,
                   shapes: Graph | None = None) -> Report:
    """A report of the rules of ``shapes`` (default: ``shapes/``) for the nodes of ``focus``."""
    rules = compile_shapes(shapes) if shapes is not None else shipped_rules()
    results = run_for(store, rules, focus)
    return Report(results=tuple(results))
