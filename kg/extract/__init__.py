"""Extraction: documents (text, Markdown, PDF) -> typed records with source spans.

No RDF here. The one entry point is :func:`extract`.

>>> from pathlib import Path
>>> d = extract(Path("corpus/dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"))
>>> d.session.date.value, len(d.present), len(d.absent), len(d.proxies)
(datetime.date(2024, 9, 26), 67, 19, 11)
"""

from __future__ import annotations

from pathlib import Path

from kg.extract.deliberation import read_deliberation
from kg.extract.documents import read_document
from kg.extract.errors import ExtractionError
from kg.extract.records import Deliberation

__all__ = ["Deliberation", "ExtractionError", "extract"]


def extract(path: Path, *, display: str | None = None) -> Deliberation:
    """Read and extract one deliberation document."""
    return read_deliberation(read_document(path, display=display))
