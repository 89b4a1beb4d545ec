"""The real deliberations kept beside the repository (never copied into it).

Their folder is ``$TKG_REAL_CORPUS``, by default ``../shared/corpus/real`` relative to
the checkout; a test that needs it fails, saying where it looked, when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def real_corpus() -> Path:
    folder = Path(os.environ.get("TKG_REAL_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))
    if not folder.is_dir():
        pytest.fail(f"real corpus not found at {folder}: set TKG_REAL_CORPUS to the folder of "
                    "real deliberations (shared/corpus/real)")
    return folder


def real_document(prefix: str, suffix: str = ".txt") -> Path:
    found = sorted(real_corpus().glob(f"{prefix}*{suffix}"))
    if not found:
        pytest.fail(f"no {prefix}*{suffix} in the real corpus at {real_corpus()}")
    return found[0]
