"""How ``/sparql`` serves many clients: a bounded pool, a bounded wait, a result cache.

- **Off the event loop.** A query runs in one of ``slots`` threads, each driving one query
  worker (:class:`~kg.serve.engine.WorkerPool`); pages and static files are served meanwhile.
- **Bounded wait.** A query that finds every slot busy waits in line; when ``queue`` queries
  already wait, or when its wait passes the time limit, it is refused at once with
  :class:`Busy` (``503`` with ``Retry-After``) rather than piling up behind the others.
- **Cache.** The served store is read-only, so an answer is kept, written in the format it was
  asked in, under (query text, format, store version): the same query asked again is
  answered without running, and an answer read from one version of the store is never
  served for another. The cache is bounded in entries and in bytes, least recently used
  first out; an engine that cannot say its version (a remote endpoint) is never cached.
- **Shared runs.** Clients asking the same query in the same format while it runs wait for
  that one run instead of starting their own.

>>> cache = ResultCache(entries=2, max_bytes=10)
>>> cache.put(("q", "json", "v1"), Rendered(b"12345", "text/csv"))
>>> cache.put(("q2", "json", "v1"), Rendered(b"123456", "text/csv"))  # over 10 bytes: q goes
>>> cache.get(("q", "json", "v1")) is None, cache.get(("q2", "json", "v1")).body
(True, b'123456')
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from kg.serve.engine import Answer, Engine

Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Rendered:
    """An answer as sent: body, media type, status, and ``source``, how this client got it."""

    body: bytes
    media: str
    status: int = 200
    source: str = "run"  # "run", "cache" (answered from the cache) or "shared" (another client's run)


class Busy(Exception):
    """No room for the query now: the wait line is full, or the wait passed the time limit."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ResultCache:
    """Rendered answers, least recently used first out, at most ``entries`` and ``max_bytes``."""

    def __init__(self, *, entries: int, max_bytes: int) -> None:
        self._entries, self._max_bytes = entries, max_bytes
        self._items: OrderedDict[Key, Rendered] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Key) -> Rendered | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Key, value: Rendered) -> None:
        """Keep ``value`` unless it alone is larger than the cache."""
        size = len(value.body)
        if size > self._max_bytes or self._entries <= 0:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes -= len(old.body) if old else 0
            self._items[key] = value
            self._bytes += size
            while len(self._items) > self._entries or self._bytes > self._max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped.body)


class Scheduler:
    """Runs queries on ``engine`` for the ASGI handlers (see the module's description)."""

    def __init__(self, engine: Engine, *, slots: int, queue: int, timeout: float,
                 cache: ResultCache) -> None:
        self._engine, self._timeout, self._queue, self._cache = engine, timeout, queue, cache
        self._slots_n = max(1, slots)
        self._slots: asyncio.Semaphore | None = None  # made in the server's event loop
        self._executor = ThreadPoolExecutor(max_workers=self._slots_n, thread_name_prefix="tkg-query")
        self._waiting = 0
        self._running: dict[Key, asyncio.Task[Rendered]] = {}
        self._mean_run = 1.0  # seconds, a moving average: what Retry-After is estimated from

    async def run(self, query: str, fmt: str, write: Callable[[Answer], Rendered]) -> Rendered:
        """The answer to ``query`` in ``fmt``, written by ``write`` (called in a query thread).

        Raises :class:`Busy` when there is no room, and what the engine raises (a time-out).
        """
        version = self._engine.version
        key = (query, fmt, version or "")
        if version is not None and (hit := self._cache.get(key)) is not None:
            return Rendered(hit.body, hit.media, hit.status, "cache")
        task = self._running.get(key)
        if task is not None:
            got = await asyncio.shield(task)
            return Rendered(got.body, got.media, got.status, "shared")
        task = asyncio.get_running_loop().create_task(self._admit(query, fmt, write))
        self._running[key] = task
        task.add_done_callback(lambda t: self._finished(key, t))
        return await asyncio.shield(task)  # a client that leaves does not stop the others' run

    def _finished(self, key: Key, task: asyncio.Task[Rendered]) -> None:
        self._running.pop(key, None)
        if not task.cancelled():
            task.exception()  # retrieved: the clients waiting on it have it already

    def _retry_after(self) -> int:
        """Seconds until a slot is likely free: the line ahead times the mean run, per slot."""
        estimate = self._mean_run * (self._waiting / self._slots_n + 1)
        return max(1, min(math.ceil(estimate), math.ceil(self._timeout)))

    async def _admit(self, query: str, fmt: str, write: Callable[[Answer], Rendered]) -> Rendered:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._slots_n)
        if self._slots.locked() and self._waiting >= self._queue:
            raise Busy(f"{self._waiting} queries already wait for a query worker "
                       f"(the limit is {self._queue}): try again later", retry_after=self._retry_after())
        self._waiting += 1
        try:
            await asyncio.wait_for(self._slots.acquire(), timeout=self._timeout)
        except TimeoutError:
            raise Busy(f"every query worker stayed busy for {self._timeout:g} s: try again later",
                       retry_after=self._retry_after()) from None
        finally:
            self._waiting -= 1
        try:
            started = time.monotonic()
            loop = asyncio.get_running_loop()
            answer, rendered = await loop.run_in_executor(self._executor, self._run_and_write, query, write)
            self._mean_run = 0.8 * self._mean_run + 0.2 * (time.monotonic() - started)
        finally:
            self._slots.release()
        if answer.version is not None and rendered.status == 200:
            self._cache.put((query, fmt, answer.version), rendered)
        return rendered

    def _run_and_write(self, query: str, write: Callable[[Answer], Rendered]) -> tuple[Answer, Rendered]:
        answer = self._engine.run(query)
        return answer, write(answer)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._engine.close()
