"""``tkg shapes --export-jena``: one message per node, the same rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from kg.cli import main
from kg.validate import load_shapes
from kg.validate.rules import SH
from tests.shapes.test_set_based import FIXTURES, pyshacl_keys


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    path = tmp_path_factory.mktemp("jena") / "shapes.ttl"
    assert main(["shapes", "--export-jena", str(path), "--lang", "fr"]) == 0
    return Graph().parse(path, format="turtle")


def test_every_node_keeps_one_message_in_the_language_asked(exported: Graph) -> None:
    per_node = Counter(s for s, _ in exported.subject_objects(SH.message))
    assert per_node and max(per_node.values()) == 1
    languages = {m.language for m in exported.objects(None, SH.message) if isinstance(m, Literal)}
    assert languages == {"fr"}
    assert len(exported) < len(load_shapes())


@pytest.mark.parametrize("path", [p for p in FIXTURES if p.name.startswith("invalid-")][:4],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_exported_shapes_find_the_same_results(path: Path, exported: Graph) -> None:
    data = Graph().parse(path)
    assert pyshacl_keys(data, exported) == pyshacl_keys(data, load_shapes())
