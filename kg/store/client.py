"""One client of the SPARQL 1.1 protocols, for the remote store, ``tkg link`` and
``tkg serve --endpoint``.

Queries and updates go through SPARQLWrapper (SPARQL 1.1 Protocol,
https://www.w3.org/TR/sparql11-protocol/): :meth:`SparqlClient.select` asks for JSON
results, which come back as pyoxigraph terms; :meth:`SparqlClient.query` runs a query of
any form and returns the answer's body as it came, with its media type (``tkg serve
--endpoint`` passes it on); named graphs are written with the SPARQL 1.1 Graph Store
HTTP Protocol (``PUT``/``DELETE`` on ``?graph=IRI``,
https://www.w3.org/TR/sparql11-http-rdf-update/), which SPARQLWrapper does not
speak.

Every request carries the same things: the ``User-Agent`` :data:`AGENT`, HTTP Basic
credentials when there are any (``user:password@`` in the URL, else those given,
which the command takes from ``TKG_ENDPOINT_USER`` and ``TKG_ENDPOINT_PASSWORD``),
and one time limit for the whole answer, not only for each read. Failures raise one
family of errors, :class:`EndpointError` and its subclasses (a :class:`~kg.store.StoreError`,
so a :class:`~kg.errors.TkgError`), whose messages name the endpoint without its
credentials and never repeat the password, whatever a server echoed.

>>> split_credentials("https://ann:s3cret@example.org/sparql")
('https://example.org/sparql', 'ann', 's3cret')
>>> graph_store_url("http://127.0.0.1:7878/query")
'http://127.0.0.1:7878/store'
>>> update_url("https://example.org/ds/sparql")
'https://example.org/ds/update'
>>> SparqlClient("https://ann:s3cret@example.org/sparql", timeout=5).endpoint
'https://example.org/sparql'
"""

from __future__ import annotations

import ast
import base64
import contextlib
import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any, cast

from pyoxigraph import BlankNode, Literal, NamedNode
from SPARQLWrapper import INSERT, JSON, POST, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.store import Results, StoreError, Term

AGENT = "territoires-kg (linked data of French territorial cooperation)"
DEFAULT_TIMEOUT = 300.0  # seconds for a whole answer, unless the command sets another
# What :meth:`SparqlClient.query` asks for: JSON results (SELECT, ASK), else N-Triples
# (CONSTRUCT, DESCRIBE); the server picks by the query's form.
ANY_FORM = "application/sparql-results+json, application/n-triples;q=0.9"
_CHUNK = 1 << 16
# Oxigraph serves /query, /update and /store; Fuseki /ds/sparql, /ds/update and /ds/data.
_GSP_SUFFIXES = {"query": "store", "sparql": "data"}
_UPDATE_SUFFIXES = {"query": "update", "sparql": "update"}
# The HTTP status behind each of SPARQLWrapper's errors (any other comes as an HTTPError).
_STATUS = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404,
           "URITooLong": 414, "EndPointInternalError": 500}


class EndpointError(StoreError):
    """A SPARQL endpoint that cannot be used; the message names it and says why.

    ``status`` is the HTTP status the endpoint answered with, when it answered with an error.
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class EndpointUnreachableError(EndpointError):
    """No connection, or the connection was lost before the whole answer came."""


class EndpointTimeoutError(EndpointError):
    """No whole answer within the time limit; the request was abandoned."""


class EndpointAnswerError(EndpointError):
    """The endpoint answered, but with a refusal (an HTTP error) or not with SPARQL results."""


class CredentialsError(EndpointError):
    """Credentials that cannot be used (a password without a user), or refused by the endpoint."""


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """``url`` without its ``user:password@`` part, and that user and password."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return (urllib.parse.urlunsplit(parts._replace(netloc=netloc)),
            urllib.parse.unquote(parts.username or "") or None,
            urllib.parse.unquote(parts.password or "") or None)


def _sibling(endpoint: str, suffixes: Mapping[str, str], variable: str, what: str) -> str:
    parts = urllib.parse.urlsplit(split_credentials(endpoint)[0])
    head, _, last = parts.path.rpartition("/")
    if last not in suffixes:
        raise EndpointError(f"{parts._replace(query='').geturl()}: cannot tell the {what} "
                            f"endpoint of this SPARQL endpoint; set {variable}")
    return urllib.parse.urlunsplit(parts._replace(path=f"{head}/{suffixes[last]}", query=""))


def graph_store_url(endpoint: str) -> str:
    """The Graph Store endpoint next to a query endpoint (Oxigraph ``/store``, Fuseki ``/data``)."""
    return _sibling(endpoint, _GSP_SUFFIXES, "TKG_GSP_ENDPOINT", "Graph Store")


def update_url(endpoint: str) -> str:
    """The update endpoint next to a query endpoint (Oxigraph and Fuseki ``/update``)."""
    return _sibling(endpoint, _UPDATE_SUFFIXES, "the update endpoint", "update")


