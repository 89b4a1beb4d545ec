"""A document's text with the offsets of its lines, to turn matches into spans.

>>> d = Doc.of("a\\nbc\\n")
>>> d.fact("bc", 2, 4).span
Span(start=2, end=4, line=2, page=None)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from kg.extract.records import Fact, Issue, Severity, SourceDocument, Span

T = TypeVar("T")
_TAGS = re.compile(r"</?(?:b|strong|i|em|u|br|span|p|td|th|tr)\b[^>]*>", re.IGNORECASE)


def clean(text: str) -> str:
    """Strip HTML/Markdown emphasis and surrounding space and punctuation from a cell or name."""
    text = _TAGS.sub("", text).replace("**", "").replace("__", "")
    return text.strip().strip(" \t;:,").strip()


@dataclass
class Doc:
    """Text plus bookkeeping: line offsets, consumed lines and issues."""

    text: str
    pages: tuple[int, ...] = ()
    line_starts: list[int] = field(default_factory=list)
    used_lines: set[int] = field(default_factory=set)
    issues: list[Issue] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, pages: tuple[int, ...] = ()) -> Doc:
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        return cls(text=text, pages=pages, line_starts=starts)

    @classmethod
    def from_source(cls, source: SourceDocument) -> Doc:
        return cls.of(source.text, source.pages)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def span(self, start: int, end: int) -> Span:
        page = bisect.bisect_right(self.pages, start) if self.pages else None
        first, last = self.line_of(start), self.line_of(max(start, end - 1))
        self.used_lines.update(range(first, last + 1))
        return Span(start=start, end=end, line=first, page=page)

    def fact(self, value: T, start: int, end: int) -> Fact[T]:
        return Fact(value=value, span=self.span(start, end))

    def group_fact(self, m: re.Match[str], group: str | int, value: T) -> Fact[T]:
        return self.fact(value, m.start(group), m.end(group))

    def text_fact(self, m: re.Match[str], group: str | int) -> Fact[str]:
        """The cleaned text of a group, with a span trimmed to what was kept."""
        raw = m.group(group)
        kept = clean(raw)
        offset = m.start(group) + max(raw.find(kept), 0)
        return self.fact(kept, offset, offset + len(kept))

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
        span = None
        if start is not None:
            page = bisect.bisect_right(self.pages, start) if self.pages else None
            span = Span(start, end or start, self.line_of(start), page)
        self.issues.append(Issue(Severity.WARNING, message, span))
