"""Text layer of a PDF, page by page, with pypdf.

Page headers and footers repeated on every page are dropped, and words
hyphenated across a line break are joined, so that facts are not corrupted.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from kg.extract.errors import ExtractionError

_HYPHEN = re.compile(r"(\w)-\n(\w)")


def _strip_repeated(pages: list[list[str]]) -> list[list[str]]:
    """Remove first/last lines that recur on most pages (running headers, page numbers)."""
    if len(pages) < 2:
        return pages
    def norm(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())
    edges = Counter(norm(line) for lines in pages for line in lines[:2] + lines[-2:] if line.strip())
    repeated = {line for line, n in edges.items() if n >= max(2, len(pages) // 2 + 1)}
    return [[line for line in lines if norm(line) not in repeated] for lines in pages]


def pdf_text(path: str, data: bytes) -> tuple[str, tuple[int, ...]]:
    """Return the document's text and the offset where each page starts."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        raw = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as err:
        raise ExtractionError(path, f"not a readable PDF ({err})") from None
    if not any(t.strip() for t in raw):
        raise ExtractionError(
            path, "PDF without a text layer (scanned?); run OCR first, expected selectable text"
        )
    pages = _strip_repeated([t.split("\n") for t in raw])
    texts, starts, offset = [], [], 0
    for lines in pages:
        text = _HYPHEN.sub(r"\1\2", "\n".join(lines)).rstrip() + "\n"
        starts.append(offset)
        texts.append(text)
        offset += len(text)
    return "".join(texts), tuple(starts)
