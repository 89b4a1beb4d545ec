"""Text layer of a PDF, page by page, with pypdf.

Page headers and footers repeated on every page are dropped, and words
hyphenated across a line break are joined, so that facts are not corrupted.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from kg.extract.errors import ExtractionError

# A word cut at the line's end: "dévelop-\npement". Names keep their hyphen: "JUILLARD-\nRANDRIAN".
_HYPHEN = re.compile(r"([a-zà-ÿ])-\n([a-zà-ÿ])")
_GAP = re.compile(r"(?<=\S) {4,}(?=\S)|^ {4,}(?=\S)", re.MULTILINE)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)°]|Article\s+\d)")


def _trim(lines: list[str]) -> list[str]:
    """A page's lines without the blank lines above and below its text."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return lines[filled[0]:filled[-1] + 1] if filled else []


def _join(line: str, continuation: str) -> str:
    """ "dévelop-" + "pement" -> "développement"; "JUILLARD-" + "RANDRIAN" keeps the hyphen."""
    if _HYPHEN.search(line[-2:] + "\n" + continuation[:1]):
        return line[:-1] + continuation
    if line.endswith("-") and continuation[:1].isupper():
        return line + continuation
    return line + " " + continuation


def _unwrap(pages: list[list[str]]) -> list[list[str]]:
    """Join paragraph lines broken at the right margin, also across a page break.

    A line continues on the next when it reaches near the right margin (as long as
    the document's longest running-text lines) and the next line is neither blank, a
    table row nor a list item. Table rows and list items stay apart.
    """
    prose = [len(line) for lines in pages for line in lines if line.strip() and "\t" not in line]
    if not prose:
        return pages
    full = 0.8 * max(prose)
    out: list[list[str]] = []
    last: list[str] | None = None  # the page holding the line a continuation joins
    joinable = False
    for lines in pages:
        kept: list[str] = []
        for line in lines:
            if joinable and line.strip() and "\t" not in line and not _BULLET.match(line):
                target = kept if kept else last
                assert target is not None
                target[-1] = _join(target[-1], line.strip())
            else:
                kept.append(line)
            joinable = bool(line.strip()) and "\t" not in line and len(line) >= full
        out.append(kept)
        last = kept if kept else last
    return out


def _strip_repeated(pages: list[list[str]]) -> list[list[str]]:
    """Remove first/last lines that recur on most pages (running headers, page numbers)."""
    if len(pages) < 2:
        return pages
    def norm(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())
    edges = Counter(norm(line) for lines in pages for line in lines[:2] + lines[-2:]
                    if line.strip())
    repeated = {line for line, n in edges.items() if n >= max(2, len(pages) // 2 + 1)}
    return [[line for line in lines if norm(line) not in repeated] for lines in pages]


def pdf_text(path: str, data: bytes) -> tuple[str, tuple[int, ...]]:
    """Return the document's text and the offset where each page starts."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(path, "encrypted PDF that needs a password; expected a PDF that "
                                  "opens without one (save a decrypted copy)")
        raw = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (FileNotDecryptedError, DependencyError) as err:
        raise ExtractionError(path, f"encrypted PDF that cannot be decrypted ({err})") from None
    except (PdfReadError, ValueError, KeyError) as err:
        raise ExtractionError(path, f"not a readable PDF ({err})") from None
    if not any(t.strip() for t in raw):
        raise ExtractionError(
            path, "PDF without a text layer (scanned?); run OCR first, expected selectable text"
        )
    pages = _strip_repeated([_GAP.sub("\t", t).split("\n") for t in raw])
    pages = _unwrap([_trim([line.rstrip() for line in lines]) for lines in pages])
    while pages and not any(line.strip() for line in pages[-1]):
        pages.pop()
    texts, starts, offset = [], [], 0
    for lines in pages:
        text = _HYPHEN.sub(r"\1\2", "\n".join(lines)).rstrip() + "\n"
        starts.append(offset)
        texts.append(text)
        offset += len(text)
    return "".join(texts), tuple(starts)
