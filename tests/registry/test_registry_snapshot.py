"""The offline registry snapshot: vintages, EPCIs, communes, departments, ANCT lists."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from kg.registry import (
    AuthorityKind,
    UnknownProgrammeError,
    UnknownVintageError,
    load_registry,
)

SAMPLE = {"242100410", "247100290", "200071884", "200070530", "200070316"}


@pytest.fixture(scope="module")
def reg():  # type: ignore[no-untyped-def]
    return load_registry()


def test_two_vintages_with_their_sources(reg) -> None:  # type: ignore[no-untyped-def]
    vintages = {v.vintage: v for v in reg.vintages()}
    assert vintages["2022"].version == "2.3.1"
    assert vintages["2022"].source == "@etalab/decoupage-administratif 2.3.1"
    assert reg.vintages()[-1].vintage == "2026"
    assert reg.vintages()[-1].version == "6.0.0"


def test_sample_population_matches_the_2022_vintage_only(reg) -> None:  # type: ignore[no-untyped-def]
    figures = [reg.epci(s).population("2022") for s in SAMPLE]
    assert sum(f.municipal for f in figures) == 444993
    assert {f.source for f in figures} == {"@etalab/decoupage-administratif 2.3.1"}
    latest = reg.vintages()[-1].vintage
    assert reg.population_sum(frozenset(SAMPLE), latest) == 445279
    assert reg.population_sum(frozenset(SAMPLE), latest) != 444993


def test_epci_record(reg) -> None:  # type: ignore[no-untyped-def]
    autun = reg.epci("200070530")
    assert autun.name == "CC du Grand Autunois Morvan"
    assert autun.kind is AuthorityKind.EPCI and autun.epci_type == "CC"
    assert autun.departments == ("71",)
    assert len(autun.members) == 55 and "71014" in autun.members  # Autun
    pop = autun.population("2022")
    assert (pop.municipal, pop.total) == (35311, 36957)
    dijon = reg.epci("242100410")
    assert dijon.epci_type == "METRO" and "21231" in dijon.members
    assert reg.epci("000000000") is None


def test_epci_types_and_ept(reg) -> None:  # type: ignore[no-untyped-def]
    types = {a.epci_type for a in reg.epcis()}
    assert {"METRO", "CU", "CA", "CC", "EPT"} <= types
    ept = reg.epci("200057990")  # Boucle Nord de Seine, an EPT (2026 vintage only)
    assert ept.kind is AuthorityKind.EPT and ept.population("2022") is None
    assert ept.population("2026") is not None


def test_renamed_epci_keeps_its_former_name(reg) -> None:  # type: ignore[no-untyped-def]
    flandre = reg.epci("200040947")
    assert flandre.name == "CA Coeur de Flandre"
    assert flandre.former_names == ("CC de Flandre Intérieure",)


def test_commune_department_region(reg) -> None:  # type: ignore[no-untyped-def]
    dijon = reg.commune("21231")
    assert dijon.name == "Dijon" and dijon.siren == "212102313"
    assert dijon.departments == ("21",) and dijon.region == "27"
    assert dijon.population("2022").municipal > 150000
    assert reg.department("71").name == "Saône-et-Loire"
    assert reg.department("2A").region == "94"
    assert reg.region("27").name == "Bourgogne-Franche-Comté"
    assert len(reg.epcis()) > 1200


def test_industry_territories(reg) -> None:  # type: ignore[no-untyped-def]
    assert len(reg.territories("ti")) == 183
    bourgogne = reg.territory("ti-2703")
    assert bourgogne.label == "Bourgogne Industrie" and bourgogne.member_codes == SAMPLE
    assert reg.territory_with_members(frozenset(SAMPLE), "ti") == bourgogne
    for member in bourgogne.members:  # every member is in the national registry
        assert reg.epci(member.code).population("2022") is not None


def test_explicit_errors(reg) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownVintageError, match="2019"):
        reg.population_sum(frozenset(SAMPLE), "2019")
    with pytest.raises(UnknownProgrammeError, match="known: acv"):
        reg.programme("crte-2")


def test_manifest_records_versions() -> None:
    path = resources.files("kg.registry").joinpath("data", "manifest.json")
    manifest = json.loads(path.read_text("utf-8"))
    assert [v["version"] for v in manifest["vintages"]] == ["2.3.1", "6.0.0"]
    assert manifest["package"] == "@etalab/decoupage-administratif"


def test_every_anct_member_is_in_the_snapshot(reg) -> None:  # type: ignore[no-untyped-def]
    groups = {m.code for t in reg.territories("ti") for m in t.members
              if m.kind is not AuthorityKind.COMMUNE}
    assert len(groups) > 600
    assert [c for c in groups if reg.epci(c) is None or not reg.epci(c).populations] == []
    communes = {m.code for p in ("pvd", "acv", "va") for t in reg.territories(p)
                for m in t.members}
    assert [c for c in communes if reg.commune(c) is None] == []


def test_a_damaged_snapshot_file_names_the_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.registry import snapshot

    monkeypatch.setattr(snapshot, "_text", lambda name: "code,name\n01001,L'Abergement\n\n01002\n")
    rows = snapshot._rows("regions.csv", {"code", "name"})
    assert next(rows) == {"code": "01001", "name": "L'Abergement"}
    with pytest.raises(snapshot.RegistryDataError, match=r"regions\.csv, line 4: 1 fields where the "
                                                          r"header names 2"):
        next(rows)
    with pytest.raises(snapshot.RegistryDataError, match=r"regions\.csv lacks columns \['region'\]"):
        next(snapshot._rows("regions.csv", {"code", "region"}))


def test_an_epcis_departments_are_those_of_its_member_communes() -> None:
    """An EPCI's departments come from its members' INSEE codes (the communes' file is not
    read for them): the same as the departments the communes' file gives each member."""
    from kg.registry.snapshot import load_snapshot

    snap = load_snapshot()
    communes = snap.communes
    differ = [s for s, a in snap.epcis.items()
              if a.departments != tuple(sorted({communes.department(c) for c in a.members}))]
    assert len(snap.epcis) > 1200 and differ == []
    assert snap.epcis["242100410"].departments == ("21",)


def test_resolving_reads_no_population_figure_until_one_is_asked_for() -> None:
    """The population table is half the snapshot's loading time, the communes' file half of the
    rest; resolving an EPCI by its name needs neither. Run in a fresh process: both are cached
    per process."""
    import subprocess
    import sys

    script = (
        "from kg.registry import load_registry\n"
        "from kg.registry.snapshot import _population_table as table\n"
        "reg = load_registry()\n"
        "found = reg.resolve('Dijon Métropole')\n"
        "assert found.code == '242100410', found\n"
        "print(table.cache_info().currsize)\n"
        "from kg.registry.snapshot import load_snapshot\n"
        "print(load_snapshot().communes.read)\n"
        "dijon = reg.epci(found.code)\n"
        "print(dijon.population('2022').municipal > 150000, table.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "False", "True", "1"]  # nor any commune
