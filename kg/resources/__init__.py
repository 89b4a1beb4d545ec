"""Files shipped with the package: internal SPARQL queries, the JSON-LD context, SCDL schemas.

>>> "SELECT" in sparql("evidence.rq")
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def sparql(name: str) -> str:
    """The text of an internal query in ``kg/resources/sparql/``, read once per process."""
    return resources.files(__name__).joinpath("sparql", name).read_text(encoding="utf-8")


def resource_text(name: str) -> str:
    """The text of a file of ``kg/resources/``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
