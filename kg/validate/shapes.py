"""The SHACL shapes of ``shapes/``, parsed once per process.

Each call of :func:`load_shapes` gets its own copy of the parsed graph (copying is several
times quicker than parsing), so no caller can change the shapes another one sees. A shapes
file changed on disk is parsed again.

>>> shapes = load_shapes()
>>> (None, RDF.type, SH.NodeShape) in shapes
True
>>> load_shapes() is not shapes
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from kg.assets import asset_files, asset_folder
from kg.errors import AssetError
from kg.mapping.vocab import SH as SH  # closed (rdflib): a misspelt SHACL term fails

TKGSH = Namespace("https://w3id.org/territoires-kg/shapes#")
SHAPES_DIR = asset_folder("shapes")

_Stamp = tuple[tuple[str, int, int], ...]  # (path, modification time, size) of each file


def load_shapes(directory: Path = SHAPES_DIR) -> Graph:
    """The shapes of ``directory``; no shape found is an error, since it would pass any graph."""
    return _copy(_parsed(str(directory), shapes_stamp(directory)))


def shapes_stamp(directory: Path = SHAPES_DIR) -> _Stamp:
    """The path, modification time and size of each shapes file of ``directory``: what the
    caches of parsed shapes and compiled rules are kept by."""
    paths = asset_files("shapes", "*.ttl") if directory == SHAPES_DIR else sorted(directory.glob("*.ttl"))
    return tuple((str(p), (st := p.stat()).st_mtime_ns, st.st_size) for p in paths)


@lru_cache(maxsize=8)
def _parsed(directory: str, stamp: _Stamp) -> Graph:
    shapes = Graph()
    for path, _mtime, _size in stamp:
        shapes.parse(path, format="turtle")
    if (None, RDF.type, SH.NodeShape) not in shapes:
        raise AssetError(f"{directory}: no SHACL node shape found; validation needs the shapes "
                         "shipped with tkg (reinstall the package, or run from a complete checkout)")
    return shapes


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    out.addN((s, p, o, out) for s, p, o in graph)
    return out
