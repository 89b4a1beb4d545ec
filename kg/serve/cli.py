"""``tkg serve`` and ``tkg publish``: the linked-data site, live or written as static files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.config import Settings
from kg.serve.settings import ServeSettings


def serve_settings(args: argparse.Namespace, settings: Settings) -> ServeSettings:
    """The server's settings: ``TKG_*`` variables, then the shared store flags, then this command's."""
    env = ServeSettings.from_env()
    allow = tuple(getattr(args, "allow_service", None) or ()) or None
    return env.with_options(store=settings.store, endpoint=settings.endpoint, base=settings.base,
                            host=getattr(args, "host", None), port=getattr(args, "port", None),
                            query_timeout=getattr(args, "timeout", None),
                            result_limit=getattr(args, "result_limit", None), allow_service=allow,
                            workers=getattr(args, "workers", None), queue=getattr(args, "queue", None),
                            cache_mb=getattr(args, "cache_mb", None))


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from kg.serve import create_app
    from kg.store.client import split_credentials

    s = serve_settings(args, settings)
    app = create_app(s)
    source = split_credentials(s.endpoint)[0] if s.endpoint else s.store  # never the password
    print(f"serving {source} at http://{s.host}:{s.port}/ (read-only; Ctrl-C stops)",
          file=sys.stderr)
    uvicorn.run(app, host=s.host, port=s.port, log_level="warning")
    return 0


def cmd_publish(args: argparse.Namespace, settings: Settings) -> int:
    from kg.publish.site import publish

    s = serve_settings(args, settings)
    counts = publish(s, Path(args.out), progress=lambda n: print(f"{n} resources written", file=sys.stderr))
    print(f"{counts.resources} resources, {counts.files} files written to {args.out}", file=sys.stderr)
    return 0


def add_commands(sub: argparse._SubParsersAction,  # type: ignore[type-arg]
                 common: object) -> None:
    """Add ``serve`` and ``publish`` to the ``tkg`` parser; ``common`` adds ``--store``/``--endpoint``."""
    sv = sub.add_parser("serve", help="serve the graph as linked data: pages, content negotiation, "
                        "SPARQL endpoint, VoID/DCAT, dumps (read-only)")
    sv.add_argument("--host", help="address to bind (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, help="port (default 8080)")
    sv.add_argument("--timeout", type=float, metavar="SECONDS",
                    help="time limit of a /sparql query (default 10, or $TKG_SERVE_TIMEOUT)")
    sv.add_argument("--result-limit", type=int, metavar="N",
                    help="most rows or triples a /sparql query may return (default 10000)")
    sv.add_argument("--workers", type=int, metavar="N",
                    help="processes running /sparql queries (default: one per core, or $TKG_SERVE_WORKERS)")
    sv.add_argument("--queue", type=int, metavar="N",
                    help="/sparql queries that may wait for a worker; more get 503 with Retry-After "
                    "(default 4 per worker, or $TKG_SERVE_QUEUE)")
    sv.add_argument("--cache-mb", type=float, metavar="MB",
                    help="memory for cached /sparql answers (default 64, 0 turns the cache off)")
    sv.add_argument("--allow-service", action="append", metavar="URL",
                    help="a SPARQL endpoint queries may call with SERVICE (repeatable; default none)")
    common(sv)  # type: ignore[operator]
    sv.set_defaults(run=cmd_serve)
    pb = sub.add_parser("publish", help="write the same site as static files (HTML, RDF per "
                        "resource, dumps, VoID/DCAT, .htaccess and nginx rules)")
    pb.add_argument("--out", required=True, metavar="DIR", help="folder to write")
    common(pb)  # type: ignore[operator]
    pb.set_defaults(run=cmd_publish)
