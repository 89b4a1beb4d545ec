"""The ontology's HTML page, written by pyLODE (the ``docs`` dependency group) when installed.

pyLODE 3.4.1 reads its version from a ``pyproject.toml`` it expects beside site-packages
(RDFLib/pyLODE#260); the version module is provided from the installed distribution's metadata.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import types
from importlib import metadata
from pathlib import Path


def render_html(ontology: Path) -> bytes | None:
    """The pyLODE (OntPub) page of ``ontology``, or ``None`` when pyLODE is not installed."""
    try:
        version = metadata.version("pylode")
    except metadata.PackageNotFoundError:
        return None
    if "pylode.version" not in sys.modules:
        module = types.ModuleType("pylode.version")
        module.__version__ = version  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = module
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    from pylode import OntPub  # type: ignore[import-untyped]

    root.setLevel(level)  # pyLODE configures the root logger when imported
    root.handlers[:] = handlers

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "index.html"
        OntPub(ontology=str(ontology), sort_subjects=True).make_html(destination=out)
        return out.read_bytes()
