"""Errors a user can meet when feeding documents to the extractor."""

from __future__ import annotations

from kg.errors import TkgError


class ExtractionError(TkgError):
    """A document that cannot be read as a deliberation.

    The message names the file, the place (line or page) and what was expected.
    """

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
