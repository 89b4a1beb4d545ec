"""``/sparql`` under several clients, against a real ``tkg serve`` with one query worker and no
wait line: a query that finds the worker busy is refused at once with ``Retry-After``, the
same query asked meanwhile shares the running one, pages are served all along, and an answer
is cached for the store's version only."""

from __future__ import annotations

import json
import os
import shutil
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.mapping.vocab import DCTERMS, RDF, TKG, node
from kg.store import OxigraphStore
from tests.serve.conftest import BASE, CONVENTION, TIMEOUT, Answer, Server, get, serving

pytestmark = pytest.mark.server  # tkg serve in its own process

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = ("SELECT (COUNT(DISTINCT ?d) AS ?n) "
         "WHERE { ?d a <https://w3id.org/territoires-kg/ontology#Deliberation> }")


@pytest.fixture(scope="module")
def lone_worker(store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``tkg serve --workers 1 --queue 0`` over its own copy of the store (which a test writes to)."""
    store = tmp_path_factory.mktemp("lone") / "store"
    shutil.copytree(store_dir, store)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TKG_")}
    with serving(store, "--workers", "1", "--queue", "0", env=env) as running:
        yield running


def ask(server: Server, query: str, *, fmt: str = "json") -> Answer:
    return get(f"{server.url}/sparql?{urllib.parse.urlencode({'query': query, 'format': fmt})}")


def count(answer: Answer) -> int:
    return int(json.loads(answer[2])["results"]["bindings"][0]["n"]["value"])


def test_an_answer_is_cached_per_query_and_format(lone_worker: Server) -> None:
    first = ask(lone_worker, COUNT)
    again = ask(lone_worker, COUNT)
    assert first[0] == again[0] == 200
    assert first[1]["x-tkg-answer"] == "run" and again[1]["x-tkg-answer"] == "cache"
    assert again[2] == first[2]
    as_csv = ask(lone_worker, COUNT, fmt="csv")
    assert as_csv[0] == 200 and as_csv[1]["x-tkg-answer"] == "run"
    assert as_csv[1]["content-type"].startswith("text/csv")
    assert ask(lone_worker, COUNT + " # another text")[1]["x-tkg-answer"] == "run"


def test_a_busy_worker_refuses_other_queries_shares_the_same_and_pages_still_answer(
        lone_worker: Server) -> None:
    with ThreadPoolExecutor(3) as pool:
        started = time.monotonic()
        runaway = pool.submit(ask, lone_worker, RUNAWAY)
        time.sleep(1.0)  # the runaway query holds the only worker until the time limit
        same = pool.submit(ask, lone_worker, RUNAWAY)
        other = ask(lone_worker, "ASK { ?s ?p ?o }")
        refused_after = time.monotonic() - started
        page = get(lone_worker.url + "/" + CONVENTION.split("/", 3)[3].split("/", 1)[1], accept="text/html")
        page_after = time.monotonic() - started
        first, shared = runaway.result(), same.result()
    assert other[0] == 503 and b"wait" in other[2], other
    assert int(other[1]["retry-after"]) >= 1
    assert refused_after < TIMEOUT, "refused at once, not after waiting"
    assert page[0] == 200 and page_after < TIMEOUT, "a page does not wait for the query worker"
    for status, headers, body in (first, shared):
        assert status == 503 and b"time limit" in body
        assert "retry-after" not in headers  # asking again would not help
    assert ask(lone_worker, "ASK { ?s ?p ?o }")[0] == 200  # a new worker took over


def test_a_cached_answer_is_not_served_for_a_newer_store(lone_worker: Server) -> None:
    before = ask(lone_worker, COUNT)
    assert ask(lone_worker, COUNT)[1]["x-tkg-answer"] == "cache"
    writer = OxigraphStore(lone_worker.store)  # a build beside the server
    graph = NamedNode(BASE + "graph/test-later")
    s = NamedNode(BASE + "epci/242100410/deliberation/2024-11-05/later")
    writer.replace_graph(graph.value, [Quad(s, node(RDF.type), node(TKG.Deliberation), graph),
                                       Quad(s, node(DCTERMS.title), Literal("Later"), graph)])
    writer.close()
    assert ask(lone_worker, COUNT)[2] == before[2]  # the worker still reads the store it opened
    assert ask(lone_worker, RUNAWAY)[0] == 503  # its replacement opens the store as it is now
    after = ask(lone_worker, COUNT)
    assert after[1]["x-tkg-answer"] == "run"
    assert count(after) == count(before) + 1
    assert ask(lone_worker, COUNT)[1]["x-tkg-answer"] == "cache"
