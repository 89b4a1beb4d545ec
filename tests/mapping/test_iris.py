"""The published IRI layout, pinned: one example per kind of resource, and no IRI minted elsewhere.

Once published, an IRI is cited, linked and joined on: changing the layout
breaks every user. A failing row here is a change of the published IRIs,
never a test to update in passing.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.mapping.iris import Iris, SiteIris

ROOT = Path(__file__).resolve().parent.parent.parent
BASE = "https://w3id.org/territoires-kg/id/"
EPCI = BASE + "epci/242100410"
CONVENTION = BASE + "convention/ti-2703/2024-2027"
SESSION = EPCI + "/session/2024-09-26"
DELIBERATION = EPCI + "/deliberation/2024-09-26/2024-123"
DOC = BASE + "document/0123456789abcdef"
DAY = dt.date(2024, 9, 26)

# method -> (arguments, the IRI it must give)
LAYOUT: dict[str, tuple[tuple[object, ...], str]] = {
    "epci": (("242100410",), EPCI),
    "commune": (("21231",), BASE + "commune/21231"),
    "department": (("21",), BASE + "departement/21"),
    "region": (("27",), BASE + "region/27"),
    "agency": (("ANCT",), BASE + "agency/anct"),
    "unresolved_authority": (("Syndicat du Pays Beaunois",), BASE + "authority/syndicat-du-pays-beaunois"),
    "council": ((EPCI,), EPCI + "/council"),
    "programme": (("TI",), BASE + "programme/ti"),
    "phase": (("ti", 2023, 2027), BASE + "programme/ti/2023-2027"),
    "territory": (("TI-2703",), BASE + "territory/ti-2703"),
    "unlisted_territory": (("Val de Saône",), BASE + "territory/name/val-de-saone"),
    "membership": ((BASE + "territory/ti-2703", EPCI), BASE + "territory/ti-2703/member/242100410"),
    "population": ((EPCI, "RP 2021"), EPCI + "/population/rp-2021"),
    "convention": (("ti-2703", 2024, 2027), CONVENTION),
    "axis": ((CONVENTION, "Attirer des talents"), CONVENTION + "/axis/attirer-des-talents"),
    "governance_body": ((CONVENTION, "Comité de pilotage"), CONVENTION + "/body/comite-de-pilotage"),
    "post": ((CONVENTION, "Chef de projet", "242100410"),
             CONVENTION + "/post/chef-de-projet/242100410"),
    "contribution": ((CONVENTION + "/post/p/1", "ANCT"), CONVENTION + "/post/p/1/funding/anct"),
    "funding_plan": ((CONVENTION,), CONVENTION + "/funding-plan"),
    "commitment": ((CONVENTION, "Région BFC"), CONVENTION + "/commitment/region-bfc"),
    "allocation_key": ((CONVENTION,), CONVENTION + "/allocation-key"),
    "population_check": ((CONVENTION,), CONVENTION + "/population-check"),
    "vintage_sum": ((CONVENTION + "/population-check", "2022"), CONVENTION + "/population-check/2022"),
    "session": ((EPCI, DAY), SESSION),
    "undated_session": ((EPCI, DOC), EPCI + "/session/undated-0123456789abcdef"),
    "deliberation": ((EPCI, DAY, "2024-123"), DELIBERATION),
    "unnamed_authority": ((DOC,), DOC + "/authority"),
    "item": ((SESSION, "12 bis"), SESSION + "/item/12-bis"),
    "item_range": ((SESSION, 3, None), SESSION + "/items/3-end"),
    "financing_plan": ((DELIBERATION, 1), DELIBERATION + "/financing-plan/1"),
    "financing_line": ((DELIBERATION + "/financing-plan/1", 2), DELIBERATION + "/financing-plan/1/line/2"),
    "article": ((DELIBERATION, 3), DELIBERATION + "/article/3"),
    "vote": ((DELIBERATION,), DELIBERATION + "/vote"),
    "person": ((EPCI, "Anne", "Dupont-Léger"), EPCI + "/person/anne-dupont-leger"),
    "mandate": ((EPCI + "/person/anne-dupont", EPCI + "/council"), EPCI + "/person/anne-dupont/mandate"),
    "proxy": ((SESSION, "anne-dupont"), SESSION + "/proxy/anne-dupont"),
    "substitution": ((SESSION, "Jean Martin"), SESSION + "/substitution/jean-martin"),
    "document": (("0123456789abcdef" * 4,), DOC),
    "graph": (("corpus/dijon.txt",), BASE + "graph/a0e11a9783ed229f"),
    "graphs_prefix": ((), BASE + "graph/"),
    "reference_graph": (("Registry",), BASE + "graph/reference/registry"),
    "evidence": ((DOC, 10, 20, "amount"), DOC + "/evidence/10-20/amount"),
    "selector": ((DOC, 10, 20), DOC + "#char=10,20"),
    "position_selector": ((DOC, 10, 20), DOC + "#char=10,20-selector"),
    "name_resolution": ((DOC, 10, 20), DOC + "/resolution/10-20"),
}

SITE = "https://w3id.org/territoires-kg/"
SITE_LAYOUT: dict[str, tuple[tuple[object, ...], str]] = {
    "landing_page": ((), SITE),
    "dataset": ((), SITE + ".well-known/void#dataset"),
    "publisher": ((), SITE + ".well-known/void#publisher"),
    "catalog": ((), SITE + ".well-known/void#catalog"),
    "distribution": (("nquads",), SITE + ".well-known/void#nquads"),
    "sparql_service": ((), SITE + ".well-known/void#sparql"),
    "dump": (("territoires-kg.trig.gz",), SITE + "dumps/territoires-kg.trig.gz"),
    "sparql_endpoint": ((), SITE + "sparql"),
    "vocabulary": ((), SITE + "ontology#"),
}

# Where the graph's IRIs could be built: mapping and what writes to the store besides it.
MINTING_SOURCES = ("kg/mapping", "kg/registry", "kg/pipeline.py", "kg/link.py", "kg/versions.py",
                   "kg/store/link.py", "kg/registry/link.py", "kg/store/versions.py")


def public_methods(cls: type) -> set[str]:
    return {n for n, _ in inspect.getmembers(cls, inspect.isfunction) if not n.startswith("_")}


@pytest.mark.parametrize("method", sorted(LAYOUT))
def test_iri_layout_is_unchanged(method: str) -> None:
    args, expected = LAYOUT[method]
    mint: Callable[..., str] = getattr(Iris(), method)
    assert mint(*args) == expected


@pytest.mark.parametrize("method", sorted(SITE_LAYOUT))
def test_site_iri_layout_is_unchanged(method: str) -> None:
    """The dataset description's IRIs (VoID, DCAT-AP), which harvesters keep."""
    args, expected = SITE_LAYOUT[method]
    mint: Callable[..., str] = getattr(SiteIris(SITE), method)
    assert mint(*args) == expected


