"""Running a user's SPARQL query with a time limit and a result limit.

On the embedded store each query runs in a worker process holding the store open read-only;
Oxigraph cannot interrupt a query, so a worker past the time limit is killed and replaced,
which is what makes the limit real. Each worker reports the **version** of the store it
opened (:func:`~kg.serve.stores.store_version`, a digest of the store's files as they were when it opened
them), so that an answer can be cached for that version and never served for another.

On a remote endpoint the query is sent over the SPARQL 1.1 Protocol by the project's one client,
:class:`~kg.store.client.SparqlClient` (the same credentials, time limit for the whole answer
and error wording as the other commands), and abandoned at the limit. Either way the answer comes back
as SPARQL JSON results (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE), counted against the
result limit, and is then written in the format the client asked for by pyoxigraph.

>>> store = Store()
>>> store.add(Quad(NamedNode("https://e.org/a"), NamedNode("https://e.org/p"), Literal("x"), NamedNode("https://e.org/g")))
>>> execute(store, "SELECT ?o { ?s ?p ?o }", limit=10).body
b'{"head":{"vars":["o"]},"results":{"bindings":[{"o":{"type":"literal","value":"x"}}]}}'
>>> execute(store, "SELECT ?o { ?s ?p ?o }", limit=0).status
400
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass, replace
from itertools import islice
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Literal as Kind
from typing import Protocol

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,  # noqa: F401 (used by the doctest)
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    serialize,
)

from kg.mapping.vocab import XSD
from kg.serve.stores import open_snapshot
from kg.store.client import (
    EndpointError,
    EndpointTimeoutError,
    EndpointUnreachableError,
    SparqlClient,
)
from kg.store.sparqltext import has_dataset_clause

JSON_RESULTS = "application/sparql-results+json"
_XSD_STRING = str(XSD.string)


@dataclass(frozen=True, slots=True)
class Answer:
    """A query's answer: ``kind`` says how ``body`` is written; an error has a status and a message."""

    kind: Kind["bindings", "boolean", "graph", "error"]
    body: bytes
    status: int = 200
    version: str | None = None  # the store's version it was read from, when known

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        return cls("error", message.encode("utf-8"), status)


def _term_json(t: object) -> dict[str, str] | None:
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != _XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return None


def _too_many(limit: int, what: str) -> Answer:
    return Answer.error(400, f"the query gives more than {limit} {what} (the server's result "
                        "limit); add LIMIT and OFFSET to read it in pages")


def execute(store: Store, query: str, *, limit: int) -> Answer:
    """Run ``query`` on ``store`` (over the union of the graphs unless it names its dataset with
    ``FROM``), reading at most ``limit + 1`` results."""
    try:
        out = store.query(query, use_default_graph_as_union=not has_dataset_clause(query))
    except SyntaxError as err:
        return Answer.error(400, f"SPARQL syntax error: {err}")
    except (OSError, ValueError, RuntimeError) as err:
        return Answer.error(400, f"the query failed: {err}")
    try:
        if isinstance(out, QueryBoolean):
            return Answer("boolean", json.dumps({"head": {}, "boolean": bool(out)}).encode())
        if isinstance(out, QuerySolutions):
            names = [v.value for v in out.variables]
            rows = list(islice(out, limit + 1))
            if len(rows) > limit:
                return _too_many(limit, "rows")
            bindings = [{n: j for n in names if (j := _term_json(r[n])) is not None} for r in rows]
            doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
            return Answer("bindings", json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode())
        triples: list[Triple] = list(islice(out, limit + 1))
        if len(triples) > limit:
            return _too_many(limit, "triples")
        return Answer("graph", serialize(triples, format=RdfFormat.N_TRIPLES) or b"")
    except (OSError, ValueError, RuntimeError) as err:
        return Answer.error(400, f"the query failed: {err}")


def _work(conn: Connection, path: str, limit: int) -> None:  # pragma: no cover - runs in a child
    store, version = open_snapshot(Path(path))
    conn.send(version)
    while True:
        try:
            query = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(execute(store, query, limit=limit))


class QueryTimeout(Exception):
    """A query ran past the time limit, or no worker was free within it."""


class Engine(Protocol):
    @property
    def version(self) -> str | None:
        """The version of the store the next query will read, or ``None`` when unknown."""
    def run(self, query: str) -> Answer: ...
    def close(self) -> None: ...


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    started: int
    version: str | None = None


