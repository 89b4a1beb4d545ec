"""Measure EPCI name resolution on the table of name variants.

Usage::

    PYTHONPATH=. python scripts/eval_resolution.py [tests/registry/name_variants.csv] [-v]

Prints, per variant kind and overall, how many names resolved to the
expected SIREN (right), to another one (wrong), were reported ambiguous, or
unresolved. Accuracy is right / all rows; with -v every non-right row is listed.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from kg.registry import Context, Registry, load_registry

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "registry" / "name_variants.csv"


def outcome(reg: Registry, row: dict[str, str]) -> tuple[str, str | None, str]:
    territory = reg.territory(row["context_territory"]) if row["context_territory"] else None
    context = Context(
        departments=tuple(row["context_departments"].split()),
        territory_members=territory.member_codes if territory else frozenset(),
    )
    found = reg.resolve_epci(row["written"], context=context)
    if found.code is None:
        return found.method, None, found.method
    return ("right" if found.code == row["expected_siren"] else "wrong"), found.code, found.method


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"]
    path = Path(paths[0]) if paths else DEFAULT
    reg = load_registry()
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    by_kind: dict[str, Counter[str]] = {}
    for row in rows:
        result, code, method = outcome(reg, row)
        by_kind.setdefault(row["variant"], Counter())[result] += 1
        if verbose and result != "right":
            print(f"  {result:10} {row['written']!r} expected {row['expected_siren']} got {code}"
                  f" ({method})")
    total: Counter[str] = sum(by_kind.values(), Counter())
    for kind, counts in [*sorted(by_kind.items()), ("ALL", total)]:
        n = sum(counts.values())
        print(f"{kind:24} n={n:4} right={counts['right']:4} wrong={counts['wrong']:3} "
              f"ambiguous={counts['ambiguous']:3} unresolved={counts['unresolved']:3} "
              f"accuracy={counts['right'] / n:.1%}")
    return 1 if total["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
