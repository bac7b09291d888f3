"""The re-planning benchmark runs, at a small size, and ends with its figure."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2].parent


def test_the_benchmark_loses_a_worker_and_times_the_replan():
    done = subprocess.run(
        [sys.executable, "benchmarks/replanning.py", "--visits", "80", "--workers", "10", "--solve-seconds", "2",
         "--replan-seconds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert re.fullmatch(r"seconds=\d+\.\d+", lines[-1])
    assert re.search(r"goes off sick at 10:00 with \d+ visits still to come", done.stdout)
    assert re.search(r"other visits still to come moved: \d+ of \d+", done.stdout)
