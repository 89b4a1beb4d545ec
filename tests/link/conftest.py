"""A local Oxigraph SPARQL server loaded with the endpoint fixture (127.0.0.1, free port), and
the same server behind a proxy that demands HTTP Basic credentials."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.authproxy import AuthProxy

FIXTURE = Path(__file__).parent / "endpoint-data.ttl"
USER, PASSWORD = "ann", "s3cret-pw"


def _oxigraph() -> str:
    found = Path(sys.executable).parent / "oxigraph"
    if found.is_file():
        return str(found)
    which = shutil.which("oxigraph")
    if which is None:
        raise RuntimeError("the oxigraph server binary (PyPI package 'oxigraph') is needed")
    return which


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait(url: str, proc: subprocess.Popen[bytes], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph did not answer on {url}")


@pytest.fixture(scope="session")
def sparql_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of a server started here and stopped afterwards."""
    binary, location = _oxigraph(), tmp_path_factory.mktemp("oxigraph")
    subprocess.run([binary, "load", "--location", str(location), "--file", str(FIXTURE)],
                   check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def auth_proxy(sparql_endpoint: str) -> Iterator[AuthProxy]:
    """The endpoint behind a proxy that demands ``ann``'s password and records what came."""
    with AuthProxy(sparql_endpoint, user=USER, password=PASSWORD) as proxy:
        yield proxy
