"""Printing a validation report: text grouped by document, JSON, or a SHACL report in Turtle."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from typing import TextIO

from kg.output import strip_controls
from kg.validate.results import Report, Source, ValidationResult


def _as_dict(r: ValidationResult) -> dict[str, object]:
    return {
        "severity": r.severity, "rule": r.rule, "focus": r.focus, "path": r.path, "component": r.component,
        "shape": r.shape, "value": r.value, "messages": r.messages,
        "documents": list(r.documents), "more_sources": r.more_sources,
        "sources": [{"document": s.document, "title": s.title, "line": s.line, "quote": s.quote,
                     "line_text": s.line_text}
                    for s in r.sources],
    }


def _quoted(s: Source) -> str:
    """The source line, whitespace collapsed, with the value read from it between « »."""
    line = " ".join(s.line_text.split()) or s.quote.strip()
    quote = " ".join(s.quote.split())
    if quote and quote in line and quote != line:
        line = line.replace(quote, f"«{quote}»", 1)
    return line if len(line) <= 160 else line[:157] + "…"


class _Terminal:
    """Writes text with control characters removed from each line (the newlines kept)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> None:
        self.out.write("\n".join(strip_controls(line) for line in text.split("\n")))


def print_report(report: Report, *, fmt: str = "text") -> None:
    out = sys.stdout
    if fmt == "turtle":
        out.write(report.graph.serialize(format="turtle"))
        return
    if fmt == "json":
        doc = {"conforms": not report.violations, "shacl_conforms": report.conforms,
               "results": [_as_dict(r) for r in report.results]}
        # Written as it is encoded: with an indent, json encodes in Python, and dumps() would
        # hold every piece of the text before joining them (20 MB for 1,893 results)
        json.dump(doc, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    screen = _Terminal(out)  # quoted source lines come from documents: no terminal escape
    # Each result under the documents that state the offending fact (all of them, joined).
    groups: dict[tuple[str, ...], list[ValidationResult]] = defaultdict(list)
    for r in report.results:
        groups[r.documents or ("(no source document)",)].append(r)
    for titles, results in sorted(groups.items()):
        screen.write("; ".join(titles) + "\n")
        for r in results:
            path = f" {r.path.rsplit('#', 1)[-1]}" if r.path else ""
            value = f" = {r.value}" if r.value is not None and r.value != r.focus else ""
            screen.write(f"  {r.severity} [{r.rule}]: {r.message('en')}\n"
                      f"    at {r.focus}{path}{value}\n")
            for s in r.sources:
                if s.line:
                    where = f"{s.title}, " if len(r.documents) > 1 else ""
                    screen.write(f"    {where}line {s.line}: {_quoted(s)}\n")
            if r.more_sources:
                screen.write(f"    and {r.more_sources} more document(s) stating it\n")
    n_v = len(report.violations)
    n_w = sum(1 for r in report.results if r.severity == "Warning")
    verdict = "conforms" if not n_v else "does not conform"
    screen.write(f"The graph {verdict}: {n_v} violation(s), {n_w} warning(s).\n")
