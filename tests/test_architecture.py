"""The import direction of ``kg``: one way along the pipeline, as ARCHITECTURE.md's table says.

Every module of ``kg/`` is parsed (``ast``, nothing imported); each ``import kg…`` it holds,
at module level or inside a function, is an edge between two parts of the table. An edge to a
higher rank, to another part of a row that does not allow it, a cycle between parts, a module
no row names, a row naming no module, and any import of ``tools`` are failures, each naming
the file and the line.
"""

from __future__ import annotations

import ast
import functools
import graphlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"
ARCHITECTURE = ROOT / "ARCHITECTURE.md"
_ROW = re.compile(r"^\|\s*(\d+)\s*\|(.+)\|\s*(yes|no)\s*\|\s*$")


@dataclass(frozen=True, slots=True)
class Part:
    name: str  # "extract", "publish.site", "__init__"
    rank: int
    shares_row: bool  # may import the other parts of its row


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # module importing
    target: str  # module imported
    file: str
    line: int


def parts_of(text: str) -> list[Part]:
    """The parts named by the table's rows: ``| 4 | `store/`, `remote` | yes |``.

    >>> [(p.name, p.rank) for p in parts_of("| 8 | `serve/`, `publish/site` | yes |")]
    [('serve', 8), ('publish.site', 8)]
    """
    out = []
    for line in text.splitlines():
        m = _ROW.match(line)
        if m:
            for name in re.findall(r"`([^`]+)`", m.group(2)):
                out.append(Part(name.strip("/").replace("/", "."), int(m.group(1)), m.group(3) == "yes"))
    return out


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _exists(module: str) -> bool:
    base = ROOT.joinpath(*module.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports_of(path: Path) -> list[Edge]:
    """The ``kg`` and ``tools`` modules ``path`` imports (a name imported from a package
    counts as its submodule when there is one)."""
    source = module_name(path)
    package = source if path.name == "__init__.py" else source.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            targets = [f"{module}.{a.name}" if _exists(f"{module}.{a.name}") else module
                       for a in node.names]
        rel = str(path.relative_to(ROOT))
        out += [Edge(source, t, rel, node.lineno) for t in targets
                if t.split(".")[0] in ("kg", "tools")]
    return out


def part_of(module: str, parts: list[Part]) -> Part | None:
    """The part holding ``module``: the longest name that is the module or a package above it."""
    inner = module.removeprefix("kg").removeprefix(".") or "__init__"
    found = [p for p in parts if inner == p.name or inner.startswith(p.name + ".")]
    return max(found, key=lambda p: len(p.name), default=None)


PARTS = parts_of(ARCHITECTURE.read_text(encoding="utf-8"))
MODULES = sorted(PACKAGE.rglob("*.py"))


@functools.cache
def edges() -> list[Edge]:
    """Every import of the package (read on first use, not while collecting the tests)."""
    return [e for path in MODULES for e in imports_of(path)]


def test_the_table_names_the_stages_of_the_readme() -> None:
    names = {p.name for p in PARTS}
    assert {"extract", "registry", "mapping", "store", "validate", "queries", "publish", "serve",
            "cli", "pipeline", "errors"} <= names, f"ARCHITECTURE.md's table lost a stage: {names}"
    rank = {p.name: p.rank for p in PARTS}
    order = ["extract", "registry", "mapping", "store", "validate", "serve", "cli"]
    assert [rank[n] for n in order] == sorted(rank[n] for n in order), rank


def test_every_module_of_kg_is_in_one_part() -> None:
    missing = [str(p.relative_to(ROOT)) for p in MODULES if part_of(module_name(p), PARTS) is None]
    assert not missing, f"modules no row of ARCHITECTURE.md names: {missing}"


def test_every_part_of_the_table_exists() -> None:
    stale = [p.name for p in PARTS if not _exists("kg." + p.name) and p.name != "__init__"]
    assert not stale, f"ARCHITECTURE.md names parts that are not in kg/: {stale}"


def violations(edges: list[Edge], parts: list[Part]) -> list[str]:
    out = []
    for e in edges:
        if e.target.split(".")[0] == "tools":
            out.append(f"{e.file}:{e.line}: imports {e.target}; kg never imports tools (not installed)")
            continue
        src, dst = part_of(e.source, parts), part_of(e.target, parts)
        if src is None or dst is None or src == dst:
            continue
        if dst.rank < src.rank or (dst.rank == src.rank and src.shares_row):
            continue
        out.append(f"{e.file}:{e.line}: {src.name} (rank {src.rank}) imports {e.target} "
                   f"({dst.name}, rank {dst.rank}): a part imports only the ranks below it")
    return out


def test_imports_go_one_way_along_the_pipeline() -> None:
    found = violations(edges(), PARTS)
    assert not found, "\n".join(found)


def test_no_cycle_between_parts() -> None:
    graph: dict[str, set[str]] = {}
    for e in edges():
        src, dst = part_of(e.source, PARTS), part_of(e.target, PARTS)
        if src and dst and src != dst:
            graph.setdefault(src.name, set()).add(dst.name)
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as cycle:
        pytest.fail(f"import cycle between parts of kg: {' -> '.join(cycle.args[1])}")


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("kg.extract.zones", "kg.store", "extract (rank 1) imports kg.store"),
    ("kg.validate.run", "kg.queries", "validate (rank 6) imports kg.queries"),
    ("kg.publish.scdl", "kg.serve.views", "publish (rank 7) imports kg.serve.views"),
    ("kg.mapping.iris", "tools.synth", "imports tools.synth; kg never imports tools"),
])
def test_a_wrong_import_is_reported(source: str, target: str, expected: str) -> None:
    found = violations([Edge(source, target, "kg/x.py", 3)], PARTS)
    assert len(found) == 1 and expected in found[0], found


@pytest.mark.parametrize(("source", "target"), [
    ("kg.serve.app", "kg.publish.dataset"),  # a later stage uses an earlier one
    ("kg.publish.site", "kg.serve.views"),  # the static site ranks with serve
    ("kg.config", "kg.errors"),  # within the cross-cutting row
    ("kg.registry.link", "kg.store"),  # tkg link ranks with the store
])
def test_an_import_down_the_pipeline_is_allowed(source: str, target: str) -> None:
    assert violations([Edge(source, target, "kg/x.py", 3)], PARTS) == []


def test_an_import_inside_a_function_counts() -> None:
    # kg/cli.py imports the report printer only when `tkg validate` runs
    edges = imports_of(PACKAGE / "cli.py")
    assert any(e.target == "kg.validate.report" for e in edges), edges
    # a name imported from a package is its submodule when there is one
    assert any(e.target == "kg.serve.rdf" for e in imports_of(PACKAGE / "publish" / "site.py"))
