"""Closed namespaces: a misspelt term fails, in Python and in the SPARQL, shapes and templates.

``TKG`` is generated from the ontology; the vocabularies rdflib lacks are
hand-listed and must list exactly the terms the project writes.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import inspect
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import OWL, RDF, Graph, URIRef
from rdflib import namespace as rdflib_namespace
from rdflib.namespace import DefinedNamespaceMeta

from kg.mapping import vocab
from kg.mapping.vocab import BESLUIT, ELI, IGEO, M8G, MANDAAT, OA, OPENGOV, SPDX, TKG
from tests.mapping.vocab_usage import CLOSED, ROOT, Use, asset_files, namespace_of, uses

HAND_LISTED = (OA, BESLUIT, MANDAAT, ELI, OPENGOV, M8G, IGEO, SPDX)
# Where the namespaces themselves are written, and the generated module
VOCAB_MODULES = {ROOT / "kg" / "mapping" / "vocab.py", ROOT / "kg" / "mapping" / "tkg_terms.py"}
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                OWL.NamedIndividual)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_vocab", ROOT / "scripts" / "generate_vocab.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def terms(ns: DefinedNamespaceMeta) -> set[str]:
    """The IRIs a closed namespace lists, its rdflib parents' included (``dir`` omits them)."""
    names = {n for c in ns.mro() if issubclass(c, rdflib_namespace.DefinedNamespace)
             for n in [*inspect.get_annotations(c), *c._extras]}
    return {str(ns) + n for n in names if not n.startswith("_")}


def test_generated_tkg_module_is_up_to_date() -> None:
    generated = _generator().render(ROOT / "ontology" / "territoires-kg.ttl")
    current = (ROOT / "kg" / "mapping" / "tkg_terms.py").read_text(encoding="utf-8")
    assert current == generated, "tkg_terms.py is out of date: run python scripts/generate_vocab.py"


def test_tkg_lists_exactly_the_terms_the_ontology_declares() -> None:
    ontology = Graph().parse(ROOT / "ontology" / "territoires-kg.ttl", format="turtle")
    declared = {str(s) for t in DECLARATIONS for s in ontology.subjects(RDF.type, t)
                if str(s).startswith(str(TKG))}
    assert len(declared) > 150
    assert terms(TKG) == declared


def test_a_misspelt_tkg_term_fails() -> None:
    assert TKG.Deliberation == URIRef("https://w3id.org/territoires-kg/ontology#Deliberation")
    misspelt = "deliberatoin"  # TKG.deliberatoin, not written so: the source scan below would flag it
    with pytest.raises(AttributeError, match=misspelt):
        getattr(TKG, misspelt)
    with pytest.raises(AttributeError, match=misspelt):
        _ = TKG[misspelt]


@pytest.mark.parametrize("prefix", sorted(CLOSED))
def test_every_namespace_is_closed(prefix: str) -> None:
    ns = CLOSED[prefix]
    with pytest.raises(AttributeError, match="notATerm"):
        _ = ns.notATerm
    assert terms(ns), f"{prefix}: an empty namespace"


@functools.cache
def _project_uses() -> tuple[Use, ...]:
    return tuple(u for path in asset_files() for u in uses(path))


def test_every_term_the_assets_write_is_declared() -> None:
    """Queries, shapes, the package's SPARQL, templates and the JSON-LD context: no unknown term."""
    checked = [u for u in _project_uses() if namespace_of(u.iri) is not None]
    assert len({u.path for u in checked}) > 40, "the scan found too few files: is the glob right?"
    unknown = [str(u) for u in checked if u.iri not in namespace_of(u.iri)]  # type: ignore[operator]
    assert not unknown


def test_every_tkg_term_the_test_fixtures_write_is_declared() -> None:
    """A misspelt term in a fixture would make its test check nothing."""
    fixtures = sorted(p for ext in ("ttl", "trig", "rq", "jsonld")
                      for p in (ROOT / "tests").rglob(f"*.{ext}"))
    checked = [u for p in fixtures for u in uses(p) if namespace_of(u.iri) is TKG]
    assert len(checked) > 100
    assert not [str(u) for u in checked if u.iri not in TKG]


