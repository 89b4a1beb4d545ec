"""Content negotiation for the static site: which file answers ``/id/PATH`` and ``/ontology``.

``?format=ttl|jsonld|nt|rdf|html`` always wins. Otherwise the ``Accept`` header decides, its
q-values weighed; between formats it weighs equally the server prefers, in this order, HTML,
Turtle, JSON-LD, N-Triples, RDF/XML, and ``*/*`` (or no ``Accept``) gets HTML, as on the live
server (:func:`kg.serve.rdf.pick`).

- **Apache** negotiates for itself: each resource has a type map (``PATH.var``, read by
  mod_negotiation) listing its files with their media types and a source quality ``qs``
  (1 for HTML, 0.99 for the RDF formats): Apache multiplies each by the weight ``Accept``
  gives it and serves the best, or ``406`` when none is acceptable.
- **nginx** cannot parse ``Accept``: a ``map`` of regular expressions stands for it. They
  read q-values to their first decimal (``q=0.85`` counts as ``0.8``), a wildcard stands for
  HTML (for Turtle when the header names HTML with a weight of its own), and ``q=0`` never
  selects a format; when nothing acceptable is served, nginx answers HTML rather than ``406``.

>>> print(type_map("2024-2027", ["html", "ttl"]))
URI: 2024-2027.html
Content-Type: text/html; charset=utf-8; qs=1
<BLANKLINE>
URI: 2024-2027.ttl
Content-Type: text/turtle; charset=utf-8; qs=0.99
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MEDIA = {"html": "text/html", "ttl": "text/turtle", "jsonld": "application/ld+json",
         "nt": "application/n-triples", "rdf": "application/rdf+xml"}  # the server's order
SOURCE_QUALITY = {"html": "1", "ttl": "0.99", "jsonld": "0.99", "nt": "0.99", "rdf": "0.99"}


def type_map(name: str, extensions: Iterable[str]) -> str:
    """The Apache type map of the resource whose files are ``name.EXT`` for each extension."""
    present = set(extensions)
    return "".join(f"URI: {name}.{ext}\nContent-Type: {media}; charset=utf-8; qs={SOURCE_QUALITY[ext]}\n\n"
                   for ext, media in MEDIA.items() if ext in present)


HTACCESS = r"""# territoires-kg static site: content negotiation for Apache 2.4 (mod_rewrite, mod_negotiation,
# mod_headers, mod_mime; AllowOverride All). /id/PATH and /ontology are served from the file
# ?format=ttl|jsonld|nt|rdf|html names; else mod_negotiation reads PATH.var, the resource's
# type map, and weighs the Accept header's q-values against each file's source quality (HTML
# 1, RDF formats 0.99: HTML for */*, the RDF format a client prefers otherwise).
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
AddHandler type-map .var
Header merge Vary Accept
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

RewriteCond %{REQUEST_FILENAME}.var -f
RewriteRule ^(id/.+|ontology)$ $1.var [L]
"""


def _entry(media: str, tenths: int) -> str:
    """A regular expression for a key (``FORMAT:ACCEPT``, FORMAT empty) whose ``Accept`` names
    ``media`` with a weight of ``tenths``/10 (10: no q parameter, or ``q=1``)."""
    head = r"^:(?:.*,)?\s*" + re.escape(media) + r"\s*"
    if tenths == 10:
        return head + r"(?:(?:;(?!\s*q=)[^,;]*)*|(?:;[^,;]*)*;\s*q=1(?:\.0*)?[^,]*)(?:,|$)"
    return head + rf"(?:;[^,;]*)*;\s*q=0?\.{tenths}[^,]*(?:,|$)"


_WEIGHED = r"(?=.*;\s*q=)"  # the header has q-values: a wildcard counts as it says
_NOT_HTML = r"(?!.*text/html)"  # the header does not name HTML, so a wildcard stands for it


def _wildcards(tenths: int, *, guard: str) -> list[str]:
    out = []
    for media in ("*/*", "text/*"):
        regex = _entry(media, tenths).replace("^:", "^:" + guard, 1)
        out += [f'    "~*{regex.replace("^:", "^:" + _NOT_HTML, 1)}" html;', f'    "~*{regex}" ttl;']
    regex = _entry("application/*", tenths).replace("^:", "^:" + guard, 1)
    return [*out, f'    "~*{regex}" jsonld;']


def nginx_map() -> str:
    """The ``map`` of ``nginx-map.conf``: ``$tkg_ext``, the extension of the file to serve. Its
    regular expressions are tried in order, the first match wins: ``?format=``; then from the
    weight 1 down to 0.1, the formats in the server's order and the wildcards; last, a wildcard
    in a header without q-values (it stands for the types not named, as in Apache)."""
    lines = ["# territoires-kg static site, nginx, http block: which file a request asks for",
             "# (generated by tkg publish; see its .htaccess for Apache, which weighs q-values fully).",
             "# ?format= first; else Accept, its q-values read to the first decimal, equal weights",
             "# going to HTML, Turtle, JSON-LD, N-Triples, RDF/XML in that order, */* to HTML.",
             "# Include it in `http { }`, and nginx.conf in the server.",
             'map "$arg_format:$http_accept" $tkg_ext {', "    default html;",
             '    "~^(ttl|jsonld|nt|rdf|html):" $1;']
    for tenths in range(10, 0, -1):
        lines += [f'    "~*{_entry(media, tenths)}" {ext};' for ext, media in MEDIA.items()]
        lines += _wildcards(tenths, guard=_WEIGHED if tenths == 10 else "")
    lines += _wildcards(10, guard="")
    return "\n".join([*lines, "}"]) + "\n"


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
location ~ \.var$ { return 404; }
location = / { try_files /index.html =404; }
location = /dumps/ { try_files /dumps.html =404; }
location ~ ^/queries/([^/.]+)$ { try_files /queries/$1.html =404; }
location = /.well-known/void { try_files /.well-known/void.ttl =404; }
location = /ontology { try_files /ontology.$tkg_ext /ontology.html /ontology.ttl =404; }
location /id/ { try_files $uri.$tkg_ext $uri.html $uri =404; }
"""
