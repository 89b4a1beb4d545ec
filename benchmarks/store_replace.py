"""Replacing documents' graphs: one SPARQL update (one transaction, what the store does)
against the former remove-then-extend (two transactions, not safe if killed in between).

Run: ``python -m benchmarks.store_replace --n 100``. Loads the graphs once, then replaces
each twice (once each way, alternating order) and prints quads/second and the ratio of the
store's way against the former, both measured in this run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.extract import extract
from kg.mapping import Iris, map_deliberation
from kg.registry import load_registry
from kg.store import OxigraphStore
from tools.synth import write_corpus


def _two_transactions(store: OxigraphStore, graph: str, quads: tuple[ox.Quad, ...]) -> None:
    raw: ox.Store = store._store  # the former replace_graph, for reference only
    raw.remove_graph(ox.NamedNode(graph))
    raw.extend(quads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100, help="generated deliberations")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tkg-replace-"))
    paths = write_corpus(work / "docs", args.n, seed=args.seed)
    mapped = [map_deliberation(extract(p), registry=load_registry(), iris=Iris()) for p in paths]
    total = sum(len(m.quads) for m in mapped)
    store = OxigraphStore(work / "store")
    for m in mapped:
        store.replace_graph(m.graph, m.quads)
    timings = {"one update": 0.0, "remove + extend": 0.0}
    for turn in range(2):
        for name in (list(timings) if turn == 0 else list(reversed(timings))):
            start = time.perf_counter()
            for m in mapped:
                if name == "one update":
                    store.replace_graph(m.graph, m.quads)
                else:
                    _two_transactions(store, m.graph, m.quads)
            timings[name] += time.perf_counter() - start
    store.close()
    print(f"{args.n} deliberations, {total} quads, each replaced twice each way")
    for name, seconds in timings.items():
        print(f"{name:16} {2 * total / seconds:10.0f} quads/s")
    print(f"ratio            {timings['remove + extend'] / timings['one update']:10.2f} "
          "(one update's speed against remove + extend's)")


if __name__ == "__main__":
    main()
