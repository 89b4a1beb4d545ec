"""Regenerate the offline registry snapshot shipped in ``kg/registry/data/``.

The source is the npm package ``@etalab/decoupage-administratif`` (Etalab;
data under Licence Ouverte, built from INSEE's COG, the DGCL's EPCI
composition file and INSEE's legal populations). Each package version is one
population vintage (millésime); the snapshot keeps several side by side so a
figure quoted by a deliberation can be checked against the vintage it used.

Usage (needs ``npm`` and network access to the npm registry)::

    python scripts/build_registry.py                 # 2.3.1 (2022) and 6.0.0 (2026)
    python scripts/build_registry.py 2.3.1:2022 6.0.0:2026 --out kg/registry/data

The tarballs are fetched into a temporary directory with ``npm pack`` and
never committed; only the compact files below are written:

- ``manifest.json``: source package, versions, vintages, licence;
- ``communes.csv.gz``: code, name, kind, department, region, siren, vintages
  (communes and municipal arrondissements; names from the latest vintage
  where the commune exists);
- ``epcis.csv.gz``: one row per (SIREN, vintage): name, type
  (METRO/MET69/CU/CA/CC/EPT), financing mode, member communes' INSEE codes;
- ``populations.csv.gz``: kind, code, vintage, municipal, total population;
- ``departments.csv`` and ``regions.csv``: INSEE code, name (latest vintage).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = "@etalab/decoupage-administratif"
DEFAULT = ("2.3.1:2022", "6.0.0:2026")
OUT = Path(__file__).resolve().parent.parent / "kg" / "registry" / "data"
_KEPT_COMMUNES = ("commune-actuelle", "arrondissement-municipal")

Json = Any


def fetch(version: str, workdir: Path) -> dict[str, Json]:
    """``npm pack`` one version and read the JSON files of its ``data/`` folder."""
    target = workdir / version
    target.mkdir(parents=True)
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{version}", "--silent"],
        cwd=target, check=True, capture_output=True, text=True,
    )
    tarball = next(target.glob("*.tgz"))
    out: dict[str, Json] = {}
    with tarfile.open(tarball) as tar:
        for name in ("communes", "epci", "departements", "regions", "ept"):
            try:
                member = tar.extractfile(f"package/data/{name}.json")
            except KeyError:
                continue  # ept.json exists only from 2023 on
            if member is not None:
                out[name] = json.load(member)
    return out


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        # mtime=0 keeps the output byte-identical from one run to the next.
        with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as handle:
            handle.write(data)
    else:
        path.write_bytes(data)


def build(versions: list[tuple[str, str]], out: Path) -> None:
    releases: list[tuple[str, str, dict[str, Json]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for version, vintage in versions:
            releases.append((version, vintage, fetch(version, Path(tmp))))
    releases.sort(key=lambda r: r[1])
    communes: dict[str, list[object]] = {}
    present: dict[str, list[str]] = {}
    epcis: list[list[object]] = []
    populations: list[list[object]] = []
    for _version, vintage, data in releases:  # oldest first: later vintages overwrite names
        totals: dict[str, int] = {}
        groups = [("epci", g) for g in data["epci"]] + [("ept", g) for g in data.get("ept", [])]
        for kind, group in groups:
            members = [m["code"] for m in group["membres"]]
            for m in group["membres"]:
                totals[m["code"]] = m["populationTotale"]
            epcis.append([group["code"], vintage, group["nom"].strip(),
                          group["type"] or kind.upper(), group.get("modeFinancement") or "",
                          " ".join(sorted(members))])
            populations.append([kind, group["code"], vintage, group["populationMunicipale"],
                                group["populationTotale"]])
        for c in data["communes"]:
            if c["type"] not in _KEPT_COMMUNES:
                continue
            communes[c["code"]] = [c["code"], c["nom"], c["type"], c.get("departement", ""),
                                   c.get("region", ""), c.get("siren", "")]
            present.setdefault(c["code"], []).append(vintage)
            if "population" in c:
                populations.append(["commune", c["code"], vintage, c["population"],
                                    totals.get(c["code"], "")])
    out.mkdir(parents=True, exist_ok=True)
    _write_csv(out / "communes.csv.gz",
               ["code", "name", "kind", "department", "region", "siren", "vintages"],
               [[*row, " ".join(present[code])] for code, row in sorted(communes.items())])
    _write_csv(out / "epcis.csv.gz",
               ["siren", "vintage", "name", "type", "financing", "members"], sorted(epcis))
    _write_csv(out / "populations.csv.gz",
               ["kind", "code", "vintage", "municipal", "total"], sorted(populations))
    latest = releases[-1][2]
    _write_csv(out / "departments.csv", ["code", "name", "region", "chef_lieu"],
               [[d["code"], d["nom"], d["region"], d["chefLieu"]] for d in latest["departements"]])
    _write_csv(out / "regions.csv", ["code", "name", "chef_lieu"],
               [[r["code"], r["nom"], r["chefLieu"]] for r in latest["regions"]])
    manifest = {
        "package": PACKAGE,
        "licence": "Licence Ouverte / Open Licence (data), MIT (code)",
        "generated_by": "scripts/build_registry.py",
        "vintages": [
            {"vintage": vintage, "version": version, "source": f"{PACKAGE} {version}",
             "has_ept": "ept" in data}
            for version, vintage, data in releases
        ],
        "latest": releases[-1][1],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("versions", nargs="*", default=list(DEFAULT),
                        help="VERSION:VINTAGE pairs, e.g. 2.3.1:2022 (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args(argv)
    pairs = []
    for spec in args.versions:
        version, sep, vintage = spec.partition(":")
        if not sep or not vintage.isdigit():
            parser.error(f"expected VERSION:VINTAGE such as 2.3.1:2022, got {spec!r}")
        pairs.append((version, vintage))
    build(pairs, args.out)


if __name__ == "__main__":
    main()
