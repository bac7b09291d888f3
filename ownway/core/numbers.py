"""Reading numbers that come from outside: what people type, query parameters, imported files.

One place turns text (or a number decoded from JSON or a file) into a ``Decimal`` or an ``int``, and
checks it is a real, finite number in the range its use allows. Anything else raises
:class:`NumberError`, whose message says what to type, in the words of the GOV.UK Design System's
error message patterns for numbers ("Weekly cost of care must be £100,000 or less"; "… must be a whole
number"). Nothing else is ever raised, whatever the input: no ``InvalidOperation`` for ``NaN``, no
``OverflowError`` for ``1e309``, no ``ValueError`` for a 5,000-digit string.

What is accepted, for money: what people type on a form or find in a bank statement, so ``8,500``,
``£1,000,000``, ``12.5``, `` £ 12.50 `` and ``.50``. Commas must group thousands (``1,250.00``);
``12,50`` is refused, as it may mean £12.50 or £1,250. Exponents (``1e3``), ``NaN`` and ``Infinity``
are not amounts of money and are refused. A minus sign is refused where the range starts at 0, even on
``-0``, since it shows the amount was not meant as typed. More decimal places than the use allows are
refused, not rounded (``12.345``); trailing zeros are fine (``12.500``).

Pure Python, no Django: forms (``ownway.ui.forms``), query-parameter parsers and importers build on it.
"""

from __future__ import annotations

import math
import re
import uuid
from decimal import Decimal, InvalidOperation

from ownway.core.money import format_money

#: Longer text than this is not a number anyone typed.
MAX_LENGTH = 100

#: The most hours of anything in a week (caring, a PA's hours).
HOURS_IN_A_WEEK = Decimal(168)

_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?", re.ASCII)
_MINUS_SIGNS = "-\u2212\u2012\u2013"  # hyphen-minus, minus sign, figure dash, en dash


class NumberError(ValueError):
    """A value is not a number in the range its use allows. ``str(error)`` is the message to show.

    ``code`` says what is wrong: ``invalid`` (not a number at all, or not finite), ``whole`` (not a whole
    number), ``places`` (too many decimal places), ``too_small`` or ``too_large``.
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def show_number(value: Decimal | int) -> str:
    """A bound in a message: 10,000 or 0.25."""
    if isinstance(value, int):
        return f"{value:,}"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def _from_text(text: str, *, money: bool) -> tuple[Decimal, bool] | None:
    """The number in ``text`` and whether it had a minus sign, or None if it is not a number as typed."""
    if len(text) > MAX_LENGTH:
        return None
    text = text.strip()
    negative = False
    seen_sign = seen_pound = False
    # A sign and (for money) a pound sign, in either order: "-£5", "£-5", "£ 12.50".
    while text:
        first = text[0]
        if first in _MINUS_SIGNS + "+" and not seen_sign:
            seen_sign, negative = True, first != "+"
        elif first == "£" and money and not seen_pound:
            seen_pound = True
        else:
            break
        text = text[1:].lstrip()
    if not _DIGITS.fullmatch(text) or not any("0" <= c <= "9" for c in text):
        return None
    try:
        number = Decimal(text.replace(",", ""))
        return (-number if negative else number), negative
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        return None


def _to_decimal(value: object, *, money: bool) -> tuple[Decimal, bool] | None:
    """Any value from outside as a finite Decimal and whether a minus sign was typed; None if not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return _from_text(value, money=money)
    if isinstance(value, int):
        return Decimal(value), value < 0
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return Decimal(repr(value)), value < 0
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return value, value.is_signed()
    return None


def _check(
    number: Decimal,
    negative: bool,
    *,
    low: Decimal,
    high: Decimal,
    places: int,
    subject: str,
    show: str,
    places_hint: str,
) -> Decimal:
    if number < low or (negative and low >= 0):
        raise NumberError(f"{subject} must be {_show_bound(low, show)} or more", code="too_small")
    if number > high:
        raise NumberError(f"{subject} must be {_show_bound(high, show)} or less", code="too_large")
    step = Decimal(1).scaleb(-places)
    rounded = number.quantize(step)
    if rounded != number:
        raise NumberError(places_hint, code="places")
    return rounded


def _show_bound(value: Decimal, show: str) -> str:
    return format_money(value, whole_pounds=True) if show == "money" else show_number(value)


def parse_money(
    value: object,
    *,
    high: Decimal,
    low: Decimal = Decimal(0),
    subject: str = "The amount",
) -> Decimal:
    """An amount of money in pounds and pence, from ``low`` to ``high``, as a Decimal with 2 places.

    ``subject`` names the amount at the start of a message ("Weekly cost of care").
    """
    parsed = _to_decimal(value, money=True)
    if parsed is None:
        raise NumberError(f"{subject} must be an amount in pounds, like 12.50", code="invalid")
    number, negative = parsed
    return _check(
        number,
        negative,
        low=low,
        high=high,
        places=2,
        subject=subject,
        show="money",
        places_hint=f"{subject} must be in pounds and pence, with no more than 2 decimal places, like 12.50",
    )


def parse_number(
    value: object,
    *,
    low: Decimal,
    high: Decimal,
    places: int,
    subject: str,
    example: str = "7.5",
) -> Decimal:
    """A number with at most ``places`` decimal places (hours, units), from ``low`` to ``high``."""
    parsed = _to_decimal(value, money=False)
    if parsed is None:
        raise NumberError(f"{subject} must be a number, like {example}", code="invalid")
    number, negative = parsed
    hint = (
        f"{subject} must be a whole number"
        if places == 0
        else f"{subject} must have no more than {places} decimal place{'s' if places != 1 else ''}, like {example}"
    )
    return _check(number, negative, low=low, high=high, places=places, subject=subject, show="number", places_hint=hint)


def parse_whole_number(value: object, *, low: int, high: int, subject: str) -> int:
    """A whole number (a count, an age, a page), from ``low`` to ``high``."""
    parsed = _to_decimal(value, money=False)
    if parsed is None:
        raise NumberError(f"{subject} must be a whole number", code="invalid")
    number, negative = parsed
    checked = _check(
        number,
        negative,
        low=Decimal(low),
        high=Decimal(high),
        places=0,
        subject=subject,
        show="number",
        places_hint=f"{subject} must be a whole number",
    )
    return int(checked)


def parse_page_number(value: object, *, last: int = 100_000) -> int:
    """A page of a list from a link's ``?page=``: the number if it is one from 1 to ``last``, otherwise 1.

    A page number is never typed into a form, so a wrong one (an old link, an edited address) shows the
    first page rather than an error, as Django's ``Paginator.get_page`` does.
    """
    if value is None or value == "":
        return 1
    try:
        return parse_whole_number(value, low=1, high=last, subject="Page")
    except NumberError:
        return 1


#: The largest primary key a database holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """A record's id from a form's hidden field or a link: the number if it is one, otherwise None.

    An id is never typed by a person, so a wrong one (a tampered form) is treated as no record at all.
    """
    try:
        return parse_whole_number(value, low=1, high=MAX_ID, subject="The id")
    except NumberError:
        return None


def parse_uuid(value: object) -> uuid.UUID | None:
    """A record's id that is a UUID (a directory entry's), from a form's hidden field or a link: the UUID if it is
    one, otherwise None, as :func:`parse_id` does for numbered records."""
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
