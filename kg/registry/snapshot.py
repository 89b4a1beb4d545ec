"""The offline snapshot of the national registry (communes, EPCIs, departments, regions).

Built by ``scripts/build_registry.py`` from the npm package
``@etalab/decoupage-administratif`` (Licence Ouverte), one package version per
population vintage, and read here from ``kg/registry/data/``. Loading takes
about half a second; :func:`load_snapshot` caches the result. The population figures (110,000
rows, as long again to read) are read the first time an authority's figures are asked for:
resolving a deliberation's authorities needs none.

>>> snap = load_snapshot()
>>> [v.vintage for v in snap.vintages][:1], snap.epcis["242100410"].name
(['2022'], 'Dijon Métropole')
>>> snap.epcis["242100410"].population("2022").source
'@etalab/decoupage-administratif 2.3.1'
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import overload

from kg.errors import TkgError
from kg.registry.model import Authority, AuthorityKind, PopulationFigure, Vintage


class RegistryDataError(TkgError, RuntimeError):
    """The shipped snapshot is missing or malformed (regenerate it with the build script)."""


@dataclass(frozen=True, slots=True)
class EpciRecord:
    """An EPCI (or EPT) as one vintage describes it."""

    siren: str
    vintage: str
    name: str
    epci_type: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Snapshot:
    vintages: tuple[Vintage, ...]  # oldest first
    communes: dict[str, Authority]  # INSEE code -> commune (or municipal arrondissement)
    epcis: dict[str, Authority]  # SIREN -> EPCI or EPT, described by its latest vintage
    records: tuple[EpciRecord, ...]  # every (SIREN, vintage) description, for name resolution
    departments: dict[str, Authority]
    regions: dict[str, Authority]

    @property
    def latest(self) -> Vintage:
        return self.vintages[-1]


_HINT = "regenerate it with `python scripts/build_registry.py`"


def _text(name: str) -> str:
    path = resources.files("kg.registry").joinpath("data", name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise RegistryDataError(f"registry snapshot file {name!r} is missing: {_HINT}") from exc
    return (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")


def _rows(name: str, required: set[str]) -> Iterator[dict[str, str]]:
    reader = csv.reader(io.StringIO(_text(name)))  # csv.DictReader took twice as long
    header = next(reader, [])
    missing = required - set(header)
    if missing:
        raise RegistryDataError(f"{name} lacks columns {sorted(missing)}: {_HINT}")
    for row in reader:
        if len(row) != len(header):
            if not row:
                continue
            raise RegistryDataError(f"{name}, line {reader.line_num}: {len(row)} fields where the "
                                    f"header names {len(header)}: {_HINT}")
        yield dict(zip(header, row, strict=True))


def _vintages() -> tuple[Vintage, ...]:
    try:
        manifest = json.loads(_text("manifest.json"))
        found = tuple(
            Vintage(v["vintage"], v["version"], v["source"]) for v in manifest["vintages"]
        )
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise RegistryDataError(f"manifest.json is malformed ({exc}): {_HINT}") from exc
    if not found:
        raise RegistryDataError(f"manifest.json lists no vintage: {_HINT}")
    return tuple(sorted(found, key=lambda v: v.vintage))


@lru_cache(maxsize=1)
def _population_table() -> dict[tuple[str, str], tuple[PopulationFigure, ...]]:
    """Every population figure of the snapshot, by (kind, code), oldest vintage first."""
    sources = {v.vintage: v.source for v in _vintages()}
    out: dict[tuple[str, str], list[PopulationFigure]] = {}
    for row in _rows("populations.csv.gz", {"kind", "code", "vintage", "municipal", "total"}):
        vintage = row["vintage"]
        if vintage not in sources:
            raise RegistryDataError(f"populations.csv.gz: vintage {vintage!r} is not in "
                                    f"manifest.json: {_HINT}")
        figure = PopulationFigure(
            vintage=vintage,
            municipal=int(row["municipal"]),
            source=sources[vintage],
            total=int(row["total"]) if row["total"] else None,
        )
        kind = "epci" if row["kind"] == "ept" else row["kind"]
        out.setdefault((kind, row["code"]), []).append(figure)
    return {key: tuple(figures) for key, figures in out.items()}


class Figures(Sequence[PopulationFigure]):
    """The population figures of one authority of the snapshot, read from the population table
    the first time they are asked for; it compares and hashes as the tuple of its figures.

    >>> figures = load_snapshot().epcis["242100410"].populations
    >>> figures[0].vintage, len(figures) > 1, figures == tuple(figures)
    ('2022', True, True)
    """

    __slots__ = ("_key",)

    def __init__(self, kind: str, code: str) -> None:
        self._key = (kind, code)

    @property
    def _figures(self) -> tuple[PopulationFigure, ...]:
        return _population_table().get(self._key, ())

    @overload
    def __getitem__(self, index: int) -> PopulationFigure: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[PopulationFigure, ...]: ...

    def __getitem__(self, index: int | slice) -> PopulationFigure | tuple[PopulationFigure, ...]:
        return self._figures[index]

    def __len__(self) -> int:
        return len(self._figures)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._figures == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._figures)

    def __repr__(self) -> str:
        return repr(self._figures)


def _epcis(communes: dict[str, Authority]) -> tuple[dict[str, Authority], tuple[EpciRecord, ...]]:
    records = tuple(
        EpciRecord(r["siren"], r["vintage"], r["name"], r["type"], tuple(r["members"].split()))
        for r in _rows("epcis.csv.gz", {"siren", "vintage", "name", "type", "members"})
    )
    by_siren: dict[str, list[EpciRecord]] = {}
    for record in sorted(records, key=lambda r: (r.siren, r.vintage)):
        by_siren.setdefault(record.siren, []).append(record)
    epcis: dict[str, Authority] = {}
    for siren, history in by_siren.items():
        last = history[-1]
        former: list[str] = []
        for r in history[:-1]:
            if r.name != last.name and r.name not in former:
                former.append(r.name)
        departments = sorted({communes[c].departments[0] for c in last.members if c in communes})
        epcis[siren] = Authority(
            code=siren,
            name=last.name,
            kind=AuthorityKind.EPT if last.epci_type == "EPT" else AuthorityKind.EPCI,
            epci_type=last.epci_type,
            siren=siren,
            departments=tuple(departments),
            members=last.members,
            populations=Figures("epci", siren),
            former_names=tuple(former),
        )
    return epcis, records


def _places(name: str, kind: AuthorityKind) -> dict[str, Authority]:
    out = {}
    for row in _rows(name, {"code", "name"}):
        region = row.get("region") or None
        out[row["code"]] = Authority(code=row["code"], name=row["name"], kind=kind,
                                     region=region)
    return out


@lru_cache(maxsize=1)
def load_snapshot() -> Snapshot:
    """Read the shipped snapshot (cached: the files are read once per process)."""
    vintages = _vintages()
    communes = {}
    required = {"code", "name", "department", "region", "siren"}
    for row in _rows("communes.csv.gz", required):
        code = row["code"]
        communes[code] = Authority(
            code=code,
            name=row["name"],
            kind=AuthorityKind.COMMUNE,
            siren=row["siren"] or None,
            departments=(row["department"],),
            region=row["region"] or None,
            populations=Figures("commune", code),
        )
    epcis, records = _epcis(communes)
    return Snapshot(
        vintages=vintages,
        communes=communes,
        epcis=epcis,
        records=records,
        departments=_places("departments.csv", AuthorityKind.DEPARTMENT),
        regions=_places("regions.csv", AuthorityKind.REGION),
    )
