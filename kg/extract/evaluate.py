"""Scoring the extractor against what a careful reader recorded (``tkg eval``).

Each document ``NAME.txt`` (or ``.md``, ``.pdf``) beside a ``NAME.expected.json``
is extracted and compared field by field. A field counts a true positive when
the value read is the one recorded, a false positive when a value is read that
the reader did not record (or a wrong one), a false negative when a recorded
value is not read (or read wrong). The keys are those of the corpus README:
``authority``, ``council_kind``, ``session_date``, ``convocation_date``,
``president``, ``secretary``, ``counts``, ``counts_by_question_range``,
``proxies``, ``subject``, ``vote``, ``items`` (number, subject, vote, funding)
and funding rows. A key the reader did not write means the text does not state
it, so a value read there is a false positive. SCDL files are scored on their
records, authority, dates and a sample row.

>>> s = FieldScore()
>>> s.add(expected=3, got=3, same=True); s.add(expected=None, got=5, same=False)
>>> s.tp, s.fp, s.fn, round(s.precision, 2), s.recall
(1, 1, 0, 0.5, 1.0)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.extract.errors import ExtractionError
from kg.extract.evaluate_fields import document_fields, scdl_fields

EXPECTED_SUFFIX = ".expected.json"
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".csv")


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, *, expected: object, got: object, same: bool) -> None:
        if expected is None and got is None:
            return
        if expected is None:
            self.fp += 1
        elif got is None:
            self.fn += 1
        elif same:
            self.tp += 1
        else:
            self.fp += 1
            self.fn += 1

    def merge(self, other: FieldScore) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(frozen=True)
class Difference:
    field: str
    expected: str
    got: str


@dataclass
class DocumentScore:
    path: str
    fields: dict[str, FieldScore] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)
    error: str | None = None

    def total(self) -> FieldScore:
        out = FieldScore()
        for s in self.fields.values():
            out.merge(s)
        return out


class Scorer:
    """Collects comparisons for one document; the field readers call :meth:`compare`."""

    def __init__(self, score: DocumentScore) -> None:
        self.score = score

    def compare(self, name: str, expected: object, got: object,
                same: Callable[[Any, Any], bool] | None = None) -> None:
        eq = same or (lambda a, b: a == b)
        ok = expected is not None and got is not None and eq(expected, got)
        self.score.fields.setdefault(name, FieldScore()).add(expected=expected, got=got, same=ok)
        if not ok and (expected is not None or got is not None):
            self.score.differences.append(Difference(name, _show(expected), _show(got)))

    def match_lists(self, name: str, expected: Iterable[Any], got: Iterable[Any],
                    same: Callable[[Any, Any], bool]) -> None:
        """Score two lists as sets: each expected element matched to at most one read element."""
        left, right = list(got), []
        for e in expected:
            hit = next((g for g in left if same(e, g)), None)
            if hit is None:
                self.compare(name, e, None)
            else:
                left.remove(hit)
                right.append(hit)
                self.compare(name, e, hit, lambda a, b: True)
        for g in left:
            self.compare(name, None, g)


def _show(value: object) -> str:
    if value is None:
        return "(nothing)"
    if isinstance(value, tuple | list):
        return " -> ".join(_show(v) for v in value)
    return str(value)


@dataclass
class CorpusScore:
    documents: list[DocumentScore]

    def fields(self) -> dict[str, FieldScore]:
        out: dict[str, FieldScore] = {}
        for d in self.documents:
            for name, s in d.fields.items():
                out.setdefault(name, FieldScore()).merge(s)
        return dict(sorted(out.items()))

    def total(self) -> FieldScore:
        out = FieldScore()
        for s in self.fields().values():
            out.merge(s)
        return out


def pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(document, expected file) pairs of a folder; a document may come in several formats."""
    out = []
    for expected in sorted(folder.glob("*" + EXPECTED_SUFFIX)):
        stem = expected.name[: -len(EXPECTED_SUFFIX)]
        out += [(folder / (stem + s), expected) for s in DOCUMENT_SUFFIXES if (folder / (stem + s)).is_file()]
    return out


def score_document(document: Path, expected_file: Path) -> DocumentScore:
    from kg.extract import extract
    from kg.extract.scdl import read_scdl

    score = DocumentScore(path=document.name)
    scorer = Scorer(score)
    try:
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ExtractionError(str(expected_file), f"cannot read the expected facts: {err}") from None
    if not isinstance(expected, dict):
        raise ExtractionError(str(expected_file), "expected a JSON object of recorded facts")
    try:
        if document.suffix.lower() == ".csv":
            scdl_fields(scorer, expected, read_scdl(document, display=document.name))
        else:
            document_fields(scorer, expected, extract(document, display=document.name))
    except ExtractionError as err:
        score.error = str(err)
        document_fields(scorer, expected, None)
    return score


def evaluate(folder: Path) -> CorpusScore:
    found = pairs(folder)
    if not found:
        raise ExtractionError(str(folder), f"no document with a *{EXPECTED_SUFFIX} beside it")
    return CorpusScore([score_document(d, e) for d, e in found])


def report(corpus: CorpusScore, *, details: bool = True) -> str:
    """The score as text: one line per field, then what differs per document."""
    lines = [f"{'field':<28}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}"]
    scored = [(k, v) for k, v in corpus.fields().items() if v.tp + v.fp + v.fn]
    rows = [*scored, ("all fields", corpus.total())]
    for name, s in rows:
        lines.append(f"{name:<28}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>10.1%}{s.recall:>9.1%}")
    for d in corpus.documents:
        t = d.total()
        head = f"{d.path}: precision {t.precision:.1%}, recall {t.recall:.1%}"
        lines += ["", head + (f" (rejected: {d.error})" if d.error else "")]
        if details:
            lines += [f"  {x.field}: expected {x.expected}, read {x.got}" for x in d.differences]
    return "\n".join(lines)


def as_json(corpus: CorpusScore) -> dict[str, Any]:
    def counts(s: FieldScore) -> dict[str, float]:
        return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall}

    return {
        "total": counts(corpus.total()),
        "fields": {k: counts(v) for k, v in corpus.fields().items()},
        "documents": [{"path": d.path, "error": d.error, **counts(d.total()),
                       "differences": [vars(x) for x in d.differences]} for d in corpus.documents],
    }
