"""The offline snapshot of the national registry (communes, EPCIs, departments, regions).

Built by ``scripts/build_registry.py`` from the npm package
``@etalab/decoupage-administratif`` (Licence Ouverte), one package version per
population vintage, and read here from ``kg/registry/data/``. Loading the EPCIs, departments
and regions takes a few hundredths of a second; :func:`load_snapshot` caches the result. The
communes (35,000 rows) are read the first time a commune is asked for, the population figures
(110,000 rows) the first time an authority's figures are: resolving an EPCI's deliberation
needs neither.

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
from collections.abc import Callable, Iterator, Mapping, Sequence
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
    communes: Communes  # INSEE code -> commune (or municipal arrondissement)
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


def _reader(name: str, required: set[str]) -> tuple[list[str], Iterator[list[str]]]:
    """The header of the CSV file ``name`` and its rows (a row of another length than the
    header is an error)."""
    reader = csv.reader(io.StringIO(_text(name)))  # csv.DictReader took twice as long
    header = next(reader, [])
    missing = required - set(header)
    if missing:
        raise RegistryDataError(f"{name} lacks columns {sorted(missing)}: {_HINT}")

    def rows() -> Iterator[list[str]]:
        for row in reader:
            if len(row) != len(header):
                if not row:
                    continue
                raise RegistryDataError(f"{name}, line {reader.line_num}: {len(row)} fields "
                                        f"where the header names {len(header)}: {_HINT}")
            yield row

    return header, rows()


def _rows(name: str, required: set[str]) -> Iterator[dict[str, str]]:
    header, rows = _reader(name, required)
    for row in rows:
        yield dict(zip(header, row, strict=True))


def _lists(name: str, columns: Sequence[str]) -> Iterator[list[str]]:
    """The rows of ``name``, each the values of ``columns`` in that order."""
    header, rows = _reader(name, set(columns))
    at = [header.index(c) for c in columns]
    for row in rows:
        yield [row[i] for i in at]


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


_COMMUNE = ("name", "siren", "department", "region")  # the columns a commune is made of


class Communes(Mapping[str, Authority]):
    """The communes of the snapshot by INSEE code: their file is read the first time a commune
    is asked for, and each commune made an :class:`Authority` the first time it is asked for
    (resolving an EPCI's deliberation asks for none of the 35,000: reading them all took half
    the time of loading the snapshot).

    >>> communes = load_snapshot().communes
    >>> communes["21231"].name, communes.department("21231"), "99999" in communes
    ('Dijon', '21', False)
    """

    __slots__ = ("_load", "_made", "_table")

    def __init__(self, load: Callable[[], dict[str, list[str]]]) -> None:
        self._load = load  # code -> the values of _COMMUNE
        self._table: dict[str, list[str]] | None = None
        self._made: dict[str, Authority] = {}

    @property
    def _rows(self) -> dict[str, list[str]]:
        if self._table is None:
            self._table = self._load()
        return self._table

    @property
    def read(self) -> bool:
        """Whether the file has been read."""
        return self._table is not None

    def __getitem__(self, code: str) -> Authority:
        made = self._made.get(code)
        if made is None:
            name, siren, department, region = self._rows[code]
            made = self._made[code] = Authority(
                code=code,
                name=name,
                kind=AuthorityKind.COMMUNE,
                siren=siren or None,
                departments=(department,),
                region=region or None,
                populations=Figures("commune", code),
            )
        return made

    def __contains__(self, code: object) -> bool:
        return code in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def name(self, code: str) -> str:
        """The commune's name, without making it an :class:`Authority`."""
        return self._rows[code][0]

    def department(self, code: str) -> str:
        """The commune's department, without making it an :class:`Authority`."""
        return self._rows[code][2]


def department_of(insee: str) -> str:
    """The department of a commune, from its INSEE code: its first two characters, three
    overseas (97x, 98x), as the code is made (Code officiel géographique).

    >>> department_of("21231"), department_of("2A004"), department_of("97411")
    ('21', '2A', '974')
    """
    return insee[:3] if insee.startswith(("97", "98")) else insee[:2]


def _communes() -> dict[str, list[str]]:
    return {code: rest for code, *rest in _lists("communes.csv.gz", ("code", *_COMMUNE))}


def _epcis() -> tuple[dict[str, Authority], tuple[EpciRecord, ...]]:
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
        departments = sorted({department_of(c) for c in last.members})
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
    communes = Communes(_communes)
    epcis, records = _epcis()
    return Snapshot(
        vintages=vintages,
        communes=communes,
        epcis=epcis,
        records=records,
        departments=_places("departments.csv", AuthorityKind.DEPARTMENT),
        regions=_places("regions.csv", AuthorityKind.REGION),
    )
