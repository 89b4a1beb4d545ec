"""The changelog describes the installed version, in the Keep a Changelog layout."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

CHANGELOG = Path(__file__).resolve().parents[2] / "CHANGELOG.md"


def test_the_changelog_has_a_section_for_the_installed_version() -> None:
    text = CHANGELOG.read_text(encoding="utf-8")
    release = re.match(r"\d+\.\d+\.\d+", version("territoires-kg"))
    assert release, version("territoires-kg")
    headings = re.findall(r"^## \[([^\]]+)\](?: — (.+))?$", text, re.MULTILINE)
    assert any(release[0] in (name, (date or "").strip()) for name, date in headings), headings
    sections = set(re.findall(r"^### (\w+)$", text, re.MULTILINE))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, sections
