"""The SPARQL 1.1 Protocol, query operation only (https://www.w3.org/TR/sparql11-protocol/).

A query comes by ``GET ?query=``, by ``POST`` of a form with ``query=``, or by ``POST`` of an
``application/sparql-query`` body. Updates are refused (this is a read-only publication), as
is ``SERVICE`` to any endpoint not on the allow list: the query is parsed (rdflib's SPARQL
parser, prefixes resolved) and every ``SERVICE`` term checked before it runs.

>>> services("PREFIX w: <https://w.org/> SELECT * { SERVICE w:sparql { ?s ?p ?o } }")
['https://w.org/sparql']
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
'xml'
>>> negotiate("*/*", GRAPH_TYPES)
'turtle'
>>> negotiate("text/turtle, */*", GRAPH_TYPES | {"html": "text/html"}, default="html")
'turtle'
>>> negotiate("text/turtle;q=0.5, */*", GRAPH_TYPES | {"html": "text/html"}, default="html")
'html'
>>> parse_query("ASK { ?s ?p ?o }").form, parse_query("CONSTRUCT WHERE { ?s ?p ?o }").types is GRAPH_TYPES
('ask', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results, serialize

from kg.serve.engine import Answer

RESULT_TYPES: Mapping[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES: Mapping[str, str] = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "rdf": "rdfxml",
           "application/json": "json", "srj": "json", "srx": "xml"}
_RESULT_FORMATS = {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML,
                   "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV}
RDF_FORMATS = {"turtle": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD,
               "ntriples": RdfFormat.N_TRIPLES, "rdfxml": RdfFormat.RDF_XML}


class Refused(Exception):
    """A request this endpoint will not run: an update, a SERVICE off the allow list, a bad query."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _ranges(header: str) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their weights (RFC 9110, 12.5.1).

    As Apache does, a header without any q-value that lists types and a wildcard is read as
    preferring the types it names: ``*/*`` then weighs 0.01 and ``type/*`` 0.02.
    """
    out = []
    weighed = False
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                weighed = True
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        if media:
            out.append((media.lower(), q))
    if not weighed and any("*" not in m for m, _ in out):
        out = [(m, 0.01 if m == "*/*" else 0.02 if m.endswith("/*") else q) for m, q in out]
    return out


def _weight(media: str, ranges: list[tuple[str, float]]) -> float:
    """The weight of ``media``: that of the most specific range matching it, 0 if none does."""
    kind = media.split("/")[0] + "/*"
    for candidate in (media, kind, "*/*"):
        weights = [q for m, q in ranges if m == candidate]
        if weights:
            return max(weights)
    return 0.0


def negotiate(accept: str | None, types: Mapping[str, str], *, default: str | None = None) -> str | None:
    """The format of ``types`` the ``Accept`` header weighs most; between equal weights the
    first of ``types`` (``default`` before it when given); ``None`` when none is acceptable."""
    ranges = _ranges(accept or "*/*")
    order = sorted(types, key=lambda n: n != default)  # stable: the default first, then as given
    best, best_q = None, 0.0
    for name in order:
        q = _weight(types[name], ranges)
        if name == "json":  # plain JSON is what many clients ask SPARQL results as
            q = max(q, max((w for m, w in ranges if m == "application/json"), default=0.0))
        if q > best_q:
            best, best_q = name, q
    return best


@dataclass(frozen=True, slots=True)
class Parsed:
    """What the endpoint needs to know of a query before running it."""

    form: str  # "select", "ask", "construct" or "describe"
    services: tuple[str, ...]  # its SERVICE endpoints (a variable endpoint is given as ``?name``)

    @property
    def types(self) -> Mapping[str, str]:
        """The formats its answer can be written in."""
        return GRAPH_TYPES if self.form in ("construct", "describe") else RESULT_TYPES


@lru_cache(maxsize=512)
def parse_query(query: str) -> Parsed:
    """The query's form and ``SERVICE`` endpoints, by rdflib's SPARQL parser (prefixes resolved);
    remembered for the last 512 queries, since parsing costs more than a cached answer."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        algebra = translateQuery(parseQuery(query)).algebra
    except Exception as err:  # pyparsing and rdflib raise many kinds
        if query.lstrip().upper().startswith(("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE")):
            raise Refused(403, "updates are not accepted: this endpoint is read-only") from None
        raise Refused(400, f"SPARQL syntax error: {' '.join(str(err).split())[:300]}") from None
    found: list[str] = []
    seen: set[int] = set()

    def walk(node: Any) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                found.append(f"?{term}" if type(term).__name__ == "Variable" else str(term))
            for v in node.values():
                walk(v)
        elif isinstance(node, list | tuple | set):
            for v in node:
                walk(v)

    walk(algebra)
    return Parsed(algebra.name.removesuffix("Query").lower(), tuple(found))


def services(query: str) -> list[str]:
    """The ``SERVICE`` endpoints of a query (a variable endpoint is given as ``?name``)."""
    return list(parse_query(query).services)


def check(query: str, *, allow: Iterable[str]) -> Parsed:
    """The parsed query; refused if its ``SERVICE`` calls leave the allow list."""
    allowed = set(allow)
    parsed = parse_query(query)
    for endpoint in parsed.services:
        if endpoint not in allowed:
            raise Refused(403, f"SERVICE {endpoint} is not on this endpoint's allow list"
                          + (f" ({', '.join(sorted(allowed))})" if allowed else " (which is empty)"))
    return parsed


def render(answer: Answer, *, fmt: str, context: Mapping[str, Any] | None = None) -> tuple[bytes, str]:
    """The answer in ``fmt`` (a key of :data:`RESULT_TYPES` or :data:`GRAPH_TYPES`) and its media type."""
    if answer.kind == "graph":
        triples = list(parse(answer.body, format=RdfFormat.N_TRIPLES))
        body = serialize(triples, format=RDF_FORMATS[fmt], prefixes=dict(context or {})) or b""
        return body, GRAPH_TYPES[fmt]
    if fmt == "json":
        return answer.body, RESULT_TYPES["json"]
    results = parse_query_results(answer.body, format=QueryResultsFormat.JSON)
    return results.serialize(format=_RESULT_FORMATS[fmt]) or b"", RESULT_TYPES[fmt]
