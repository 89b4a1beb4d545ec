"""``tkg build --jobs N``: extraction and mapping in worker processes, one writer; the store
ends with the same content as a serial build."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat

from kg.cli import main
from kg.store import OxigraphStore
from tests.conftest import copy_store
from tools.synth import write_corpus

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"


GENERATED = b"<http://www.w3.org/ns/prov#generatedAtTime>"


def dump(path: Path) -> set[bytes]:
    """The store's quads, but when each graph was generated (the two builds ran at two times)."""
    store = OxigraphStore(path)
    buf = io.BytesIO()
    store.dump(buf, fmt=RdfFormat.N_QUADS)
    store.close()
    return {line for line in buf.getvalue().splitlines() if GENERATED not in line}


def test_parallel_build_stores_what_a_serial_build_stores(tmp_path: Path,
                                                         reference_store_template: Path) -> None:
    texts = tmp_path / "texts"
    write_corpus(texts, 5, seed=7)
    shutil.copy(SAMPLE, texts / SAMPLE.name)
    (texts / "broken.txt").write_text("nothing a deliberation would say\n", encoding="utf-8")
    stores = [copy_store(reference_store_template, tmp_path / name) for name in ("serial", "parallel")]
    serial = main(["build", str(texts), "--store", str(stores[0]), "--no-reference"])
    parallel = main(["build", str(texts), "--store", str(stores[1]), "--jobs", "2", "--no-reference"])
    assert serial == parallel == 1  # the broken file fails in both, the others are stored
    one, two = dump(tmp_path / "serial"), dump(tmp_path / "parallel")
    assert len(one) > 60_000
    assert one == two, sorted(one ^ two)[:5]
    assert kept(tmp_path / "serial") == kept(tmp_path / "parallel")
    # A second build of an edited document replaces its graph: in the workers' path too.
    edited = texts / SAMPLE.name
    edited.write_text(SAMPLE.read_text("utf-8").replace("SCRUTIN POUR : 78", "SCRUTIN POUR : 77", 1),
                      encoding="utf-8")
    for store, jobs in ((stores[0], "1"), (stores[1], "2")):
        assert main(["build", str(texts), "--store", str(store), "--jobs", jobs,
                     "--no-reference"]) == 1
    one, two = dump(tmp_path / "serial"), dump(tmp_path / "parallel")
    assert one == two, sorted(one ^ two)[:5]
    assert any(b'"77"' in line for line in one)
    assert kept(tmp_path / "serial") == kept(tmp_path / "parallel")


def kept(path: Path) -> set[str]:
    """The facts the build kept for validation, up to date with the store."""
    from kg.validate.detect import read_predicates
    from kg.validate.rules import compile_shapes
    from kg.validate.shapes import load_shapes

    predicates = read_predicates(compile_shapes(load_shapes()))
    assert predicates is not None
    store = OxigraphStore(path, read_only=True)
    try:
        facts = store.kept_facts(predicates)
        assert facts is not None, "the facts kept are up to date"
        try:
            found = {" ".join(str(t) for t in row) for row in
                     facts.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows}
        finally:
            facts.close()
    finally:
        store.close()
    assert len(found) > 10_000
    return found


def test_jobs_must_be_a_positive_number(tmp_path: Path) -> None:
    try:
        main(["build", str(SAMPLE), "--store", str(tmp_path / "s"), "--jobs", "0"])
    except SystemExit as exit_:
        assert exit_.code == 2
    else:
        raise AssertionError("--jobs 0 was accepted")


def test_workers_read_ahead_a_bounded_window_of_documents(tmp_path: Path) -> None:
    """Mapped documents wait for the writer a window at a time, never the whole corpus."""
    from concurrent.futures import ThreadPoolExecutor

    from kg.concurrency import in_order
    from kg.mapping import Iris
    from kg.pipeline import Version, _prepare_serialized

    class Counting(ThreadPoolExecutor):
        submitted = 0

        def submit(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            Counting.submitted += 1
            return super().submit(*args, **kwargs)

    paths = []
    for i in range(5):
        paths.append(tmp_path / f"d{i}.txt")
        shutil.copy(SAMPLE, paths[-1])
    with Counting(max_workers=2) as pool:
        version = Version(stored=None, generated=dt.datetime(2024, 10, 1, tzinfo=dt.UTC))
        ready = in_order(pool, _prepare_serialized,
                         [(p, Iris(), p.name, 10_000_000, version, ()) for p in paths], window=2)
        first = next(ready)
        assert Counting.submitted == 3  # the window, and one more for the document taken
        rest = list(ready)
    assert [outcome.path for outcome, _ in [first, *rest]] == [p.name for p in paths]
    assert Counting.submitted == 5 and all(o.error is None and c for o, c in rest)


def test_a_document_whose_graph_cannot_be_serialized_is_its_own_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What fails in a worker after mapping is that document's error, as in ``prepare``: the
    build goes on with the next one."""
    from kg.mapping import Iris
    from kg.pipeline import Version, _prepare_serialized
    from kg.store import Serialized

    def broken(*args: object, **kwargs: object) -> Serialized:
        raise ValueError("no room")

    monkeypatch.setattr(Serialized, "of", broken)
    path = tmp_path / "a.txt"
    shutil.copy(SAMPLE, path)
    version = Version(stored=None, generated=dt.datetime(2024, 10, 1, tzinfo=dt.UTC))
    outcome, content = _prepare_serialized(path, Iris(), "a.txt", 10_000_000, version, ())
    assert content is None and outcome.path == "a.txt"
    assert outcome.error is not None and outcome.error.startswith(f"{path}: serializing failed")
    assert "ValueError: no room" in outcome.error


def test_a_build_defers_python_collections_and_restores_them_after() -> None:
    """``fewer_collections`` (kg.pipeline): the collector's young generation collected every
    GC_YOUNG allocations and what was loaded before frozen, for the length of a build only,
    also when the build fails."""
    import gc

    from kg.pipeline import GC_YOUNG, fewer_collections

    before = gc.get_threshold()
    seen = []
    with fewer_collections():
        seen.append((gc.get_threshold()[0], gc.get_freeze_count() > 0))
    assert seen == [(GC_YOUNG, True)]
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a build that fails")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
