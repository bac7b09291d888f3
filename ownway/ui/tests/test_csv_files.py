"""No CSV file Ownway writes may start a cell with something a spreadsheet runs as a formula."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from ownway.ui.csv_files import SafeWriter, csv_text, safe_cell

OWNWAY = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://example.com","Click")', '\'=HYPERLINK("http://example.com","Click")'),
        ("+441214960000", "'+441214960000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("A LOVELACE", "A LOVELACE"),
        ("Ada = Lovelace", "Ada = Lovelace"),
        (15, "15"),
        (None, ""),
    ],
)
def test_a_cell_that_would_run_as_a_formula_is_written_as_text(value, written):
    assert safe_cell(value) == written


def test_the_writer_makes_every_cell_safe_and_quotes_as_csv_does():
    text = csv_text([["name", "note"], ["=cmd|' /C calc'!A0", "a, b"], ["-1", "@x"]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["name", "note"], ["'=cmd|' /C calc'!A0", "a, b"], ["'-1", "'@x"]]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    buffer = io.StringIO()
    SafeWriter(buffer, line_end="\r\n").writerow(["+1"])
    assert buffer.getvalue() == "'+1\r\n"


def test_every_csv_ownway_writes_goes_through_the_safe_writer():
    """A module that writes CSV with the standard library's writer directly would escape the check."""
    direct = re.compile(r"csv\.(writer|DictWriter)\(")
    offenders = [
        str(path.relative_to(OWNWAY))
        for path in OWNWAY.rglob("*.py")
        if "tests" not in path.parts and path.name != "csv_files.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
