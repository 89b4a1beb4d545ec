"""Shared fixtures: the sample deliberation, the reference graph and stores built from them.

The registry's reference graph (about 62,000 quads) is what makes a store costly to build:
mapping it takes a second or two, writing it into an on-disk store several more. So it is
mapped once per session (``reference_builder``; every ``tkg build`` run in this process reuses
it) and written once into an on-disk store (``reference_store_template``). A test that writes
to a store gets its own copy of that folder (``reference_store_dir``, ``sample_store_dir``):
copying the folder takes a small fraction of the time writing the graph again takes. Tests
that only read share one store (``sample_store`` in memory, ``sample_store_template`` on disk).
Under pytest-xdist the on-disk templates are written by the first worker that needs them and
copied by the others (:func:`shared_once`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import kg.pipeline
from kg.mapping import Iris
from kg.mapping.builder import GraphBuilder
from kg.pipeline import build
from kg.registry import Registry, load_registry
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"
# `tkg` with small write batches (16,000 quads, or every half second), for tests that kill or
# watch a build part-way: with the shipped batch (200,000 quads, every 4 s) thirty copies of the
# sample are one batch, so a kill finds none or all of them and every line comes at the end.
SMALL_BATCHES = [sys.executable, "-c",
                 "import sys, kg.pipeline as p; p.BATCH_QUADS = 16_000; p.BATCH_SECONDS = 0.5; "
                 "from kg.cli import main; sys.exit(main(sys.argv[1:]))"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output instead of comparing")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session", autouse=True)
def reference_builder() -> Iterator[GraphBuilder]:
    """The reference graph of the registry snapshot with the default IRI base, mapped once.

    :func:`kg.mapping.map_reference` is a function of the registry and the IRI base alone
    (``tests/mapping/test_reference_graph.py`` checks that a fresh mapping gives the same
    quads), so the build's call to it is answered from this session's mapping when the
    registry and the base are the same; any other registry or base is mapped afresh.
    """
    mapped: dict[Iris, tuple[Registry, GraphBuilder]] = {}
    original = kg.pipeline.map_reference

    def map_reference(registry: Registry, iris: Iris) -> GraphBuilder:
        found = mapped.get(iris)
        if found is None or found[0] is not registry:
            found = mapped[iris] = (registry, original(registry, iris))
        return found[1]

    builder = map_reference(load_registry(), Iris())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg.pipeline, "map_reference", map_reference)
        yield builder


def copy_store(template: Path, destination: Path) -> Path:
    """A copy of the store folder ``template`` at ``destination`` (whose parent must exist)."""
    shutil.copytree(template, destination)
    return destination


def shared_once(tmp_path_factory: pytest.TempPathFactory, name: str,
                make: Callable[[Path], None]) -> Path:
    """``name``, a folder made by ``make`` once for the whole run: under pytest-xdist, the
    first worker to ask makes it (holding a lock file) and the others wait for it, then use
    it as it is. The folder is complete once ``make`` returns; a failed ``make`` leaves nothing
    behind, so the next worker tries again."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this run
    folder, done = root / f"shared-{name}", root / f"shared-{name}.done"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder / "store")
            done.touch()
    return folder / "store"


def _write_reference(path: Path) -> None:
    store = OxigraphStore(path)
    kg.pipeline.build_reference(store, iris=Iris())
    store.close()


@pytest.fixture(scope="session")
def reference_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the reference graph alone, written once. Never write to it:
    use ``reference_store_dir`` (a copy) instead."""
    return shared_once(tmp_path_factory, "reference", _write_reference)


@pytest.fixture
def reference_store_dir(reference_store_template: Path, tmp_path: Path) -> Path:
    """This test's own on-disk store (``tmp_path / "st"``) holding the reference graph."""
    return copy_store(reference_store_template, tmp_path / "st")


@pytest.fixture(scope="session")
def sample_store_template(reference_store_template: Path,
                          tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the reference graph and the sample, built once as ``tkg build``
    builds it (documents named relative to the current folder). Never write to it."""

    def make(path: Path) -> None:
        store = OxigraphStore(copy_store(reference_store_template, path))
        outcomes = build([SAMPLE], store, iris=Iris())
        assert not any(o.error for o in outcomes), outcomes
        store.close()

    return shared_once(tmp_path_factory, "sample", make)


@pytest.fixture
def sample_store_dir(sample_store_template: Path, tmp_path: Path) -> Path:
    """This test's own on-disk store (``tmp_path / "st"``) holding the reference graph and the
    sample."""
    return copy_store(sample_store_template, tmp_path / "st")


@pytest.fixture(scope="session")
def sample_store() -> Iterator[OxigraphStore]:
    """An in-memory store holding the reference graph and the sample deliberation."""
    store = OxigraphStore()
    kg.pipeline.build_reference(store, iris=Iris())
    outcomes = build([SAMPLE], store, iris=Iris())
    assert not any(o.error for o in outcomes), outcomes
    yield store
