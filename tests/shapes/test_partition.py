"""A rule's query run value by value (:mod:`kg.validate.partition`): the same focus nodes as the
query run once, and any query not of that form run as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from kg.store import OxigraphStore
from kg.validate import load_shapes
from kg.validate.partition import by_values
from kg.validate.rules import compile_shapes
from tests.shapes.shacl import GROUP

pytestmark = GROUP

HERE = Path(__file__).resolve().parent
MISSING_SPAN = HERE / "provenance" / "invalid-missing-span.ttl"
ROW = re.compile(r"\((tkg:\w+) (tkg:\w+)\)")

BLOCK = "VALUES (?c ?p) { (:A :x) (:B :x) (:A :y) }"
SPLIT = ("PREFIX : <https://example.org/>\nSELECT DISTINCT ?this WHERE { "
         "{ SELECT DISTINCT ?this ?p WHERE { " + BLOCK + " ?this a ?c ; ?p ?o } } "
         "MINUS { SELECT DISTINCT ?this ?p WHERE { " + BLOCK + " ?this :checked ?p } } }")


def focus_nodes(store: OxigraphStore, query: str) -> set[str]:
    return {r["this"] for r in store.select(query)}


def test_the_source_span_rule_runs_once_per_property() -> None:
    rule = next(r for r in compile_shapes(load_shapes()) if r.name == "Source span")
    parts = by_values(rule.query)
    properties = {p for _c, p in ROW.findall(rule.query)}
    assert len(parts) == len(properties) > 10
    for part in parts:  # one property in both blocks
        rows = ROW.findall(part)
        assert len({p for _c, p in rows}) == 1
        assert len(rows) % 2 == 0 and rows[:len(rows) // 2] == rows[len(rows) // 2:]


def test_value_by_value_finds_the_focus_nodes_the_whole_query_finds() -> None:
    rule = next(r for r in compile_shapes(load_shapes()) if r.name == "Source span")
    store = OxigraphStore()
    store.replace_graph("https://example.org/graph/fixture",
                        parse(MISSING_SPAN.read_bytes(), RdfFormat.TURTLE))  # type: ignore[arg-type]
    whole = focus_nodes(store, rule.query)
    assert whole == {"https://example.org/c", "https://example.org/session"}
    assert set().union(*(focus_nodes(store, q) for q in by_values(rule.query))) == whole


def test_a_fact_checked_under_another_value_is_still_an_offence() -> None:
    """?p is the same on both sides of the MINUS: a node checked for :y only is an offender
    for :x, in the parts as in the whole."""
    store = OxigraphStore()
    ex = "https://example.org/"
    data = (f"<{ex}n> a <{ex}A> ; <{ex}x> 1 ; <{ex}y> 2 ; <{ex}checked> <{ex}y> .\n"
            f"<{ex}m> a <{ex}A> ; <{ex}y> 2 ; <{ex}checked> <{ex}y> .\n").encode()
    store.replace_graph(f"{ex}graph/g", [q for q in parse(data, RdfFormat.TURTLE, base_iri=ex)])
    parts = by_values(SPLIT)
    assert len(parts) == 2
    whole = focus_nodes(store, SPLIT)
    assert whole == {NamedNode(f"{ex}n").value}
    assert set().union(*(focus_nodes(store, q) for q in parts)) == whole


@pytest.mark.parametrize("query", [
    # the block on one side of the MINUS only: its other side is not split with it
    SPLIT.replace(BLOCK + " ?this :checked", "?this :checked"),
    # the outer SELECT orders, limits or groups
    SPLIT + " LIMIT 1",
    SPLIT.replace("SELECT DISTINCT ?this WHERE { {", "SELECT ?this WHERE { {", 1),
    SPLIT.replace("SELECT DISTINCT ?this WHERE { {", "SELECT DISTINCT ?this ?p WHERE { {", 1),
    # an inner SELECT that does not project the variable
    SPLIT.replace("MINUS { SELECT DISTINCT ?this ?p", "MINUS { SELECT DISTINCT ?this", 1),
    # UNDEF, or rows that differ between the blocks
    SPLIT.replace("(:A :y)", "(:A UNDEF)"),
    SPLIT.replace("(:A :y) } ?this :checked", "(:A :z) } ?this :checked"),
    # a row with an IRI, or another VALUES block
    SPLIT.replace(":y)", "<https://example.org/y>)"),
    SPLIT.replace("?this a ?c", "VALUES ?o { 1 } ?this a ?c", 1),
    # one value only
    SPLIT.replace("(:A :y)", "(:A :x)"),
], ids=["one-side", "limit", "not-distinct", "projects-more", "not-projected", "undef",
        "different-rows", "iri", "other-values", "one-value"])
def test_a_query_of_another_form_runs_as_it_is(query: str) -> None:
    assert by_values(query) == [query]
