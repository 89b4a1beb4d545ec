"""Making a new store on disk: all of it or nothing, whenever the process that makes it dies.

RocksDB writes ``CURRENT`` before its column families, so a store killed while it is being
created used to look like a store and could not be read (a first ``tkg build`` killed early).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, Store

from kg.store import CREATING, OxigraphStore, StoreError, is_store

G = "https://example.org/graph/a"
QUAD = Quad(NamedNode("https://example.org/s"), NamedNode("https://example.org/p"),
            NamedNode("https://example.org/o"), NamedNode(G))


def usable(path: Path) -> None:
    """A store at ``path`` takes a write and gives it back to a reader."""
    store = OxigraphStore(path)
    store.replace_graph(G, [QUAD])
    store.close()
    reader = OxigraphStore(path, read_only=True)
    try:
        assert reader.count() == 1
    finally:
        reader.close()


def interrupted_creation(path: Path, moved: int) -> None:
    """What a creation killed after moving ``moved`` of its files (not ``CURRENT``) leaves."""
    path.mkdir()
    scratch = path / CREATING
    store = Store(str(scratch))
    store.flush()
    del store
    files = sorted(f for f in scratch.iterdir() if f.name != "CURRENT")
    assert len(files) > moved
    for file in files[:moved]:
        os.replace(file, path / file.name)


def test_a_new_store_leaves_no_scratch_folder(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "st")
    store.close()
    assert is_store(tmp_path / "st")
    assert not (tmp_path / "st" / CREATING).exists()
    usable(tmp_path / "st")


@pytest.mark.parametrize("moved", [0, 1, 3])
def test_a_creation_killed_before_its_last_move_is_not_a_store_and_is_made_again(
        tmp_path: Path, moved: int) -> None:
    path = tmp_path / "st"
    interrupted_creation(path, moved)
    assert not is_store(path)
    with pytest.raises(StoreError, match="no store at"):
        OxigraphStore(path, read_only=True)
    usable(path)
    assert not (path / CREATING).exists()


def test_a_creation_killed_after_its_last_move_is_a_store(tmp_path: Path) -> None:
    path = tmp_path / "st"
    interrupted_creation(path, 0)
    scratch = path / CREATING
    for file in sorted(scratch.iterdir(), key=lambda f: f.name == "CURRENT"):
        os.replace(file, path / file.name)
    assert is_store(path)
    reader = OxigraphStore(path, read_only=True)  # readers see a complete store
    assert reader.count() == 0
    reader.close()
    usable(path)
    assert not scratch.exists()


CHILD = """
import sys
from pyoxigraph import Store
print("ready", flush=True)
Store(sys.argv[1])
print("made", flush=True)
"""


@pytest.mark.slow  # up to a hundred processes killed
def test_a_store_whose_creation_was_killed_by_plain_rocksdb_gives_one_clear_error(
        tmp_path: Path) -> None:
    """Stores made before creation was atomic (by pyoxigraph directly, killed early): reading
    gives one error that says what to do, and a build completes them."""
    started = time.monotonic()
    Store(str(tmp_path / "timing"))
    span = time.monotonic() - started
    rng = random.Random(3)
    for attempt in range(100):
        path = tmp_path / f"st-{attempt}"
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, span))
        child.kill()
        child.wait()
        if not is_store(path):
            continue
        try:
            Store.read_only(str(path))
        except RuntimeError:
            break
    else:
        pytest.fail("no kill in 100 landed between RocksDB's CURRENT and its column families")
    with pytest.raises(StoreError, match=rf"{path}: cannot open the store for reading .*"
                                         "tkg build on it again completes it"):
        OxigraphStore(path, read_only=True)
    usable(path)
