"""The ANCT national programme lists (Licence Ouverte), shipped in ``data/anct/``.

>>> lists = load_anct()
>>> lists.territories["ti-2703"].label
'Bourgogne Industrie'
>>> len([t for t in lists.territories.values() if t.programme == "ti"])
183
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources

from kg.registry.model import AuthorityKind, Programme, Territory, TerritoryMember

PROGRAMMES: dict[str, Programme] = {
    "ti": Programme(
        key="ti",
        name="Territoires d'industrie",
        start_year=2023,
        end_year=2027,
        launch_event="Conseil national de l'industrie",
        launch_date="2018-11-22",
    ),
    "pvd": Programme(key="pvd", name="Petites villes de demain"),
    "acv": Programme(key="acv", name="Action cœur de ville"),
    "va": Programme(key="va", name="Villages d'avenir"),
}

_FILES = {
    "pvd": "anct_pvd_2024.csv",
    "acv": "anct_acv_2024.csv",
    "va": "anct_va_2024.csv",
}
_GEO = re.compile(r"\s*(?P<name>.+?)\s*\((?P<code>[0-9AB]{5})\)\s*$")


@dataclass(frozen=True, slots=True)
class AnctLists:
    territories: dict[str, Territory]
    epci_names: dict[str, str]  # SIREN -> official name, from the members file


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kg.registry").joinpath("data", "anct", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _industry_territories() -> tuple[dict[str, Territory], dict[str, str]]:
    members: dict[str, list[TerritoryMember]] = {}
    labels: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in _rows("territoires_industrie_anct_2024_members.csv"):
        tid = row["id_territoire"]
        labels[tid] = row["lib_territoire"]
        kind = AuthorityKind(row["member_kind"])
        name = row["official_name_decoupage_admin_6.0.0"] or row["member_name_in_source"]
        members.setdefault(tid, []).append(
            TerritoryMember(kind=kind, code=row["member_siren"], name=name)
        )
        if kind in (AuthorityKind.EPCI, AuthorityKind.EPT):
            names[row["member_siren"]] = name
    for row in _rows("territoires_industrie_anct_2024.csv"):
        labels.setdefault(row["id_territoire"], row["lib_territoire"])
    territories = {
        tid: Territory(
            anct_id=tid, label=label, programme="ti", members=tuple(members.get(tid, ()))
        )
        for tid, label in labels.items()
    }
    return territories, names


def _commune_territories(key: str) -> dict[str, Territory]:
    out: dict[str, Territory] = {}
    for row in _rows(_FILES[key]):
        members = []
        for part in row["liste_geo"].split(";"):
            match = _GEO.match(part)
            if match:
                members.append(
                    TerritoryMember(AuthorityKind.COMMUNE, match["code"], match["name"])
                )
        out[row["id_territoire"]] = Territory(
            anct_id=row["id_territoire"],
            label=row["lib_territoire"],
            programme=key,
            members=tuple(members),
            signed=row.get("date_signature") or None,
        )
    return out


def load_anct() -> AnctLists:
    territories, names = _industry_territories()
    for key in _FILES:
        territories.update(_commune_territories(key))
    return AnctLists(territories=territories, epci_names=names)
