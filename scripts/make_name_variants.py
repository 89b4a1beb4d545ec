"""Write the table of EPCI name variants used to measure name resolution.

Rows come from three sources, each recorded in the ``source`` column:

- ``anct``: the names ANCT's Territoires d'industrie list gives its members
  where they differ from the registry's official name (real-world variants);
- ``sample``: the five EPCIs as the sample deliberation names them, with the
  territory ``ti-2703`` as context;
- ``derived``: variants derived mechanically from official names of EPCIs
  drawn at random (fixed seed) from the registry and the ANCT list: legal form
  spelled out or dropped, accents and case dropped, articles dropped, words
  reordered, a trailing word dropped, the usual acronym.

A derived variant that is exactly another EPCI's name is not a variant of its
source and is left out. Usage::

    PYTHONPATH=. python scripts/make_name_variants.py > tests/registry/name_variants.csv
"""

from __future__ import annotations

import csv
import random
import sys
import unicodedata
from importlib import resources

from kg.registry import load_registry
from kg.registry.anct import load_anct
from kg.registry.resolve import acronyms, normalise

_SPELLED = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération",
            "CU": "Communauté urbaine"}
_ARTICLES = {"de", "du", "des", "la", "le", "les", "l'", "d'", "et"}

SAMPLE = [
    ("Dijon métropole", "242100410"),
    ("CUCM", "247100290"),
    ("Communauté Urbaine Creusot Montceau", "247100290"),
    ("Le Grand Charolais", "200071884"),
    ("Communauté de Communes du Grand Charolais", "200071884"),
    ("CCGAM", "200070530"),
    ("Communauté de Communes du Grand Autunois", "200070530"),
    ("CCEALS", "200070316"),
    ("Communauté de Communes entre Loire Somme et Arroux", "200070316"),
]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def derive(name: str, rng: random.Random) -> list[tuple[str, str]]:
    legal, _, body = name.partition(" ")
    if legal not in _SPELLED or "(" in name:
        return []
    words = body.split()
    start = 0
    while start < len(words) - 1 and words[start].lower() in _ARTICLES:
        start += 1
    out = [
        ("legal-form-spelled", f"{_SPELLED[legal]} {body}"),
        ("legal-form-dropped", " ".join(words[start:])),
        ("accents-dropped", _ascii(f"{_SPELLED[legal]} {body}").lower()),
    ]
    bare = [w[2:] if w.lower().startswith(("l'", "d'")) else w
            for w in words if w.lower() not in _ARTICLES]
    if bare != words:
        out.append(("articles-dropped", f"{legal} {' '.join(bare)}"))
    if len(bare) >= 2:
        shuffled = bare[:]
        while shuffled == bare:
            rng.shuffle(shuffled)
        out.append(("reordered", f"{_SPELLED[legal]} {' '.join(shuffled)}"))
    if len(bare) >= 3:
        kept = words[:-1]
        while kept and kept[-1].lower() in _ARTICLES | {"et", "-"}:
            kept.pop()
        out.append(("trailing-word-dropped", f"{_SPELLED[legal]} {' '.join(kept)}"))
    full = max(acronyms(name), key=len, default="")
    if full.startswith(legal.lower()) and len(full) >= 4:
        out.append(("acronym", full.upper()))
    return out


def main() -> None:
    reg = load_registry()
    official = {normalise(a.name): a.code for a in reg.epcis()}
    rng = random.Random(20241126)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["written", "expected_siren", "variant", "source", "context_territory",
                     "context_departments"])
    for written, siren in SAMPLE:
        writer.writerow([written, siren, "as-in-deliberation", "sample", "ti-2703", ""])
    seen = {w for w, _ in SAMPLE}
    members = resources.files("kg.registry").joinpath(
        "data", "anct", "territoires_industrie_anct_2024_members.csv")
    for row in csv.DictReader(members.read_text("utf-8").splitlines()):
        siren, name = row["member_siren"], row["member_name_in_source"]
        epci = reg.epci(siren)
        if row["member_kind"] != "commune" and epci and name != epci.name and name not in seen:
            seen.add(name)
            writer.writerow([name, siren, "anct-listing", "anct", "", ""])
    anct = sorted(load_anct().epci_names)
    pool = rng.sample(anct, 20) + rng.sample(sorted(a.code for a in reg.epcis()), 20)
    for siren in pool:
        epci = reg.epci(siren)
        assert epci is not None
        for variant, written in derive(epci.name, rng):
            if official.get(normalise(written), siren) != siren or written in seen:
                continue
            seen.add(written)
            writer.writerow([written, siren, variant, "derived", "", ""])
            if variant in ("acronym", "trailing-word-dropped"):
                # The same name read in a deliberation that states its department(s).
                writer.writerow([written, siren, f"{variant}+departments", "derived", "",
                                 " ".join(epci.departments)])


if __name__ == "__main__":
    main()