def _term(b: Mapping[str, Any]) -> Term | None:
    kind, value = b.get("type"), b.get("value", "")
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        try:
            return BlankNode(value)
        except ValueError:
            return BlankNode()
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in b:
            return Literal(value, language=b["xml:lang"])
        if "datatype" in b:
            return Literal(value, datatype=NamedNode(b["datatype"]))
        return Literal(value)
    return None  # RDF-star triple terms are not part of this model


def parse_results(where: str, body: bytes, content_type: str) -> Results:
    """SPARQL 1.1 JSON results as :class:`Results`, or an :class:`EndpointAnswerError` saying
    what came instead (an HTML page, ``{}``, an error written into a 200 answer)."""
    text = body.decode("utf-8", "replace")
    try:
        out = json.loads(text)
    except ValueError:
        shown = " ".join(re.sub(r"<[^>]*>", " ", text).split())
        shown = shown if len(shown) <= 200 else "…" + shown[-200:]  # an error is written last
        raise EndpointAnswerError(f"{where}: the answer is not SPARQL JSON results "
                                  f"({content_type or 'no content type'}): "
                                  f"{shown or 'empty'}") from None
    head, res = (out.get("head"), out.get("results")) if isinstance(out, dict) else (None, None)
    if not (isinstance(head, dict) and isinstance(head.get("vars"), list)
            and isinstance(res, dict) and isinstance(res.get("bindings"), list)):
        raise EndpointAnswerError(f"{where}: the answer is JSON but not SPARQL SELECT results: "
                                  f"{' '.join(text.split())[:200]}")
    doc = cast(dict[str, Any], out)
    variables = tuple(str(v) for v in doc["head"]["vars"])
    rows = tuple(tuple(_term(b[v]) if isinstance(b, dict) and v in b else None for v in variables)
                 for b in doc["results"]["bindings"])
    return Results(variables=variables, rows=rows)


def _server_message(err: SPARQLWrapperException | urllib.error.HTTPError) -> str:
    """What the server said, on one line (SPARQLWrapper appends it after 'Response:')."""
    if isinstance(err, urllib.error.HTTPError):
        text = err.read(300).decode("utf-8", "replace")
    else:
        text = str(err).partition("Response:")[2].strip()
        if text.startswith(("b'", 'b"')):  # the repr of the response's bytes
            with contextlib.suppress(ValueError, SyntaxError):
                text = ast.literal_eval(text).decode("utf-8", "replace")
    return " ".join(re.sub(r"<[^>]*>", " ", text).split())[:300]


