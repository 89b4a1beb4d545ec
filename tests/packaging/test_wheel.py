"""What `pip install` gives works: the installed-wheel check, run by CI with the test suite.

``check_wheel.sh`` builds the sdist and the wheel, installs the wheel in a fresh virtual
environment and runs ``tkg build / validate / queries / query / export`` from a folder
outside the checkout, with a deliberation whose funding table does not add up (validation
must fail and name it); then it removes the installed shapes and query library, and
``tkg validate`` / ``tkg query`` must stop with exit 2 rather than pass. About a minute.
Deselect with ``-m "not packaging"``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("check_wheel.sh")


@pytest.mark.packaging
def test_the_installed_wheel_builds_validates_queries_and_exports_outside_the_checkout() -> None:
    done = subprocess.run(["bash", str(SCRIPT), sys.executable], capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("check_wheel: the installed wheel works")
