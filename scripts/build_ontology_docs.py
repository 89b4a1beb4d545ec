"""Write the ontology's HTML documentation with pyLODE (OntPub profile).

Usage: python scripts/build_ontology_docs.py [--ontology PATH] [--out PATH]
Defaults: ontology/territoires-kg.ttl -> docs/ontology/index.html.

pyLODE 3.4.1 reads its version from a pyproject.toml it expects beside
site-packages (RDFLib/pyLODE#260, fixed upstream after that release); the
version module is provided here from the installed distribution's metadata so
that the released package works unchanged.
"""

from __future__ import annotations

import argparse
import sys
import types
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ONTOLOGY = ROOT / "ontology" / "territoires-kg.ttl"
DEFAULT_OUT = ROOT / "docs" / "ontology" / "index.html"


def _provide_pylode_version() -> None:
    """Register ``pylode.version`` before pyLODE imports it (see the module docstring)."""
    if "pylode.version" in sys.modules:
        return
    module = types.ModuleType("pylode.version")
    module.__version__ = metadata.version("pylode")  # type: ignore[attr-defined]
    sys.modules["pylode.version"] = module


def build_docs(ontology: Path, out: Path) -> Path:
    _provide_pylode_version()
    from pylode import OntPub  # type: ignore[import-untyped]

    out.parent.mkdir(parents=True, exist_ok=True)
    OntPub(ontology=str(ontology), sort_subjects=True).make_html(destination=out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=DEFAULT_ONTOLOGY)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.ontology.is_file():
        print(f"error: {args.ontology}: no such ontology file", file=sys.stderr)
        return 2
    path = build_docs(args.ontology, args.out)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
