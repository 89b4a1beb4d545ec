"""Extraction speed on the sample and on real deliberations, per stage, as ratios.

    python -m benchmarks.extract_real [--repeat 20] [--corpus DIR]

For each document (the sample, then the real corpus of ``$TKG_REAL_CORPUS``,
default ``../shared/corpus/real``): the best of ``repeat`` timings of a trivial
pass over its text (splitting it into words, the reference), normalising its
text, and extracting it from its text (everything after reading the file). For a
PDF, reading its text layer (pypdf) is timed on its own: it is not extraction
and, on long PDFs, it costs more than all the rules together.

Each time is CPU time of this process (:func:`time.process_time`, what the
targets of issue 10 mean: a sample-sized deliberation in 20 ms, a 50-page
minutes in 1 s, on one core) beside wall time; on a machine shared with other
work the wall time grows, the CPU time and the ratios much less. Compare the
ratios between runs.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.extract.deliberation import read_deliberation
from kg.extract.documents import read_document
from kg.extract.normalise import normalise

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"


@dataclass(frozen=True)
class Timing:
    """Best CPU and wall times of several runs of one piece of work, in seconds."""

    cpu: float
    wall: float

    def ms(self) -> str:
        return f"{self.cpu * 1e3:9.2f} {self.wall * 1e3:9.2f}"


def best(work: Callable[[], object], repeat: int) -> Timing:
    """The least CPU time and the least wall time of ``repeat`` runs of ``work``."""
    cpu = wall = float("inf")
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        work()
        cpu, wall = min(cpu, time.process_time() - c), min(wall, time.perf_counter() - w)
    return Timing(cpu, wall)


def real_corpus(argument: Path | None = None) -> Path:
    return argument or Path(os.environ.get("TKG_REAL_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args(argv)
    corpus = real_corpus(args.corpus)
    paths = [SAMPLE]
    if corpus.is_dir():
        paths += sorted([*corpus.glob("*.txt"), *corpus.glob("*.pdf")])
    read_deliberation(read_document(SAMPLE))  # warm-up: imports, compiled patterns
    print(f"{'document':40} {'chars':>7} {'trivial pass':>19} {'normalise':>19} "
          f"{'extract':>19} {'extract/trivial':>15}")
    print(f"{'':40} {'':>7}" + " {:>9} {:>9}".format("cpu ms", "wall ms") * 3)
    for path in paths:
        source = read_document(path)
        text = source.text
        trivial = best(text.split, args.repeat)
        norm = best(lambda t=text: normalise(t), args.repeat)  # type: ignore[misc]
        full = best(lambda s=source: read_deliberation(s), args.repeat)  # type: ignore[misc]
        print(f"{path.name[:40]:40} {len(text):7} {trivial.ms()} {norm.ms()} {full.ms()} "
              f"{full.cpu / trivial.cpu:14.0f}x")
        if path.suffix == ".pdf":
            layer = best(lambda p=path: read_document(p), min(args.repeat, 3))  # type: ignore[misc]
            pages = len(source.pages)
            print(f"{'  its PDF text layer (pypdf)':40} {pages:4} pp {layer.ms()}  "
                  f"{1e3 * layer.cpu / max(pages, 1):.0f} ms CPU a page, "
                  f"{layer.cpu / full.cpu:.0f}x the extraction")


if __name__ == "__main__":
    main()
