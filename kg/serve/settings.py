"""The settings of the linked-data server, in one frozen object, read when the command runs.

Defaults are stated here and in the README: a query on ``/sparql`` may run 10 seconds and
return 10,000 rows (or triples); more is refused with a message saying which limit was met,
never cut silently. Queries run in one worker per core; 4 per worker may wait for one;
answers are cached up to 64 MB.

>>> s = ServeSettings.from_env({"TKG_SERVE_TIMEOUT": "2.5", "TKG_SERVE_ALLOW_SERVICE": "https://a/sparql https://b/q"})
>>> s.query_timeout, s.allow_service, s.host
(2.5, ('https://a/sparql', 'https://b/q'), '127.0.0.1')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from kg.config import DEFAULT_STORE
from kg.errors import ConfigError
from kg.mapping.iris import DEFAULT_BASE

T = TypeVar("T")
DEFAULT_TIMEOUT = 10.0
DEFAULT_RESULT_LIMIT = 10_000
DEFAULT_QUEUE_PER_WORKER = 4
DEFAULT_CACHE_MB = 64
CACHE_ENTRIES = 4096
DEFAULT_LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
DEFAULT_PUBLISHER = "territoires-kg contributors"


def _integer(env: Mapping[str, str], name: str) -> int | None:
    text = env.get(name)
    try:
        return int(text) if text else None
    except ValueError:
        raise ConfigError(name, f"{text!r}: expected an integer") from None


def _decimal(env: Mapping[str, str], name: str) -> float | None:
    text = env.get(name)
    try:
        return float(text) if text else None
    except ValueError:
        raise ConfigError(name, f"{text!r}: expected a number") from None


def _or(value: T | None, default: T) -> T:
    return default if value is None else value


def cores() -> int:
    """The cores this process may run on (the default number of query workers)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
    workers: int = field(default_factory=lambda: cores())
    queue: int | None = None  # queries that may wait for a worker; None: 4 per worker
    cache_mb: float = DEFAULT_CACHE_MB
    yasgui_dir: Path | None = None
    licence: str = DEFAULT_LICENCE
    publisher: str = DEFAULT_PUBLISHER
    endpoint_user: str | None = None
    endpoint_password: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.query_timeout <= 0:
            raise ConfigError("--timeout", f"{self.query_timeout:g}: expected a number of seconds above 0")
        for name, value, least in (("--result-limit", self.result_limit, 1), ("--workers", self.workers, 1),
                                   ("--queue", self.queue or 0, 0), ("--cache-mb", self.cache_mb, 0)):
            if value < least:
                raise ConfigError(name, f"{value:g}: expected a number of at least {least}")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ServeSettings:
        env = os.environ if env is None else env
        yasgui = env.get("TKG_YASGUI_DIR")
        return cls(
            store=Path(env.get("TKG_STORE", str(DEFAULT_STORE))),
            endpoint=env.get("TKG_ENDPOINT") or None,
            base=env.get("TKG_BASE", DEFAULT_BASE),
            query_timeout=_or(_decimal(env, "TKG_SERVE_TIMEOUT"), DEFAULT_TIMEOUT),
            result_limit=_or(_integer(env, "TKG_SERVE_RESULT_LIMIT"), DEFAULT_RESULT_LIMIT),
            allow_service=tuple(env.get("TKG_SERVE_ALLOW_SERVICE", "").split()),
            workers=_or(_integer(env, "TKG_SERVE_WORKERS"), cores()),
            queue=_integer(env, "TKG_SERVE_QUEUE"),
            cache_mb=_or(_decimal(env, "TKG_SERVE_CACHE_MB"), DEFAULT_CACHE_MB),
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
    def wait_line(self) -> int:
        """How many ``/sparql`` queries may wait for a worker before more are refused."""
        return self.queue if self.queue is not None else DEFAULT_QUEUE_PER_WORKER * self.workers

    @property
    def site(self) -> str:
        """The IRI the site's root stands for: the base without its last segment (``id/``)."""
        head = self.base.rstrip("/").rpartition("/")[0]
        return head + "/"

    @property
    def id_path(self) -> str:
        """The local path under which resource IRIs are served (``/id/``)."""
        return "/" + self.base[len(self.site):]
