"""Reading bank and prepaid-card statements of direct-payment accounts: CSV as UK banks export it, and OFX.

Parsing only: what is in the file, checked, with errors that say which row and what is wrong. What each
transaction was for is decided by ``rules.matching``; saving is ``services.statement_import``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ownway.core.numbers import NumberError, parse_money
from ownway.core.text import without_control_characters
from ownway.ui.csv_files import CsvReadError, read_csv_rows


class StatementError(ValueError):
    """The file cannot be read as a statement; the message says why, in plain English."""


@dataclass(frozen=True)
class StatementLine:
    posted_on: dt.date
    amount: Decimal  # money in positive, money out negative
    description: str
    bank_id: str
    balance_after: Decimal | None = None


@dataclass(frozen=True)
class Statement:
    lines: tuple[StatementLine, ...]
    closing_balance: Decimal | None
    balance_on: dt.date | None


_DATE_COLUMNS = ("date", "transaction date", "posted date", "posting date", "value date")
_DESCRIPTION_COLUMNS = ("description", "details", "narrative", "transaction description", "memo", "payee", "reference")
_AMOUNT_COLUMNS = ("amount", "value", "transaction amount")
_IN_COLUMNS = ("paid in", "money in", "credit", "credit amount", "in")
_OUT_COLUMNS = ("paid out", "money out", "debit", "debit amount", "out")
_BALANCE_COLUMNS = ("balance", "running balance")
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %b %Y", "%d/%m/%y", "%d %B %Y")


def _column(headers: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in headers:
            return headers[name]
    return None


def _parse_date(text: str, row: int) -> dt.date:
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise StatementError(f"Row {row}: {text!r} is not a date (use a date like 20/04/2026)")


#: The most one transaction may move, and the most a balance may be, either way. A direct-payment account
#: holds weeks of a personal budget: these are far above anything real, and within what the ledger's columns
#: hold, so a wrong file cannot put an impossible amount on the person's account page.
MAX_TRANSACTION = Decimal("1000000")
MAX_BALANCE = Decimal("10000000")


def _amount(value: object, where: str, what: str, limit: Decimal) -> Decimal:
    """An amount from the file, from ``-limit`` to ``limit``, in pounds and pence; or a StatementError saying
    ``where`` it is ("Row 4", "Transaction 2")."""
    shown = str(value).strip() if isinstance(value, str) else ""
    subject = f"the {what} {shown!r}" if shown and len(shown) <= 30 else f"the {what}"
    try:
        return parse_money(value, low=-limit, high=limit, subject=subject)
    except NumberError as error:
        raise StatementError(f"{where}: {error}") from None


def _parse_money(text: str, row: int, what: str, limit: Decimal = MAX_TRANSACTION) -> Decimal | None:
    cleaned = text.strip()
    if cleaned in ("", "-"):
        return None
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    value = _amount(cleaned[1:-1] if negative else cleaned, f"Row {row}", what, limit)
    return -value if negative else value


#: The longest description and bank id a transaction holds (its columns' lengths).
MAX_DESCRIPTION = 300
MAX_BANK_ID = 120


def _description(text: str) -> str:
    """A transaction's description as it is kept: without control characters, cut to its column."""
    return without_control_characters(text).strip()[:MAX_DESCRIPTION] or "(no description)"


def _ofx_bank_id(fitid: str) -> str:
    """The bank's own id of a transaction (OFX FITID, up to 255 characters), or a digest of it when it is longer
    than the column or holds control characters: the same id gives the same result, so a statement imported
    twice still adds nothing."""
    bank_id = f"ofx-{fitid}"
    if len(bank_id) <= MAX_BANK_ID and without_control_characters(fitid) == fitid:
        return bank_id
    return "ofx-" + hashlib.sha256(fitid.encode()).hexdigest()[:40]


def _bank_id(posted_on: dt.date, amount: Decimal, description: str, seen: Counter[str]) -> str:
    key = f"{posted_on.isoformat()}|{amount}|{description.strip().lower()}"
    seen[key] += 1
    return "csv-" + hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest()[:40]


def _closing(lines: list[StatementLine]) -> tuple[Decimal | None, dt.date | None]:
    if not lines:
        return None, None
    newest_first = lines[0].posted_on > lines[-1].posted_on
    last = lines[0] if newest_first else lines[-1]
    return last.balance_after, last.posted_on


