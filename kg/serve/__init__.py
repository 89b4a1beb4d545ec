"""The linked-data web application: resource pages, SPARQL endpoint, VoID/DCAT, dumps.

``create_app(settings)`` builds the ASGI application (Starlette, served by uvicorn); the
import is deferred so that the query workers, which import this package, stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from kg.serve.settings import ServeSettings


def create_app(settings: ServeSettings) -> Starlette:
    """The application over the store ``settings`` names (see :func:`kg.serve.app.create_app`)."""
    from kg.serve.app import create_app as factory

    return factory(settings)
