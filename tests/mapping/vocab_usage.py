"""Where the project writes vocabulary terms: prefixed names and full IRIs in its assets.

The assets (the ontology, SHACL shapes, the query library, the package's SPARQL
files, HTML templates, the JSON-LD context) are read as text, so that a term
inside a SPARQL string of a shape or a template counts too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib.namespace import DefinedNamespaceMeta

from kg.mapping import vocab

ROOT = Path(__file__).resolve().parent.parent.parent
ASSET_GLOBS = ("ontology/*.ttl", "ontology/*.md", "shapes/*.ttl", "shapes/*.md", "queries/*.rq",
               "kg/**/*.rq", "kg/**/*.ru", "kg/serve/templates/*.html", "kg/resources/*.jsonld")

CLOSED: dict[str, DefinedNamespaceMeta] = {
    name.lower(): ns for name in vocab.__all__
    if isinstance(ns := getattr(vocab, name), DefinedNamespaceMeta)
}
"""The closed namespaces by their usual prefix (``tkg``, ``oa``, ``schema``, ``sh``…)."""

_DECLARATION = re.compile(
    r"(?:PREFIX|@prefix)\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>"
    r"|sh:prefix\s+\"([A-Za-z][\w-]*)\"\s*;\s*sh:namespace\s+\"([^\"]*)\"", re.IGNORECASE)
_PREFIXED = re.compile(r"(?<![\w.:/#<>@-])([a-z][\w-]*):([A-Za-z_][\w-]*)")
_FULL = re.compile(r"https?://[^\s<>\"'{}|\\^`()]+")


@dataclass(frozen=True, slots=True)
class Use:
    """One term written in one file, at one line."""

    iri: str
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.iri}"


def asset_files() -> list[Path]:
    files = sorted({p for g in ASSET_GLOBS for p in ROOT.glob(g)})
    return [p for p in files if "yasgui" not in p.parts]


def _prefixes(text: str) -> dict[str, str]:
    out = {name: str(ns) for name, ns in CLOSED.items()}
    for m in _DECLARATION.finditer(text):
        name, iri = (m.group(1) or "", m.group(2)) if m.group(2) is not None else (m.group(3), m.group(4))
        out[name] = iri
    return out


def uses(path: Path) -> Iterator[Use]:
    """Every prefixed name with a known prefix, and every full IRI, that ``path`` writes."""
    text = path.read_text(encoding="utf-8")
    prefixes = _prefixes(text)
    for n, line in enumerate(text.splitlines(), start=1):
        for m in _PREFIXED.finditer(line):
            if m.group(1) in prefixes:
                yield Use(prefixes[m.group(1)] + m.group(2), path, n)
        for m in _FULL.finditer(line):
            yield Use(m.group(0).rstrip(".,;"), path, n)


def namespace_of(iri: str) -> DefinedNamespaceMeta | None:
    """The closed namespace ``iri`` is a term of (the longest that matches), if any."""
    found = [ns for ns in CLOSED.values() if iri.startswith(str(ns)) and len(iri) > len(str(ns))]
    return max(found, key=lambda ns: len(str(ns)), default=None)
