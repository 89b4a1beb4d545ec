"""Extraction speed and peak memory on generated deliberations of varied layouts.

    python -m benchmarks.extract_speed [--n 1000] [--seed 2024]

Writes ``n`` documents from :mod:`tools.synth` to a temporary folder, then times,
over the same files: plain reading (``Path.read_text``, the reference), reading as
a :class:`~kg.extract.records.SourceDocument` (decoding and hashing), and full
extraction. Peak memory is measured with :mod:`tracemalloc` in a separate pass
(tracing slows Python down, so it is not timed). It also counts how many records
match the generator's expected ones.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from kg.extract import extract
from kg.extract.documents import read_document
from kg.extract.plain import differences, to_plain
from tools.synth import write_corpus


def _timed(paths: list[Path], work: Callable[[Path], object]) -> float:
    start = time.perf_counter()
    for path in paths:
        work(path)
    return time.perf_counter() - start


def _peak(paths: list[Path], work: Callable[[Path], object]) -> int:
    tracemalloc.start()
    for path in paths:
        work(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="documents (at least 1000)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        docs, expected = Path(tmp) / "docs", Path(tmp) / "expected"
        t0 = time.perf_counter()
        paths = write_corpus(docs, args.n, seed=args.seed, expected=expected)
        generated = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in paths)
        extract(paths[0])  # warm-up: imports, compiled patterns
        reading = _timed(paths, lambda p: p.read_text(encoding="utf-8"))
        sourcing = _timed(paths, read_document)
        extracting = _timed(paths, extract)
        peak_read = _peak(paths, lambda p: p.read_text(encoding="utf-8"))
        peak_extract = _peak(paths, extract)
        matching = sum(
            not differences(json.loads((expected / f"{p.name}.json").read_text("utf-8")),
                            to_plain(extract(p)))
            for p in paths)
    n = len(paths)
    print(f"corpus: {n} generated deliberations, {size / 1e6:.1f} MB, seed {args.seed} "
          f"(generated in {generated:.1f} s)")
    print(f"plain reading (reference): {n / reading:10.0f} docs/s  ({reading:.3f} s)")
    print(f"read_document:             {n / sourcing:10.0f} docs/s  ({sourcing:.3f} s)")
    print(f"extract:                   {n / extracting:10.0f} docs/s  ({extracting:.3f} s, "
          f"{1000 * extracting / n:.2f} ms/doc, {size / 1e6 / extracting:.2f} MB/s)")
    print(f"ratio extract / plain reading: {extracting / reading:.0f}x slower")
    print(f"peak memory (tracemalloc): plain reading {peak_read / 1024:.0f} KiB, "
          f"extract {peak_extract / 1024:.0f} KiB (ratio {peak_extract / max(peak_read, 1):.1f})")
    print(f"records matching the generator's expected ones: {matching}/{n}")


if __name__ == "__main__":
    main()