def parse_csv(data: bytes) -> Statement:
    """A CSV statement with a header row: a date, a description, and either an amount (negative for money
    out) or separate money in and money out columns; a balance column if the bank gives one."""
    try:
        rows = read_csv_rows(data)
    except CsvReadError as error:
        raise StatementError(str(error)) from None
    if not rows:
        raise StatementError("The file is empty")
    headers = {cell.strip().lower(): cell for cell in rows[0]}
    index = {cell: i for i, cell in enumerate(rows[0])}
    date_col = _column(headers, _DATE_COLUMNS)
    desc_col = _column(headers, _DESCRIPTION_COLUMNS)
    amount_col = _column(headers, _AMOUNT_COLUMNS)
    in_col, out_col = _column(headers, _IN_COLUMNS), _column(headers, _OUT_COLUMNS)
    balance_col = _column(headers, _BALANCE_COLUMNS)
    if date_col is None or desc_col is None or (amount_col is None and (in_col is None or out_col is None)):
        raise StatementError(
            "The first row must name the columns: a date, a description, and an amount (or money in and money out)"
        )
    seen: Counter[str] = Counter()
    lines: list[StatementLine] = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(col: str | None, row: list[str] = row) -> str:
            if col is None:
                return ""
            position = index[col]
            return row[position] if position < len(row) else ""

        posted_on = _parse_date(cell(date_col), number)
        if amount_col is not None:
            amount = _parse_money(cell(amount_col), number, "amount")
        else:
            money_in = _parse_money(cell(in_col), number, "money in") or Decimal(0)
            money_out = _parse_money(cell(out_col), number, "money out") or Decimal(0)
            amount = money_in - abs(money_out)
            if abs(amount) > MAX_TRANSACTION:
                amount = _amount(amount, f"Row {number}", "amount", MAX_TRANSACTION)
        if amount is None:
            raise StatementError(f"Row {number}: there is no amount")
        description = _description(cell(desc_col))
        balance = _parse_money(cell(balance_col), number, "balance", MAX_BALANCE) if balance_col else None
        lines.append(
            StatementLine(
                posted_on=posted_on,
                amount=amount,
                description=description,
                bank_id=_bank_id(posted_on, amount, description, seen),
                balance_after=balance,
            )
        )
    closing, on = _closing(lines)
    return Statement(lines=tuple(lines), closing_balance=closing, balance_on=on)


def parse_ofx(data: bytes) -> Statement:
    """An OFX statement (version 1 SGML or version 2 XML), read with ofxtools."""
    from ofxtools.Parser import OFXTree

    parser = OFXTree()
    try:
        parser.parse(io.BytesIO(data))
        ofx = parser.convert()
        statements = ofx.statements
    except Exception as error:  # ofxtools raises many kinds of error for a malformed file
        raise StatementError(f"The file is not a statement in OFX format ({error.__class__.__name__})") from None
    if not statements:
        raise StatementError("The OFX file holds no statement")
    statement = statements[0]
    lines = []
    for number, trn in enumerate(statement.banktranlist or [], start=1):
        lines.append(
            StatementLine(
                posted_on=trn.dtposted.date(),
                amount=_amount(trn.trnamt, f"Transaction {number}", "amount", MAX_TRANSACTION),
                description=_description(" ".join(part for part in (trn.name, trn.memo) if part)),
                bank_id=_ofx_bank_id(str(trn.fitid)),
            )
        )
    balance = statement.ledgerbal
    return Statement(
        lines=tuple(lines),
        closing_balance=(
            _amount(balance.balamt, "The closing balance", "balance", MAX_BALANCE) if balance is not None else None
        ),
        balance_on=balance.dtasof.date() if balance is not None else None,
    )


def parse_statement(file_name: str, data: bytes) -> tuple[str, Statement]:
    """Read a statement by its file's ending (.csv, .ofx or .qfx). Returns the format and the statement."""
    name = file_name.lower()
    if name.endswith(".csv"):
        return "csv", parse_csv(data)
    if name.endswith((".ofx", ".qfx")):
        return "ofx", parse_ofx(data)
    raise StatementError("Choose a statement saved as CSV (.csv) or OFX (.ofx)")
