"""One resource's triples written in the format a client negotiates.

The server answers a resource IRI directly with ``200`` in the negotiated format (no ``303``):
the IRIs name things, their description is served at the same address with ``Vary: Accept``
and ``Content-Location`` naming the exact representation (``?format=ttl``...).

>>> pick(None, "text/turtle;q=0.9, text/html")
'html'
>>> pick("jsonld", "text/html")
'jsonld'
>>> pick(None, "application/x-unknown") is None
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from pyoxigraph import RdfFormat, Triple, serialize

from kg.mapping.vocab import PREFIXES
from kg.serve.protocol import negotiate

PAGE_TYPES = {
    "html": "text/html",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
FORMAT_NAMES = {"html": "html", "ttl": "turtle", "turtle": "turtle", "jsonld": "jsonld",
                "json-ld": "jsonld", "nt": "ntriples", "ntriples": "ntriples", "rdf": "rdfxml",
                "rdfxml": "rdfxml", "xml": "rdfxml"}
EXTENSIONS = {"turtle": "ttl", "jsonld": "jsonld", "ntriples": "nt", "rdfxml": "rdf", "html": "html"}
_OX = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "rdfxml": RdfFormat.RDF_XML}


def pick(format_param: str | None, accept: str | None) -> str | None:
    """The representation asked for: ``?format=`` first, then the ``Accept`` header."""
    if format_param:
        return FORMAT_NAMES.get(format_param.lower())
    return negotiate(accept, PAGE_TYPES, default="html")


@cache
def context_text() -> str:
    """The project's JSON-LD context file (``kg/resources/context.jsonld``), as shipped."""
    return resources.files("kg.resources").joinpath("context.jsonld").read_text(encoding="utf-8")


@cache
def context() -> dict[str, Any]:
    """The project's JSON-LD context, parsed."""
    doc: dict[str, Any] = json.loads(context_text())
    return doc


@cache
def _parsed_context() -> Any:
    """The context as rdflib's JSON-LD serializer reads it (read-only once loaded)."""
    from rdflib.plugins.shared.jsonld.context import Context

    return Context(context()["@context"])


def write(triples: Iterable[Triple], fmt: str) -> bytes:
    """The triples in ``fmt``; JSON-LD is compacted with the project's context, given inline."""
    triples = list(triples)
    if fmt == "jsonld":
        import rdflib
        from rdflib.plugins.serializers.jsonld import from_rdf

        g = rdflib.Graph()
        g.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES) or b"", format="nt")
        # What g.serialize(format="json-ld", context=..., auto_compact=True) writes, with the
        # context parsed once per process instead of once per resource (most of the time of
        # publishing a site was rdflib reading the context again for each page).
        obj = from_rdf(g, _parsed_context(), auto_compact=True)  # type: ignore[no-untyped-call]
        if isinstance(obj, dict) and "@context" in obj:
            obj["@context"] = context()["@context"]  # as given, not as rdflib expands it
        return json.dumps(obj, indent=2, separators=(",", ": "), sort_keys=True,
                          ensure_ascii=False).encode("utf-8")
    return serialize(triples, format=_OX[fmt], prefixes=PREFIXES) or b""
