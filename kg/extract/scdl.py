"""SCDL deliberations CSV (``scdl/deliberations`` 2.1.x) -> :class:`Deliberation` records.

One record per row. A CSV has no prose, so every fact's span is the span of
the cell it was read from (the row's span when the cell cannot be located),
with the row's line. Columns read:

- ``COLL_NOM`` -> authority (the name as written; resolution is the registry's job);
- ``DELIB_DATE`` -> session date; ``DELIB_OBJET`` -> subject title;
- ``DELIB_ID`` -> subject number, unless it is an IRI (this project's export
  uses the deliberation's IRI when the text gave no number);
- ``VOTE_EFFECTIF`` -> members in office; ``VOTE_REEL`` -> voters;
  ``VOTE_POUR`` / ``VOTE_CONTRE`` / ``VOTE_ABSTENTION`` -> the vote.

``COLL_SIRET``, ``DELIB_MATIERE_*``, ``BUDGET_*``, ``PREF_*`` and ``DELIB_URL``
have no place in the record contract and are not read.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "d.csv"
>>> _ = p.write_text("COLL_NOM,DELIB_ID,DELIB_DATE,DELIB_OBJET,VOTE_POUR\\n"
...                  "Dijon Métropole,2024-12,2024-09-26,Convention,78\\n", encoding="utf-8")
>>> [d] = read_scdl(p)
>>> d.authority.value, d.subject.number.value, d.vote.pour.value, d.vote.pour.span.line
('Dijon Métropole', '2024-12', 78, 2)
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from kg.extract.documents import read_document
from kg.extract.errors import ExtractionError
from kg.extract.records import Counts, Deliberation, Fact, SourceDocument, Span, Subject, Vote
from kg.extract.records import Session as SessionRecord

REQUIRED = ("COLL_NOM", "DELIB_DATE", "DELIB_OBJET")
_IRI = re.compile(r"^https?://\S+$")
_COUNT = re.compile(r"[0-9]{1,6}")  # ASCII digits only: "7²".isdigit() is true, int("7²") fails


def _lines(text: str) -> tuple[list[str], list[int]]:
    lines = text.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    return lines, offsets


def rows(text: str, delimiter: str, *, path: str = "") -> Iterator[tuple[Span, list[tuple[str, Span]]]]:
    """Each CSV record with its span, and each cell with its own span.

    A record the CSV reader refuses (a field longer than its limit of 131,072
    characters, a NUL byte) is an :class:`ExtractionError` at the record's line.
    """
    lines, offsets = _lines(text)
    consumed = 0

    def feed() -> Iterator[str]:
        nonlocal consumed
        while consumed < len(lines):
            consumed += 1
            yield lines[consumed - 1]

    first = 0
    reader = csv.reader(feed(), delimiter=delimiter)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise ExtractionError(path, f"unreadable CSV record ({err})", line=first + 1) from None
        last = consumed - 1
        row = Span(offsets[first], offsets[last] + len(lines[last].rstrip("\n")), first + 1)
        yield row, list(zip(cells, _cell_spans(text, row, cells, delimiter), strict=True))
        first = consumed


def _cell_spans(text: str, row: Span, cells: list[str], delimiter: str) -> list[Span]:
    out, pos = [], row.start
    for cell in cells:
        quoted = pos < row.end and text[pos] == '"'
        raw = '"' + cell.replace('"', '""') + '"' if quoted else cell
        if text.startswith(raw, pos):
            inner = (pos + 1, pos + len(raw) - 1) if quoted else (pos, pos + len(raw))
            out.append(Span(*inner, line=row.line + text.count("\n", row.start, inner[0])))
            pos += len(raw) + 1
        else:  # not where expected: fall back to the row
            out.append(row)
    return out


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


class _Row:
    def __init__(self, source: SourceDocument, span: Span, cells: dict[str, tuple[str, Span]]):
        self.source, self.span, self.cells = source, span, cells

    def text(self, column: str) -> Fact[str] | None:
        value, span = self.cells.get(column, ("", self.span))
        return Fact(value.strip(), span) if value.strip() else None

    def required(self, column: str) -> Fact[str]:
        fact = self.text(column)
        if fact is None:
            raise ExtractionError(self.source.path, f"{column} is empty; the SCDL format "
                                  "requires it", line=self.span.line)
        return fact

    def integer(self, column: str) -> Fact[int] | None:
        fact = self.text(column)
        if fact is None:
            return None
        if not _COUNT.fullmatch(fact.value):
            shown = fact.value if len(fact.value) <= 20 else fact.value[:20] + "…"
            raise ExtractionError(self.source.path, f"{column} {shown!r}: expected a whole number "
                                  "of members (digits 0-9, at most 6)", line=fact.span.line)
        return Fact(int(fact.value), fact.span)

    def date(self, column: str) -> Fact[dt.date]:
        fact = self.required(column)
        try:
            return Fact(dt.date.fromisoformat(fact.value), fact.span)
        except ValueError:
            raise ExtractionError(self.source.path, f"{column} {fact.value!r}: expected a date "
                                  "AAAA-MM-JJ", line=fact.span.line) from None


def _record(row: _Row) -> Deliberation:
    number = row.text("DELIB_ID")
    if number is not None and _IRI.match(number.value):
        number = None
    return Deliberation(
        source=row.source,
        authority=row.required("COLL_NOM"),
        session=SessionRecord(date=row.date("DELIB_DATE")),
        subject=Subject(title=row.required("DELIB_OBJET"), number=number),
        counts=Counts(in_office=row.integer("VOTE_EFFECTIF"), voters=row.integer("VOTE_REEL")),
        vote=Vote(pour=row.integer("VOTE_POUR"), contre=row.integer("VOTE_CONTRE"),
                  abstention=row.integer("VOTE_ABSTENTION")),
    )


def read_scdl(path: Path, *, display: str | None = None) -> list[Deliberation]:
    """The deliberations of an SCDL deliberations CSV, one per row.

    Raises :class:`ExtractionError` (file and line) for a file that is not one, a
    missing required value, a malformed date or count.
    """
    source = replace(read_document(path, display=display), media_type="text/csv")
    header_line = source.text.split("\n", 1)[0]
    records = rows(source.text, _delimiter(header_line), path=source.path)
    try:
        _span, header = next(records)
    except StopIteration:
        raise ExtractionError(source.path, "empty CSV") from None
    columns = [name.strip() for name, _ in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ExtractionError(source.path, "not an SCDL deliberations CSV: missing column(s) "
                              + ", ".join(missing), line=1)
    out = []
    for span, cells in records:
        if not any(value.strip() for value, _ in cells):
            continue
        if len(cells) != len(columns):
            raise ExtractionError(source.path, f"{len(cells)} cells, expected {len(columns)} "
                                  "(one per column of the header)", line=span.line)
        out.append(_record(_Row(source, span, dict(zip(columns, cells, strict=True)))))
    if not out:
        raise ExtractionError(source.path, "SCDL deliberations CSV without a row")
    return out
