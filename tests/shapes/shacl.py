"""pySHACL over each fixture of ``tests/shapes/``, run once per test process.

Four test modules compare against pySHACL's report on every fixture (the rules' own tests, the
set-based engine, the SPARQL targets, the messages in two languages). pySHACL parses each SPARQL
constraint again for each focus node, so its runs are most of their time; these modules share
one run per fixture (and run on one xdist worker: ``xdist_group("pyshacl")``, ``make test``
distributes with ``--dist loadgroup``). The graphs returned are shared: never change them.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from rdflib import Graph

from kg.validate import SHAPES_DIR, run_shacl

GROUP = pytest.mark.xdist_group("pyshacl")


@functools.cache
def family_shapes(family: str) -> Graph:
    """The shapes of ``shapes/<family>.ttl``, parsed once."""
    return Graph().parse(SHAPES_DIR / f"{family}.ttl", format="turtle")


@functools.cache
def fixture_report(path: Path) -> tuple[bool, Graph]:
    """pySHACL's (conforms, report) for the fixture ``path`` against the shapes of its family
    (:func:`family_shapes`, whose blank nodes the report's property shapes are)."""
    return run_shacl(Graph().parse(path), family_shapes(path.parent.name))
