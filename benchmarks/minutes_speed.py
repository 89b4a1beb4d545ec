"""Speed of reading whole-session minutes: items, votes, financing plans, counts per range.

    python -m benchmarks.minutes_speed [--pages 50] [--repeat 5]

Writes minutes of about ``pages`` pages (2,300 characters a page, the size of the real
procès-verbaux) with the heading, vote and financing-plan layouts the rules read, then
times, on the same text: indexing its lines (:class:`kg.extract.text.Doc`, the
reference), reading its items with their votes and plans, and the whole extraction
(session, attendance, items). When the real corpus is there (``$TKG_REAL_CORPUS``,
default ``../shared/corpus/real``) its minutes are timed too. The target is a 50-page
minutes in at most one second on one core: CPU time (:func:`time.process_time`) is
printed beside wall time, which grows when the machine is shared; compare ratios.
The text layer of a PDF is timed by :mod:`benchmarks.extract_real`.
"""

from __future__ import annotations

import argparse

from benchmarks.extract_real import best, real_corpus
from kg.extract.deliberation import read_deliberation
from kg.extract.minutes import read_minutes
from kg.extract.plans import read_plans
from kg.extract.records import SourceDocument
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


def _report(name: str, text: str, repeat: int) -> None:
    source = SourceDocument(path=name, sha256="", media_type="text/plain", text=text)
    reference = best(lambda: Doc.of(text), repeat)
    reading = best(lambda: read_minutes(Doc.of(text), plans=read_plans), repeat)
    full = best(lambda: read_deliberation(source), repeat)
    items, _ranges = read_minutes(Doc.of(text), plans=read_plans)
    print(f"{name[:40]:40} {len(text) / PAGE:5.0f} {len(items):5} {reference.ms()} {reading.ms()} "
          f"{full.ms()} {full.cpu / reference.cpu:9.0f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"{'minutes':40} {'pages':>5} {'items':>5} {'line index (reference)':>19} "
          f"{'items, votes, plans':>19} {'whole extraction':>19} {'ratio':>10}")
    print(f"{'':52}" + " {:>9} {:>9}".format("cpu ms", "wall ms") * 3)
    _report(f"generated, {args.pages} pages", minutes(args.pages), args.repeat)
    real = real_corpus()
    for path in sorted(real.glob("*_pv_*.txt")) if real.is_dir() else []:
        _report(path.name, path.read_text(encoding="utf-8"), args.repeat)


if __name__ == "__main__":
    main()
