"""A SELECT on the embedded store with a time limit: run in a child process that can be killed.

pyoxigraph has no query time-out and evaluates without returning to Python, so neither a
time limit nor Ctrl-C can interrupt it in-process. The query runs instead in a child
process (``python -m kg.store.timed``) that opens the store read-only and writes SPARQL
JSON results; the parent waits at most ``timeout`` seconds, and on time-out or Ctrl-C
kills the child, which stops the work and lets go of the store at once.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "store"
>>> OxigraphStore(folder).close()
>>> timed_select(folder, "SELECT (1 + 1 AS ?n) {}", timeout=30).rows[0][0].value
'2'
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, parse_query_results

from kg.store import OxigraphStore, Results, StoreError, Term, require_store, results

DEFAULT_TIMEOUT = 60.0  # seconds, for `tkg query` and `tkg sparql`
_FAILED = 3  # the child's exit code when it reports an error on stderr


def _encode(t: Term) -> dict[str, str]:
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value, "datatype": t.datatype.value}
    if t.language:
        out["lang"] = t.language
    return out


def _decode(d: Mapping[str, str]) -> Term:
    if d["type"] == "uri":
        return NamedNode(d["value"])
    if d["type"] == "bnode":
        return BlankNode(d["value"])
    if "lang" in d:
        return Literal(d["value"], language=d["lang"])
    return Literal(d["value"], datatype=NamedNode(d["datatype"]))


def timed_select(path: Path, query: str, *, bindings: Mapping[str, Term] | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> Results:
    """Run ``query`` on the store at ``path`` in a child process killed after ``timeout`` s."""
    require_store(path)
    request = json.dumps({"path": str(path), "query": query,
                          "bindings": {k: _encode(v) for k, v in (bindings or {}).items()}})
    proc = subprocess.Popen([sys.executable, "-m", "kg.store.timed"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(request.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise StoreError(f"the query did not finish within {timeout:g} s and was stopped "
                         "(--timeout SECONDS sets the limit)") from None
    except BaseException:  # Ctrl-C: stop the query now, then let the interrupt through
        proc.kill()
        proc.wait()
        raise
    if proc.returncode != 0:
        message = err.decode("utf-8", "replace").strip().splitlines()
        raise StoreError(message[-1] if proc.returncode == _FAILED and message
                         else f"the query process failed (exit {proc.returncode})")
    return results(parse_query_results(out, QueryResultsFormat.JSON))  # type: ignore[arg-type]


def _child(request: dict[str, Any]) -> None:
    store = OxigraphStore(Path(request["path"]), read_only=True)
    bindings = {k: _decode(v) for k, v in request["bindings"].items()}
    store.solutions(request["query"], bindings=bindings).serialize(
        sys.stdout.buffer, QueryResultsFormat.JSON)


def main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides, and kills this process
    try:
        _child(json.loads(sys.stdin.buffer.read()))
    except Exception as err:  # one line for the parent to show: a syntax error, a SERVICE...
        print(" ".join(str(err).split()) or type(err).__name__, file=sys.stderr)
        return _FAILED
    sys.stdout.flush()
    os._exit(0)  # the store is read-only: nothing to flush


if __name__ == "__main__":
    sys.exit(main())
