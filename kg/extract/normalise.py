"""Normalising a document's text before matching, with a map back to the original.

Rules match one spelling of each thing; documents write it many ways. Before
any rule runs, the text is rewritten once:

- apostrophe and quote look-alikes (’ ‘ ʼ ´ ` ′) become ``'``, curly double
  quotes ``"``; dashes (– — ‑ ‐ −) become ``-``;
- no-break, narrow, thin and other Unicode spaces become a plain space;
  zero-width characters and soft hyphens are dropped;
- ligatures other than œ/æ (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) are spelled out;
- a word cut by a hyphen at a line end is joined ("indus-\\ntrie" ->
  "industrie"); a compound cut after its hyphen keeps it ("Jean-\\nPierre",
  "Jean- Pierre" -> "Jean-Pierre");
- runs of spaces inside a number collapse ("42  000,00" -> "42 000,00");
- words glued by a lost space are parted ("Jean-MarcAUDOUIN", "MmeAnne-Sophie");
- letter-spaced headings close up ("D É L I B É R A T I O N" -> "DÉLIBÉRATION").

Casing is left as written (names need it): rules match case-insensitively.

Every rewrite is recorded, so that a span of the normalised text maps back to
the original text, which is what the graph quotes.

>>> n = normalise("Territoires d’industrie : 42  000,00 €")
>>> n.text
"Territoires d'industrie : 42 000,00 €"
>>> start = n.text.index("42"); end = n.text.index(" €")
>>> a, b = n.to_original(start, end)
>>> n.original[a:b]
'42  000,00'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_CHARS = {
    **dict.fromkeys("’‘ʼ´`′‛", "'"),
    **dict.fromkeys("“”„‟″", '"'),
    **dict.fromkeys("–—‑‐−‒", "-"),
    **dict.fromkeys("\u00a0\u202f\u2007\u2008\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
}
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿœ"
_REWRITE = re.compile(
    # spaces inside a number: one is kept
    r"(?<=\d)(?P<numsp>[ \u00a0\u202f]{2,3})(?=\d{3}(?!\d))"
    "|(?P<char>[" + re.escape("".join(_CHARS)) + "])"
    # a word cut at a line end: the hyphen and the line break go
    rf"|(?<=[{_LOWER}])(?P<cut>-[ \t]*\n[ \t]*)(?=[{_LOWER}])"
    # a compound cut after its hyphen: the space or line break goes
    rf"|(?<=[{_UPPER}{_LOWER}])-(?P<compound>[ \t]*\n[ \t]*|[ \t]+)(?=[{_UPPER}][{_LOWER}]|[{_UPPER}]{{2}})"
    # words glued by a lost space: "Jean-MarcAUDOUIN", "MmeAnne-Sophie" (a space is put back)
    rf"|(?P<glued>(?<=[{_LOWER}])(?=[{_UPPER}]{{3}})|(?<=\bMme)(?=[{_UPPER}][{_LOWER}]))"
    # letter-spaced headings: at least five single capitals one space apart
    rf"|(?<![\w'])(?P<spaced>[{_UPPER}](?: [{_UPPER}]){{4,}})(?![\w'])"
)


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised text and the map of its offsets back to the original text.

    ``_starts`` are the normalised offsets where a piece begins, ``_origins`` the
    original offset of each piece, ``_copied`` whether the piece is a verbatim copy
    (offsets inside it shift by one) or a rewrite (offsets inside it map to the
    whole rewritten original).
    """

    text: str
    original: str
    _starts: tuple[int, ...]
    _origins: tuple[int, ...]
    _ends: tuple[int, ...]
    _copied: tuple[bool, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of a normalised range (an empty range stays empty)."""
        a = self._start(start)
        return (a, a) if end <= start else (a, max(a, self._end(end)))

    def _start(self, i: int) -> int:
        if not self._starts:
            return i
        k = max(bisect.bisect_right(self._starts, i) - 1, 0)
        if self._copied[k]:
            return min(self._origins[k] + (i - self._starts[k]), self._ends[k])
        return self._origins[k] if i < self._next(k) else self._ends[k]

    def _end(self, i: int) -> int:
        if i == 0 or not self._starts:
            return i
        k = max(bisect.bisect_right(self._starts, i - 1) - 1, 0)
        if self._copied[k]:
            return min(self._origins[k] + (i - self._starts[k]), self._ends[k])
        return self._ends[k]

    def _next(self, k: int) -> int:
        return self._starts[k + 1] if k + 1 < len(self._starts) else len(self.text)


def _replacement(m: re.Match[str]) -> str:
    if m["char"] is not None:
        return _CHARS[m["char"]]
    if m["cut"] is not None:
        return ""
    if m["compound"] is not None:
        return "-"
    if m["numsp"] is not None or m["glued"] is not None:
        return " "
    return m["spaced"].replace(" ", "")


def normalise(original: str) -> Normalised:
    """Rewrite look-alikes, spaces, cuts and spaced headings, keeping the offset map."""
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    ends: list[int] = []
    copied: list[bool] = []
    size = 0
    pos = 0

    def piece(text: str, origin: int, end: int, *, copy: bool) -> None:
        nonlocal size
        starts.append(size)
        origins.append(origin)
        ends.append(end)
        copied.append(copy)
        parts.append(text)
        size += len(text)

    for m in _REWRITE.finditer(original):
        start, end = m.span()
        if start > pos:
            piece(original[pos:start], pos, start, copy=True)
        piece(_replacement(m), start, end, copy=False)
        pos = end
    if pos < len(original) or not parts:
        piece(original[pos:], pos, len(original), copy=True)
    return Normalised("".join(parts), original, tuple(starts), tuple(origins), tuple(ends),
                      tuple(copied))
