"""One Settings object, from command-line flags and ``TKG_*`` environment variables.

Read when a command runs, never at import time. A remote store takes its query endpoint
from ``--endpoint`` or ``TKG_ENDPOINT``, its Graph Store endpoint from ``TKG_GSP_ENDPOINT``
(else derived from the query endpoint) and its credentials from ``TKG_ENDPOINT_USER`` and
``TKG_ENDPOINT_PASSWORD`` only, never from the command line.

>>> Settings.from_env({"TKG_STORE": "/tmp/kg"}).store
PosixPath('/tmp/kg')
>>> Settings.from_env({"TKG_BASE": "id/"})
Traceback (most recent call last):
...
kg.errors.ConfigError: TKG_BASE: 'id/' is not an absolute http(s) IRI ending in '/' or '#' (e.g. https://example.org/id/)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import ConfigError
from kg.limits import DEFAULT_MAX_SIZE, parse_size

DEFAULT_BASE = "https://w3id.org/territoires-kg/id/"  # of minted IRIs (kg.mapping.iris); TKG_BASE
DEFAULT_STORE = Path("tkg-store")
# An IRI every minted IRI can extend: scheme, host, no space nor character IRIs forbid.
_BASE = re.compile(r"https?://[^\s<>\"{}|\\^`/?#]+(?:/[^\s<>\"{}|\\^`?#]*)?[/#]")


def check_base(base: str, *, setting: str = "TKG_BASE") -> str:
    """``base`` if IRIs can be minted under it; ConfigError else."""
    if not _BASE.fullmatch(base):
        raise ConfigError(setting, f"{base!r} is not an absolute http(s) IRI ending in '/' or '#' "
                          "(e.g. https://example.org/id/)")
    return base


def _size(raw: str | None, *, setting: str) -> int:
    if raw is None or not raw.strip():
        return DEFAULT_MAX_SIZE
    try:
        return parse_size(raw)
    except ValueError as err:
        raise ConfigError(setting, str(err)) from None


@dataclass(frozen=True, slots=True)
class Settings:
    store: Path = DEFAULT_STORE
    endpoint: str | None = None
    base: str = DEFAULT_BASE
    graph_store: str | None = None
    endpoint_user: str | None = None
    endpoint_password: str | None = field(default=None, repr=False)
    max_size: int = DEFAULT_MAX_SIZE  # bytes per input document

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            store=Path(env.get("TKG_STORE", str(DEFAULT_STORE))),
            endpoint=env.get("TKG_ENDPOINT") or None,
            base=check_base(env.get("TKG_BASE") or DEFAULT_BASE),
            graph_store=env.get("TKG_GSP_ENDPOINT") or None,
            endpoint_user=env.get("TKG_ENDPOINT_USER") or None,
            endpoint_password=env.get("TKG_ENDPOINT_PASSWORD") or None,
            max_size=_size(env.get("TKG_MAX_SIZE"), setting="TKG_MAX_SIZE"),
        )

    def with_flags(self, *, store: str | None = None, endpoint: str | None = None,
                   max_size: str | None = None) -> Settings:
        out = self
        if max_size is not None:
            out = replace(out, max_size=_size(max_size, setting="--max-size"))
        if store:
            out = replace(out, store=Path(store))
        if endpoint:
            out = replace(out, endpoint=endpoint)
        return out
