"""Loading mapped deliberations into the embedded store, against a plain pyoxigraph N-Quads load.

Run: ``python -m benchmarks.store_load --n 300``. Prints quads/second for the store's
``replace_graph`` path and the ratio against ``pyoxigraph.Store.load`` of the same quads
serialised as one N-Quads file, both measured in this run.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300, help="generated deliberations")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tkg-load-"))
    paths = write_corpus(work / "docs", args.n, seed=args.seed)
    mapped = [map_deliberation(extract(p), registry=load_registry(), iris=Iris()) for p in paths]
    total = sum(len(m.quads) for m in mapped)

    store = OxigraphStore(work / "store")
    start = time.perf_counter()
    for m in mapped:
        store.replace_graph(m.graph, m.quads)
    store.close()
    ours = total / (time.perf_counter() - start)

    nquads = work / "all.nq"
    with nquads.open("wb") as out:
        ox.serialize([q for m in mapped for q in m.quads], out, ox.RdfFormat.N_QUADS)
    reference = ox.Store(str(work / "reference"))
    start = time.perf_counter()
    reference.load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    reference.flush()
    plain = total / (time.perf_counter() - start)

    print(f"{args.n} deliberations, {total} quads")
    print(f"store.replace_graph      {ours:10.0f} quads/s")
    print(f"pyoxigraph N-Quads load  {plain:10.0f} quads/s")
    print(f"ratio                    {ours / plain:10.2f}")


if __name__ == "__main__":
    main()
