"""Links out: EPCIs to Wikidata items (by SIREN, P1616) and to INSEE's IRIs (by code).

Run by ``tkg link --endpoint URL`` only: nothing in the build uses the
network. The links go to their own named graph (``.../graph/reference/links``),
replaced as a whole by each run, so a rerun refreshes the cache and a failed
run leaves the previous links in place:

- ``<epci> owl:sameAs <wikidata item>``: the item found by ``wdt:P1616 "SIREN"``;
- ``<epci> skos:exactMatch <INSEE IRI>``: the ``igeo:Intercommunalite`` found by
  ``igeo:codeINSEE "SIREN"`` (an EPCI's INSEE code is its SIREN). INSEE's IRIs
  are opaque: they are looked up, never built from codes.

The graph records the endpoints it was derived from and when.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import TkgError
from kg.mapping.iris import Iris
from kg.mapping.vocab import DCTERMS, OWL, PROV, SKOS, XSD
from kg.resources import sparql
from kg.store import KnowledgeStore

LINKS_GRAPH = "links"
AGENT = "territoires-kg/0.1 (linked data of French territorial cooperation)"
_SIREN = re.compile(r"\d{9}")
BATCH = 200


class LinkError(TkgError):
    """An endpoint that cannot be queried; the message names it and the reason."""


@dataclass(frozen=True, slots=True)
class LinkCounts:
    epcis: int
    wikidata: int
    insee: int


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _select(endpoint: str, query: str) -> list[dict[str, Any]]:
    from urllib.error import URLError

    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint, agent=AGENT)
    client.setQuery(query)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(120)
    try:
        doc = client.queryAndConvert()
    except SPARQLWrapperException as err:
        raise LinkError(f"{endpoint}: the endpoint refused the query ({err.msg})") from None
    except URLError as err:
        raise LinkError(f"{endpoint}: cannot be reached ({err.reason})") from None
    except (OSError, ValueError) as err:
        raise LinkError(f"{endpoint}: cannot be queried ({err})") from None
    if not isinstance(doc, dict) or "results" not in doc:
        raise LinkError(f"{endpoint}: did not answer with SPARQL JSON results")
    bindings: list[dict[str, Any]] = doc["results"]["bindings"]
    return bindings


def lookup(endpoint: str, query_file: str, sirens: list[str]) -> dict[str, list[str]]:
    """SIREN -> IRIs of the items ``query_file`` finds on ``endpoint``, in batches."""
    query = sparql(query_file)
    found: dict[str, list[str]] = {}
    for batch in _batches(sirens, BATCH):
        values = " ".join(f'"{s}"' for s in batch)  # nine digits each: nothing to escape
        for row in _select(endpoint, f"{query}\nVALUES ?siren {{ {values} }}\n"):
            item = row.get("item", {})
            siren = row.get("siren", {}).get("value")
            if item.get("type") == "uri" and siren in batch:
                found.setdefault(siren, []).append(item["value"])
    return found


def link(store: KnowledgeStore, *, wikidata: str, insee: str, iris: Iris) -> LinkCounts:
    """Look up the store's EPCIs on both endpoints and replace the links graph."""
    epcis = {r["siren"]: r["epci"] for r in store.select(sparql("link-epcis.rq"))
             if r["siren"] and r["epci"] and _SIREN.fullmatch(r["siren"])}
    sirens = sorted(epcis)
    graph = NamedNode(iris.reference_graph(LINKS_GRAPH))
    quads: list[Quad] = []
    counts = []
    for endpoint, query, prop in ((wikidata, "link-wikidata.rq", OWL.sameAs),
                                  (insee, "link-insee.rq", SKOS.exactMatch)):
        found = lookup(endpoint, query, sirens) if sirens else {}
        for siren, items in sorted(found.items()):
            quads += [Quad(NamedNode(epcis[siren]), prop, NamedNode(i), graph) for i in items]
        counts.append(sum(len(i) for i in found.values()))
        quads.append(Quad(graph, PROV.wasDerivedFrom, NamedNode(endpoint), graph))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    quads.append(Quad(graph, DCTERMS.modified, Literal(now, datatype=XSD.dateTime), graph))
    store.replace_graph(graph.value, quads)
    return LinkCounts(epcis=len(sirens), wikidata=counts[0], insee=counts[1])
