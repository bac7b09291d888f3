"""Pounds and pence: the rounding rule on the awkward halves, and one way of writing an amount that reads back."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.core.money import ZERO, file_amount, format_money, from_pence, pence, pounds
from ownway.core.numbers import parse_money


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        ("2.345", "2.35"),  # half a penny rounds up: £2.35, never £2.34
        ("2.335", "2.34"),  # and not to the even penny (banker's rounding would give £2.34 here and £2.34 above)
        ("2.355", "2.36"),
        ("-2.345", "-2.35"),  # a negative amount mirrors the positive one
        ("-2.335", "-2.34"),
        ("0.005", "0.01"),
        ("-0.005", "-0.01"),
        ("0.00499999", "0.00"),
        ("2.3449999999", "2.34"),
        ("12", "12.00"),
        ("99999999999999999999999999999.995", "100000000000000000000000000000.00"),  # past 28 digits
        ("123456789012345678901234567890123.455", "123456789012345678901234567890123.46"),
    ],
)
def test_half_a_penny_rounds_away_from_zero(amount: str, rounded: str) -> None:
    assert pounds(Decimal(amount)) == Decimal(rounded)
    assert str(pounds(amount)) == rounded


def test_the_same_amount_reads_the_same_everywhere() -> None:
    """£2.345 was £2.34 on the pages (the default rounding) and £2.35 in the payment rules; now it is £2.35."""
    assert format_money(Decimal("2.345")) == "£2.35"
    assert file_amount(Decimal("2.345")) == "2.35"
    assert pence(Decimal("2.345")) == 235
    assert format_money(Decimal("-2.345")) == "-£2.35"


@pytest.mark.parametrize(
    ("amount", "text", "short"),
    [
        (Decimal("1234.5"), "£1,234.50", "£1,234.50"),
        (Decimal("250"), "£250.00", "£250"),
        (0, "£0.00", "£0"),
        (Decimal("-5"), "-£5.00", "-£5"),
        (Decimal("-0.001"), "£0.00", "£0"),  # rounds to nothing: no minus sign on nothing
        (Decimal("1000000"), "£1,000,000.00", "£1,000,000"),
        ("0.5", "£0.50", "£0.50"),
    ],
)
def test_format_money(amount: Decimal | int | str, text: str, short: str) -> None:
    assert format_money(amount) == text
    assert format_money(amount, whole_pounds=True) == short


def test_pence_and_back() -> None:
    assert pence(Decimal("12.50")) == 1250
    assert pence(Decimal("-0.015")) == -2
    assert from_pence(1250) == Decimal("12.50")
    assert from_pence(0) == ZERO
    assert file_amount(Decimal("1234567.891")) == "1234567.89"


@pytest.mark.parametrize("bad", [2.345, True, None, [1]])
def test_money_is_never_a_float(bad: object) -> None:
    with pytest.raises(TypeError):
        pounds(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["NaN", "Infinity", Decimal("-Infinity")])
def test_money_is_finite(bad: object) -> None:
    with pytest.raises(ValueError, match="finite"):
        pounds(bad)  # type: ignore[arg-type]


amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=6)


@given(amounts)
def test_rounding_is_idempotent(amount: Decimal) -> None:
    once = pounds(amount)
    assert pounds(once) == once
    assert abs(once - amount) <= Decimal("0.005")


@given(amounts)
def test_rounding_is_symmetric(amount: Decimal) -> None:
    assert pounds(-amount) == -pounds(amount)


@given(amounts)
def test_what_is_written_reads_back(amount: Decimal) -> None:
    """The formatter and the parser agree: what a page shows, typed back into a form, is the same amount."""
    high = Decimal("1e13")
    for text in (format_money(amount), format_money(amount, whole_pounds=True), file_amount(amount)):
        assert parse_money(text, low=-high, high=high) == pounds(amount)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_pence_round_trip(whole_pence: int) -> None:
    assert pence(from_pence(whole_pence)) == whole_pence


@given(st.decimals(allow_nan=False, allow_infinity=False) | st.integers() | amounts)
def test_rounding_a_decimal_quickly_gives_what_rounding_it_in_its_own_context_gives(amount: Decimal | int) -> None:
    """Amounts the context's digits hold are rounded without a context of their own: the same penny, and the
    same as any amount too large for them (tens of digits), which gets one with enough."""
    with localcontext() as context:
        number = Decimal(amount)
        context.prec = max(context.prec, number.adjusted() + 4)
        expected = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert pounds(number) == expected
    assert str(pounds(number)) == str(expected)
    assert pounds(Decimal(10) ** 40 + Decimal("0.005")) == Decimal(10) ** 40 + Decimal("0.01")
