"""One Settings object, from command-line flags and ``TKG_*`` environment variables.

Read when a command runs, never at import time. A remote store takes its query endpoint
from ``--endpoint`` or ``TKG_ENDPOINT``, its Graph Store endpoint from ``TKG_GSP_ENDPOINT``
(else derived from the query endpoint) and its credentials from ``TKG_ENDPOINT_USER`` and
``TKG_ENDPOINT_PASSWORD`` only, never from the command line.

>>> Settings.from_env({"TKG_STORE": "/tmp/kg"}).store
PosixPath('/tmp/kg')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.mapping.iris import DEFAULT_BASE

DEFAULT_STORE = Path("tkg-store")


@dataclass(frozen=True, slots=True)
class Settings:
    store: Path = DEFAULT_STORE
    endpoint: str | None = None
    base: str = DEFAULT_BASE
    graph_store: str | None = None
    endpoint_user: str | None = None
    endpoint_password: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            store=Path(env.get("TKG_STORE", str(DEFAULT_STORE))),
            endpoint=env.get("TKG_ENDPOINT") or None,
            base=env.get("TKG_BASE", DEFAULT_BASE),
            graph_store=env.get("TKG_GSP_ENDPOINT") or None,
            endpoint_user=env.get("TKG_ENDPOINT_USER") or None,
            endpoint_password=env.get("TKG_ENDPOINT_PASSWORD") or None,
        )

    def with_flags(self, *, store: str | None = None, endpoint: str | None = None) -> Settings:
        out = self
        if store:
            out = replace(out, store=Path(store))
        if endpoint:
            out = replace(out, endpoint=endpoint)
        return out
