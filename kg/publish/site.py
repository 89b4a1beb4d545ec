"""``tkg publish``: the site of ``tkg serve`` written as static files, with the same URL layout.

Each resource ``/id/PATH`` is written as ``id/PATH.html``, ``.ttl``, ``.jsonld``, ``.nt`` and
``.rdf``; the ``.htaccess`` (Apache) and ``nginx.conf`` with ``nginx-map.conf`` (nginx's
``server`` and ``http`` blocks) written beside them map ``/id/PATH`` to the file the
request's ``Accept`` header or ``?format=`` asks for, so an authority can host the site without
running Python. The pages are rendered by the
same templates as the live server; what needs a live server (``/sparql``) is left out and
the pages say so. Subjects with a fragment (``…#char=10,20``) are described on their
document's page and in the dumps.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.assets import ontology_file
from kg.publish.dataset import describe, write_dumps
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
        n += 1
        files += 5
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
    (out / "context.jsonld").write_text(rdf.context_text(), encoding="utf-8")
    (out / "static").mkdir(exist_ok=True)
    shutil.copy(STYLE, out / "static" / "style.css")
    (out / ".htaccess").write_text(HTACCESS, encoding="utf-8")
    (out / "nginx.conf").write_text(NGINX, encoding="utf-8")
    (out / "nginx-map.conf").write_text(NGINX_MAP, encoding="utf-8")
    return files + 11


HTACCESS = r"""# territoires-kg static site: content negotiation for Apache 2.4 (mod_rewrite, mod_headers,
# mod_mime; AllowOverride All). /id/PATH and /ontology are served from the file the request
# asks for: ?format=ttl|jsonld|nt|rdf|html first, then the first RDF type named in Accept
# (Turtle, JSON-LD, N-Triples, RDF/XML, in that order; q-values are not weighed), else HTML.
Options -MultiViews
DirectorySlash Off
RewriteEngine On
AddType text/html .html
AddType text/css .css
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/rdf+xml .rdf
AddType application/gzip .gz
AddType text/plain .sha256
AddCharset utf-8 .html .css .ttl .jsonld .nt .rdf
Header append Vary Accept
Header set Access-Control-Allow-Origin "*"

<Files ".htaccess">
    Require all denied
</Files>

# A file that exists is served as it is (this also ends the rewriting of a rewritten path).
RewriteCond %{REQUEST_FILENAME} -f
RewriteRule ^ - [L]

RewriteRule ^$ index.html [L]
RewriteRule ^dumps/$ dumps.html [L]
RewriteRule ^queries/([^/.]+)$ queries/$1.html [L]
RewriteRule ^\.well-known/void$ .well-known/void.ttl [L]

RewriteCond %{QUERY_STRING} (^|&)format=(ttl|jsonld|nt|rdf|html)(&|$)
RewriteRule ^(id/.+|ontology)$ $1.%2 [L]

RewriteCond %{HTTP_ACCEPT} text/turtle
RewriteRule ^(id/.+|ontology)$ $1.ttl [L]
RewriteCond %{HTTP_ACCEPT} application/ld\+json
RewriteRule ^(id/.+)$ $1.jsonld [L]
RewriteCond %{HTTP_ACCEPT} application/n-triples
RewriteRule ^(id/.+)$ $1.nt [L]
RewriteCond %{HTTP_ACCEPT} application/rdf\+xml
RewriteRule ^(id/.+)$ $1.rdf [L]

RewriteCond %{REQUEST_FILENAME}.html -f
RewriteRule ^(id/.+|ontology)$ $1.html [L]
RewriteRule ^(ontology)$ $1.ttl [L]
"""

NGINX_MAP = r"""# territoires-kg static site, nginx, http block: which file a request asks for.
# ?format=ttl|jsonld|nt|rdf|html first; else the first RDF type named in Accept, in this order
# (q-values are not weighed); else HTML. Include it in `http { }`, and nginx.conf in the server.
map "$arg_format:$http_accept" $tkg_ext {
    default                          html;
    "~^(ttl|jsonld|nt|rdf|html):"    $1;
    "~^:.*text/turtle"               ttl;
    "~^:.*application/ld\+json"      jsonld;
    "~^:.*application/n-triples"     nt;
    "~^:.*application/rdf\+xml"      rdf;
}
"""

NGINX = r"""# territoires-kg static site, nginx, server block (root: the published folder); it needs
# the map of nginx-map.conf in the http block.
types {
    text/html html; text/css css; text/turtle ttl; application/ld+json jsonld;
    application/n-triples nt; application/rdf+xml rdf; application/gzip gz; text/plain sha256;
}
charset utf-8;
charset_types text/html text/css text/turtle application/ld+json application/n-triples application/rdf+xml;
add_header Vary Accept always;
add_header Access-Control-Allow-Origin "*" always;

location = /.htaccess { return 404; }
location = / { try_files /index.html =404; }
location = /dumps/ { try_files /dumps.html =404; }
location ~ ^/queries/([^/.]+)$ { try_files /queries/$1.html =404; }
location = /.well-known/void { try_files /.well-known/void.ttl =404; }
location = /ontology { try_files /ontology.$tkg_ext /ontology.html /ontology.ttl =404; }
location /id/ { try_files $uri.$tkg_ext $uri.html $uri =404; }
"""
