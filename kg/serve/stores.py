"""The stores the server reads: the embedded store opened read-only, or a remote endpoint.

Opened read-only, the embedded store takes no lock, so ``tkg serve`` can run beside the
other commands using the same folder; a write through it is refused.
"""

from __future__ import annotations

from kg.serve.settings import ServeSettings
from kg.store import KnowledgeStore, OxigraphStore


def open_read_only(settings: ServeSettings) -> KnowledgeStore:
    """The store ``settings`` name: the remote endpoint if one is set, else the folder, read-only.

    Raises :class:`kg.store.StoreError` when there is no store there.
    """
    if settings.endpoint:
        from kg.store.remote import RemoteStore

        return RemoteStore(settings.endpoint, timeout=max(1, int(settings.query_timeout)),
                           user=settings.endpoint_user, password=settings.endpoint_password)
    return OxigraphStore(settings.store, read_only=True)
