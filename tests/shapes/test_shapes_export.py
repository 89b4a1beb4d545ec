"""``tkg shapes --export-jena``: one message per node, the same rules."""

from __future__ import annotations

import functools
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from kg.cli import main
from kg.validate import load_shapes
from kg.validate.rules import SH
from tests.shapes.test_set_based import FIXTURES, pyshacl_keys


@functools.cache
def exported_graph() -> Graph:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "shapes.ttl"
        assert main(["shapes", "--export-jena", str(path), "--lang", "fr"]) == 0
        return Graph().parse(path, format="turtle")


@pytest.fixture
def exported() -> Graph:
    return exported_graph()


def test_every_node_keeps_one_message_in_the_language_asked(exported: Graph) -> None:
    per_node = Counter(s for s, _ in exported.subject_objects(SH.message))
    assert per_node and max(per_node.values()) == 1
    languages = {m.language for m in exported.objects(None, SH.message) if isinstance(m, Literal)}
    assert languages == {"fr"}
    assert len(exported) < len(load_shapes())


def test_exported_shapes_find_the_same_results() -> None:
    """pySHACL finds the same results with the exported shapes as with the shipped ones, over
    the first invalid fixture of each family at once (one run each: pySHACL parses every SPARQL
    constraint of the shapes on each run, which is most of its time on small data)."""
    data, families = Graph(), set()
    for path in FIXTURES:
        if path.name.startswith("invalid-") and path.parent.name not in families:
            families.add(path.parent.name)
            data.parse(path)
    expected = pyshacl_keys(data, load_shapes())
    assert len({shape for *_, shape, _value in expected}) >= len(families) > 5
    assert pyshacl_keys(data, exported_graph()) == expected
