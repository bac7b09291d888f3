"""Every CSV file Ownway writes goes through here, so that no cell can run as a spreadsheet formula; every CSV
file it reads (a bank statement, support-plan costs) is read here, so that any file gets a message, never an error.

A spreadsheet opening a CSV file treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula,
and a tab or carriage return at the start can hide one; a name such as ``=HYPERLINK(...)`` typed into a form
would then run on a finance officer's computer (OWASP, "CSV Injection"). Each such cell is written with an
apostrophe in front, which spreadsheets show as text and do not calculate. That includes a negative number
written as text: Ownway's files hold none (amounts are paid, not owed), and a cell that starts with a minus
sign is treated the same as any other, so that no exception can be abused.

Reading (:func:`read_csv_rows`) takes a file as people save it from a bank, a spreadsheet or another system:
UTF-8 with or without the byte-order mark Excel writes, UTF-16 with its byte-order mark (Excel's "Unicode text"),
or Windows-1252. A file that is none of these, holds a NUL character (no database column holds one; a file that
does is not text), or cannot be split into cells (an unclosed quotation mark, a cell longer than the csv module
reads) raises :class:`CsvReadError` with a message saying so, and the line.
"""

from __future__ import annotations

import codecs
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


class CsvReadError(ValueError):
    """A file cannot be read as CSV; the message says why, in plain English."""


def _text_of(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
        break
    raise CsvReadError("The file is not text saved as CSV: save it from the spreadsheet as CSV (comma delimited)")


def read_csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV file, leaving out rows with nothing in them; raises :class:`CsvReadError`."""
    reader = csv.reader(io.StringIO(_text_of(data), newline=""))
    rows: list[list[str]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
    except csv.Error:
        raise CsvReadError(f"Line {reader.line_num} cannot be split into cells: check its quotation marks") from None
    return rows
