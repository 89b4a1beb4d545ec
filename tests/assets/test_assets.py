"""The shipped assets: found wherever tkg runs, and their absence is an error, never a pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.assets import asset_files, asset_folder, ontology_file
from kg.errors import AssetError
from kg.queries import QUERY_DIR, list_queries, load_query
from kg.validate import SHAPES_DIR, load_shapes

ROOT = Path(__file__).resolve().parents[2]


def test_from_a_checkout_the_assets_are_the_top_level_folders() -> None:
    assert QUERY_DIR == asset_folder("queries") == ROOT / "queries"
    assert SHAPES_DIR == ROOT / "shapes"
    assert ontology_file() == ROOT / "ontology" / "territoires-kg.ttl"
    assert {p.name for p in asset_files("queries", "*.rq")} == {p.name for p in QUERY_DIR.glob("*.rq")}


def test_shapes_that_are_missing_are_an_error_not_an_empty_pass(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="no SHACL node shape found"):
        load_shapes(tmp_path)
    (tmp_path / "empty.ttl").write_text("@prefix ex: <https://example.org/> .\n", encoding="utf-8")
    with pytest.raises(AssetError, match="no SHACL node shape found"):
        load_shapes(tmp_path)


def test_a_missing_query_library_is_an_error_not_an_empty_list(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match=r"no \.rq query file found"):
        list_queries(tmp_path)
    with pytest.raises(AssetError, match=r"no \.rq query file found"):
        load_query("cofunding", tmp_path)


def test_an_unknown_asset_folder_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown asset folder"):
        asset_folder("templates")
