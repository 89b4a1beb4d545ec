"""The benchmarks' command lines: bad arguments get one line and exit 2, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_scale_bench_refuses_a_work_folder_that_exists_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "kept.txt").write_text("a user's file\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "benchmarks.scale_bench", "--sizes", "10",
                          "--work", str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 2
    assert f"--work {tmp_path}: cannot make it a new folder" in run.stderr
    assert "Traceback" not in run.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]
