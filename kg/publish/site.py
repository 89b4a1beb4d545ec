"""``tkg publish``: the site of ``tkg serve`` written as static files, with the same URL layout.

Each resource ``/id/PATH`` is written as ``id/PATH.html``, ``.ttl``, ``.jsonld``, ``.nt`` and
``.rdf``, with ``PATH.var``, its Apache type map; the ``.htaccess`` (Apache) and ``nginx.conf``
with ``nginx-map.conf`` (nginx's ``server`` and ``http`` blocks) written beside them map
``/id/PATH`` to the file the request's ``Accept`` header or ``?format=`` asks for
(:mod:`kg.publish.negotiation`), so an authority can host the site without running Python.
The pages are rendered by the same templates as the live server; what needs a live server
(``/sparql``) is left out and the pages say so. Subjects with a fragment (``…#char=10,20``)
are described on their document's page and in the dumps.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.assets import ontology_file
from kg.publish.dataset import describe, write_dumps
from kg.publish.negotiation import HTACCESS, NGINX, nginx_map, type_map
from kg.queries import list_queries
from kg.resources import sparql
from kg.serve import rdf
from kg.serve.protocol import Refused
from kg.serve.settings import ServeSettings
from kg.serve.stores import open_read_only
from kg.serve.views import describe as describe_resource
from kg.serve.vocabulary import Vocabulary

STYLE = Path(__file__).resolve().parent.parent / "serve" / "static" / "style.css"
RDF_EXTENSIONS = {"ttl": "turtle", "jsonld": "jsonld", "nt": "ntriples", "rdf": "rdfxml"}


@dataclass(frozen=True, slots=True)
class Published:
    resources: int
    files: int


def publish(settings: ServeSettings, out: Path, *,
            progress: Callable[[int], None] | None = None) -> Published:
    """Write the whole site under ``out`` (created if needed); returns what was written.

    ``progress`` is called with the number of resource pages written, every 1,000 pages.
    """
    from kg.serve.app import Site, templates

    store = open_read_only(settings)
    vocab = Vocabulary.load(site=settings.site, base=settings.base)
    site = Site(settings, store, None, vocab, templates(), static=True)
    out.mkdir(parents=True, exist_ok=True)
    files = _dataset(site, out)
    n = 0
    for row in store.select(sparql("serve-resources.rq")):
        iri = row["s"] or ""
        if not iri.startswith(settings.base) or "#" in iri:
            continue
        page = describe_resource(store, iri, vocab)
        if page is None:
            continue
        stem = out / iri[len(settings.site):]
        stem.parent.mkdir(parents=True, exist_ok=True)
        path = "/" + iri[len(settings.site):]
        html = site.render("resource.html", page=page, title=page.label, path=path)
        _write(stem.with_name(stem.name + ".html"), html)
        for ext, fmt in RDF_EXTENSIONS.items():
            stem.with_name(f"{stem.name}.{ext}").write_bytes(rdf.write(page.triples, fmt))
        _write(stem.with_name(stem.name + ".var"), type_map(stem.name, ["html", *RDF_EXTENSIONS]))
        n += 1
        files += 6
        if progress is not None and n % 1000 == 0:
            progress(n)
    store.close()
    return Published(n, files)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _dataset(site: object, out: Path) -> int:
    """The landing page, query pages, dumps, VoID/DCAT, ontology, context and server rules."""
    from kg.serve.app import Site
    from kg.serve.views import deliberation_list, named_query_rows

    assert isinstance(site, Site)
    s = site.settings
    dumps = write_dumps(site.store, out / "dumps")
    site.cache["dumps"] = dumps
    files = 2 * len(dumps)
    deliberations, more = deliberation_list(site.store, site.vocab)
    _write(out / "index.html", site.render("landing.html", stats=site.stats(), queries=list_queries(),
                                           deliberations=deliberations, more=more, title="territoires-kg"))
    _write(out / "dumps.html", site.render("dumps.html", dumps=dumps, title="Dumps"))
    for q in list_queries():
        try:
            variables, table = named_query_rows(site.store, q, {}, site.vocab, allow_service=s.allow_service)
            error = None
        except Refused as err:
            variables, table, error = (), [], str(err)
        _write(out / "queries" / f"{q.name}.html", site.render(
            "query.html", query=q, variables=variables, rows=table, link=None, error=error, title=q.title))
        files += 1
    graph = describe(site=s.site, base=s.base, stats=site.stats(), dumps=dumps, licence=s.licence,
                     publisher=s.publisher, endpoint=False)
    (out / ".well-known").mkdir(exist_ok=True)
    (out / ".well-known" / "void.ttl").write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    (out / ".well-known" / "void.jsonld").write_bytes(graph.serialize(format="json-ld", encoding="utf-8"))
    (out / "ontology.ttl").write_bytes(ontology_file().read_bytes())
    from kg.serve.ontology_docs import render_html

    html = render_html(ontology_file())
    if html is not None:
        (out / "ontology.html").write_bytes(html)
        files += 1
    _write(out / "ontology.var", type_map("ontology", ["ttl"] + (["html"] if html is not None else [])))
    (out / "context.jsonld").write_text(rdf.context_text(), encoding="utf-8")
    (out / "static").mkdir(exist_ok=True)
    shutil.copy(STYLE, out / "static" / "style.css")
    (out / ".htaccess").write_text(HTACCESS, encoding="utf-8")
    (out / "nginx.conf").write_text(NGINX, encoding="utf-8")
    (out / "nginx-map.conf").write_text(nginx_map(), encoding="utf-8")
    return files + 12
