"""Every CSV file Ownway writes goes through here, so that no cell can run as a spreadsheet formula.

A spreadsheet opening a CSV file treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula,
and a tab or carriage return at the start can hide one; a name such as ``=HYPERLINK(...)`` typed into a form
would then run on a finance officer's computer (OWASP, "CSV Injection"). Each such cell is written with an
apostrophe in front, which spreadsheets show as text and do not calculate. That includes a negative number
written as text: Ownway's files hold none (amounts are paid, not owed), and a cell that starts with a minus
sign is treated the same as any other, so that no exception can be abused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO, Any

#: What a cell must not start with (OWASP CSV Injection: = + - @, tab and carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A value as the text of one cell that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeWriter:
    """A ``csv.writer`` whose cells are made safe first. Lines end with ``line_end`` (default ``\\n``)."""

    def __init__(self, handle: IO[str], *, line_end: str = "\n") -> None:
        self._writer = csv.writer(handle, lineterminator=line_end)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(rows: Iterable[Iterable[Any]], *, line_end: str = "\n") -> str:
    """Rows as the text of a CSV file, every cell made safe."""
    buffer = io.StringIO()
    SafeWriter(buffer, line_end=line_end).writerows(rows)
    return buffer.getvalue()