@pytest.mark.parametrize(("cls", "layout"), [(Iris, LAYOUT), (SiteIris, SITE_LAYOUT)])
def test_every_kind_of_iri_is_pinned(cls: type, layout: dict[str, object]) -> None:
    assert public_methods(cls) - set(layout) == set(), "pin the new IRI kind in the layout table"
    assert set(layout) - public_methods(cls) == set()


def test_a_configured_base_moves_every_root_iri() -> None:
    iris = Iris(base="https://example.org/kg/")
    assert iris.epci("242100410") == "https://example.org/kg/epci/242100410"
    assert iris.graph("corpus/dijon.txt") == "https://example.org/kg/graph/a0e11a9783ed229f"
    assert iris.convention("ti-2703", 2024, 2027).startswith("https://example.org/kg/convention/")


def _sources() -> list[Path]:
    out: list[Path] = []
    for rel in MINTING_SOURCES:
        p = ROOT / rel
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p] if p.exists() else []
    return [p for p in out if p.name != "iris.py"]


def _extends_an_iri(n: ast.AST) -> bool:
    """``f"{iri}/part"``, ``f"{iri}#part"`` or ``iri + "/part"``: an IRI built from another."""
    if isinstance(n, ast.JoinedStr) and len(n.values) > 1:
        first, second = n.values[0], n.values[1]
        return (isinstance(first, ast.FormattedValue) and isinstance(second, ast.Constant)
                and str(second.value).startswith(("/", "#")))
    if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add) and isinstance(n.right, ast.Constant):
        return isinstance(n.right.value, str) and n.right.value.startswith(("/", "#", "-selector"))
    return False


def test_no_iri_is_minted_outside_iris_py() -> None:
    sources = _sources()
    assert any(p.parent.name == "mapping" for p in sources)
    found = [f"{p.relative_to(ROOT)}:{n.lineno}" for p in sources
             for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))) if _extends_an_iri(n)]
    assert not found, "mint these in kg/mapping/iris.py"


def test_the_guard_sees_an_iri_built_with_an_f_string() -> None:
    tree = ast.parse('iri = f"{deliberation}/vote"\nsel = target + "-selector"\nlabel = f"{a} {b}"\n')
    assert [n.lineno for n in ast.walk(tree) if _extends_an_iri(n)] == [1, 2]