class WorkerPool:
    """Worker processes over a read-only embedded store; call :meth:`run` from a thread, at most
    ``size`` calls at a time (more wait for a worker, up to the time limit)."""

    def __init__(self, path: Path, *, size: int, timeout: float, limit: int) -> None:
        self._ctx = multiprocessing.get_context("spawn")
        self._path, self._timeout, self._limit = str(path), timeout, limit
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._latest: tuple[int, str | None] = (0, None)  # the newest worker and the version it opened
        self._lock = threading.Lock()
        for _ in range(max(1, size)):
            self._idle.put(self._start())

    @property
    def version(self) -> str | None:
        """The version of the store as the most recently started worker opened it; ``None``
        until that worker has said which (a worker started after a time-out may read a newer
        store than the one before it)."""
        return self._latest[1]

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_work, args=(child, self._path, self._limit), daemon=True)
        process.start()
        child.close()
        with self._lock:
            self._started += 1
            self._latest = (self._started, None)
            return _Worker(process, parent, self._started)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        return self._start()

    def _ready(self, worker: _Worker, deadline: float) -> bool:
        """Read the version a new worker says it opened; ``False`` if it did not say it in time."""
        if worker.version is None:
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                return False
            said: str | None = worker.conn.recv()
            worker.version = said or ""  # "": said, and unknown (nothing it reads is cached)
            with self._lock:
                if worker.started == self._latest[0]:
                    self._latest = (worker.started, said)
        return True

    def run(self, query: str) -> Answer:
        """The answer, carrying the version of the store it was read from."""
        deadline = time.monotonic() + self._timeout
        try:
            worker = self._idle.get(timeout=self._timeout)
        except queue.Empty:
            raise QueryTimeout(f"every query worker stayed busy for {self._timeout:g} s") from None
        try:
            if not self._ready(worker, deadline):
                worker = self._replace(worker)
                raise QueryTimeout(f"the store did not open within the time limit of {self._timeout:g} s")
            worker.conn.send(query)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                worker = self._replace(worker)
                raise QueryTimeout(f"the query ran past the time limit of {self._timeout:g} s")
            answer: Answer = worker.conn.recv()
            return replace(answer, version=worker.version or None)
        except (EOFError, OSError):
            worker = self._replace(worker)
            return Answer.error(500, "the query stopped the worker that ran it")
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            worker.process.kill()
            worker.process.join()


class RemoteEngine:
    """A remote SPARQL 1.1 endpoint, asked for JSON results or N-Triples, abandoned at the time limit.

    Credentials come as for the other commands: ``user:password@`` in ``endpoint``, else ``user``
    and ``password`` (``TKG_ENDPOINT_USER``, ``TKG_ENDPOINT_PASSWORD``). The endpoint's errors
    become answers: a refusal is ``400`` when the endpoint blamed the query (an HTTP status below
    500), else ``502``, as is an endpoint that cannot be reached; no answer within the limit raises
    :class:`QueryTimeout`. Messages are the client's, with "remote endpoint" for the endpoint's
    address (a visitor need not learn where it is), and never the password.
    """

    def __init__(self, endpoint: str, *, timeout: float, limit: int, user: str | None = None,
                 password: str | None = None) -> None:
        self._client = SparqlClient(endpoint, user=user, password=password, timeout=timeout)
        self._limit = limit

    @property
    def version(self) -> None:
        """Unknown: a remote endpoint's data may change at any time, so nothing is cached."""
        return None

    def _said(self, err: EndpointError) -> str:
        """The client's message, saying "remote endpoint" where it names the endpoint."""
        return str(err).replace(f"{self._client.endpoint}: ", "remote endpoint: ", 1).replace(
            self._client.endpoint, "the remote endpoint")

    def run(self, query: str) -> Answer:
        try:
            body, media = self._client.query(query)
        except EndpointTimeoutError as err:
            raise QueryTimeout(self._said(err)) from None
        except EndpointUnreachableError as err:
            return Answer.error(502, self._said(err))
        except EndpointError as err:  # a refusal (EndpointAnswerError, CredentialsError)
            blamed_query = err.status is not None and err.status < 500
            return Answer.error(400 if blamed_query else 502, self._said(err))
        return self._count(media, body)

    def _count(self, media: str, body: bytes) -> Answer:
        if media == "application/n-triples":
            n = sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"#"))
            return _too_many(self._limit, "triples") if n > self._limit else Answer("graph", body)
        try:
            doc = json.loads(body) if media in (JSON_RESULTS, "application/json") else None
        except ValueError:
            doc = None
        if not isinstance(doc, dict):
            return Answer.error(502, f"remote endpoint: the answer is {media or 'of no media type'}, "
                                "not SPARQL JSON results nor N-Triples")
        if isinstance(doc.get("boolean"), bool):
            return Answer("boolean", body)
        bindings = doc.get("results", {}).get("bindings") if isinstance(doc.get("results"), dict) else None
        if not isinstance(bindings, list):
            return Answer.error(502, "remote endpoint: the answer is JSON but not SPARQL results")
        if len(bindings) > self._limit:
            return _too_many(self._limit, "rows")
        return Answer("bindings", body)

    def close(self) -> None:
        """Nothing to release."""
