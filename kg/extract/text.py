"""A document's text with the offsets of its lines, to turn matches into spans.

Rules match the normalised text (:mod:`kg.extract.normalise`); every span is
mapped back to the original text, which is what it quotes.

>>> d = Doc.of("a\\nbc\\n")
>>> d.fact("bc", 2, 4).span
Span(start=2, end=4, line=2, page=None)
>>> d = Doc.of("d’industrie\\nL’an")
>>> d.text
"d'industrie\\nL'an"
>>> span = d.fact("an", 14, 16).span
>>> d.original[span.start:span.end], span.line
('an', 2)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from kg.extract.normalise import Normalised, normalise
from kg.extract.records import Fact, Issue, Severity, SourceDocument, Span

T = TypeVar("T")
_TAGS = re.compile(r"</?(?:b|strong|i|em|u|br|span|p|td|th|tr)\b[^>]*>", re.IGNORECASE)


def clean(text: str) -> str:
    """Strip HTML/Markdown emphasis and surrounding space and punctuation from a cell or name."""
    text = _TAGS.sub("", text).replace("**", "").replace("__", "")
    return text.strip().strip(" \t;:,").strip()


@dataclass
class Doc:
    """Normalised text plus bookkeeping: line offsets, consumed lines and issues.

    Offsets given to :meth:`span`, :meth:`fact` and :meth:`warn` are offsets of
    ``text`` (normalised); the spans they return are offsets and lines of
    ``original``. ``used_lines`` counts lines of ``text``.
    """

    text: str
    original: str = ""
    pages: tuple[int, ...] = ()
    line_starts: list[int] = field(default_factory=list)
    used_lines: set[int] = field(default_factory=set)
    issues: list[Issue] = field(default_factory=list)
    normalised: Normalised | None = None
    original_line_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, pages: tuple[int, ...] = ()) -> Doc:
        n = normalise(text)
        starts = [0] + [m.end() for m in re.finditer("\n", n.text)]
        original_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        return cls(text=n.text, original=text, pages=pages, line_starts=starts, normalised=n,
                   original_line_starts=original_starts)

    @classmethod
    def from_source(cls, source: SourceDocument) -> Doc:
        return cls.of(source.text, source.pages)

    def line_of(self, offset: int) -> int:
        """The line of ``text`` (normalised) holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset)

    def locate(self, start: int, end: int) -> Span:
        """The span of the original text that ``text[start:end]`` was normalised from."""
        a, b = self.normalised.to_original(start, end) if self.normalised else (start, end)
        page = bisect.bisect_right(self.pages, a) if self.pages else None
        line = bisect.bisect_right(self.original_line_starts, a) if self.original_line_starts \
            else self.line_of(start)
        return Span(start=a, end=b, line=line, page=page)

    def span(self, start: int, end: int) -> Span:
        first, last = self.line_of(start), self.line_of(max(start, end - 1))
        self.used_lines.update(range(first, last + 1))
        return self.locate(start, end)

    def fact(self, value: T, start: int, end: int, rule: str | None = None) -> Fact[T]:
        return Fact(value=value, span=self.span(start, end), rule=rule)

    def group_fact(self, m: re.Match[str], group: str | int, value: T,
                   rule: str | None = None) -> Fact[T]:
        return self.fact(value, m.start(group), m.end(group), rule)

    def text_fact(self, m: re.Match[str], group: str | int, rule: str | None = None) -> Fact[str]:
        """The cleaned text of a group, with a span trimmed to what was kept."""
        raw = m.group(group)
        kept = clean(raw)
        offset = m.start(group) + max(raw.find(kept), 0)
        return self.fact(kept, offset, offset + len(kept), rule)

    def lines(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
        """(offset, line) pairs for the lines within ``[start, end)``."""
        end = len(self.text) if end is None else end
        i = bisect.bisect_right(self.line_starts, start) - 1
        while i < len(self.line_starts) and self.line_starts[i] < end:
            s = self.line_starts[i]
            e = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
            yield s, self.text[s:e]
            i += 1

    def warn(self, message: str, start: int | None = None, end: int | None = None) -> None:
        span = self.locate(start, end or start) if start is not None else None
        self.issues.append(Issue(Severity.WARNING, message, span))
