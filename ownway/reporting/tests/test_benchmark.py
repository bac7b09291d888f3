"""The Client Level Data benchmark runs, at a tiny size, and ends with its figure."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

#: It builds a small city and migrates a database of its own in another process: half a minute or more.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]


def test_the_benchmark_writes_and_checks_the_extract(tmp_path):
    # Its own SQLite file beside a database of its own, never the one another run is using.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'ownway.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "benchmarks/cld_extract.py", "--people", "300"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert re.fullmatch(r"seconds=\d+\.\d+", lines[-1])
    assert re.search(r"peak memory: \d+ MB", done.stdout)
    assert re.search(r"extract \S+ to \S+: [\d,]+ rows", done.stdout)
