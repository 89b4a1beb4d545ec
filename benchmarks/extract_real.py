"""Extraction speed on the sample and on real deliberations, per stage, as ratios.

    python -m benchmarks.extract_real [--repeat 20] [--corpus DIR]

For each document (the sample, then the real corpus of ``$TKG_REAL_CORPUS``,
default ``../shared/corpus/real``): the best of ``repeat`` timings of reading
the file (the reference), normalising its text, and full extraction. Times are
also printed in milliseconds, for the targets of issue 10 (a sample-sized
deliberation in 20 ms, a 50-page minutes in 1 s, on one core), but compare the
ratios: the machine's load changes the milliseconds, not the ratios.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from kg.extract import extract
from kg.extract.documents import read_document
from kg.extract.normalise import normalise

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"


def _best(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=Path(
        os.environ.get("TKG_REAL_CORPUS", ROOT.parent / "shared" / "corpus" / "real")))
    args = parser.parse_args(argv)
    paths = [SAMPLE, *sorted(args.corpus.glob("*.txt"))] if args.corpus.is_dir() else [SAMPLE]
    extract(SAMPLE)  # warm-up: imports, compiled patterns
    print(f"{'document':45} {'chars':>7} {'read ms':>8} {'norm ms':>8} {'extract ms':>10} "
          f"{'extract/read':>12}")
    for path in paths:
        text = read_document(path).text
        reading = _best(lambda p=path: read_document(p), args.repeat)  # type: ignore[misc]
        norm = _best(lambda t=text: normalise(t), args.repeat)  # type: ignore[misc]
        full = _best(lambda p=path: extract(p), args.repeat)  # type: ignore[misc]
        print(f"{path.name[:45]:45} {len(text):7} {reading * 1e3:8.2f} {norm * 1e3:8.2f} "
              f"{full * 1e3:10.2f} {full / reading:11.0f}x")


if __name__ == "__main__":
    main()
