"""The HTML documentation builds from the ontology."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent.parent / "scripts" / "build_ontology_docs.py"


def test_documentation_builds_with_every_family_of_terms(tmp_path: Path) -> None:
    out = tmp_path / "index.html"
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    for term in ("Deliberation", "Proxy", "notVoting", "Contribution", "AllocationKey", "Evidence"):
        assert f"ontology#{term}" in html, term


def test_documentation_refuses_a_missing_ontology(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--ontology", str(tmp_path / "none.ttl"),
                           "--out", str(tmp_path / "index.html")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "no such ontology file" in done.stderr
