"""The server's pages and endpoints; each handler reads the shared :class:`~kg.serve.app.Site`."""

from __future__ import annotations

import logging
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kg.assets import ontology_file
from kg.publish.dataset import describe as describe_dataset
from kg.queries import QueryError, list_queries, load_query
from kg.serve import rdf
from kg.serve.engine import Answer, QueryTimeout
from kg.serve.protocol import ALIASES, GRAPH_TYPES, RESULT_TYPES, Refused, check, negotiate, render
from kg.serve.scheduler import Busy, Rendered
from kg.serve.views import deliberation_list, json_rows
from kg.serve.views import describe as describe_resource
from kg.store.remote import inject_values

if TYPE_CHECKING:
    from kg.serve.app import Site

log = logging.getLogger("kg.serve")
Handler = Callable[[Request], Awaitable[Response]]


def routes(site: Site) -> list[BaseRoute]:
    out: list[BaseRoute] = [
        Route("/", _sync(site, landing)),
        Route(site.settings.id_path + "{rest:path}", _sync(site, resource)),
        Route("/sparql", sparql_endpoint(site), methods=["GET", "POST"]),
        Route("/queries/{name}", named_query(site)),
        Route("/.well-known/void", _sync(site, void)),
        Route("/dumps/", _sync(site, dumps_index)),
        Route("/dumps/{name}", _sync(site, dump_file)),
        Route("/ontology", _sync(site, ontology)),
        Route("/context.jsonld", _sync(site, json_context)),
    ]
    if site.has_yasgui():
        out.append(Mount("/yasgui", StaticFiles(directory=site.yasgui), name="yasgui"))
    return out


def _sync(site: Site, fn: Callable[[Site, Request], Response]) -> Handler:
    async def handler(request: Request) -> Response:
        return await run_in_threadpool(fn, site, request)
    return handler


def landing(site: Site, request: Request) -> Response:
    deliberations, more = deliberation_list(site.store, site.vocab)
    return site.page("landing.html", stats=site.stats(), queries=list_queries(),
                     deliberations=deliberations, more=more, title="territoires-kg")


def resource(site: Site, request: Request) -> Response:
    path = request.url.path
    iri = site.settings.site + path[1:]
    fmt = rdf.pick(request.query_params.get("format"), request.headers.get("accept"))
    if fmt is None:
        served = ", ".join(rdf.PAGE_TYPES.values())
        return PlainTextResponse(f"Not acceptable: this resource is served as {served} "
                                 "(or ?format=html|ttl|jsonld|nt|rdf)\n", status_code=406)
    page = describe_resource(site.store, iri, site.vocab)
    if page is None:
        raise HTTPException(404, f"nothing is known about {iri}")
    headers = {"Vary": "Accept", "Content-Location": f"{path}?format={rdf.EXTENSIONS[fmt]}",
               "Link": ", ".join(f'<{path}?format={ext}>; rel="alternate"; type="{rdf.PAGE_TYPES[f]}"'
                                 for f, ext in rdf.EXTENSIONS.items())}
    if fmt == "html":
        response = site.page("resource.html", page=page, title=page.label, path=path)
        response.headers.update(headers)
        return response
    return Response(rdf.write(page.triples, fmt), media_type=rdf.PAGE_TYPES[fmt], headers=headers)


def named_query(site: Site) -> Handler:
    """A named query's page: its rows, run as ``/sparql`` runs queries (the same workers, time
    and result limits, wait line and cache), with links to the full results."""
    async def handler(request: Request) -> Response:
        try:
            query = load_query(request.path_params["name"])
        except QueryError as err:
            raise HTTPException(404, str(err)) from None
        params = {k: v for k, v in request.query_params.items() if v}

        async def page(*, status: int = 200, error: str | None = None, link: str, table: Any = ((), []),
                       headers: Mapping[str, str] | None = None) -> Response:
            response = await run_in_threadpool(site.page, "query.html", status=status, query=query,
                                               variables=table[0], rows=table[1], link=link, error=error,
                                               title=query.title)
            response.headers.update(headers or {})
            return response

        try:  # the query with its parameters bound as `tkg` binds them on a remote endpoint
            text = inject_values(query.text, query.bind(params))
        except QueryError as err:
            return await page(status=400, error=str(err), link=_sparql_link(query.text))
        link = _sparql_link(text)
        try:
            await run_in_threadpool(check, text, allow=site.settings.allow_service)
            assert site.engine is not None
            done = await site.engine.run(text, "json", lambda answer: _write(answer, "json"))
        except Refused as err:  # a federated query: the page explains why it is not run here
            return await page(error=str(err), link=link)
        except Busy as err:
            return await page(status=503, error=str(err), link=link,
                              headers={"Retry-After": str(err.retry_after)})
        except QueryTimeout as err:
            return await page(status=503, error=str(err), link=link)
        if done.status != 200:
            return await page(status=done.status, error=done.body.decode("utf-8").strip(), link=link)
        table = await run_in_threadpool(json_rows, done.body, site.vocab)
        return await page(link=link, table=table)
    return handler


