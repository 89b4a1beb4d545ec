"""territoires-kg: a knowledge graph of French territorial cooperation programmes.

Stages, each importing only those before it: ``extract`` -> ``registry`` ->
``mapping`` -> ``store`` -> ``validate`` / ``queries`` / ``publish``.
"""

__version__ = "0.1.0"
