"""Benchmark: latency of ``tkg serve`` on loopback under 1, 8 and 32 concurrent clients.

Builds a store from ``--n`` generated deliberations (:func:`tools.synth.write_corpus`) and the
reference graph, starts ``tkg serve`` over it on 127.0.0.1 (a free port, its own process), then
for each level of concurrency sends, from that many client threads, at most ``--requests``
requests (and for at most ``--seconds``) to each of:

- ``/static/style.css``, the reference: a file through the same stack (uvicorn, Starlette,
  the middleware), no store;
- a deliberation's page (HTML, with its vote, facts and quoted lines);
- ``/sparql`` with the ``cofunding`` query, the same text each time: answered from the
  result cache once it has run (JSON results);
- ``/sparql`` with the ``cofunding`` query made distinct by a comment on each request, so that
  every request runs it in a query worker: what the pool and the wait line do under load.

Reports the median and the 95th percentile in milliseconds of the answered requests, how many
were refused with ``503`` (the wait line full, or a wait past the time limit), and each median
as a ratio to the reference's at the same concurrency: the ratio is the figure to compare
between machines.

    python -m benchmarks.serve_bench --n 1000 --seed 7
    python -m benchmarks.serve_bench --store tkg-store     # an existing store, as it is
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kg.mapping import Iris
from kg.pipeline import build, build_reference
from kg.queries import load_query
from kg.resources import sparql
from kg.store import OxigraphStore
from tools.synth import write_corpus

LEVELS = (1, 8, 32)


def build_store(folder: Path, n: int, seed: int) -> tuple[Path, str]:
    """The store, and the address of one deliberation's page."""
    paths = write_corpus(folder / "docs", n, seed=seed)
    store = OxigraphStore(folder / "store")
    build_reference(store, iris=Iris())
    outcomes = build(paths, store, iris=Iris())
    store.close()
    failed = sum(1 for o in outcomes if o.error)
    print(f"store: {n} documents, {failed} failed to ingest", file=sys.stderr)
    return folder / "store", first_deliberation(folder / "store")


def first_deliberation(path: Path) -> str:
    """The address of the latest deliberation's page (the first the landing page lists)."""
    store = OxigraphStore(path, read_only=True)
    rows = list(store.select(sparql("serve-deliberation-list.rq")))
    store.close()
    iri: str | None = rows[0]["deliberation"]
    assert iri is not None
    return "/" + iri.split("/", 3)[3].split("/", 1)[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(url: Callable[[int], str], *, clients: int, requests: int,
        seconds: float) -> tuple[list[float], int]:
    """Latencies in ms of up to ``requests`` GETs of ``url(i)`` from ``clients`` threads, and how
    many were refused (``503``: the wait line was full, or the wait passed the time limit);
    a refused client waits as ``Retry-After`` says before its next request."""
    latencies: list[float] = []
    refused = [0]
    sent = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= requests:
                    return
                sent[0] += 1
                i = sent[0]
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url(i), timeout=60) as resp:
                    resp.read()
            except urllib.error.HTTPError as err:
                if err.code != 503:
                    raise
                with lock:
                    refused[0] += 1
                wait = float(err.headers.get("Retry-After") or 0)  # as a client should
                time.sleep(max(0.0, min(wait, deadline - time.monotonic())))
                continue
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)

    with ThreadPoolExecutor(clients) as pool:
        for f in [pool.submit(client) for _ in range(clients)]:
            f.result()
    return latencies, refused[0]


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--requests", type=int, default=200, help="per target and level (default 200)")
    ap.add_argument("--seconds", type=float, default=30, help="per target and level (default 30)")
    ap.add_argument("--store", type=Path, help="serve this store rather than building one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store, page = (args.store, first_deliberation(args.store)) if args.store else build_store(
            Path(tmp), args.n, args.seed)
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("TKG_")}
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port",
                                 str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/static/style.css", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            cofunding = load_query("cofunding").text
            serial = itertools.count()

            def sparql(text: str) -> str:
                return base + "/sparql?" + urllib.parse.urlencode({"query": text, "format": "json"})

            targets: dict[str, Callable[[int], str]] = {
                "reference /static/style.css": lambda i: base + "/static/style.css",
                "deliberation page": lambda i: base + page,
                "/sparql cofunding, cached": lambda i: sparql(cofunding),
                "/sparql cofunding, each run": lambda i: sparql(f"{cofunding}\n# request {next(serial)}"),
            }
            for url in targets.values():  # warm: first render, query workers, caches
                urllib.request.urlopen(url(0), timeout=120).read()
            print(f"{'target':30} {'clients':>7} {'n':>5} {'503':>4} {'median ms':>10} {'p95 ms':>8} "
                  f"{'x ref':>7}")
            for clients in LEVELS:
                ref = 0.0
                for name, url in targets.items():
                    lat, refused = run(url, clients=clients, requests=args.requests, seconds=args.seconds)
                    median = statistics.median(lat) if lat else float("nan")
                    ref = ref or median
                    print(f"{name:30} {clients:7} {len(lat):5} {refused:4} {median:10.1f} "
                          f"{p95(lat) if lat else float('nan'):8.1f} {median / ref:7.1f}", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=20)


if __name__ == "__main__":
    main()
