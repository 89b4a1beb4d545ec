"""Printing SELECT results as a table, CSV, TSV or SPARQL 1.1 JSON.

Values come from documents nobody vetted. The table, meant for a terminal, shows
no control character (an escape sequence in a deliberation could rewrite the
screen); CSV cells that a spreadsheet would run as a formula get a leading ``'``
(:func:`defuse`); TSV and JSON carry the values exactly.

>>> from pyoxigraph import Literal
>>> r = Results(variables=("a", "b"), rows=((Literal("x"), None),))
>>> print(format_results(r, "csv"), end="")
a,b
x,
"""

from __future__ import annotations

import csv
import io
import json
import re

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.mapping.vocab import XSD
from kg.store import Results, Term

_XSD_STRING = str(XSD.string)

RESULT_FORMATS = ("table", "csv", "tsv", "json")
# Terminal escape sequences (CSI, OSC, other ESC), then any control or bidirectional-override character.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def strip_controls(text: str) -> str:
    """``text`` with terminal escape sequences removed and control characters as spaces.

    >>> strip_controls("a\\x1b[2J\\x1b]0;title\\x07b\\tc\\u202ed")
    'ab c d'
    """
    return _CONTROLS.sub(" ", _ESCAPES.sub("", text))


def defuse(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: a leading ``'`` before ``=``, ``+``, ``-``, ``@``,
    tab or carriage return (OWASP, "CSV Injection"), except for a plain number such as ``-10545``.

    >>> defuse("=HYPERLINK(1)"), defuse("-10545"), defuse("-1+2"), defuse("58500")
    ("'=HYPERLINK(1)", '-10545', "'-1+2", '58500')
    """
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _plain(t: Term | None) -> str:
    return "" if t is None else t.value


def _json_term(t: Term) -> dict[str, str]:
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != _XSD_STRING:
        out["datatype"] = t.datatype.value
    return out


def _tsv_term(t: Term | None) -> str:
    if t is None:
        return ""
    if isinstance(t, NamedNode):
        return f"<{t.value}>"
    if isinstance(t, Literal):
        return str(t)
    return f"_:{t.value}"


def format_results(results: Results, fmt: str) -> str:
    if fmt == "json":
        doc = {"head": {"vars": list(results.variables)},
               "results": {"bindings": [
                   {v: _json_term(t) for v, t in zip(results.variables, row, strict=True) if t is not None}
                   for row in results.rows]}}
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if fmt == "tsv":  # SPARQL 1.1 TSV: variables with '?', terms in Turtle syntax
        lines = ["\t".join("?" + v for v in results.variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in results.rows]
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(results.variables)
        w.writerows([[defuse(_plain(t)) for t in row] for row in results.rows])
        return buf.getvalue()
    cells = [list(results.variables)] + [[strip_controls(_plain(t)) for t in row] for row in results.rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(results.variables))]
    def line(r: list[str]) -> str:
        cells = ((c if len(c) <= 60 else "…" + c[-59:]).ljust(w) for c, w in zip(r, widths, strict=True))
        return "  ".join(cells).rstrip()
    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), sep, *(line(r) for r in cells[1:])]) + f"\n({len(results.rows)} rows)\n"
