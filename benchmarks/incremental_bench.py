"""Adding one document to an N-document store and validating it, as a ratio of a full validation.

    python -m benchmarks.incremental_bench [--documents 1000] [--seed 2024] [--work DIR]

A corpus of :mod:`benchmarks.corpus_gen` is built into a store (``--work DIR`` keeps the corpus
and the store there, and reuses a store already built there). Then, each step in its own process
(wall-clock seconds and peak resident memory from ``wait4``):

- ``tkg validate``: the full validation, the reference;
- for a new item of an existing session (valid), then another with ten more votes counted than
  the session has voters (broken): ``tkg build NEW`` and ``tkg validate --graph NEW``, the nodes
  the new document touches only, and ``tkg remove NEW``; then both in one process, ``tkg build
  NEW --validate`` (what a user adding a document runs), and ``tkg remove NEW`` again, leaving
  the store as it was.

Printed: seconds and MB per step, and as ratios of the full validation: ``validate --graph``,
build + ``validate --graph``, and ``build --validate``. The machine is shared: compare the
ratios of one run, not runs. A 1,000-document build takes about a minute on 2 cores, 10,000
about 12 minutes (``--work DIR`` keeps the store for the next run).
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from benchmarks.corpus_gen import write
from benchmarks.scale_bench import BIN, Run, measure

_NUMBER = re.compile(r"^(Délibération n° )(\S+)$", re.M)
# "SCRUTIN POUR : 78", "Pour : 78", "Adopté par 17 voix pour": the count is the group "n".
_FOR = re.compile(r"(?:SCRUTIN POUR\s*:\s*|Pour\s*:\s*)(?P<n>\d+)|(?P<m>\d+)(?=\s+voix pour)", re.I)


def _new_item(corpus: Path, label: str) -> str:
    """An item of the first session with a number no other item has: a new deliberation."""
    first = sorted(corpus.iterdir())[0]
    text = first.read_text("utf-8")
    if _NUMBER.search(text) is None:
        raise SystemExit(f"{first}: no 'Délibération n°' line to renumber")
    return _NUMBER.sub(lambda m: f"{m.group(1)}{m.group(2)}-{label}", text, count=1)


def _broken(text: str) -> str:
    """The same item with ten more votes for than the session has voters."""
    m = _FOR.search(text)
    if m is None:
        raise SystemExit("no count of votes for in the generated item")
    group = "n" if m.group("n") is not None else "m"
    return text[:m.start(group)] + str(int(m.group(group)) + 10) + text[m.end(group):]


def _line(name: str, run: Run) -> str:
    return f"{name:>28} {run.seconds:7.1f} s {run.peak_mb:6.0f} MB (exit {run.code})"


def bench(work: Path, documents: int, seed: int) -> None:
    tkg = str(BIN / "tkg")
    corpus, store = work / f"corpus-{documents}", work / f"store-{documents}"
    if not (store / "CURRENT").is_file():
        write(corpus, documents, seed=seed)
        build = measure([tkg, "build", str(corpus), "--store", str(store)])
        if build.code not in (0, 1):
            raise SystemExit(f"tkg build failed:\n{build.out[-2000:]}")
        print(_line(f"build {documents} documents", build), flush=True)
    full = measure([tkg, "validate", "--store", str(store)])
    if full.code not in (0, 1):
        raise SystemExit(f"tkg validate failed:\n{full.out[-2000:]}")
    print(_line("full validation", full), "|", full.out.strip().splitlines()[-1], flush=True)
    for label, text in (("valid", _new_item(corpus, "valid")),
                        ("broken", _broken(_new_item(corpus, "broken")))):
        new = work / f"new-{label}.md"
        new.write_text(text, encoding="utf-8")
        build = measure([tkg, "build", str(new), "--store", str(store), "--no-reference"])
        if build.code != 0:
            raise SystemExit(f"tkg build {new} failed:\n{build.out[-2000:]}")
        checked = measure([tkg, "validate", "--store", str(store), "--graph", str(new)])
        if checked.code not in (0, 1):
            raise SystemExit(f"tkg validate --graph failed:\n{checked.out[-2000:]}")
        verdict = checked.out.strip().splitlines()[-1]
        print(_line(f"build one ({label})", build), flush=True)
        print(_line(f"validate --graph ({label})", checked), "|", verdict, flush=True)
        measure([tkg, "remove", str(new), "--store", str(store)])  # the store as it was
        both = measure([tkg, "build", str(new), "--store", str(store), "--no-reference",
                        "--validate"])
        if both.code not in (0, 1) or (both.code == 1) != (checked.code == 1):
            raise SystemExit(f"tkg build --validate {new} disagrees with validate --graph:\n"
                             f"{both.out[-2000:]}")
        print(_line(f"build --validate ({label})", both), flush=True)
        print(f"{'':>28} validate --graph / full {checked.seconds / full.seconds:.3f}; "
              f"(build one + validate --graph) / full "
              f"{(build.seconds + checked.seconds) / full.seconds:.3f}; "
              f"build --validate / full {both.seconds / full.seconds:.3f}; peak memory "
              f"{max(checked.peak_mb, both.peak_mb) / full.peak_mb:.2f}", flush=True)
        measure([tkg, "remove", str(new), "--store", str(store)])  # the store as it was


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--documents", type=int, default=1000)
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--work", type=Path, help="keep the corpus and store here (reused if built)")
    args = p.parse_args()
    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
        bench(args.work, args.documents, args.seed)
        return
    with tempfile.TemporaryDirectory(prefix="tkg-incremental-") as tmp:
        bench(Path(tmp), args.documents, args.seed)


if __name__ == "__main__":
    main()
