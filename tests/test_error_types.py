"""One error type: every exception class defined in ``kg`` subclasses ``kg.errors.TkgError``.

The ``tkg`` command prints a ``TkgError`` as one line and anything else as an internal error,
"this is a bug" (``tests/cli/test_errors.py``); so an error a user can meet must be a
``TkgError``. The classes below are the documented exceptions: they never leave the web
application, which turns them into an HTTP answer.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import kg
from kg.errors import TkgError

NOT_USER_ERRORS = {
    # An HTTP answer (400 or 403) of `tkg serve`, with its status; `tkg publish` writes the
    # explanation in the page of a refused query.
    "kg.serve.protocol.Refused",
    # An HTTP 503 answer of `tkg serve` when a query runs past the time limit.
    "kg.serve.engine.QueryTimeout",
    # An HTTP 503 answer with Retry-After of `tkg serve` when no query worker is free.
    "kg.serve.scheduler.Busy",
}


def exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class defined in a module of ``kg`` (each module imported once)."""
    out: dict[str, type[BaseException]] = {}
    modules = [kg.__name__] + [m.name for m in pkgutil.walk_packages(kg.__path__, prefix="kg.")]
    for name in modules:
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if (inspect.isclass(cls) and issubclass(cls, BaseException)
                    and cls.__module__ == name):
                out[f"{name}.{cls.__qualname__}"] = cls
    return out


CLASSES = exception_classes()


def test_the_walk_finds_the_errors_of_every_stage() -> None:
    for expected in ("kg.errors.ConfigError", "kg.extract.errors.ExtractionError",
                     "kg.store.StoreError", "kg.queries.QueryError",
                     "kg.validate.rules.ShapesError", "kg.serve.protocol.Refused"):
        assert expected in CLASSES, sorted(CLASSES)


def test_every_exception_class_of_kg_is_a_tkg_error() -> None:
    strays = sorted(name for name, cls in CLASSES.items()
                    if not issubclass(cls, TkgError) and name not in NOT_USER_ERRORS)
    assert not strays, (f"exception classes outside TkgError: {strays}; subclass kg.errors.TkgError "
                        "(or, for one that never reaches a user, list it in NOT_USER_ERRORS with why)")


@pytest.mark.parametrize("name", sorted(NOT_USER_ERRORS))
def test_each_documented_exception_still_exists(name: str) -> None:
    assert name in CLASSES, f"{name} is gone: remove it from NOT_USER_ERRORS"


def test_the_cli_prints_a_tkg_error_as_one_line_and_anything_else_as_a_bug(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kg.cli
    from kg.validate.rules import ShapesError

    def refused(*_args: object, **_kw: object) -> None:
        raise ShapesError("shapes/x.ttl: shape ex:S: only IRI paths are implemented")

    monkeypatch.setattr(kg.cli, "list_queries", refused)
    assert kg.cli.main(["queries"]) == 2
    err = capsys.readouterr().err
    assert err == "tkg queries: error: shapes/x.ttl: shape ex:S: only IRI paths are implemented\n"

    def defect(*_args: object, **_kw: object) -> None:
        raise AttributeError("'NoneType' object has no attribute 'value'")

    monkeypatch.setattr(kg.cli, "list_queries", defect)
    assert kg.cli.main(["queries"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("tkg queries: internal error: AttributeError") and "this is a bug" in err
