"""Build and validation at corpus scale: time and peak memory per size, as ratios in one run.

    python -m benchmarks.scale_bench [--sizes 100 1000] [--seed 2024] [--jobs 1] [--work DIR]

For each size, a corpus from :mod:`benchmarks.corpus_gen` (sessions of 10-30 items, conventions
approved by 2-8 councils, ~3 broken documents in 1,000) and, each in its own process so that
its peak memory (``ru_maxrss`` from ``wait4``) is its own:

- ``tkg build`` of the folder (reference graph included), with ``--jobs N`` extraction and
  mapping processes beside the one writer;
- ``tkg validate`` (set-based rules over the distinct facts);
- a pyoxigraph bulk load of the N-Quads the build produced (``tkg export --format nquads``),
  the reference for what the build costs beyond storing its quads.

Printed: seconds and MB per step and size, validate / build, build / bulk load, and for the
largest size against the smallest, the ratio of sizes, times and peak memories. Wall-clock
seconds on this machine (shared: compare the ratios of one run, not runs).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus_gen import write

BIN = Path(sys.executable).parent
_LOAD = ("import sys; from pyoxigraph import Store, RdfFormat; "
         "s = Store(sys.argv[1]); s.bulk_load(path=sys.argv[2], format=RdfFormat.N_QUADS); "
         "print(len(s))")


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_mb: float
    code: int
    out: str


def measure(argv: list[str]) -> Run:
    """``argv`` in a child process: wall-clock seconds and the child's own peak resident set."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), text)


def one_size(n: int, *, seed: int, work: Path, jobs: int = 1) -> dict[str, Run | int]:
    corpus, store, dump = work / f"corpus-{n}", work / f"store-{n}", work / f"dump-{n}.nq"
    c = write(corpus, n, seed=seed)
    tkg = str(BIN / "tkg")
    build = measure([tkg, "build", str(corpus), "--store", str(store), "--jobs", str(jobs)])
    if build.code not in (0, 1):
        raise SystemExit(f"tkg build failed:\n{build.out[-2000:]}")
    validate = measure([tkg, "validate", "--store", str(store)])
    if validate.code not in (0, 1):
        raise SystemExit(f"tkg validate failed:\n{validate.out[-2000:]}")
    export = measure([tkg, "export", "--format", "nquads", "-o", str(dump), "--store", str(store)])
    load = measure([sys.executable, "-c", _LOAD, str(work / f"bulk-{n}"), str(dump)])
    verdict = validate.out.strip().splitlines()[-1]
    print(f"{c.documents:>6} documents ({c.sessions} sessions, {c.shared_conventions} shared-"
          f"convention items, {len(c.broken)} broken), {load.out.strip()} quads", flush=True)
    print(f"       build {build.seconds:7.1f} s {build.peak_mb:6.0f} MB | validate "
          f"{validate.seconds:6.1f} s {validate.peak_mb:6.0f} MB | bulk load {load.seconds:6.1f} s "
          f"{load.peak_mb:6.0f} MB | export {export.seconds:5.1f} s", flush=True)
    print(f"       validate / build {validate.seconds / build.seconds:.2f}; build / bulk load "
          f"{build.seconds / load.seconds:.2f}; {verdict}", flush=True)
    return {"documents": c.documents, "build": build, "validate": validate, "load": load}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--jobs", type=int, default=1, help="tkg build --jobs (default 1: one process)")
    p.add_argument("--work", type=Path, help="keep the corpora and stores in this new folder "
                   "(for jena_bench --store or incremental_bench --work); default: removed")
    args = p.parse_args()
    if args.work is not None:
        try:
            args.work.mkdir(parents=True, exist_ok=False)
        except OSError as err:
            p.error(f"--work {args.work}: cannot make it a new folder ({err.strerror}); "
                    "give a folder that does not exist yet")
    with (nullcontext(str(args.work)) if args.work is not None
          else tempfile.TemporaryDirectory(prefix="tkg-scale-")) as tmp:
        rows = [one_size(n, seed=args.seed, work=Path(tmp), jobs=args.jobs) for n in args.sizes]
    if len(rows) < 2:
        return
    small, large = rows[0], rows[-1]
    scale = int(large["documents"]) / int(small["documents"])  # type: ignore[arg-type]
    print(f"largest / smallest: {scale:.1f}x the documents")
    for step in ("build", "validate"):
        a, b = small[step], large[step]
        assert isinstance(a, Run) and isinstance(b, Run)
        print(f"  {step:8} time {b.seconds / a.seconds:5.2f}x, peak memory {b.peak_mb / a.peak_mb:5.2f}x")


if __name__ == "__main__":
    main()
