"""The store contract: one test class run against every store behind the protocol.

Modelled on Oxigraph's Python store tests: :class:`StoreContract` says what any
:class:`~kg.store.KnowledgeStore` answers, and one subclass per store runs it against a real
store: the embedded store on disk, the embedded store in memory, and an Oxigraph server
(``oxigraph serve --union-default-graph`` on 127.0.0.1) through the SPARQL protocols. The
graphs are small: a few facts, and sixty for the time limit.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.store import KnowledgeStore, OxigraphStore, Results, StoreError, Term
from kg.store.remote import RemoteStore
from kg.store.timed import timed_select
from tests.store.test_remote_endpoint import Server, start_server

EX = "https://example.org/"
G1, G2, G3 = (f"{EX}graph/{n}" for n in ("one", "two", "three"))
P = NamedNode(f"{EX}says")
XSD = "http://www.w3.org/2001/XMLSchema#"
VALUES: tuple[Term, ...] = (
    Literal("plain"),
    Literal("l'été \"cité\"\nsur deux lignes", language="fr"),
    Literal("12.5", datatype=NamedNode(f"{XSD}decimal")),  # canonical: Oxigraph keeps values
    Literal("2024-09-26", datatype=NamedNode(f"{XSD}date")),
    NamedNode(f"{EX}collectivité/Dijon"),
)
OBJECTS = "SELECT ?o WHERE { ?s ?p ?o }"
# Six joins over sixty facts: 60**6 solutions to count, more than any limit below allows.
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
        "?m ?n1 ?o . ?q ?r ?t }")


def facts(graph: str, values: tuple[Term, ...] = VALUES, *, subject: str = "s") -> list[Quad]:
    return [Quad(NamedNode(f"{EX}{subject}{i}"), P, v, NamedNode(graph))
            for i, v in enumerate(values)]


def column(results: Results) -> list[Term | None]:
    return sorted((row[0] for row in results.rows), key=str)


class StoreContract:
    """What every store answers alike; a subclass gives the store (an empty one per test)."""

    honours_from = True  # a FROM clause is answered from that graph; else the query is refused

    @pytest.fixture
    def store(self) -> Iterator[KnowledgeStore]:
        raise NotImplementedError

    def timed(self, store: KnowledgeStore, query: str, *, timeout: float) -> Results:
        """``query`` on ``store`` with a time limit, the way the commands run it."""
        raise NotImplementedError

    def test_a_new_store_is_empty(self, store: KnowledgeStore) -> None:
        assert (store.graphs(), store.count(), store.select(OBJECTS).rows) == ([], 0, ())

    def test_replaced_graphs_hold_their_terms_unchanged(self, store: KnowledgeStore) -> None:
        store.replace_graph(G1, facts(G1))
        store.replace_graph(G2, facts(G2, VALUES[:2], subject="t"))
        assert store.graphs() == sorted([G1, G2])
        assert store.count() == len(VALUES) + 2
        assert column(store.select(OBJECTS)) == sorted([*VALUES, *VALUES[:2]], key=str)

    def test_replacing_a_graph_drops_what_it_held(self, store: KnowledgeStore) -> None:
        store.replace_graph(G1, facts(G1))
        store.replace_graph(G2, facts(G2))
        store.replace_graph(G1, facts(G1, (Literal("new"),)))
        assert store.count() == len(VALUES) + 1
        query = f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"
        assert column(store.select(query)) == [Literal("new")]

    def test_a_graph_replaced_with_nothing_is_gone(self, store: KnowledgeStore) -> None:
        store.replace_graph(G1, facts(G1))
        store.replace_graph(G1, [])
        assert (store.graphs(), store.count()) == ([], 0)

    def test_removing_a_graph_keeps_the_others_and_an_absent_one_is_no_error(
            self, store: KnowledgeStore) -> None:
        store.replace_graph(G1, facts(G1))
        store.replace_graph(G2, facts(G2))
        store.remove_graph(G1)
        store.remove_graph(G3)
        assert (store.graphs(), store.count()) == ([G2], len(VALUES))

    def test_the_graph_count_is_the_number_of_graphs_held(self, store: KnowledgeStore) -> None:
        assert store.graph_count() == 0
        store.replace_graph(G1, facts(G1))
        store.replace_graph(G2, facts(G2))
        store.replace_graph(G2, facts(G2, (Literal("new"),)))
        assert store.graph_count() == 2
        store.remove_graph(G1)
        assert store.graph_count() == len(store.graphs()) == 1

    def test_the_default_graph_is_the_union_and_keeps_a_fact_once_per_graph(
            self, store: KnowledgeStore) -> None:
        store.replace_graph(G1, facts(G1))
        store.replace_graph(G2, facts(G2))
        counted = store.select("SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?o) AS ?d) "
                               "WHERE { ?s ?p ?o }").rows
        assert [(n.value, d.value) for n, d in counted] == [  # type: ignore[union-attr]
            (str(2 * len(VALUES)), str(len(VALUES)))]

    def test_bindings_are_rdf_terms(self, store: KnowledgeStore) -> None:
        store.replace_graph(G1, facts(G1))
        for value in VALUES:
            found = store.select("SELECT ?s WHERE { ?s ?p ?o }", bindings={"o": value})
            assert [row[0] for row in found.rows] == [NamedNode(f"{EX}s{VALUES.index(value)}")]

    def test_a_query_naming_its_dataset_is_never_answered_from_the_union(
            self, store: KnowledgeStore) -> None:
        store.replace_graph(G1, facts(G1, VALUES[:1]))
        store.replace_graph(G2, facts(G2, VALUES[1:2]))
        query = f"SELECT ?o FROM <{G1}> WHERE {{ ?s ?p ?o }}"
        if self.honours_from:
            assert column(store.select(query)) == [VALUES[0]]
        else:
            with pytest.raises(StoreError, match="FROM and FROM NAMED are refused"):
                store.select(query)

    @pytest.mark.parametrize("query", ["SELECT ?s WHERE { ?s ?p }", "ASK { ?s ?p ?o }"])
    def test_what_is_not_a_select_query_is_a_store_error(self, store: KnowledgeStore,
                                                         query: str) -> None:
        store.replace_graph(G1, facts(G1))
        with pytest.raises(StoreError):
            store.select(query)

    @pytest.mark.parametrize("fmt", [RdfFormat.N_QUADS, RdfFormat.TURTLE], ids=str)
    def test_a_dump_holds_what_was_stored(self, store: KnowledgeStore, fmt: RdfFormat) -> None:
        stored = facts(G1) + facts(G2, VALUES[:2])
        store.replace_graph(G1, stored[:len(VALUES)])
        store.replace_graph(G2, stored[len(VALUES):])
        out = io.BytesIO()
        store.dump(out, fmt=fmt)
        dumped = set(parse(out.getvalue(), fmt))
        if fmt.supports_datasets:
            assert dumped == set(stored)
        else:
            assert {q.triple for q in dumped} == {q.triple for q in stored}

    def test_a_query_over_its_time_limit_is_stopped_with_an_error_naming_the_limit(
            self, store: KnowledgeStore) -> None:
        store.replace_graph(G1, facts(G1, tuple(Literal(str(i)) for i in range(60))))
        with pytest.raises(StoreError, match=r"within 1 s"):
            self.timed(store, SLOW, timeout=1)
        assert store.count() == 60  # and the store still answers


class TestEmbeddedOnDisk(StoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[KnowledgeStore]:
        store = OxigraphStore(tmp_path / "store")
        self.path = tmp_path / "store"
        yield store
        store.close()

    def timed(self, store: KnowledgeStore, query: str, *, timeout: float) -> Results:
        return timed_select(self.path, query, timeout=timeout)


class TestEmbeddedInMemory(StoreContract):
    @pytest.fixture
    def store(self) -> Iterator[KnowledgeStore]:
        yield OxigraphStore()

    def timed(self, store: KnowledgeStore, query: str, *, timeout: float) -> Results:
        pytest.skip("no time limit in memory: pyoxigraph cannot interrupt a query in-process, "
                    "and the child process that enforces the limit cannot see a store in memory")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One Oxigraph server for the module; --timeout-s stops there the queries a client left."""
    server = start_server(tmp_path_factory.mktemp("contract"), "--union-default-graph",
                          "--timeout-s", "10")
    yield server
    server.stop()


@pytest.mark.server
class TestOxigraphServer(StoreContract):
    honours_from = False

    @pytest.fixture
    def store(self, server: Server) -> Iterator[KnowledgeStore]:
        store = RemoteStore(server.url)
        for graph in store.graphs():  # one server, emptied before each test
            store.remove_graph(graph)
        yield store
        store.close()

    def timed(self, store: KnowledgeStore, query: str, *, timeout: float) -> Results:
        assert isinstance(store, RemoteStore)
        return RemoteStore(store.endpoint, timeout=timeout).select(query)
