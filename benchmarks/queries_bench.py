"""Benchmark: load generated deliberations, then time every named query on two stores.

Writes ``--n`` generated deliberations (:func:`tools.synth.write_corpus`), extracts and maps
them once, then measures:

- the load rate, in quads per second, of the mapped named graphs into the embedded on-disk
  store (:class:`kg.store.OxigraphStore`) and into an Oxigraph server through the Graph Store
  HTTP Protocol (:class:`kg.store.remote.RemoteStore`), each against the rate of loading the same
  data as one N-Quads file straight into pyoxigraph (``Store.load``): the ratio is the figure
  to watch;
- the end-to-end ``build`` rate (extraction and mapping included) into the embedded store;
- the latency of each named query (median of ``--repeat`` runs, default parameters) on the
  embedded store and on the server. Federated queries (``SERVICE``) are left out: they
  need the network.

Run from the repository root::

    python -m benchmarks.queries_bench --n 1000 --seed 7

The server is ``oxigraph serve`` (PyPI package ``oxigraph``) on 127.0.0.1, a free port, a
temporary folder, the union of the named graphs as default graph; it is stopped at the end.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, Store, parse, serialize

from kg.extract import ExtractionError, extract
from kg.mapping import Iris, map_deliberation, map_reference
from kg.queries import Query, list_queries
from kg.registry import load_registry
from kg.store import KnowledgeStore, OxigraphStore
from kg.store.remote import RemoteStore
from tools.synth import write_corpus


@dataclass(frozen=True, slots=True)
class Load:
    quads: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.quads / self.seconds if self.seconds else float("inf")


def mapped_graphs(paths: list[Path], folder: Path) -> tuple[list[tuple[str, Path]], int, float]:
    """Extract and map every document; write each named graph to its own N-Quads file and
    all of them to ``all.nq``. Returns (graph, file) pairs, the failures and the seconds spent
    extracting and mapping (files kept on disk: two million quads do not fit in memory as
    Python objects next to two stores)."""
    iris, registry = Iris(), load_registry()
    folder.mkdir(parents=True, exist_ok=True)
    graphs: list[tuple[str, Path]] = []
    failed, seconds = 0, 0.0
    with (folder / "all.nq").open("wb") as everything:
        for n, path in enumerate([None, *paths]):
            start = time.perf_counter()
            if path is None:
                ref = map_reference(registry, iris)
                graph, quads = ref.graph.value, list(ref.quads)
            else:
                try:
                    record = extract(path)
                except ExtractionError:
                    failed += 1
                    continue
                doc = map_deliberation(record, registry=registry, iris=iris)
                graph, quads = doc.graph, list(doc.quads)
            seconds += time.perf_counter() - start
            data = serialize(quads, format=RdfFormat.N_QUADS) or b""
            file = folder / f"{n:06d}.nq"
            file.write_bytes(data)
            everything.write(data)
            graphs.append((graph, file))
    return graphs, failed, seconds


def load_into(store: KnowledgeStore, graphs: list[tuple[str, Path]]) -> Load:
    """Parse each graph's file and replace the graph: parsing counts, as in the baseline."""
    start = time.perf_counter()
    for graph, file in graphs:
        store.replace_graph(graph, parse(path=str(file), format=RdfFormat.N_QUADS))
    return Load(quads=store.count(), seconds=time.perf_counter() - start)


def nquads_baseline(all_nq: Path, folder: Path) -> Load:
    """The same data as one N-Quads file, loaded straight into an on-disk pyoxigraph store."""
    store = Store(str(folder / "baseline-store"))
    start = time.perf_counter()
    store.load(path=str(all_nq), format=RdfFormat.N_QUADS)
    store.flush()
    return Load(quads=len(store), seconds=time.perf_counter() - start)


def latency(store: KnowledgeStore, query: Query, repeat: int) -> tuple[float, int]:
    """Median milliseconds over ``repeat`` runs, and the number of rows."""
    bindings = query.bind({})
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(store.select(query.text, bindings=bindings).rows)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), rows


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    binary = Path(sys.executable).parent / "oxigraph"
    command = str(binary) if binary.exists() else shutil.which("oxigraph")
    if command is None:
        raise SystemExit("the `oxigraph` command (PyPI package oxigraph) is missing")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([command, "serve", "--location", str(folder), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        _wait(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if proc.poll() is not None:
            raise SystemExit(f"oxigraph serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise SystemExit(f"oxigraph serve did not answer on {url}")


def timed(label: str, fn: Callable[[], Load]) -> Load:
    print(f"… {label}", file=sys.stderr, flush=True)
    return fn()


def run(n: int, seed: int, repeat: int, work: Path) -> None:
    paths = write_corpus(work / "corpus", n, seed=seed)
    graphs, failed, map_seconds = mapped_graphs(paths, work / "graphs")
    docs = len(graphs) - 1
    print(f"{len(paths)} generated deliberations, {docs} extracted and mapped "
          f"({failed} failed) in {map_seconds:.1f} s")
    baseline = timed("N-Quads baseline", lambda: nquads_baseline(work / "graphs" / "all.nq", work))
    embedded = OxigraphStore(work / "embedded-store")
    emb = timed("embedded store", lambda: load_into(embedded, graphs))
    end_to_end = Load(quads=emb.quads, seconds=map_seconds + emb.seconds)
    queries = [q for q in list_queries() if "SERVICE <" not in q.text]
    with oxigraph_server(work / "server-store") as url:
        server = RemoteStore(url)
        srv = timed("Oxigraph server (Graph Store Protocol)", lambda: load_into(server, graphs))
        print()
        print("| load into | quads | seconds | quads/s | ratio to pyoxigraph N-Quads load |")
        print("|---|---:|---:|---:|---:|")
        for label, load in (("pyoxigraph Store.load(N-Quads) (baseline)", baseline),
                            ("embedded OxigraphStore.replace_graph", emb),
                            ("Oxigraph server, Graph Store PUT", srv),
                            ("tkg build end to end (extract+map+store)", end_to_end)):
            print(f"| {label} | {load.quads:,} | {load.seconds:.2f} | {load.rate:,.0f} | "
                  f"{load.rate / baseline.rate:.2f} |")
        print()
        print(f"| query (median of {repeat}) | rows | embedded ms | server ms |")
        print("|---|---:|---:|---:|")
        for q in queries:
            e_ms, e_rows = latency(embedded, q, repeat)
            s_ms, s_rows = latency(server, q, repeat)
            same = "" if e_rows == s_rows else f" (server: {s_rows} rows)"
            print(f"| {q.name} | {e_rows}{same} | {e_ms:.1f} | {s_ms:.1f} |", flush=True)
    embedded.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--n", type=int, default=1000, help="generated deliberations (default 1000)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--repeat", type=int, default=5, help="runs of each query (median reported)")
    p.add_argument("--work", type=Path, help="folder to keep the corpus and stores in "
                   "(default: a temporary folder, removed afterwards)")
    args = p.parse_args(argv)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        run(args.n, args.seed, args.repeat, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="tkg-bench-") as tmp:
            run(args.n, args.seed, args.repeat, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
