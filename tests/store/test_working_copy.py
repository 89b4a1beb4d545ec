"""The working copy validation reads: each fact of the named graphs once, in memory or on disk.

:meth:`kg.store.OxigraphStore.distinct_facts` copies the named graphs' triples into one default
graph; :func:`kg.validate.detect.working_copy` puts it on disk in a temporary folder for a store
on disk, and removes the folder afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from kg.store import OxigraphStore, StoreError
from kg.validate import load_shapes
from kg.validate.detect import working_copy
from kg.validate.rules import compile_shapes

EX = "https://example.org/"
SAYS, NAMES, SKIPPED = (NamedNode(f"{EX}{p}") for p in ("says", "names", "skipped"))
A, B = NamedNode(f"{EX}a"), NamedNode(f"{EX}b")
BLANK = BlankNode("shared")


def _graphs(n: int) -> dict[str, list[Quad]]:
    """``n`` graphs that all restate two facts (one about a blank node), each with one of its
    own, and a fact of a predicate the copy leaves out."""
    out = {}
    for i in range(n):
        g = NamedNode(f"{EX}graph/{i}")
        out[g.value] = [Quad(A, SAYS, Literal("restated"), g), Quad(BLANK, NAMES, B, g),
                        Quad(B, SAYS, Literal(f"own {i}"), g), Quad(A, SKIPPED, Literal(str(i)), g)]
    return out


def _store(path: Path | None, n: int) -> OxigraphStore:
    store = OxigraphStore(path)
    for g, quads in _graphs(n).items():
        store.replace_graph(g, quads)
    return store


def _triples(facts: OxigraphStore) -> set[tuple[str, str, str]]:
    rows = facts.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows
    return {(str(s), str(p), str(o)) for s, p, o in rows}


@pytest.mark.parametrize("on_disk", [False, True], ids=["in memory", "on disk"])
def test_each_fact_of_the_named_graphs_is_copied_once(tmp_path: Path, on_disk: bool) -> None:
    store = _store(None, 300)  # more graphs than one chunk of the copy is likely to hold
    facts = store.distinct_facts(predicates=[SAYS.value, NAMES.value],
                                 directory=tmp_path / "facts" if on_disk else None)
    try:
        copied = _triples(facts)
        assert facts.count() == len(copied) == 2 + 300  # two restated facts, one per graph
        assert (str(A), str(SAYS), '"restated"') in copied
        assert (str(BLANK), str(NAMES), str(B)) in copied  # a blank node keeps its identity
        assert not any(p == str(SKIPPED) for _s, p, _o in copied)
        assert (tmp_path / "facts").is_dir() is on_disk
    finally:
        facts.close()
    everything = store.distinct_facts()
    assert everything.count() == 2 + 300 + 300  # without predicates: every predicate
    assert store.distinct_facts(predicates=[]).count() == 0


def test_the_copy_of_a_store_on_disk_is_on_disk_and_removed_afterwards(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _store(tmp_path / "store", 3).close()
    store = OxigraphStore(tmp_path / "store", read_only=True)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    rules = compile_shapes(load_shapes())
    with working_copy(store, rules) as facts:
        assert isinstance(facts, OxigraphStore) and facts.working_directory is not None
        assert facts.working_directory.is_relative_to(scratch)
        assert (facts.working_directory / "CURRENT").is_file()  # a RocksDB store
    assert list(scratch.iterdir()) == []
    memory = _store(None, 3)
    with working_copy(memory, rules) as facts:
        assert isinstance(facts, OxigraphStore) and facts.working_directory is None
    store.close()


def test_no_room_for_the_copy_is_one_clear_error(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _store(tmp_path / "store", 2).close()
    store = OxigraphStore(tmp_path / "store", read_only=True)

    def full(*_args: object, **_kwargs: object) -> OxigraphStore:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "distinct_facts", full)
    rules = compile_shapes(load_shapes())
    with (pytest.raises(StoreError, match=r"working copy of the facts in .*tkg-validate-.*"
                                          r"No space left.*TMPDIR"),
          working_copy(store, rules)):
        pass
    store.close()


def test_a_triple_format_export_of_a_store_on_disk_has_each_triple_once(tmp_path: Path) -> None:
    """Turtle or N-Triples of a store on disk: the union, deduplicated on disk, not in memory."""
    import io

    from pyoxigraph import RdfFormat, parse

    store = OxigraphStore(tmp_path / "st")
    s, p = NamedNode("https://example.org/s"), NamedNode("https://example.org/p")
    for g in ("https://example.org/g1", "https://example.org/g2"):
        store.replace_graph(g, [Quad(s, p, NamedNode("https://example.org/o"), NamedNode(g)),
                                Quad(s, p, NamedNode(g + "/own"), NamedNode(g))])
    out = io.BytesIO()
    store.dump(out, fmt=RdfFormat.N_TRIPLES)
    store.close()
    lines = out.getvalue().decode().splitlines()
    assert len(lines) == 3 == len(set(lines))
    assert {str(t.object) for t in parse(out.getvalue(), RdfFormat.N_TRIPLES)} == {
        "<https://example.org/o>", "<https://example.org/g1/own>", "<https://example.org/g2/own>"}


def test_the_sources_are_looked_up_once_the_working_copy_is_let_go(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules' memory (the copy, its caches, their hash tables) and the sources' (the store's
    caches) are not taken at once: every offence is found over the copy, the copy is closed and
    removed, and only then are the offending facts' documents looked up in the store."""
    from collections.abc import Iterator
    from contextlib import contextmanager

    from pyoxigraph import RdfFormat, parse

    from kg.store import KnowledgeStore
    from kg.validate import detect
    from kg.validate.rules import Rule
    from tests.shapes.shacl import family_shapes

    fixture = next(Path(__file__).parents[1].glob("shapes/*/invalid-*.ttl"))
    store = OxigraphStore(tmp_path / "store")
    store.replace_graph(f"{EX}graph/fixture", list(parse(fixture.read_bytes(), RdfFormat.TURTLE)))
    store.close()
    store = OxigraphStore(tmp_path / "store", read_only=True)
    events: list[str] = []
    copy, lookup = detect.working_copy, detect.sources

    @contextmanager
    def watched(of: KnowledgeStore, rules: list[Rule]) -> Iterator[KnowledgeStore]:
        with copy(of, rules) as facts:
            yield facts
        events.append("copy let go")

    def sources(*args: object) -> object:
        events.append("sources")
        return lookup(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(detect, "working_copy", watched)
    monkeypatch.setattr(detect, "sources", sources)
    try:
        results = detect.run_rules(store, compile_shapes(family_shapes(fixture.parent.name)))
    finally:
        store.close()
    assert results and all(r.sources for r in results)
    assert events[0] == "copy let go" and events.count("sources") == len(results)


def test_rules_and_lookups_run_one_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two rules at once hold two rules' hash tables (and two threads' heaps): over a store on
    disk, no rule and no lookup of sources starts before the one before it has ended."""
    import threading
    import time

    from pyoxigraph import RdfFormat, parse

    from kg.validate import detect
    from tests.shapes.shacl import family_shapes

    fixture = next(Path(__file__).parents[1].glob("shapes/*/invalid-*.ttl"))
    store = OxigraphStore(tmp_path / "store")
    store.replace_graph(f"{EX}graph/fixture", list(parse(fixture.read_bytes(), RdfFormat.TURTLE)))
    store.close()
    store = OxigraphStore(tmp_path / "store", read_only=True)
    running, most, lock = [0], [0], threading.Lock()

    def one_at_a_time(run):  # type: ignore[no-untyped-def]
        def watched(*args: object, **kwargs: object) -> object:
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            try:
                time.sleep(0.01)  # long enough for another thread to start meanwhile
                return run(*args, **kwargs)
            finally:
                with lock:
                    running[0] -= 1
        return watched

    monkeypatch.setattr(detect, "_offences", one_at_a_time(detect._offences))
    monkeypatch.setattr(detect, "_results", one_at_a_time(detect._results))
    try:
        results = detect.run_rules(store, compile_shapes(family_shapes(fixture.parent.name)))
    finally:
        store.close()
    assert results and most[0] == 1


def _fixture_store(tmp_path: Path) -> tuple[OxigraphStore, Path]:
    from pyoxigraph import RdfFormat, parse

    fixture = next(Path(__file__).parents[1].glob("shapes/*/invalid-*.ttl"))
    store = OxigraphStore(tmp_path / "store")
    store.replace_graph(f"{EX}graph/fixture", list(parse(fixture.read_bytes(), RdfFormat.TURTLE)))
    store.close()
    return OxigraphStore(tmp_path / "store", read_only=True), fixture


@pytest.mark.parametrize("memory_readable", [True, False])
def test_the_store_is_reopened_as_the_lookups_grow_the_process_and_the_report_is_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_readable: bool) -> None:
    """RocksDB keeps the index blocks and caches of every file the lookups of sources read, a
    share of the whole store: the store is reopened each time the process has grown by
    CACHE_GROWTH (or, where its memory cannot be read, every LOOKUPS_PER_HANDLE offences), and
    the results are those of a validation that never reopens it."""
    import kg.validate.detect as detect
    from tests.shapes.shacl import family_shapes

    store, fixture = _fixture_store(tmp_path)
    rules = compile_shapes(family_shapes(fixture.parent.name))
    reopened: list[int] = []
    reopen = OxigraphStore.reopen

    def counted(self: OxigraphStore) -> None:
        if self is store:  # (the working copy, in a temporary folder, never reopens)
            reopened.append(1)
        reopen(self)

    monkeypatch.setattr(OxigraphStore, "reopen", counted)
    try:
        monkeypatch.setattr(detect, "CACHE_GROWTH", 2**62)
        monkeypatch.setattr(detect, "LOOKUPS_PER_HANDLE", 2**62)
        never = detect.run_rules(store, rules)
        assert never and not reopened
        if not memory_readable:
            monkeypatch.setattr(detect, "resident_bytes", lambda: None)
        monkeypatch.setattr(detect, "CACHE_GROWTH", -2**40)  # every lookup "grew" it
        monkeypatch.setattr(detect, "LOOKUPS_PER_HANDLE", 1)
        always = detect.run_rules(store, rules)
    finally:
        store.close()
    assert len(reopened) == len(always) == len(never)
    assert always == never


def test_a_read_only_store_reopens_on_the_state_it_opened_and_never_on_a_later_one(
        tmp_path: Path) -> None:
    """Reopened, a reader answers as before from a new handle; once a build has written the
    store, it keeps the handle it has, so that one validation reads one state."""
    store, _ = _fixture_store(tmp_path)
    count = store.count()
    first = store._store
    store.reopen()
    assert store._store is not first and store.count() == count
    writer = OxigraphStore(tmp_path / "store")
    writer.replace_graph(f"{EX}graph/later",
                         [Quad(NamedNode(f"{EX}s"), NamedNode(f"{EX}p"), Literal("o"))])
    writer.close()
    second = store._store
    store.reopen()
    assert store._store is second and store.count() == count
    store.close()
    assert OxigraphStore(tmp_path / "store", read_only=True).count() == count + 1


def test_a_store_in_memory_or_open_for_writing_is_never_reopened(tmp_path: Path) -> None:
    for store in (OxigraphStore(), OxigraphStore(tmp_path / "store")):
        handle = store._store
        store.reopen()
        assert store._store is handle
        store.close()


def test_the_resident_memory_of_the_process_is_read_where_linux_gives_it() -> None:
    from kg.store import resident_bytes

    before = resident_bytes()
    if not Path("/proc/self/statm").exists():
        assert before is None
        return
    held = bytearray(64 * 2**20)  # touched: resident
    after = resident_bytes()
    assert before is not None and after is not None and after - before >= 60 * 2**20
    del held


def test_a_store_that_cannot_be_opened_again_is_one_error_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its files unchanged but the folder gone when it opens again (removed meanwhile): one
    error naming the folder; the object still closes."""
    import kg.store

    store, _ = _fixture_store(tmp_path)

    def gone(path: Path) -> object:
        raise StoreError(f"no store at {path}")

    monkeypatch.setattr(kg.store, "_open_read_only", gone)
    with pytest.raises(StoreError, match=r"store: removed or replaced while it was read"):
        store.reopen()
    store.close()
