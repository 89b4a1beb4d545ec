"""``tkg publish``: the static site keeps the server's URL layout, every local link resolves
under the nginx rules written beside it, and each resource's RDF files say the same thing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCAT, RDF, VOID

from kg.cli import main
from tests.serve.conftest import DELIBERATION, SCRIPT_DELIBERATION, build_store

# One worker publishes the site once for every test of this module (about 4 s).
pytestmark = pytest.mark.xdist_group("publish")

HREF = re.compile(r'(?:href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("publish")
    store = build_store(root / "store", reference=False)
    out = root / "site"
    assert main(["publish", "--store", str(store), "--out", str(out)]) == 0
    return out


def resolve(site: Path, href: str) -> Path | None:
    """The file nginx.conf serves for ``href`` (HTML by default), or ``None`` if none."""
    path, _, query = href.partition("#")[0].partition("?")
    fmt = query.removeprefix("format=") if query.startswith("format=") else "html"
    fixed = {"/": "index.html", "/dumps/": "dumps.html", "/.well-known/void": ".well-known/void.ttl"}
    if path in fixed:
        candidates = [fixed[path]]
    elif path.startswith("/queries/"):
        candidates = [path[1:] + ".html"]
    elif path == "/ontology" or path.startswith("/id/"):
        candidates = [f"{path[1:]}.{fmt}", f"{path[1:]}.html", f"{path[1:]}.ttl"]
    else:
        candidates = [path[1:]]
    return next((site / c for c in candidates if (site / c).is_file()), None)


def test_every_local_link_resolves(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100
    broken = set()
    for page in pages:
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            href = href.replace("&amp;", "&")
            if href.startswith("/") and not href.startswith("//") and resolve(site, href) is None:
                broken.add((page.relative_to(site).as_posix(), href))
    assert not broken, sorted(broken)[:20]


def test_each_resource_has_the_same_graph_in_every_format(site: Path) -> None:
    stem = site / DELIBERATION.split("/", 4)[4]
    graphs = {ext: rdflib.Graph().parse(stem.with_name(f"{stem.name}.{ext}"), format=fmt)
              for ext, fmt in (("ttl", "turtle"), ("nt", "nt"), ("rdf", "xml"), ("jsonld", "json-ld"))}
    reference = graphs.pop("ttl")
    assert len(reference) > 5
    for ext, g in graphs.items():
        if not isomorphic(reference, g):
            _, only_ttl, only_other = graph_diff(to_isomorphic(reference), to_isomorphic(g))
            pytest.fail(f".{ext} differs from .ttl: {sorted(only_ttl)[:3]} / {sorted(only_other)[:3]}")


def test_static_void_has_dumps_and_no_endpoint(site: Path) -> None:
    g = rdflib.Graph().parse(site / ".well-known" / "void.ttl", format="turtle")
    (ds,) = set(g.subjects(RDF.type, VOID.Dataset))
    assert g.value(ds, VOID.sparqlEndpoint) is None
    dumps = {str(u).rsplit("/", 1)[1] for u in g.objects(ds, VOID.dataDump)}
    assert dumps == {p.name for p in (site / "dumps").glob("*.gz")}
    assert len(set(g.objects(ds, DCAT.distribution))) == 3


def test_static_pages_escape_markup_and_carry_server_rules(site: Path) -> None:
    page = (site / (SCRIPT_DELIBERATION.split("/", 4)[4] + ".html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert "RewriteEngine On" in (site / ".htaccess").read_text()
    assert "try_files" in (site / "nginx.conf").read_text()
    assert 'href="/sparql"' not in (site / "index.html").read_text(encoding="utf-8")
