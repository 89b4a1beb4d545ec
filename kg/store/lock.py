"""One writer at a time on an embedded store: an advisory lock file in the store's folder.

Oxigraph itself refuses a second read-write opening with a RocksDB message; this lock comes
first and says who holds the store. It is released when its holder closes the store or
dies (the kernel drops ``flock`` locks with the process), so a killed build leaves no stale
lock behind.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> first = WriteLock.acquire(folder, command="tkg build")
>>> try:
...     WriteLock.acquire(folder, command="tkg build")
... except StoreBusyError as err:
...     print("busy:", "another tkg command" in str(err))
busy: True
>>> first.release()
>>> WriteLock.acquire(folder, command="tkg build").release()
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from pathlib import Path

from kg.errors import TkgError

LOCK_NAME = "tkg-write.lock"


class StoreBusyError(TkgError):
    """Another process is writing to the store."""


class WriteLock:
    """An exclusive ``flock`` on ``<store>/tkg-write.lock``, naming its holder inside."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @classmethod
    def acquire(cls, folder: Path, *, command: str) -> WriteLock:
        """Take the lock or raise :class:`StoreBusyError` naming the process that holds it."""
        path = folder / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown process"
            os.close(fd)
            raise StoreBusyError(f"{folder}: another tkg command is writing to this store "
                                 f"({holder}); run this one again when it has finished") from None
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{command}, pid {os.getpid()}, since {stamp}".encode(), 0)
        return cls(fd, path)

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
