"""The NHS number check digit (NHS Data Dictionary, "NHS Number": modulus 11, weights 10 to 2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.people.rules.nhs_number import (
    check_nhs_number,
    format_nhs_number,
    nhs_check_digit,
    normalise_nhs_number,
)


def test_worked_example_943_476_5919():
    # 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
    assert nhs_check_digit("943476591") == 9
    assert check_nhs_number("943 476 5919").valid


@pytest.mark.parametrize(
    "number",
    [
        "9434765919",  # the NHS's own example in its API documentation
        "4010232137",  # NHS England's FHIR examples
        "9000000009",  # the NHS login sandbox's test patient
        "9449306060",  # check digit 0, from a remainder of 0 (11 − 0 = 11 → 0)
        "485 777 3457",
        "485-777-3457",
    ],
)
def test_valid_numbers(number):
    result = check_nhs_number(number)
    assert result.valid, result.explanation
    assert result.normalised == normalise_nhs_number(number)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("9434765918", "the last digit does not match the check digit"),
        ("4857773456", "the last digit does not match the check digit"),
        ("1234567890", "the last digit does not match the check digit"),  # remainder 10: never issued
        ("943476591", "must be 10 digits"),
        ("94347659190", "must be 10 digits"),
        ("94347659A9", "only include numbers 0 to 9"),
        ("0000000000", "one repeated digit"),
        ("", "Enter an NHS number"),
    ],
)
def test_invalid_numbers_say_why(number, message):
    result = check_nhs_number(number)
    assert not result.valid
    assert message in result.explanation


def test_remainder_ten_has_no_check_digit():
    assert nhs_check_digit("123456789") is None


def test_check_digit_needs_nine_digits():
    with pytest.raises(ValueError, match="nine digits"):
        nhs_check_digit("12345")


def test_format():
    assert format_nhs_number("9434765919") == "943 476 5919"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_computed_check_digit_makes_a_valid_number(first_nine):
    digit = nhs_check_digit(first_nine)
    number = first_nine + str(digit) if digit is not None else None
    if number is not None and len(set(number)) > 1:
        assert check_nhs_number(number).valid
        # Changing the last digit always breaks it.
        wrong = first_nine + str((digit + 1) % 10)
        assert not check_nhs_number(wrong).valid
