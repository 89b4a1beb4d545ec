"""territoires-kg: a knowledge graph of French territorial cooperation programmes.

Stages, each importing only those before it: ``extract`` -> ``registry`` ->
``mapping`` -> ``store`` -> ``validate`` / ``queries`` / ``publish``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("territoires-kg")  # pyproject.toml is the one place it is written
except PackageNotFoundError:  # imported from a checkout that was never installed
    __version__ = "0+unknown"
