"""A reverse proxy on 127.0.0.1 that demands HTTP Basic credentials in front of a real server.

Every request's ``Authorization`` header is recorded (``None`` when there was none); a request
without the expected credentials gets ``401`` and never reaches the server; the others are
forwarded as they came (method, path, body, content type, accept) and the server's answer is
returned as it is, errors included.
"""

from __future__ import annotations

import base64
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


class AuthProxy:
    """``AuthProxy(upstream, user=..., password=...)``: a proxy of ``upstream``'s origin."""

    def __init__(self, upstream: str, *, user: str, password: str) -> None:
        parts = urllib.parse.urlsplit(upstream)
        self.upstream = f"{parts.scheme}://{parts.netloc}"
        self.expected = basic(user, password)
        self.seen: list[str | None] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str = "/query") -> str:
        return f"http://127.0.0.1:{self._server.server_port}{path}"

    def __enter__(self) -> AuthProxy:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                sent = self.headers.get("Authorization")
                proxy.seen.append(sent)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if sent != proxy.expected:
                    self._answer(401, "text/plain", b"credentials required",
                                 {"WWW-Authenticate": 'Basic realm="sparql"'})
                    return
                req = urllib.request.Request(proxy.upstream + self.path, method=self.command,
                                             data=body if self.command in ("POST", "PUT") else None)
                for name in ("Content-Type", "Accept"):
                    if self.headers.get(name):
                        req.add_header(name, self.headers[name])
                try:
                    with urllib.request.urlopen(req, timeout=60) as resp:
                        self._answer(resp.status, resp.headers.get("Content-Type", ""), resp.read())
                except urllib.error.HTTPError as err:
                    self._answer(err.code, err.headers.get("Content-Type", ""), err.read())

            def _answer(self, status: int, content_type: str, body: bytes,
                        extra: dict[str, str] | None = None) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _forward  # the names http.server dispatches to

            def log_message(self, *args: object) -> None:
                pass

        return Handler
