"""Links out: EPCIs to Wikidata items (by SIREN, P1616) and to INSEE's IRIs (by code).

Run by ``tkg link --endpoint URL`` only: nothing in the build uses the
network. The links go to their own named graph (``.../graph/reference/links``),
replaced as a whole by each run, so a rerun refreshes the cache and a failed
run leaves the previous links in place:

- ``<epci> owl:sameAs <wikidata item>``: the item found by ``wdt:P1616 "SIREN"``;
- ``<epci> skos:exactMatch <INSEE IRI>``: the ``igeo:Intercommunalite`` found by
  ``igeo:codeINSEE "SIREN"`` (an EPCI's INSEE code is its SIREN). INSEE's IRIs
  are opaque: they are looked up, never built from codes.

The graph records the endpoints it was derived from (without credentials) and when.

Both endpoints are asked through :class:`kg.store.client.SparqlClient`, as the remote
store is: same credentials rules, time limit and errors (:class:`LinkError` is its
:class:`~kg.store.client.EndpointError`). Credentials written in an endpoint's URL are
sent to it; those of the environment (``TKG_ENDPOINT_USER``, ``TKG_ENDPOINT_PASSWORD``)
only to an endpoint they may belong to (:func:`environment_credentials`), never to a
third party such as Wikidata when they are the remote store's.

>>> environment_credentials("https://query.wikidata.org/sparql", store_endpoint=None)
True
>>> environment_credentials("https://query.wikidata.org/sparql",
...                         store_endpoint="https://ann:pw@kg.example.org/query")
False
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.mapping.iris import Iris
from kg.mapping.vocab import DCTERMS, OWL, PROV, SKOS, XSD, node
from kg.resources import sparql
from kg.store import KnowledgeStore
from kg.store.client import EndpointError, SparqlClient, split_credentials

LINKS_GRAPH = "links"
_SIREN = re.compile(r"\d{9}")
BATCH = 200

LinkError = EndpointError
"""An endpoint that cannot be queried; the message names it and the reason."""


@dataclass(frozen=True, slots=True)
class LinkCounts:
    epcis: int
    wikidata: int
    insee: int


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(split_credentials(url)[0])
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def environment_credentials(url: str, *, store_endpoint: str | None) -> bool:
    """Whether the environment's endpoint credentials may be sent to ``url``: when no remote
    store is set (they can only be meant for the links' endpoint), or when ``url`` is on the
    remote store's origin (scheme, host, port)."""
    return store_endpoint is None or _origin(url) == _origin(store_endpoint)


def lookup(endpoint: SparqlClient, query_file: str, sirens: list[str]) -> dict[str, list[str]]:
    """SIREN -> IRIs of the items ``query_file`` finds on ``endpoint``, in batches."""
    query = sparql(query_file)
    found: dict[str, list[str]] = {}
    for batch in _batches(sirens, BATCH):
        values = " ".join(f'"{s}"' for s in batch)  # nine digits each: nothing to escape
        answer = endpoint.select(f"{query}\nVALUES ?siren {{ {values} }}\n")
        for row in answer.rows:
            item, siren = (dict(zip(answer.variables, row, strict=True)).get(v)
                           for v in ("item", "siren"))
            if isinstance(item, NamedNode) and siren is not None and siren.value in batch:
                found.setdefault(siren.value, []).append(item.value)
    return found


def link(store: KnowledgeStore, *, wikidata: str | SparqlClient, insee: str | SparqlClient,
         iris: Iris) -> LinkCounts:
    """Look up the store's EPCIs on both endpoints and replace the links graph.

    An endpoint given as a URL is asked with the credentials written in it, if any.
    """
    epcis = {r["siren"]: r["epci"] for r in store.select(sparql("link-epcis.rq"))
             if r["siren"] and r["epci"] and _SIREN.fullmatch(r["siren"])}
    sirens = sorted(epcis)
    graph = NamedNode(iris.reference_graph(LINKS_GRAPH))
    quads: list[Quad] = []
    counts = []
    for endpoint, query, prop in ((wikidata, "link-wikidata.rq", OWL.sameAs),
                                  (insee, "link-insee.rq", SKOS.exactMatch)):
        client = endpoint if isinstance(endpoint, SparqlClient) else SparqlClient(endpoint)
        found = lookup(client, query, sirens) if sirens else {}
        for siren, items in sorted(found.items()):
            quads += [Quad(NamedNode(epcis[siren]), node(prop), NamedNode(i), graph) for i in items]
        counts.append(sum(len(i) for i in found.values()))
        quads.append(Quad(graph, node(PROV.wasDerivedFrom), NamedNode(client.endpoint), graph))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    quads.append(Quad(graph, node(DCTERMS.modified), Literal(now, datatype=node(XSD.dateTime)), graph))
    store.replace_graph(graph.value, quads)
    return LinkCounts(epcis=len(sirens), wikidata=counts[0], insee=counts[1])
