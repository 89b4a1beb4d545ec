"""Departments named by a deliberation are resolved to INSEE codes, each in its region."""

from __future__ import annotations

from kg.mapping import Iris
from kg.store import OxigraphStore

TKG = "https://w3id.org/territoires-kg/ontology#"
QUERY = f"""PREFIX tkg: <{TKG}>
SELECT ?department ?region WHERE {{
  ?convention tkg:coversDepartment ?department .
  OPTIONAL {{ ?department tkg:inRegion ?region }}
}}"""


def test_the_sample_convention_covers_cote_d_or_and_saone_et_loire_in_region_27(
    sample_store: OxigraphStore,
) -> None:
    iris = Iris()
    rows = {(r["department"], r["region"]) for r in sample_store.select(QUERY)}
    assert rows == {(iris.department("21"), iris.region("27")),
                    (iris.department("71"), iris.region("27"))}