class SparqlClient:
    """One SPARQL endpoint: its query, update and Graph Store endpoints, credentials and time limit.

    ``graph_store`` and ``update`` default to the endpoints next to ``endpoint`` (Oxigraph,
    Fuseki); credentials in ``endpoint``'s URL win over ``user`` and ``password``.
    """

    def __init__(self, endpoint: str, *, user: str | None = None, password: str | None = None,
                 graph_store: str | None = None, update: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT, agent: str = AGENT) -> None:
        endpoint, url_user, url_password = split_credentials(endpoint)
        if timeout <= 0:
            raise EndpointError(f"{endpoint}: the time limit must be above 0 s, not {timeout:g}")
        if url_user:
            user, password = url_user, url_password
        elif password and not user:
            raise CredentialsError("TKG_ENDPOINT_PASSWORD is set but TKG_ENDPOINT_USER is not: "
                                   "set both, or neither")
        self.endpoint = endpoint
        self.timeout = timeout
        self._graph_store = split_credentials(graph_store)[0] if graph_store else None
        self._update = split_credentials(update)[0] if update else None
        self._headers = {"User-Agent": agent}
        self._secrets: list[str] = []
        if user:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            self._headers["Authorization"] = f"Basic {token}"
            self._secrets = [s for s in (password, f"{user}:{password or ''}", token) if s]

    @property
    def has_credentials(self) -> bool:
        return "Authorization" in self._headers

    @property
    def graph_store(self) -> str:
        return self._graph_store or graph_store_url(self.endpoint)

    @property
    def update_endpoint(self) -> str:
        return self._update or update_url(self.endpoint)

    def redact(self, message: str) -> str:
        """``message`` with the password (and ``user:password``, and its Basic token) written
        ``***``."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            message = message.replace(secret, "***")
        return message

    def _raise(self, cls: type[EndpointError], message: str, *,
               status: int | None = None) -> EndpointError:
        return cls(self.redact(message), status=status)

    # -- SPARQL 1.1 Protocol ------------------------------------------------------------

    def _wrapper(self, text: str, *, update: bool, accept: str | None = None) -> SPARQLWrapper:
        client = SPARQLWrapper(self.endpoint, updateEndpoint=self._update if not update
                               else self.update_endpoint, agent=self._headers["User-Agent"])
        client.setQuery(text)
        # SPARQLWrapper guesses the form from keywords and can be misled by the words of a
        # comment ("copy", "load"...): the caller says which it is.
        client.queryType = INSERT if update else SELECT
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        # Not setTimeout, which cuts to whole seconds: 0.5 would be 0, no limit at all.
        client.timeout = self.timeout  # type: ignore[assignment]  # urlopen takes a float
        for name, value in self._headers.items():
            client.addCustomHttpHeader(name, value)  # Basic even with an empty password
        if accept:  # the Accept header alone says what to answer in (no format=json parameter)
            client.setOnlyConneg(True)
            client.addCustomHttpHeader("Accept", accept)
        return client

    def select(self, query: str) -> Results:
        """Run a SELECT query; its JSON results as pyoxigraph terms."""
        body, content_type = self._send(self._wrapper(query, update=False), self.endpoint,
                                        "SPARQL endpoint")
        return parse_results(self.endpoint, body, content_type)

    def query(self, text: str, *, accept: str = ANY_FORM) -> tuple[bytes, str]:
        """Run a query of any form (SELECT, ASK, CONSTRUCT, DESCRIBE) as it is, asking for
        ``accept``; the answer's body as it came, and its media type (lower case, without
        parameters; ``""`` when the endpoint did not say)."""
        body, content_type = self._send(self._wrapper(text, update=False, accept=accept),
                                        self.endpoint, "SPARQL endpoint")
        return body, content_type.partition(";")[0].strip().lower()

    def update(self, text: str) -> None:
        """Run a SPARQL 1.1 update on the update endpoint."""
        self._send(self._wrapper(text, update=True), self.update_endpoint, "update endpoint")

    def _send(self, client: SPARQLWrapper, where: str, kind: str) -> tuple[bytes, str]:
        started = time.monotonic()
        try:
            response = client.query().response
            return self._read(response, where, started), response.headers.get("Content-Type", "")
        except SPARQLWrapperException as err:
            raise self._refused(where, _STATUS.get(type(err).__name__, 0), _server_message(err),
                                what="the request") from None
        except urllib.error.HTTPError as err:
            raise self._refused(where, err.code, _server_message(err) or str(err.reason),
                                what="the request") from None
        except (OSError, http.client.HTTPException) as err:
            raise self._network(where, kind, err) from None

    def _read(self, response: http.client.HTTPResponse, where: str, started: float) -> bytes:
        """The whole body, abandoned once past the time limit (a server may write slowly):
        ``read1`` returns what has come, so the limit is checked as bytes arrive."""
        chunks: list[bytes] = []
        with response:
            while chunk := response.read1(_CHUNK):
                chunks.append(chunk)
                if time.monotonic() - started > self.timeout:
                    raise self._timed_out(where)
        return b"".join(chunks)

    def _timed_out(self, where: str) -> EndpointError:
        return self._raise(EndpointTimeoutError,
                           f"{where}: no answer within {self.timeout:g} s, the request was "
                           "abandoned (--timeout SECONDS sets the limit; the server may still be "
                           "working on it)")

    def _network(self, where: str, kind: str, err: BaseException) -> EndpointError:
        reason = err.reason if isinstance(err, urllib.error.URLError) else err
        if isinstance(reason, TimeoutError):
            return self._timed_out(where)
        if isinstance(err, urllib.error.URLError):
            return self._raise(EndpointUnreachableError, f"{where}: cannot reach the {kind} ({reason})")
        return self._raise(EndpointUnreachableError, f"{where}: cannot reach the {kind}, the "
                           f"connection was lost ({type(err).__name__}: {err or 'no answer'})")

    def _refused(self, where: str, status: int, message: str, *, what: str) -> EndpointError:
        said = f": {message}" if message else ""
        if status == 401:
            hint = ("the credentials were refused" if self.has_credentials else
                    "it wants credentials: set TKG_ENDPOINT_USER and TKG_ENDPOINT_PASSWORD, "
                    "or write them in the URL")
            return self._raise(CredentialsError, f"{where}: HTTP {status}, {hint}{said}",
                               status=status)
        code = f"HTTP {status}" if status else "an HTTP error"
        return self._raise(EndpointAnswerError, f"{where}: {what} was refused ({code}){said}",
                           status=status or None)

    # -- SPARQL 1.1 Graph Store HTTP Protocol ---------------------------------------------

    def _graph_request(self, method: str, graph: str, body: bytes | None = None,
                       content_type: str = "application/n-triples") -> int:
        base = self.graph_store
        url = f"{base}{'&' if '?' in base else '?'}graph={urllib.parse.quote(graph, safe='')}"
        req = urllib.request.Request(url, data=body, method=method, headers=self._headers)
        if body is not None:
            req.add_header("Content-Type", content_type)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                self._read(resp, base, started)
                return int(resp.status)
        except urllib.error.HTTPError as err:
            if method == "DELETE" and err.code == 404:
                return 404
            raise self._refused(base, err.code, _server_message(err) or str(err.reason),
                                what=f"{method} graph {graph}") from None
        except (OSError, http.client.HTTPException) as err:
            raise self._network(base, "Graph Store endpoint", err) from None

    def put_graph(self, graph: str, body: bytes, *,
                  content_type: str = "application/n-triples") -> None:
        """Replace one named graph with ``body`` in a single ``PUT`` (the server swaps it whole)."""
        self._graph_request("PUT", graph, body, content_type)

    def delete_graph(self, graph: str) -> bool:
        """Delete one named graph; ``False`` when the endpoint did not hold it."""
        return self._graph_request("DELETE", graph) != 404
