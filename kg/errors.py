"""The errors a user can meet, under one base type.

Every stage raises a subclass of :class:`TkgError` for what a user can fix (a bad
file, a bad setting, a store that cannot be opened); the message names the file,
the place and what was expected. The ``tkg`` command turns a ``TkgError`` into one
line and a non-zero exit, and any other exception into an "internal error" line
(the traceback only with ``--debug``).

Stages keep their own classes where their users import them from
(``kg.extract.ExtractionError``, ``kg.store.StoreError``, ``kg.queries.QueryError``,
``kg.pipeline.InputError``…); each subclasses the one here. ``tests/test_error_types.py``
imports every module of ``kg`` and fails on an exception class that does not, except the
two the web application turns into HTTP answers (``kg.serve.protocol.Refused``,
``kg.serve.engine.QueryTimeout``).

>>> from kg.extract import ExtractionError
>>> issubclass(ExtractionError, TkgError)
True
>>> str(ConfigError("TKG_BASE", "'ftp:x' is not an absolute http(s) IRI ending in '/' or '#'"))
"TKG_BASE: 'ftp:x' is not an absolute http(s) IRI ending in '/' or '#'"
"""

from __future__ import annotations


class TkgError(Exception):
    """Something a user can fix; the message says what and where."""


class ConfigError(TkgError):
    """A setting (flag or ``TKG_*`` variable) with a value that cannot be used."""

    def __init__(self, setting: str, message: str) -> None:
        self.setting = setting
        super().__init__(f"{setting}: {message}")


class InputLimitError(TkgError):
    """An input the build refuses before reading it: not a regular file, or over the size limit."""


class AssetError(TkgError):
    """A file the package ships (queries, shapes, ontology, JSON-LD context) is missing."""


class DocumentError(TkgError):
    """One document that failed somewhere in the pipeline; the others are still ingested.

    ``detail`` keeps the traceback of an unexpected exception, shown with ``--debug``.
    """

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        self.detail = detail
        super().__init__(message)
