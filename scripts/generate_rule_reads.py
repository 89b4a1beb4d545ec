"""Write ``kg/resources/rule-reads.json``: the IRIs each query of the shipped shapes names.

Usage: python scripts/generate_rule_reads.py [--check]

``tkg validate`` copies into memory only the predicates its rules read
(:func:`kg.validate.detect.read_predicates`). Finding them means parsing every rule's query
with rdflib, about 3 s per process; this table, keyed by the SHA-256 of each query's text,
holds the answer for the shapes of ``shapes/``. Run it after editing a shape; ``--check``
exits 1 when the table is out of date (``tests/shapes/test_rule_reads.py`` runs the same
check). Other shapes given to :func:`kg.validate.validate` are parsed as before.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

from kg.validate import load_shapes
from kg.validate.detect import reads_table
from kg.validate.rules import compile_shapes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "kg" / "resources" / "rule-reads.json"


@functools.cache
def render() -> str:
    return json.dumps(reads_table(compile_shapes(load_shapes())), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.out.read_text("utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run python scripts/generate_rule_reads.py",
                  file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