def _sparql_link(text: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": text})


def _query_text(request: Request, form: dict[str, Any], body: bytes) -> str | None:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if "update" in request.query_params or "update" in form or ctype == "application/sparql-update":
        raise Refused(403, "updates are not accepted: this endpoint is read-only")
    if ctype == "application/sparql-query":
        return body.decode("utf-8", "replace")
    text = form.get("query") or request.query_params.get("query")
    return str(text) if text is not None else None


def sparql_endpoint(site: Site) -> Handler:
    async def endpoint(request: Request) -> Response:
        form: dict[str, Any] = {}
        body = b""
        if request.method == "POST":
            body = await request.body()
            if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
                form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace")).items()}
        try:
            text = _query_text(request, form, body)
            if text is None and request.method == "POST":
                raise Refused(400, "expected a query: a form field query=, or a body of type "
                              "application/sparql-query")
            if text is None:
                return await run_in_threadpool(site.page, "sparql.html", title="SPARQL")
            parsed = await run_in_threadpool(check, text, allow=site.settings.allow_service)
            fmt = _wanted(request, parsed.types)
            if fmt is None:
                return _not_acceptable(parsed.types)
            assert site.engine is not None
            done = await site.engine.run(text, fmt, lambda answer: _write(answer, fmt))
        except Refused as err:
            return PlainTextResponse(f"{err}\n", status_code=err.status)
        except Busy as err:
            return PlainTextResponse(f"{err}\n", status_code=503,
                                     headers={"Retry-After": str(err.retry_after)})
        except QueryTimeout as err:
            return PlainTextResponse(f"{err}\n", status_code=503)
        return Response(done.body, status_code=done.status, media_type=done.media,
                        headers={"Vary": "Accept", "X-Tkg-Answer": done.source})
    return endpoint


def _wanted(request: Request, types: Mapping[str, str]) -> str | None:
    """The format ``?format=`` names, else the one ``Accept`` prefers among ``types``."""
    wanted = request.query_params.get("format")
    fmt = ALIASES.get(wanted, wanted) if wanted else negotiate(request.headers.get("accept"), types)
    return fmt if fmt in types else None


def _not_acceptable(types: Mapping[str, str]) -> Response:
    return PlainTextResponse(f"Not acceptable: this answer is served as {', '.join(types.values())}\n",
                             status_code=406)


def _write(answer: Answer, fmt: str) -> Rendered:
    """The answer in ``fmt``, or the error it is as text (called in a query thread)."""
    if answer.kind == "error":
        return Rendered(answer.body + b"\n", "text/plain; charset=utf-8", answer.status)
    types = GRAPH_TYPES if answer.kind == "graph" else RESULT_TYPES
    if fmt not in types:  # the parser and the engine disagree on the form: say so, do not guess
        return Rendered(f"Not acceptable: this answer is served as {', '.join(types.values())}\n".encode(),
                        "text/plain; charset=utf-8", 406)
    body, media = render(answer, fmt=fmt)
    return Rendered(body, media)


def _rdf_doc(request: Request, graph: Any, *, default: str = "turtle") -> Response:
    wanted = request.query_params.get("format")
    types = {k: v for k, v in rdf.PAGE_TYPES.items() if k != "html"}
    fmt = rdf.FORMAT_NAMES.get(wanted) if wanted else negotiate(request.headers.get("accept"), types,
                                                                   default=default)
    names = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}
    if fmt not in names:
        fmt = default
    return Response(graph.serialize(format=names[fmt]), media_type=rdf.PAGE_TYPES[fmt],
                    headers={"Vary": "Accept"})


def void(site: Site, request: Request) -> Response:
    s = site.settings
    graph = describe_dataset(
        site=s.site, base=s.base, stats=site.stats(), dumps=site.dumps(), licence=s.licence,
        publisher=s.publisher)
    return _rdf_doc(request, graph)


def dumps_index(site: Site, request: Request) -> Response:
    return site.page("dumps.html", dumps=site.dumps(), title="Dumps")


def dump_file(site: Site, request: Request) -> Response:
    name = request.path_params["name"]
    for d in site.dumps():
        if name == d.path.name:
            return FileResponse(d.path, media_type="application/gzip")
        if name == d.path.name + ".sha256":
            return PlainTextResponse(f"{d.sha256}  {d.path.name}\n")
    raise HTTPException(404, f"no dump named {name}")


def ontology(site: Site, request: Request) -> Response:
    fmt = rdf.pick(request.query_params.get("format"), request.headers.get("accept"))
    if fmt == "html":
        html = _ontology_html(site)
        if html is not None:
            return Response(html, media_type="text/html", headers={"Vary": "Accept"})
    return Response(ontology_file().read_bytes(), media_type="text/turtle", headers={"Vary": "Accept"})


def _ontology_html(site: Site) -> bytes | None:
    """The pyLODE page of the ontology, made once, or ``None`` when pyLODE is not installed."""
    with site.lock:
        if "ontology" not in site.cache:
            from kg.serve.ontology_docs import render_html

            site.cache["ontology"] = render_html(ontology_file())
        html: bytes | None = site.cache["ontology"]
        return html


def json_context(site: Site, request: Request) -> Response:
    return Response(rdf.context_text(), media_type="application/ld+json")


def http_error(site: Site) -> Callable[[Request, Exception], Response]:
    def handle(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "")
        if "text/html" not in request.headers.get("accept", "text/html"):
            return PlainTextResponse(f"{detail}\n", status_code=status)
        return site.page("error.html", status=status, code=status, message=detail, title=f"Erreur {status}")
    return handle


def server_error(site: Site) -> Callable[[Request, Exception], Response]:
    """Log the error on the server; the client learns only that an error happened."""
    def handle(request: Request, exc: Exception) -> Response:
        log.error("error serving %s", request.url.path, exc_info=exc)
        message = "Une erreur s'est produite. / An error happened."
        return PlainTextResponse(message + "\n", status_code=500)
    return handle
