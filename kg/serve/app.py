"""The linked-data web application: ``create_app(settings)`` returns a read-only ASGI app.

Every IRI under the base is served at its path (``/id/...``) as HTML or RDF, chosen by
``Accept`` or ``?format=``; ``/sparql`` speaks the SPARQL 1.1 Protocol (queries only, with a
time and a result limit); ``/.well-known/void`` describes the dataset (VoID, DCAT-AP);
``/dumps/`` holds the dumps; ``/ontology`` and ``/context.jsonld`` the vocabulary.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from kg.publish.dataset import Dump, stats, write_dumps
from kg.serve.engine import Engine, RemoteEngine, WorkerPool
from kg.serve.scheduler import ResultCache, Scheduler
from kg.serve.settings import CACHE_ENTRIES, ServeSettings
from kg.serve.stores import open_read_only
from kg.serve.vocabulary import Vocabulary
from kg.store import KnowledgeStore

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
YASGUI = STATIC / "yasgui"


def templates() -> jinja2.Environment:
    """Templates with autoescape on for every file: text from a document is always escaped."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("kg.serve", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["euros"] = lambda v: f"{v:,.2f} €".replace(",", "\u202f") if v is not None else ""
    return env


@dataclass
class Site:
    """What the handlers share: settings, store, query engine, vocabulary, templates, caches."""

    settings: ServeSettings
    store: KnowledgeStore
    engine: Scheduler | None
    vocab: Vocabulary
    env: jinja2.Environment
    static: bool = False
    cache: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(site=self, **context)

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.render(name, **context), status_code=status)

    def stats(self) -> dict[str, Any]:
        with self.lock:
            if "stats" not in self.cache:
                self.cache["stats"] = stats(self.store)
            return dict(self.cache["stats"])

    def dumps(self) -> list[Dump]:
        with self.lock:
            if "dumps" not in self.cache:
                folder = Path(tempfile.mkdtemp(prefix="tkg-dumps-"))
                self.cache["dumps"] = write_dumps(self.store, folder)
            dumps: list[Dump] = self.cache["dumps"]
            return dumps

    @property
    def yasgui(self) -> Path:
        return self.settings.yasgui_dir or YASGUI

    def has_yasgui(self) -> bool:
        return (self.yasgui / "yasgui.min.js").is_file()


def make_scheduler(settings: ServeSettings) -> Scheduler:
    """The query engine behind ``/sparql``, with its wait line and result cache."""
    cache = ResultCache(entries=CACHE_ENTRIES, max_bytes=int(settings.cache_mb * 1_000_000))
    return Scheduler(make_engine(settings), slots=settings.workers, queue=settings.wait_line,
                     timeout=settings.query_timeout, cache=cache)


def make_engine(settings: ServeSettings) -> Engine:
    if settings.endpoint:
        return RemoteEngine(settings.endpoint, timeout=settings.query_timeout, limit=settings.result_limit,
                            user=settings.endpoint_user, password=settings.endpoint_password)
    return WorkerPool(settings.store, size=settings.workers, timeout=settings.query_timeout,
                      limit=settings.result_limit)


def create_app(settings: ServeSettings) -> Starlette:
    """The application over the store ``settings`` names, opened read-only.

    Raises :class:`kg.store.StoreError` when the store cannot be opened.
    """
    store = open_read_only(settings)
    vocab = Vocabulary.load(site=settings.site, base=settings.base)
    site = Site(settings, store, make_scheduler(settings), vocab, templates())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if site.engine is not None:
            site.engine.close()
        for dump in site.cache.get("dumps", []):  # written to a temporary folder on first request
            shutil.rmtree(dump.path.parent, ignore_errors=True)

    from kg.serve import handlers

    routes = handlers.routes(site)
    routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])],
                    exception_handlers={HTTPException: handlers.http_error(site),
                                        Exception: handlers.server_error(site)})
    app.state.site = site
    return app
