"""The NHS number and its check digit.

Source: NHS Data Dictionary, "NHS Number" — a 10-digit number whose tenth digit is a modulus 11
check digit: multiply the first nine digits by the weights 10, 9, … 2, add the products, take the
remainder on division by 11 and subtract it from 11. A result of 11 gives a check digit of 0; a
result of 10 means the number is invalid (never issued).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
_SEPARATORS = re.compile(r"[\s-]")


@dataclass(frozen=True)
class NhsNumberCheck:
    valid: bool
    normalised: str
    explanation: str


def normalise_nhs_number(raw: str) -> str:
    """Strip the spaces and hyphens people type ("943 476 5919" → "9434765919")."""
    return _SEPARATORS.sub("", raw or "")


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or ``None`` when the remainder gives 10 (no valid number)."""
    if len(first_nine) != 9 or not first_nine.isdigit():
        raise ValueError("The check digit is computed from exactly nine digits")
    total = sum(int(d) * w for d, w in zip(first_nine, _WEIGHTS, strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def check_nhs_number(raw: str) -> NhsNumberCheck:
    """Validate an NHS number as typed, explaining any failure in plain English."""
    number = normalise_nhs_number(raw)
    if not number:
        return NhsNumberCheck(False, number, "Enter an NHS number")
    if not number.isdigit():
        return NhsNumberCheck(False, number, "An NHS number must only include numbers 0 to 9")
    if len(number) != 10:
        return NhsNumberCheck(False, number, "An NHS number must be 10 digits")
    if len(set(number)) == 1:
        # Repeated digits pass the arithmetic (e.g. 0000000000) but are never issued.
        return NhsNumberCheck(False, number, "Enter a real NHS number: this one is made of one repeated digit")
    expected = nhs_check_digit(number[:9])
    if expected is None or expected != int(number[9]):
        return NhsNumberCheck(False, number, "Enter a real NHS number: the last digit does not match the check digit")
    return NhsNumberCheck(True, number, "The NHS number is valid")


def format_nhs_number(number: str) -> str:
    """Shown as 3 3 4 digits, the way it is printed on NHS letters: "943 476 5919"."""
    n = normalise_nhs_number(number)
    return f"{n[:3]} {n[3:6]} {n[6:]}" if len(n) == 10 else n
