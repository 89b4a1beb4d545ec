"""The stores the server reads: the embedded store opened read-only, or a remote endpoint.

Opened read-only, the embedded store takes no lock, so ``tkg serve`` can run beside the
other commands using the same folder; a write through it is refused. What it reads is the
store as it was when opened, named by :func:`store_version`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pyoxigraph import Store

from kg.serve.settings import ServeSettings
from kg.store import KnowledgeStore, OxigraphStore


def open_read_only(settings: ServeSettings) -> KnowledgeStore:
    """The store ``settings`` name: the remote endpoint if one is set, else the folder, read-only.

    Raises :class:`kg.store.StoreError` when there is no store there.
    """
    if settings.endpoint:
        from kg.store.remote import RemoteStore

        return RemoteStore(settings.endpoint, timeout=settings.query_timeout,
                           user=settings.endpoint_user, password=settings.endpoint_password)
    return OxigraphStore(settings.store, read_only=True)


_NOT_DATA = ("LOCK", "LOG", "tkg-write.lock")


def store_version(path: Path) -> str:
    """A digest of the store's files (names, sizes, modification times): it changes with any
    write to the store, and reading does not change it.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "000001.log").write_bytes(b"x")
    >>> before = store_version(folder)
    >>> before == store_version(folder)
    True
    >>> _ = (folder / "000001.log").write_bytes(b"xy")
    >>> before == store_version(folder)
    False
    """
    digest = hashlib.sha256()
    with os.scandir(path) as entries:
        for e in sorted(entries, key=lambda e: e.name):
            if e.is_file() and not e.name.startswith(_NOT_DATA):
                st = e.stat()
                digest.update(f"{e.name} {st.st_size} {st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def open_snapshot(path: Path, *, tries: int = 5) -> tuple[Store, str | None]:
    """The store opened read-only and the version it holds: the files did not change while it
    was opened (else it is opened again, up to ``tries`` times); ``None`` when they changed
    each time (a build writing all along): then nothing read from it is cached."""
    for _ in range(tries):
        before = store_version(path)
        store = Store.read_only(str(path))
        after = store_version(path)
        if before == after:
            return store, after
        del store
    return Store.read_only(str(path)), None
