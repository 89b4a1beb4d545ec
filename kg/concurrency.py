"""Work in a pool, results in order, a bounded number in flight."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")


def in_order(pool: Executor, fn: Callable[..., T], tasks: Iterable[tuple[Any, ...]], *,
             window: int) -> Iterator[T]:
    """``fn(*task)`` for each task, run in ``pool`` and yielded in the order of ``tasks``, with at
    most ``window`` submitted and not yet taken: when the consumer is slower than the pool,
    results wait for it ``window`` at a time (``Executor.map`` would submit every task and keep
    every result).

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     list(in_order(pool, pow, [(2, n) for n in range(5)], window=2))
    [1, 2, 4, 8, 16]
    """
    pending: deque[Future[T]] = deque()
    queue = iter(tasks)
    for task in islice(queue, max(1, window)):
        pending.append(pool.submit(fn, *task))
    while pending:
        done = pending.popleft().result()
        for task in islice(queue, 1):
            pending.append(pool.submit(fn, *task))
        yield done
