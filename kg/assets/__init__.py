"""The files the package ships beside its code: the query library, the SHACL shapes, the ontology.

Their source is the checkout's top-level folders ``queries/``, ``shapes/`` and
``ontology/``; building the wheel copies them into this package
(``kg/assets/queries/``…, see ``setup.py``), so an installed ``tkg`` finds them
wherever it runs. From a checkout (an editable install, or the tests) the
top-level folders are read directly. The JSON-LD context and the package's
internal queries are in :mod:`kg.resources`.

Reading goes through :mod:`importlib.resources`, in this one place. A folder that
is missing or empty is an :class:`~kg.errors.AssetError`, never an empty library:
validating with no shapes would pass everything.

>>> sorted(p.name for p in asset_files("shapes", "*.ttl"))[:2]
['cross-document.ttl', 'dates.ttl']
>>> asset_folder("queries").joinpath("cofunding.rq").is_file()
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import AssetError

ASSETS = ("queries", "shapes", "ontology")
_CHECKOUT = Path(__file__).resolve().parent.parent.parent


@cache
def asset_folder(name: str) -> Path:
    """Where the ``name`` assets are: inside the installed package, else the checkout's folder.

    The folder may not exist (an incomplete installation); :func:`asset_files` says so.
    """
    if name not in ASSETS:
        raise ValueError(f"unknown asset folder {name!r}; expected one of {', '.join(ASSETS)}")
    packaged = Path(str(resources.files(__name__).joinpath(name)))
    if packaged.is_dir() or not (_CHECKOUT / "pyproject.toml").is_file():
        return packaged  # installed: the package's own folder, even when it is missing
    return _CHECKOUT / name


def asset_files(name: str, pattern: str) -> list[Path]:
    """The files of the ``name`` assets matching ``pattern``, sorted; an error if there are none."""
    folder = asset_folder(name)
    found = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if not found:
        raise AssetError(f"{folder}: no {pattern} file found; the {name} shipped with tkg are missing "
                         "(reinstall the package, or run from a complete checkout)")
    return found


def ontology_file() -> Path:
    """The ontology, in Turtle."""
    return asset_files("ontology", "territoires-kg.ttl")[0]
