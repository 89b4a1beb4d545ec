"""Reading a file into a :class:`SourceDocument`: text, Markdown or PDF.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "d.txt"
>>> _ = p.write_text("Séance du 26/09/2024", encoding="utf-8")
>>> read_document(p).text
'Séance du 26/09/2024'
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.extract.errors import ExtractionError
from kg.extract.records import SourceDocument

TEXT_SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown"}
PDF_SUFFIX = ".pdf"


def _decode(path: str, data: bytes) -> tuple[str, tuple[int, ...]]:
    """The text, and the (1-based) lines that were not UTF-8 and were read as Windows-1252.

    Older council software writes Latin-1 / Windows-1252, and files pasted together
    mix both: each line is decoded on its own, and anything that is not printable
    text either way is refused.
    """
    if b"\x00" in data[:4096]:
        raise ExtractionError(path, "binary content, expected a text, Markdown or PDF document")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    lines, legacy = [], []
    for n, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
            legacy.append(n)
    text = "\n".join(lines)
    bad = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\t\r\n\f"))
    if bad > max(3, len(text) // 200):
        raise ExtractionError(path, "binary content, expected a text, Markdown or PDF document")
    return text, tuple(legacy)


def _read_pdf(path: str, data: bytes) -> tuple[str, tuple[int, ...]]:
    from kg.extract.pdf import pdf_text

    return pdf_text(path, data)


def read_document(path: Path, *, display: str | None = None) -> SourceDocument:
    """Read one file; raise :class:`ExtractionError` for what is not a readable document."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(name, "no such file") from None
    except IsADirectoryError:
        raise ExtractionError(name, "is a folder, expected a file") from None
    except OSError as err:
        raise ExtractionError(name, f"cannot be read ({err.strerror})") from None
    if not data.strip():
        raise ExtractionError(name, "empty file, expected a deliberation")
    suffix = path.suffix.lower()
    pages: tuple[int, ...] = ()
    legacy: tuple[int, ...] = ()
    if suffix == PDF_SUFFIX or data.startswith(b"%PDF-"):
        text, pages = _read_pdf(name, data)
        media_type = "application/pdf"
    else:
        text, legacy = _decode(name, data)
        media_type = TEXT_SUFFIXES.get(suffix, "text/plain")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceDocument(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        text=text,
        pages=pages,
        legacy_lines=legacy,
    )
