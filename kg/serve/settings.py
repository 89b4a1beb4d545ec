"""The settings of the linked-data server, in one frozen object, read when the command runs.

Defaults are stated here and in the README: a query on ``/sparql`` may run 10 seconds and
return 10,000 rows (or triples); more is refused with a message saying which limit was met,
never cut silently.

>>> s = ServeSettings.from_env({"TKG_SERVE_TIMEOUT": "2.5", "TKG_SERVE_ALLOW_SERVICE": "https://a/sparql https://b/q"})
>>> s.query_timeout, s.allow_service, s.host
(2.5, ('https://a/sparql', 'https://b/q'), '127.0.0.1')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.config import DEFAULT_STORE
from kg.mapping.iris import DEFAULT_BASE

DEFAULT_TIMEOUT = 10.0
DEFAULT_RESULT_LIMIT = 10_000
DEFAULT_LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
DEFAULT_PUBLISHER = "territoires-kg contributors"


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """What ``tkg serve`` and ``tkg publish`` need to know; nothing is read at import time."""

    store: Path = DEFAULT_STORE
    endpoint: str | None = None
    base: str = DEFAULT_BASE
    host: str = "127.0.0.1"
    port: int = 8080
    query_timeout: float = DEFAULT_TIMEOUT
    result_limit: int = DEFAULT_RESULT_LIMIT
    allow_service: tuple[str, ...] = ()
    workers: int = 2
    yasgui_dir: Path | None = None
    licence: str = DEFAULT_LICENCE
    publisher: str = DEFAULT_PUBLISHER
    endpoint_user: str | None = None
    endpoint_password: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ServeSettings:
        env = os.environ if env is None else env
        yasgui = env.get("TKG_YASGUI_DIR")
        return cls(
            store=Path(env.get("TKG_STORE", str(DEFAULT_STORE))),
            endpoint=env.get("TKG_ENDPOINT") or None,
            base=env.get("TKG_BASE", DEFAULT_BASE),
            query_timeout=float(env.get("TKG_SERVE_TIMEOUT", DEFAULT_TIMEOUT)),
            result_limit=int(env.get("TKG_SERVE_RESULT_LIMIT", DEFAULT_RESULT_LIMIT)),
            allow_service=tuple(env.get("TKG_SERVE_ALLOW_SERVICE", "").split()),
            workers=int(env.get("TKG_SERVE_WORKERS", 2)),
            yasgui_dir=Path(yasgui) if yasgui else None,
            licence=env.get("TKG_LICENCE", DEFAULT_LICENCE),
            publisher=env.get("TKG_PUBLISHER", DEFAULT_PUBLISHER),
            endpoint_user=env.get("TKG_ENDPOINT_USER") or None,
            endpoint_password=env.get("TKG_ENDPOINT_PASSWORD") or None,
        )

    def with_options(self, **changes: object) -> ServeSettings:
        """A copy with the options given on the command line (``None`` keeps the setting)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]

    @property
    def site(self) -> str:
        """The IRI the site's root stands for: the base without its last segment (``id/``)."""
        head = self.base.rstrip("/").rpartition("/")[0]
        return head + "/"

    @property
    def id_path(self) -> str:
        """The local path under which resource IRIs are served (``/id/``)."""
        return "/" + self.base[len(self.site):]
