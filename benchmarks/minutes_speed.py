"""Speed of reading whole-session minutes: items, votes, financing plans, counts per range.

    python -m benchmarks.minutes_speed [--pages 50] [--repeat 5]

Writes minutes of about ``pages`` pages (2,300 characters a page, the size of the real
procès-verbaux) with the heading, vote and financing-plan layouts the rules read, then
times, on the same text: indexing its lines (:class:`kg.extract.text.Doc`, the
reference) and reading its items with their votes and plans. When the real corpus is
there (``$TKG_REAL_CORPUS``, default ``../shared/corpus/real``) its minutes are timed too.
The target is a 50-page minutes in at most one second on one core.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from kg.extract.minutes import read_minutes
from kg.extract.plans import read_plans
from kg.extract.text import Doc

PAGE = 2300
EXPOSE = ("Monsieur le Maire expose : le conseil municipal est invité à se prononcer sur ce dossier, "
          "présenté en commission des finances le 12 mars, dont le rapport est joint.\n") * 6
VOTES = ("ADOPTÉ À L'UNANIMITÉ", "Pour : 25 Contre : 2 Abstentions : 2",
         "LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MME LEROY, M. SIRI QUI S'ABSTIENNENT, ACCEPTE "
         "CES PROPOSITIONS", "Adopté par 27 voix pour et 2 abstentions")
PLAN = ("Considérant que le plan de financement est le suivant :\n"
        "Travaux 500 000 € Etat (DSIL) 250 000 € 50%\nVille 250 000 € 50%\n"
        "Total 500 000 € Total 500 000 € 100%\n")


def minutes(pages: int) -> str:
    parts = ["PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL\n\nQuestions 1 à 10 :\n"
             "27 présents 2 procurations 29 votants\n\n"]
    n = 0
    while sum(map(len, parts)) < pages * PAGE:
        n += 1
        plan = PLAN if n % 5 == 0 else ""
        parts.append(f"{n} - Délibération numéro {n} relative au dossier {n}\n{EXPOSE}{plan}"
                     f"{VOTES[n % len(VOTES)]}\n\n")
    return "".join(parts)


def _time(work: object, repeat: int) -> float:
    assert callable(work)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _report(name: str, text: str, repeat: int) -> None:
    reference = _time(lambda: Doc.of(text), repeat)
    reading = _time(lambda: read_minutes(Doc.of(text), plans=read_plans), repeat)
    items, _ranges = read_minutes(Doc.of(text), plans=read_plans)
    print(f"{name}: {len(text) / PAGE:.0f} pages, {len(items)} items; line index (reference) "
          f"{1000 * reference:.1f} ms; items, votes and plans {1000 * reading:.0f} ms "
          f"(ratio {reading / reference:.0f}x)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    _report(f"generated minutes of {args.pages} pages", minutes(args.pages), args.repeat)
    root = Path(__file__).resolve().parents[1]
    real = Path(os.environ.get("TKG_REAL_CORPUS", root.parent / "shared" / "corpus" / "real"))
    for path in sorted(real.glob("*_pv_*.txt")) if real.is_dir() else []:
        _report(path.name, path.read_text(encoding="utf-8"), args.repeat)


if __name__ == "__main__":
    main()
