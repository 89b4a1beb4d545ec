"""Printing SELECT results as a table, CSV, TSV or SPARQL 1.1 JSON.

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

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.store import Results, Term

RESULT_FORMATS = ("table", "csv", "tsv", "json")


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
    elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
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
        w.writerows([[_plain(t) for t in row] for row in results.rows])
        return buf.getvalue()
    cells = [list(results.variables)] + [[_plain(t) for t in row] for row in results.rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(results.variables))]
    def line(r: list[str]) -> str:
        cells = ((c if len(c) <= 60 else "…" + c[-59:]).ljust(w) for c, w in zip(r, widths, strict=True))
        return "  ".join(cells).rstrip()
    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), sep, *(line(r) for r in cells[1:])]) + f"\n({len(results.rows)} rows)\n"
