"""Faults, with real processes: a build killed with SIGKILL at random moments, two builds on
one store, queries during a build, a query over its time limit or interrupted with Ctrl-C."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.store import OxigraphStore
from kg.store import facts as facts_folder
from tests.conftest import SMALL_BATCHES

TKG = [sys.executable, "-m", "kg.cli"]
# The build with batches of about four documents, written at least every half second, so that a
# few dozen documents make several batches (the shipped batch, 200,000 quads, holds about fifty
# documents): what is tested, that a batch goes in whole or not at all, is the same at any size.
TKG_NS = "https://w3id.org/territoires-kg/ontology#"
QUADS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
POURS = f"SELECT ?g ?pour WHERE {{ GRAPH ?g {{ ?v <{TKG_NS}votesFor> ?pour }} }}"
REVISED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?v <http://www.w3.org/ns/prov#wasRevisionOf> ?w } }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def write_documents(folder: Path, sample: str, pours: list[int]) -> None:
    folder.mkdir(exist_ok=True)
    for n, pour in enumerate(pours):
        (folder / f"doc-{n}.txt").write_text(sample.replace("POUR : 78", f"POUR : {pour}"),
                                             encoding="utf-8")


def tkg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TKG, *args], capture_output=True, text=True, timeout=timeout)


def graphs(store: Path) -> dict[str, tuple[int, str, int]]:
    """Each document graph: its number of quads, its vote 'pour', whether it revises a version."""
    s = OxigraphStore(store, read_only=True)
    try:
        pours: dict[str, list[str]] = {}
        for r in s.select(POURS):
            pours.setdefault(r["g"], []).append(r["pour"])
        revised = {r["g"] for r in s.select(REVISED)}
        return {r["g"]: (int(r["n"]), " ".join(sorted(pours.get(r["g"], []))), int(r["g"] in revised))
                for r in s.select(QUADS) if "/graph/reference/" not in r["g"]}
    finally:
        s.close()


@pytest.fixture(scope="module")
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.mark.slow  # eleven builds in real processes, ten of them killed
def test_a_build_killed_at_random_moments_leaves_each_document_complete_or_absent(
        tmp_path: Path, sample_text: str) -> None:
    docs, store = tmp_path / "docs", tmp_path / "st"
    write_documents(docs, sample_text, [60, 61, 62, 63])
    started = time.monotonic()
    assert tkg("build", str(docs), "--store", str(store)).returncode == 0
    duration = time.monotonic() - started
    complete = next(iter(graphs(store).values()))[0]  # quads of a first version's graph
    rng = random.Random(11)
    for attempt in range(10):
        pours = [10 * attempt + n for n in range(4)]
        write_documents(docs, sample_text, pours)
        proc = subprocess.Popen([*TKG, "build", str(docs), "--store", str(store)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for graph, (quads, pours_seen, revised) in graphs(store).items():
            assert len(pours_seen.split()) == 1, (attempt, graph, pours_seen)
            assert quads == complete + revised, (attempt, graph, quads, complete)
    result = tkg("build", str(docs), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert sorted(p for _, p, _ in graphs(store).values()) == [str(p) for p in pours]


@pytest.mark.slow  # nine builds in real processes, eight of them killed
def test_a_first_build_killed_at_random_moments_leaves_each_document_complete_or_absent(
        tmp_path: Path, sample_text: str) -> None:
    """A first build writes documents a batch at a time through the bulk loader
    (:meth:`kg.store.OxigraphStore.write_graphs`): a batch is one ingestion, all or nothing."""
    docs = tmp_path / "docs"
    pours = list(range(40, 70))  # thirty documents: several batches, and a while to write them
    write_documents(docs, sample_text, pours)
    started = time.monotonic()
    assert subprocess.run([*SMALL_BATCHES, "build", str(docs), "--store", str(tmp_path / "clean")],
                          capture_output=True, timeout=300).returncode == 0
    duration = time.monotonic() - started
    complete = next(iter(graphs(tmp_path / "clean").values()))[0]
    rng = random.Random(12)
    seen = set()
    for attempt in range(8):
        store = tmp_path / f"killed-{attempt}"
        proc = subprocess.Popen([*SMALL_BATCHES, "build", str(docs), "--store", str(store)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not (store / "CURRENT").is_file():
            continue  # killed before the store was made
        stored = graphs(store)
        seen.add(len(stored))
        for graph, (quads, pours_seen, revised) in stored.items():
            assert revised == 0 and len(pours_seen.split()) == 1, (attempt, graph, pours_seen)
            assert quads == complete, (attempt, graph, quads, complete)
        result = tkg("build", str(docs), "--store", str(store))  # the next build completes it
        assert result.returncode == 0, result.stderr
        assert sorted(int(p) for _, p, _ in graphs(store).values()) == pours
        assert kept_facts_match(store), attempt  # and the facts it keeps for validation
    assert len(seen) > 1, seen  # the kills fell at different points of the build


def kept_facts_match(store: Path) -> bool:
    """The distinct facts the build kept are up to date and those a copy gives."""
    from kg.validate import load_shapes
    from kg.validate.detect import read_predicates
    from kg.validate.rules import compile_shapes

    predicates = read_predicates(compile_shapes(load_shapes()))
    assert predicates is not None
    s = OxigraphStore(store, read_only=True)
    try:
        kept = s.kept_facts(predicates)
        if kept is None:
            return False
        read = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
        rows = {r for r in kept.select(read).rows if r[1] is not None and r[1].value in predicates}
        kept.close()
        return rows == {(t.subject, t.predicate, t.object)
                        for t in facts_folder.kept_of(s._store, predicates)}
    finally:
        s.close()


def _wait_for_lock(store: Path, proc: subprocess.Popen[bytes]) -> None:
    lock = store / "tkg-write.lock"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if lock.is_file() and lock.stat().st_size > 0 and (store / "CURRENT").is_file():
            return
        time.sleep(0.05)
    raise AssertionError("the first build never took the store's lock")


@pytest.mark.slow  # three builds in real processes, two of them at once
def test_a_second_build_stops_with_a_clear_message_and_readers_read_during_a_build(
        tmp_path: Path, sample_text: str) -> None:
    docs, store = tmp_path / "docs", tmp_path / "st"
    write_documents(docs, sample_text, [50])
    assert tkg("build", str(docs), "--store", str(store)).returncode == 0
    write_documents(docs, sample_text, [51, 52, 53, 54, 55, 56])
    first = subprocess.Popen([*TKG, "build", str(docs), "--store", str(store)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_lock(store, first)
        second = tkg("build", str(docs), "--store", str(store))
        reader = tkg("query", "votes", "--format", "csv", "--store", str(store))
        still_running = first.poll() is None
    finally:
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 2
    assert "another tkg command is writing to this store (tkg build, pid" in second.stderr
    assert "Traceback" not in second.stderr
    assert reader.returncode == 0, reader.stderr
    assert still_running  # the query did not wait for the build to end
    assert len(reader.stdout.splitlines()) >= 2  # the header and at least the first version
    assert sorted(p for _, p, _ in graphs(store).values()) == [str(p) for p in range(51, 57)]


@pytest.fixture
def built(sample_store_template: Path) -> Path:
    """The reference graph and the sample, on disk; these tests only read it."""
    return sample_store_template


def test_a_query_over_its_time_limit_is_stopped_with_a_clear_message(built: Path) -> None:
    result = tkg("sparql", SLOW, "--timeout", "1", "--store", str(built), timeout=120)
    assert result.returncode == 2
    assert "did not finish within 1 s and was stopped" in result.stderr
    assert "Traceback" not in result.stderr


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def test_ctrl_c_stops_a_query_at_once_and_its_worker_with_it(built: Path) -> None:
    # Ctrl-C at a terminal: SIGINT with its default disposition, which a run started in the
    # background by a shell (CI under nohup, `make test &`) would otherwise inherit as ignored.
    proc = subprocess.Popen([*TKG, "sparql", SLOW, "--store", str(built)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert workers, "the query never started its worker"
    time.sleep(1)  # the worker is evaluating the query
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 130
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
    assert b"Traceback" not in proc.stderr.read()  # type: ignore[union-attr]


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT (COUNT(*) AS ?n) FROM <https://example.org/no-such-graph> WHERE { ?s ?p ?o }", "0"),
    ("SELECT (COUNT(*) AS ?n) FROM NAMED <https://example.org/none> WHERE { GRAPH ?g { ?s ?p ?o } }",
     "0"),
])
def test_from_and_from_named_are_honoured_on_the_embedded_store(
        built: Path, query: str, expected: str) -> None:
    result = tkg("sparql", query, "--format", "csv", "--store", str(built))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["n", expected]
    everything = tkg("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv",
                     "--store", str(built))
    assert int(everything.stdout.split()[1]) > 1000


def test_from_a_graph_of_the_store_reads_that_graph_only(built: Path) -> None:
    s = OxigraphStore(built, read_only=True)
    [doc] = [g for g in s.graphs() if "/graph/reference/" not in g]
    in_graph = s.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}").rows[0][0]
    s.close()
    result = tkg("sparql", f"SELECT (COUNT(*) AS ?n) FROM <{doc}> WHERE {{ ?s ?p ?o }}",
                 "--format", "csv", "--store", str(built))
    assert in_graph is not None and result.stdout.split() == ["n", in_graph.value]
    assert os.environ.get("TKG_ENDPOINT") is None
