"""The distinct facts the build keeps for validation (:mod:`kg.store.facts`): always the same
triples as a copy made from the store, or not used at all."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad

from kg.store import OxigraphStore
from kg.store.facts import FOLDER

EX = "https://example.org/"
P, Q, R = f"{EX}p", f"{EX}q", f"{EX}r"  # R is not kept


def quads(graph: str, *triples: tuple[str, str, str]) -> list[Quad]:
    return [Quad(NamedNode(EX + s), NamedNode(p), NamedNode(EX + o), NamedNode(graph))
            for s, p, o in triples]


def triples(store: OxigraphStore, predicates: list[str]) -> set[str]:
    """The triples of ``predicates`` (the rules' queries read no others)."""
    rows = store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    return {" ".join(str(r[v]) for v in ("s", "p", "o")) for r in rows if r["p"] in predicates}


def copied(store: OxigraphStore, predicates: list[str]) -> set[str]:
    facts = store.distinct_facts(predicates=predicates)
    try:
        return triples(facts, predicates)
    finally:
        facts.close()


def kept(path: Path, predicates: list[str]) -> set[str] | None:
    store = OxigraphStore(path, read_only=True)
    try:
        facts = store.kept_facts(predicates)
        if facts is None:
            return None
        try:
            return triples(facts, predicates)
        finally:
            facts.close()
    finally:
        store.close()


def same_as_a_copy(path: Path, predicates: list[str]) -> None:
    found = kept(path, predicates)
    store = OxigraphStore(path, read_only=True)
    try:
        assert found is not None
        assert found == copied(store, predicates)
    finally:
        store.close()


A, B, C = f"{EX}graph/a", f"{EX}graph/b", f"{EX}graph/c"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "st"
    store = OxigraphStore(path)
    store.keep_facts([P, Q])
    store.write_graphs([(A, quads(A, ("x", P, "1"), ("x", Q, "2"), ("x", R, "3"))),
                        (B, quads(B, ("x", P, "1"), ("y", P, "4")))])
    store.close()
    return path


def test_kept_facts_are_each_fact_of_the_kept_predicates_once(store_path: Path) -> None:
    found = kept(store_path, [P, Q])
    assert found == {f"{EX}x {P} {EX}1", f"{EX}x {Q} {EX}2", f"{EX}y {P} {EX}4"}
    same_as_a_copy(store_path, [P])


def test_a_replaced_graph_keeps_the_facts_another_graph_states(store_path: Path) -> None:
    store = OxigraphStore(store_path)
    store.replace_graph(B, quads(B, ("z", P, "5")))  # x P 1 is still stated by A
    store.close()
    same_as_a_copy(store_path, [P, Q])
    store = OxigraphStore(store_path)
    store.replace_graph(A, quads(A, ("x", Q, "2")))  # now nobody states x P 1
    store.close()
    assert f"{EX}x {P} {EX}1" not in (kept(store_path, [P, Q]) or {""})
    same_as_a_copy(store_path, [P, Q])


def test_a_removed_graph_takes_its_own_facts_away(store_path: Path) -> None:
    store = OxigraphStore(store_path)
    store.remove_graph(B)
    store.close()
    assert f"{EX}y {P} {EX}4" not in (kept(store_path, [P, Q]) or {""})
    same_as_a_copy(store_path, [P, Q])


def test_other_predicates_than_those_kept_are_not_read_from_the_folder(store_path: Path) -> None:
    assert kept(store_path, [P, R]) is None


def test_a_graph_written_without_its_facts_makes_them_unused_until_the_next_build(
        store_path: Path) -> None:
    """A process killed between the store's batch and the facts' batch: the store holds a graph
    the facts do not."""
    store = OxigraphStore(store_path)
    assert store._facts is not None
    facts, store._facts = store._facts, None  # the store written alone
    store.write_graphs([(C, quads(C, ("w", P, "6")))])
    store._facts = facts
    store.close()
    assert kept(store_path, [P, Q]) is None
    store = OxigraphStore(store_path)
    store.keep_facts([P, Q])  # the next build
    store.close()
    same_as_a_copy(store_path, [P, Q])


def test_a_dirty_folder_is_not_used_and_is_made_again(store_path: Path) -> None:
    """A process killed between the store's replacement of a graph and the facts' update."""
    store = OxigraphStore(store_path)
    assert store._facts is not None
    store._facts.replacing(A)  # marks the folder dirty
    store._store.remove_graph(NamedNode(A))
    store.close()
    assert kept(store_path, [P, Q]) is None
    store = OxigraphStore(store_path)
    store.keep_facts([P, Q])
    store.close()
    same_as_a_copy(store_path, [P, Q])


def test_a_writing_process_knows_what_the_folder_holds_as_the_folder_says_it(
        store_path: Path) -> None:
    """``tkg build --validate`` asks whether the facts are up to date from what it wrote since
    :meth:`keep_facts`, not by reading the folder's state again: after each kind of write both
    answers agree, and a write the keeper cannot follow, or a failed load, makes it read the
    folder again."""
    from kg.store import facts as facts_folder

    store = OxigraphStore(store_path)
    keeper = store._facts
    assert keeper is not None and keeper.facts is not None

    def answers() -> tuple[bool, bool]:
        assert keeper.facts is not None
        return (keeper.up_to_date(predicates=[P, Q]),
                facts_folder.usable(keeper.facts, predicates=[P, Q], graphs=store.graphs()))

    try:
        assert keeper._held is None and answers() == (True, True)  # not kept yet: the folder
        store.keep_facts([P, Q])
        assert keeper._held == 2 and answers() == (True, True)
        store.write_graphs([(C, quads(C, ("w", P, "6")))])  # a bulk load
        assert answers() == (True, True)
        store.replace_graph(A, quads(A, ("x", Q, "2")))
        store.remove_graph(B)
        assert keeper._held == 2 and answers() == (True, True)
        assert keeper.up_to_date(predicates=[P, R]) is False
        store._store.remove_graph(NamedNode(C))  # behind the keeper's back
        assert answers() == (False, False)
        store.keep_facts([P, Q])
        keeper.lost()  # as after a failed load
        assert keeper._held is None and answers() == (True, True)
        store.add(quads(A, ("v", P, "7")))  # a write the folder cannot follow
        assert answers() == (False, False)
    finally:
        store.close()


def test_a_reader_opened_before_a_build_wrote_does_not_take_the_newer_facts(
        store_path: Path) -> None:
    """A reader sees the store as it was when it opened it; the facts folder, opened later, may
    hold graphs written since. They are up to date with the folder's names, not with what the
    reader reads: it copies its own facts instead."""
    reader = OxigraphStore(store_path, read_only=True)
    try:
        writer = OxigraphStore(store_path)
        writer.write_graphs([(C, quads(C, ("w", P, "6")))])
        writer.close()
        assert reader.graphs() == [A, B]
        assert reader.kept_facts([P, Q]) is None
    finally:
        reader.close()
    assert kept(store_path, [P, Q]) == {f"{EX}x {P} {EX}1", f"{EX}x {Q} {EX}2",
                                        f"{EX}y {P} {EX}4", f"{EX}w {P} {EX}6"}


def test_the_held_count_is_what_the_state_says(store_path: Path) -> None:
    from pyoxigraph import Store

    from kg.store import facts as facts_folder

    folder = Store.read_only(str(store_path / FOLDER))
    _, held, dirty = facts_folder.state(folder)
    assert facts_folder.held_count(folder) == (len(held), dirty) == (2, False)
    del folder
    store = OxigraphStore(store_path)
    assert store._facts is not None
    store._facts.replacing(A)  # dirty, as a process killed mid-replacement leaves it
    store.close()
    folder = Store.read_only(str(store_path / FOLDER))
    assert facts_folder.held_count(folder) == (2, True)


def test_keeping_other_predicates_makes_the_folder_again(store_path: Path) -> None:
    store = OxigraphStore(store_path)
    store.keep_facts([P, R])
    store.close()
    assert kept(store_path, [P, Q]) is None
    same_as_a_copy(store_path, [P, R])


TKG = [sys.executable, "-m", "kg.cli"]


def _built_with_a_vote_over(tmp_path: Path, sample_path: Path) -> Path:
    """A store built by ``tkg build`` (its facts kept and sealed) from the sample and a copy
    counting 98 votes for: more than the voters, a violation."""
    docs = tmp_path / "docs"
    docs.mkdir()
    text = sample_path.read_text(encoding="utf-8")
    (docs / "a.txt").write_text(text, encoding="utf-8")
    (docs / "b.txt").write_text(text.replace("POUR : 78", "POUR : 98"), encoding="utf-8")
    store = tmp_path / "st"
    subprocess.run([*TKG, "build", str(docs), "--store", str(store)], check=True,
                   capture_output=True)
    return store


def test_validate_reports_the_same_with_the_kept_facts_and_with_a_copy(
        tmp_path: Path, sample_path: Path) -> None:
    store = _built_with_a_vote_over(tmp_path, sample_path)
    assert (store / FOLDER / "CURRENT").is_file()
    with_kept = subprocess.run([*TKG, "validate", "--store", str(store), "--format", "json"],
                               capture_output=True, text=True)
    shutil.rmtree(store / FOLDER)
    with_copy = subprocess.run([*TKG, "validate", "--store", str(store), "--format", "json"],
                               capture_output=True, text=True)
    assert with_kept.returncode == with_copy.returncode == 1  # 98 votes for: more than voters
    assert '"Votes within voters"' in with_kept.stdout or "Votes within voters" in with_kept.stdout
    assert with_kept.stdout == with_copy.stdout


def test_a_batch_with_blank_nodes_keeps_each_blank_node_one_node(tmp_path: Path) -> None:
    """A batch with blank nodes (written as N-Quads for the bulk loader, which renames them
    when it parses): a blank node stated twice in it stays one node, in the store and in the
    facts kept."""
    from pyoxigraph import BlankNode

    store = OxigraphStore(tmp_path / "st")
    try:
        store.keep_facts([P, Q])
        b, g = BlankNode(), NamedNode(A)
        store.write_graphs([(A, [Quad(NamedNode(EX + "x"), NamedNode(P), b, g),
                                 Quad(b, NamedNode(Q), NamedNode(EX + "y"), g)])])
        rows = store.select(f"SELECT ?y WHERE {{ <{EX}x> <{P}> ?b . ?b <{Q}> ?y }}").rows
        assert [r[0].value for r in rows if r[0] is not None] == [EX + "y"]
    finally:
        store.close()
    found = kept(tmp_path / "st", [P, Q])
    assert found is not None and len(found) == 2


def test_a_damaged_facts_folder_is_made_again_by_the_next_build(store_path: Path) -> None:
    (store_path / FOLDER / "CURRENT").write_text("MANIFEST-000099\n")
    assert kept(store_path, [P, Q]) is None  # validation copies the facts itself
    store = OxigraphStore(store_path)
    store.keep_facts([P, Q])
    store.close()
    same_as_a_copy(store_path, [P, Q])


def _names_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times validation compares both stores' graph names (:func:`usable`)."""
    from kg.store import facts as facts_folder

    calls: list[int] = []
    usable = facts_folder.usable

    def counted(*args: object, **kwargs: object) -> bool:
        calls.append(1)
        return usable(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(facts_folder, "usable", counted)
    return calls


def test_a_build_seals_the_facts_and_a_reader_takes_them_without_reading_a_name(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.store import facts as facts_folder

    assert facts_folder.sealed(store_path) is not None
    names = _names_read(monkeypatch)
    same_as_a_copy(store_path, [P, Q])
    assert names == []
    assert kept(store_path, [P, R]) is None  # R is not kept: the seal says nothing of it


def test_opening_the_store_for_writing_breaks_the_seal_before_anything_is_written(
        store_path: Path) -> None:
    """A writer killed before it closes leaves no seal: readers compare the names again."""
    from kg.store import facts as facts_folder

    store = OxigraphStore(store_path)
    try:
        assert facts_folder.sealed(store_path) is None
    finally:
        store.close()
    assert facts_folder.sealed(store_path) is None  # it did not say the facts are in step
    store = OxigraphStore(store_path)
    store.keep_facts([P, Q])  # as a build does
    store.close()
    assert facts_folder.sealed(store_path) is not None


def test_a_write_that_does_not_go_through_tkg_is_not_covered_by_the_seal(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program writes the store (a graph the facts do not hold): the seal no longer
    matches the store's files, the names are compared and the kept facts are not used."""
    from pyoxigraph import Store

    raw = Store(str(store_path))
    raw.add(Quad(NamedNode(EX + "z"), NamedNode(P), NamedNode(EX + "9"), NamedNode(C)))
    raw.flush()
    del raw
    names = _names_read(monkeypatch)
    assert kept(store_path, [P, Q]) is None
    assert names == [1]


def test_a_build_opening_a_sealed_store_keeps_its_facts_without_reading_a_name(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seal speaks for the writer too: the next build takes the folder as holding the
    store's graphs without reading their names (``state`` is what reads them), and keeps it in
    step and sealed."""
    from kg.store import facts as facts_folder

    def no_names(store: object) -> None:
        raise AssertionError("the graph names were read")

    monkeypatch.setattr(facts_folder, "state", no_names)
    store = OxigraphStore(store_path)
    try:
        store.keep_facts([P, Q])
        assert store._facts is not None and store._facts._held == 2
        store.write_graphs([(C, quads(C, ("w", P, "6")))])
    finally:
        store.close()
    monkeypatch.undo()
    assert facts_folder.sealed(store_path) is not None
    same_as_a_copy(store_path, [P, Q])


def test_a_build_opening_a_store_written_since_its_seal_reads_the_names(
        store_path: Path) -> None:
    """Another program replaced a graph by another (as many graphs as the folder holds): the
    files no longer match the seal, so the build compares the names and brings the folder in
    step."""
    from pyoxigraph import Store

    raw = Store(str(store_path))
    raw.remove_graph(NamedNode(B))
    raw.add(Quad(NamedNode(EX + "z"), NamedNode(P), NamedNode(EX + "9"), NamedNode(C)))
    raw.flush()
    del raw
    store = OxigraphStore(store_path)
    store.keep_facts([P, Q])
    store.close()
    same_as_a_copy(store_path, [P, Q])
    assert f"{EX}z {P} {EX}9" in (kept(store_path, [P, Q]) or set())


def test_a_reader_opened_before_a_sealed_build_compares_the_names(store_path: Path) -> None:
    """The seal is of the store as the build left it; a reader that opened it before reads an
    older state, so the seal does not speak for it."""
    reader = OxigraphStore(store_path, read_only=True)
    try:
        writer = OxigraphStore(store_path)
        writer.keep_facts([P, Q])
        writer.remove_graph(B)
        writer.write_graphs([(C, quads(C, ("w", P, "6")))])  # as many graphs as before
        writer.close()
        from kg.store import facts as facts_folder

        assert facts_folder.sealed(store_path) is not None
        assert reader.graphs() == [A, B]
        assert reader.kept_facts([P, Q]) is None
    finally:
        reader.close()


def test_a_batch_loads_each_fact_once_however_many_of_its_graphs_state_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Graphs of one batch that restate a fact (every item of a session restates its
    attendance) give the facts' bulk load that fact once; the store still holds every graph's
    quads."""
    import kg.store as store_module

    loads: list[bytes] = []
    load = store_module.bulk_nquads

    def recording(store: object, data: bytes) -> None:
        loads.append(data)
        load(store, data)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "bulk_nquads", recording)
    store = OxigraphStore(tmp_path / "st")
    try:
        store.keep_facts([P, Q])
        loads.clear()
        store.write_graphs([(g, quads(g, ("x", P, "1"), ("x", Q, "2"), ("x", R, g[-1])))
                            for g in (A, B, C)])
        assert store.count() == 9
    finally:
        store.close()
    facts = [line for data in loads for line in data.splitlines()
             if f"<{P}>".encode() in line or f"<{Q}>".encode() in line]
    assert sorted(facts) == sorted(set(facts))  # each once: in the facts' load
    assert len([line for line in facts if line.count(b"<") == 3]) == 2  # the two facts, no graph
    same_as_a_copy(tmp_path / "st", [P, Q])


def test_both_waits_for_the_second_call_and_raises_the_first_error() -> None:
    import threading

    from kg.store import both

    done = threading.Event()

    def slow() -> None:
        done.wait(5)

    def fail() -> None:
        done.set()
        raise OSError("first")

    with pytest.raises(OSError, match="first"):
        both(fail, slow)
    assert done.is_set()

    finished: list[str] = []

    def second_fails() -> None:
        finished.append("second")
        raise RuntimeError("second")

    with pytest.raises(RuntimeError, match="second"):
        both(lambda: finished.append("first"), second_fails)
    assert sorted(finished) == ["first", "second"]


def test_sealed_facts_reopen_on_their_own_files_and_not_once_a_build_wrote(
        store_path: Path) -> None:
    """Validation reopens the kept facts between rules to let RocksDB's caches go: a reader of
    the sealed facts gets a new handle on the same files, answering the same; once a build has
    written both stores, it keeps the handle it has (the state it opened)."""
    store = OxigraphStore(store_path, read_only=True)
    facts = store.kept_facts([P, Q])
    assert facts is not None
    before = triples(facts, [P, Q])
    first = facts._store
    facts.reopen()
    assert facts._store is not first and triples(facts, [P, Q]) == before
    writer = OxigraphStore(store_path)
    writer.write_graphs([(C, quads(C, ("z", P, "5")))])
    writer.close()
    second = facts._store
    facts.reopen()
    assert facts._store is second and triples(facts, [P, Q]) == before
    facts.close()
    store.close()
    assert f"{EX}z {P} {EX}5" in (kept(store_path, [P, Q]) or ())  # a new reader sees it


def test_validation_reopens_the_kept_facts_and_the_store_and_reports_the_same(
        tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rule over the kept facts and every lookup of sources with a fresh handle: the same
    results as with the handles opened once."""
    from kg.validate import detect, load_shapes
    from kg.validate.rules import compile_shapes

    path = _built_with_a_vote_over(tmp_path, sample_path)
    rules = compile_shapes(load_shapes())
    reopened: list[str] = []
    reopen = OxigraphStore.reopen

    def counted(self: OxigraphStore) -> None:
        handle = self._store
        reopen(self)
        if self._store is not handle:
            reopened.append("store" if self.path is not None else "facts")

    monkeypatch.setattr(OxigraphStore, "reopen", counted)
    reports = []
    for growth in (2**62, -2**40):
        monkeypatch.setattr(detect, "CACHE_GROWTH", growth)
        store = OxigraphStore(path, read_only=True)
        try:
            reports.append(detect.run_rules(store, rules))
        finally:
            store.close()
        assert (not reopened) == (growth > 0)
    assert reports[0] and reports[0] == reports[1]
    assert reopened.count("facts") == len(rules)
    assert reopened.count("store") == len(reports[1])


# The spans of facts, summarized in the folder (kg.store.facts.graph_facts) -------------------

OA, ONT = "http://www.w3.org/ns/oa#", "https://w3id.org/territoires-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def voted(graph: str, vote: str, count: int, *, span: str | None = "whole") -> list[Quad]:
    """A vote of ``count`` for, in ``graph``, with its span as the mapping states it
    (``span="whole"``), a span whose selector has no end (``"no end"``), or none."""
    from pyoxigraph import Literal

    g, doc = NamedNode(graph), graph + "/doc"
    ev, target, selector = (NamedNode(f"{doc}/{k}/{vote}") for k in ("ev", "t", "s"))
    v = NamedNode(EX + vote)

    def q(s: NamedNode, p: str, o: object) -> Quad:
        return Quad(s, NamedNode(p), o if not isinstance(o, str) else NamedNode(o), g)

    out = [q(v, RDF_TYPE, ONT + "Vote"), q(v, ONT + "votesFor", Literal(str(count)))]
    if span is None:
        return out
    out += [q(ev, RDF_TYPE, ONT + "Evidence"), q(ev, OA + "hasBody", v),
            q(ev, ONT + "property", ONT + "votesFor"), q(ev, OA + "hasTarget", target),
            q(target, RDF_TYPE, OA + "SpecificResource"), q(target, OA + "hasSource", doc),
            q(target, OA + "hasSelector", selector),
            q(selector, RDF_TYPE, OA + "TextPositionSelector"),
            q(selector, OA + "start", Literal("3"))]
    if span == "whole":
        out.append(q(selector, OA + "end", Literal("5")))
    return out


def unspanned(facts: OxigraphStore) -> set[str]:
    """The focus nodes of the "Source span" rule, as validation runs it."""
    from kg.validate.partition import by_values
    from kg.validate.rules import shipped_rules

    rule = next(r for r in shipped_rules() if r.name == "Source span")
    return {row[0].value for q in by_values(rule.query) for row in facts.select(q).rows
            if row[0] is not None}


def spans_as_validation_reads_them(path: Path) -> tuple[set[str], set[str], int]:
    """The votes without a span in the kept facts and in validation's own copy of every fact,
    and how many triples the kept facts hold."""
    from kg.validate.detect import read_predicates
    from kg.validate.rules import shipped_rules

    predicates = read_predicates(shipped_rules())
    assert predicates is not None
    store = OxigraphStore(path, read_only=True)
    try:
        facts, copy = store.kept_facts(predicates), store.distinct_facts(predicates=predicates)
        assert facts is not None
        try:
            return (unspanned(facts), unspanned(copy),
                    len(facts.select("SELECT * WHERE { ?s ?p ?o }").rows))
        finally:
            facts.close()
            copy.close()
    finally:
        store.close()


@pytest.fixture
def spans_path(tmp_path: Path) -> Path:
    from kg.validate.detect import read_predicates
    from kg.validate.rules import shipped_rules

    path = tmp_path / "spans"
    store = OxigraphStore(path)
    store.keep_facts(read_predicates(shipped_rules()) or [])
    store.write_graphs([
        (A, voted(A, "v1", 78) + voted(A, "v2", 5, span="no end")),
        (B, voted(B, "v1", 78, span=None) + voted(B, "v3", 7, span=None)),
        (C, voted(C, "v1", 78) + voted(C, "v4", 9))])
    store.close()
    return path


def test_spans_complete_in_a_graph_are_kept_once_and_answer_as_every_chain_does(
        spans_path: Path) -> None:
    kept_unspanned, copy_unspanned, held = spans_as_validation_reads_them(spans_path)
    # v1 has its span in A and in C (B states it without one); v2's has no end; v3 has none
    assert kept_unspanned == copy_unspanned == {EX + "v2", EX + "v3"}
    store = OxigraphStore(spans_path, read_only=True)
    try:
        facts = store.kept_facts([])
        assert facts is not None
        evidences = {r[0].value for r in facts.select(
            f"SELECT DISTINCT ?e WHERE {{ ?e <{OA}hasBody> ?v }}").rows if r[0] is not None}
        facts.close()
    finally:
        store.close()
    # v1's two spans are one chain on a node of its own, v4's another; v2's incomplete chain
    # is kept as it is
    assert len([e for e in evidences if e.startswith("urn:tkg:facts:span:")]) == 2
    assert evidences - {e for e in evidences if e.startswith("urn:tkg:facts:span:")} == {
        A + "/doc/ev/v2"}
    # the votes (type and count: 8), v2's chain (9), two summarized chains (7 and 3 classes)
    assert held == 8 + 9 + 2 * 10


def test_a_replaced_or_removed_graph_takes_the_spans_only_it_gave(spans_path: Path) -> None:
    store = OxigraphStore(spans_path)
    store.replace_graph(A, voted(A, "v1", 78, span=None))  # v1 still has C's span
    store.close()
    kept_unspanned, copy_unspanned, _ = spans_as_validation_reads_them(spans_path)
    assert kept_unspanned == copy_unspanned == {EX + "v3"}  # v2 gone with A's old version
    store = OxigraphStore(spans_path)
    store.remove_graph(C)  # now nobody gives v1 a span
    store.close()
    kept_unspanned, copy_unspanned, _ = spans_as_validation_reads_them(spans_path)
    assert kept_unspanned == copy_unspanned == {EX + "v1", EX + "v3"}
    store = OxigraphStore(spans_path)
    store.replace_graph(B, voted(B, "v1", 78) + voted(B, "v3", 7))  # B gives both a span
    store.close()
    kept_unspanned, copy_unspanned, _ = spans_as_validation_reads_them(spans_path)
    assert kept_unspanned == copy_unspanned == set()
