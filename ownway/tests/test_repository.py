"""The repository stands alone: what the tests and the benchmarks' defaults read is inside it, with its licence."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    path
    for folder in ("ownway", "config", "benchmarks")
    for path in (ROOT / folder).rglob("*.py")
    if "migrations" not in path.parts and path != Path(__file__).resolve()
]
#: The two ways code here climbs folders: from its own file by ``parents[N]``, or from the repository root up.
CLIMB = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]|\bROOT\.parent\b")


def test_no_source_reads_a_folder_outside_the_repository():
    escapes = []
    for path in [*SOURCES, ROOT / "conftest.py"]:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            for match in CLIMB.finditer(line):
                target = ROOT.parent if match.group(1) is None else path.parents[int(match.group(1))]
                if not target.is_relative_to(ROOT):
                    escapes.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert escapes == []


def test_the_data_the_tests_and_benchmarks_read_is_here_with_its_licence():
    from ownway.directory.tests.conftest import SCHEMATA
    from ownway.enablement.tests.conftest import MANKOWSKA

    for folder in (SCHEMATA.parent, MANKOWSKA):
        assert folder.is_relative_to(ROOT)
        assert (folder / "LICENSE").is_file()
        assert (folder / "README.md").is_file()
    assert (SCHEMATA / "service.json").is_file()
    assert (SCHEMATA.parent / "examples" / "service_full.json").is_file()
    assert (MANKOWSKA / "toy.json").is_file()
    assert (MANKOWSKA / "best_known.md").is_file()
    assert len(list((MANKOWSKA / "instances").glob("*.json"))) == 25
    rostering = runpy.run_path(str(ROOT / "benchmarks" / "rostering.py"))  # defines, does not run
    assert rostering["DEFAULT_DIR"] == MANKOWSKA / "instances"
