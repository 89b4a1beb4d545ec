"""Build step: the wheel carries the query library, the shapes and the ontology.

Their source stays the top-level folders ``queries/``, ``shapes/`` and
``ontology/``; building copies them into the package as ``kg/assets/<folder>/``,
where :mod:`kg.assets` reads them through ``importlib.resources``. An editable
install copies nothing: :mod:`kg.assets` then reads the checkout's folders.
Everything else about the package is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ASSETS = ("queries", "shapes", "ontology")


class BuildWithAssets(build_py):
    """``build_py``, then the asset folders copied into ``kg/assets/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in ASSETS:
            source = Path(__file__).resolve().parent / name
            if not any(source.iterdir()):
                raise SystemExit(f"{source}: empty asset folder, the package would be incomplete")
            target = Path(self.build_lib) / "kg" / "assets" / name
            shutil.rmtree(target, ignore_errors=True)  # no stale file from an earlier build
            shutil.copytree(source, target)


setup(cmdclass={"build_py": BuildWithAssets})