def test_a_misspelt_term_in_a_query_is_found(tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("PREFIX t: <https://w3id.org/territoires-kg/ontology#>\n"
                     "SELECT ?d WHERE { ?d a tkg:Deliberation ; t:decidedBy ?a ;\n"
                     "  <https://w3id.org/territoires-kg/ontology#sesion> ?s ; tkg:amont ?x }\n",
                     encoding="utf-8")
    found = {u.iri.rsplit("#", 1)[-1] for u in uses(query)
             if namespace_of(u.iri) is TKG and u.iri not in TKG}
    assert found == {"sesion", "amont"}


def _imported_namespaces(tree: ast.Module) -> dict[str, DefinedNamespaceMeta]:
    """Local names bound to a closed namespace by ``from kg.mapping.vocab`` / ``rdflib`` imports."""
    out: dict[str, DefinedNamespaceMeta] = {}
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.ImportFrom) and stmt.module in (
                "kg.mapping.vocab", "kg.mapping.tkg_terms", "rdflib", "rdflib.namespace"):
            for alias in stmt.names:
                ns = getattr(vocab, alias.name, None)
                if stmt.module.startswith("rdflib"):
                    ns = CLOSED.get(alias.name.lower()) if alias.name != "SDO" else CLOSED["schema"]
                if isinstance(ns, DefinedNamespaceMeta):
                    out[alias.asname or alias.name] = ns
    return out


@functools.cache
def _python_terms(path: Path) -> tuple[tuple[int, DefinedNamespaceMeta, str], ...]:
    """``NS.term`` and ``NS["term"]`` written in ``path``, for the closed namespaces it imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = _imported_namespaces(tree)
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in names:
            out.append((n.lineno, names[n.value.id], n.attr))
        elif (isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id in names
              and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str)):
            out.append((n.lineno, names[n.value.id], n.slice.value))
    return tuple(out)


def python_files() -> list[Path]:
    folders = ("kg", "tests", "benchmarks", "scripts", "tools")
    return sorted(p for d in folders for p in (ROOT / d).rglob("*.py"))


def test_every_term_the_python_code_writes_is_declared() -> None:
    """Also the code no test runs: each ``TKG.x`` / ``SH.x`` is read from the source."""
    unknown = [f"{p.relative_to(ROOT)}:{line}: {ns}{name}"
               for p in python_files() for line, ns, name in _python_terms(p)
               if not name.startswith("_") and name not in ns]
    assert not unknown


def _strings(tree: ast.Module) -> Iterator[ast.Constant]:
    """String constants, docstrings (whose examples show IRIs) left out."""
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and n.body and isinstance(n.body[0], ast.Expr)}
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs:
            yield n


def test_the_package_writes_no_term_as_a_string() -> None:
    """``URIRef(ns + "foo")``, ``NamedNode("http://…#foo")``, ``Namespace("…")``: only in vocab.py."""
    namespaces = [str(ns) for ns in CLOSED.values()]
    free = [f"{p.relative_to(ROOT)}:{c.lineno}: {word}"
            for p in (ROOT / "kg").rglob("*.py") if p not in VOCAB_MODULES
            for c in _strings(ast.parse(p.read_text(encoding="utf-8")))
            for word in c.value.split() if any(word.startswith(ns) for ns in namespaces)]
    assert not free


@pytest.mark.parametrize("ns", HAND_LISTED, ids=lambda ns: str(ns))
def test_hand_listed_namespaces_list_exactly_the_terms_the_project_writes(
    ns: DefinedNamespaceMeta,
) -> None:
    written = {u.iri for u in _project_uses() if u.iri.startswith(str(ns)) and len(u.iri) > len(str(ns))}
    written |= {str(ns) + name for p in python_files() for _line, used, name in _python_terms(p)
                if used is ns}
    assert terms(ns) == written


@pytest.mark.parametrize("name", sorted(CLOSED))
def test_terms_read_as_attributes_are_the_namespace_terms(name: str) -> None:
    """Terms are stored as class attributes (a fast path past rdflib's ``__getattr__``): each
    is the namespace's IRI for its name, and an undeclared name still fails."""
    ns = CLOSED[name]
    declared = {n for c in ns.__mro__ if isinstance(c, DefinedNamespaceMeta)
                for n in vars(c).get("__annotations__", {}) if not n.startswith("_")}
    assert declared
    for term in declared:
        assert term in vars(ns), term
        assert getattr(ns, term) == URIRef(str(ns) + term)
    with pytest.raises(AttributeError, match="not in namespace"):
        ns.NoSuchTermAnywhere  # noqa: B018 (the read is the test)
