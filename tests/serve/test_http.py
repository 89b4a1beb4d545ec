"""``tkg serve`` over a store built from the sample: content negotiation, pages, the SPARQL
protocol, VoID/DCAT, dumps, refusals and limits, against a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import io
import json
import time
import urllib.parse
from typing import Any

import pytest
import rdflib
from pyoxigraph import RdfFormat, parse
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from kg.cli import main
from kg.queries import list_queries
from kg.serve.protocol import services
from kg.store.remote import inject_values
from tests.serve.conftest import (
    CONVENTION,
    DELIBERATION,
    SCRIPT_DELIBERATION,
    SCRIPT_TITLE,
    TIMEOUT,
    Server,
    get,
)
from tests.serve.test_static_servers import ACCEPT_CASES, EXT_MEDIA

pytestmark = pytest.mark.server  # tkg serve in its own process

TKG = rdflib.Namespace("https://w3id.org/territoires-kg/ontology#")
RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld",
             "application/n-triples": "nt", "application/rdf+xml": "xml"}
DUMP_FORMATS = {"nq": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD}
FORMAT_PARAMS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}


def path_of(iri: str) -> str:
    return "/" + iri.split("/", 3)[3].split("/", 1)[1]


JSON = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"


def sparql(server: Server, query: str, *, accept: str = JSON) -> tuple[int, bytes]:
    status, _, body = get(f"{server.url}/sparql?{urllib.parse.urlencode({'query': query})}", accept=accept)
    return status, body


@pytest.mark.parametrize("media", sorted(RDF_TYPES))
def test_resource_negotiates_each_rdf_format(server: Server, media: str) -> None:
    status, headers, body = get(server.url + path_of(DELIBERATION), accept=media)
    assert status == 200, body[:300]
    assert headers["content-type"].startswith(media)
    assert "Accept" in headers["vary"]
    g = rdflib.Graph().parse(data=body, format=RDF_TYPES[media])
    assert (rdflib.URIRef(DELIBERATION), RDF.type, TKG.Deliberation) in g


@pytest.mark.parametrize("fmt", sorted(FORMAT_PARAMS))
def test_format_parameter_overrides_accept(server: Server, fmt: str) -> None:
    status, _, body = get(f"{server.url}{path_of(CONVENTION)}?format={fmt}", accept="text/html")
    assert status == 200
    g = rdflib.Graph().parse(data=body, format=FORMAT_PARAMS[fmt])
    assert (rdflib.URIRef(CONVENTION), RDF.type, TKG.Convention) in g


def test_jsonld_uses_the_project_context(server: Server) -> None:
    _, _, body = get(server.url + path_of(DELIBERATION), accept="application/ld+json")
    doc = json.loads(body)
    assert doc["@context"]["tkg"] == "https://w3id.org/territoires-kg/ontology#"
    assert '"Deliberation"' in body.decode()  # compacted with the context's terms


@pytest.mark.parametrize(("accept", "ext"), ACCEPT_CASES)
def test_resource_weighs_the_accept_header_as_the_static_site_does(server: Server, accept: str | None,
                                                                   ext: str) -> None:
    status, headers, _ = get(server.url + path_of(CONVENTION), accept=accept)
    assert status == 200 and headers["content-type"].split(";")[0] == EXT_MEDIA[ext], accept


def test_resource_is_answered_directly_without_redirect(server: Server) -> None:
    """The choice made once (README, "Publishing as linked data"): ``200`` at the IRI's own
    address, never a ``303``; checked without a client that would follow a redirect."""
    host, port = server.url.removeprefix("http://").split(":")
    for accept in ("text/turtle", "text/html", "*/*"):
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        conn.request("GET", path_of(DELIBERATION), headers={"Accept": accept})
        resp = conn.getresponse()
        resp.read()
        conn.close()
        assert resp.status == 200 and resp.getheader("Location") is None, accept
    status, headers, _ = get(server.url + path_of(DELIBERATION), accept="text/turtle")
    assert status == 200 and headers["content-location"].endswith("?format=ttl")
    status, _, _ = get(server.url + path_of(DELIBERATION), accept="application/x-unknown")
    assert status == 406


def test_unknown_resource_is_404(server: Server) -> None:
    status, _, body = get(server.url + "/id/epci/000000000", accept="text/html")
    assert status == 404 and b"<title>" in body


def test_deliberation_page_quotes_its_source_and_draws_the_vote(server: Server) -> None:
    status, _, body = get(server.url + path_of(DELIBERATION), accept="text/html")
    html = body.decode()
    assert status == 200
    assert 'class="chart vote"' in html and "pour : 78" in html
    assert 'class="evidence"' in html and "Convention accord cadre" in html
    assert "Présents" in html and "67" in html and "86" in html
    assert 'class="chart attendance"' in html and "absents : 19" in html
    assert "Délibération" in html and "Deliberation" in html  # the type, in French and English


def test_convention_page_shows_who_pays_what(server: Server) -> None:
    _, _, body = get(server.url + path_of(CONVENTION), accept="text/html")
    html = body.decode()
    assert 'class="chart funding"' in html
    body_rows = html.split('<table class="funding">')[1].split("<tbody>")[1].split("</tbody>")[0]
    rows = body_rows.count("<tr>")
    assert rows == 12  # two posts, six funders each


def test_authority_page_lists_deliberations_and_programmes(server: Server) -> None:
    _, _, body = get(server.url + "/id/epci/242100410", accept="text/html")
    html = body.decode()
    assert path_of(DELIBERATION) in html
    assert "/id/programme/" in html


def test_markup_in_a_title_is_shown_as_text(server: Server) -> None:
    for path in (path_of(SCRIPT_DELIBERATION), "/"):
        _, _, body = get(server.url + path, accept="text/html")
        html = body.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
        assert SCRIPT_TITLE not in html, path
    _, _, body = get(server.url + path_of(SCRIPT_DELIBERATION), accept="text/html")
    assert "javascript:alert(2)" in body.decode() and 'href="javascript:' not in body.decode()


def _rows(doc: dict[str, Any]) -> list[tuple[str | None, ...]]:
    names = doc["head"]["vars"]
    return sorted(tuple(b.get(v, {}).get("value") for v in names) for b in doc["results"]["bindings"])


def test_named_queries_give_the_rows_of_tkg_query(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    """Each named query sent to /sparql (default parameters bound as ``tkg`` binds them on a remote
    endpoint) answers the rows ``tkg query NAME --format json`` prints."""
    checked = 0
    for q in list_queries():
        if services(q.text):
            continue  # federated: needs the network (see test_service_is_refused_off_the_allow_list)
        assert main(["query", q.name, "--store", str(server.store), "--format", "json"]) == 0
        expected = json.loads(capsys.readouterr().out)
        status, body = sparql(server, inject_values(q.text, q.bind({})))
        assert status == 200, (q.name, body[:300])
        got = json.loads(body)
        assert got["head"]["vars"] == expected["head"]["vars"], q.name
        assert _rows(got) == _rows(expected), q.name
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize(("fmt", "media"), [("json", "application/sparql-results+json"),
                                            ("xml", "application/sparql-results+xml"),
                                            ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_select_results_in_each_format(server: Server, fmt: str, media: str) -> None:
    q = next(q for q in list_queries() if q.name == "cofunding")
    status, body = sparql(server, q.text, accept=media)
    assert status == 200
    text = body.decode()
    assert "chef-de-projet" in text
    if fmt in ("csv", "tsv"):
        assert len(text.strip().splitlines()) == 13  # header and 12 rows


def test_post_form_and_direct_body(server: Server) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/territoires-kg/ontology#Deliberation> }"
    form = urllib.parse.urlencode({"query": query}).encode()
    for data, ctype in ((form, FORM), (query.encode(), "application/sparql-query")):
        status, _, body = get(server.url + "/sparql", data=data, headers={"Content-Type": ctype},
                              accept="application/sparql-results+json")
        assert status == 200, body
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2"


@pytest.mark.parametrize(("media", "fmt"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                            ("application/n-triples", "nt")])
def test_construct_results_as_graphs(server: Server, media: str, fmt: str) -> None:
    status, body = sparql(server, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{CONVENTION}> AS ?s) ?s ?p ?o }}",
                          accept=media)
    assert status == 200
    g = rdflib.Graph().parse(data=body, format=fmt)
    assert (rdflib.URIRef(CONVENTION), RDF.type, TKG.Convention) in g


def test_updates_are_refused(server: Server) -> None:
    update = "INSERT DATA { <https://e.org/a> <https://e.org/p> 1 }"
    for data, ctype in ((urllib.parse.urlencode({"update": update}).encode(), FORM),
                        (update.encode(), "application/sparql-update")):
        status, _, body = get(server.url + "/sparql", data=data, headers={"Content-Type": ctype})
        assert status == 403 and b"read-only" in body
    status, _ = sparql(server, update)
    assert status == 403
    status, body = sparql(server, "ASK { <https://e.org/a> <https://e.org/p> 1 }")
    assert status == 200 and json.loads(body)["boolean"] is False


def test_service_is_refused_off_the_allow_list(server: Server) -> None:
    status, body = sparql(server, "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"https://query.wikidata.org/sparql" in body
    status, body = sparql(server, "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }")
    assert status == 403


def test_result_limit_refuses_rather_than_cuts(server: Server) -> None:
    status, body = sparql(server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10001")
    assert status == 400 and b"10000" in body and b"LIMIT" in body
    status, body = sparql(server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10000")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 10000


def test_time_limit_stops_a_runaway_query_and_the_server_recovers(server: Server) -> None:
    started = time.monotonic()
    status, body = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    elapsed = time.monotonic() - started
    assert status == 503 and b"time limit" in body
    assert elapsed < TIMEOUT + 20
    status, _ = sparql(server, "ASK { ?s ?p ?o }")
    assert status == 200


def test_void_and_dcat_describe_the_dataset_and_its_dumps(server: Server) -> None:
    status, _, body = get(server.url + "/.well-known/void", accept="text/turtle")
    assert status == 200
    g = rdflib.Graph().parse(data=body, format="turtle")
    (ds,) = set(g.subjects(RDF.type, VOID.Dataset))
    assert (ds, RDF.type, DCAT.Dataset) in g
    assert set(g.subjects(DCAT.dataset, ds)) == set(g.subjects(RDF.type, DCAT.Catalog))
    for p in (DCTERMS.license, DCTERMS.publisher, DCTERMS.spatial, DCTERMS.temporal, VOID.sparqlEndpoint):
        assert g.value(ds, p) is not None, p
    period = g.value(ds, DCTERMS.temporal)
    assert str(g.value(period, DCAT.startDate)) == "2024-09-26"
    downloads = [g.value(d, DCAT.downloadURL) for d in g.objects(ds, DCAT.distribution)]
    names = sorted(str(u).rsplit("/", 1)[1] for u in downloads if u is not None)
    assert names == ["territoires-kg.jsonld.gz", "territoires-kg.nq.gz", "territoires-kg.trig.gz"]


def test_dumps_match_their_checksums_and_hold_the_store(server: Server) -> None:
    _, _, void = get(server.url + "/.well-known/void", accept="application/n-triples")
    g = rdflib.Graph().parse(data=void, format="nt")
    spdx = rdflib.Namespace("http://spdx.org/rdf/terms#")
    declared = {str(g.value(d, DCAT.downloadURL)).rsplit("/", 1)[1]: str(g.value(g.value(d, spdx.checksum),
                                                                                  spdx.checksumValue))
                for d in g.subjects(RDF.type, DCAT.Distribution) if g.value(d, DCAT.downloadURL)}
    quads = {}
    for name, digest in declared.items():
        status, _, body = get(f"{server.url}/dumps/{name}")
        assert status == 200
        assert hashlib.sha256(body).hexdigest() == digest, name
        _, _, sidecar = get(f"{server.url}/dumps/{name}.sha256")
        assert sidecar.decode().split() == [digest, name]
        fmt = DUMP_FORMATS[name.split(".")[1]]
        quads[name] = {str(q) for q in parse(io.BytesIO(gzip.decompress(body)), format=fmt)}
    nquads = quads["territoires-kg.nq.gz"]
    assert nquads == quads["territoires-kg.trig.gz"] == quads["territoires-kg.jsonld.gz"]
    _, _, count = get(f"{server.url}/sparql?query=" + urllib.parse.quote(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"), accept=JSON)
    assert len(nquads) == int(json.loads(count)["results"]["bindings"][0]["n"]["value"])


def test_ontology_and_context_at_stable_addresses(server: Server) -> None:
    status, headers, body = get(server.url + "/ontology", accept="text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert (TKG.Deliberation, RDF.type, rdflib.OWL.Class) in rdflib.Graph().parse(data=body, format="turtle")
    status, headers, body = get(server.url + "/context.jsonld")
    assert status == 200 and headers["content-type"].startswith("application/ld+json")
    assert json.loads(body)["@context"]["tkg"] == str(TKG)


def test_cors_allows_get_from_any_origin(server: Server) -> None:
    _, headers, _ = get(server.url + path_of(CONVENTION), accept="text/turtle",
                        headers={"Origin": "https://example.org"})
    assert headers["access-control-allow-origin"] == "*"


POST = CONVENTION + "/post/chef-de-projet/242100410"


@pytest.mark.parametrize("address", ["/queries/population-key",
                                     "/queries/cofunding?post=" + urllib.parse.quote(POST)])
def test_query_page_and_its_full_results_have_the_same_rows(server: Server, address: str) -> None:
    status, _, body = get(server.url + address, accept="text/html")
    html = body.decode()
    assert status == 200
    shown = html.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")
    csv_link = html.split('">CSV</a>')[0].rsplit('href="', 1)[1].replace("&amp;", "&")
    _, _, csv = get(server.url + csv_link)
    assert shown > 0 and len(csv.decode().strip().splitlines()) == shown + 1


@pytest.mark.parametrize("address", ["/id/a%20b", "/id/%00", "/id/%FF", "/id/x%0Ay"])
def test_an_address_that_is_no_iri_is_not_found(server: Server, address: str) -> None:
    status, _, body = get(server.url + address, accept="text/html")
    assert status == 404 and b"<title>" in body
    assert b"Traceback" not in body and b"ValueError" not in body


def test_a_query_page_runs_as_sparql_runs_queries(server: Server) -> None:
    """The page's query goes through the query workers, limits and cache of ``/sparql``: its
    full results, asked next, come from the cache."""
    address = "/queries/cofunding?post=" + urllib.parse.quote(POST + "-no-such-post")
    status, _, body = get(server.url + address, accept="text/html")
    assert status == 200 and "Aucun résultat" in body.decode()
    json_link = body.decode().split('">JSON</a>')[0].rsplit('href="', 1)[1].replace("&amp;", "&")
    status, headers, results = get(server.url + json_link)
    assert status == 200 and json.loads(results)["results"]["bindings"] == []
    assert headers["x-tkg-answer"] == "cache"
