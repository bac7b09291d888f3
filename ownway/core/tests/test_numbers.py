"""Numbers from outside: what is accepted, what each mistake is told, and that nothing else is ever raised."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.core.numbers import (
    NumberError,
    parse_id,
    parse_money,
    parse_number,
    parse_page_number,
    parse_whole_number,
)

MILLION = Decimal("1000000")


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("8,500", Decimal("8500.00")),
        ("£1,000,000", Decimal("1000000.00")),
        ("12.5", Decimal("12.50")),
        (" £ 12.50 ", Decimal("12.50")),
        (".50", Decimal("0.50")),
        ("12.500", Decimal("12.50")),
        ("1,250.75", Decimal("1250.75")),
        ("\u00a012\u00a0", Decimal("12.00")),
        ("0", Decimal("0.00")),
    ],
)
def test_money_is_read_as_people_type_it(typed, amount):
    assert parse_money(typed, high=MILLION) == amount


@pytest.mark.parametrize(
    ("typed", "code", "message"),
    [
        ("1e309", "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("NaN", "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("Infinity", "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("-Infinity", "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("1e3", "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("12,50", "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("lots", "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("£", "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("²", "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("-0", "too_small", "The amount must be £0 or more"),
        ("-£5", "too_small", "The amount must be £0 or more"),
        ("1,000,000.01", "too_large", "The amount must be £1,000,000 or less"),
        ("9" * 5000, "invalid", "The amount must be an amount in pounds, like 12.50"),
        ("9" * 90, "too_large", "The amount must be £1,000,000 or less"),
        (
            "12.345",
            "places",
            "The amount must be in pounds and pence, with no more than 2 decimal places, like 12.50",
        ),
    ],
)
def test_money_mistakes_each_have_their_message(typed, code, message):
    with pytest.raises(NumberError) as error:
        parse_money(typed, high=MILLION)
    assert (error.value.code, str(error.value)) == (code, message)


def test_money_names_what_it_is_and_may_be_negative_where_the_use_allows():
    with pytest.raises(NumberError, match=r"^Weekly cost of care must be £100,000 or less$"):
        parse_money("100,000.01", high=Decimal(100_000), subject="Weekly cost of care")
    assert parse_money("-£5.20", low=-MILLION, high=MILLION) == Decimal("-5.20")
    assert parse_money("£-5.20", low=-MILLION, high=MILLION) == Decimal("-5.20")
    with pytest.raises(NumberError, match="must be -£1,000,000 or more"):
        parse_money("-1000000.01", low=-MILLION, high=MILLION)


@pytest.mark.parametrize(
    "value",
    [10**18, 10**5000, float("inf"), float("nan"), Decimal("NaN"), Decimal("sNaN"), Decimal("1E+309"), True],
    ids=["10^18", "10^5000", "inf", "nan", "Decimal NaN", "Decimal sNaN", "Decimal 1E+309", "True"],
)
def test_numbers_already_decoded_are_checked_too(value):
    with pytest.raises(NumberError):
        parse_money(value, high=MILLION)


def test_whole_numbers_and_decimals():
    assert parse_whole_number("1,000", low=0, high=10_000, subject="Places") == 1000
    assert parse_whole_number("3.0", low=0, high=10, subject="Places") == 3
    with pytest.raises(NumberError, match=r"^Age must be a whole number$"):
        parse_whole_number("2.5", low=0, high=150, subject="Age")
    with pytest.raises(NumberError, match=r"^Age must be 150 or less$"):
        parse_whole_number("1,000", low=0, high=150, subject="Age")
    assert parse_number("7.5", low=Decimal(0), high=Decimal(168), places=1, subject="Hours") == Decimal("7.5")
    with pytest.raises(NumberError, match=r"^Hours must have no more than 1 decimal place, like 7\.5$"):
        parse_number("7.25", low=Decimal(0), high=Decimal(168), places=1, subject="Hours")
    with pytest.raises(NumberError, match=r"^Hours must be 0\.25 or more$"):
        parse_number("0.1", low=Decimal("0.25"), high=Decimal(168), places=2, subject="Hours")


@pytest.mark.parametrize(("raw", "page"), [(None, 1), ("", 1), ("3", 3), ("²", 1), ("0", 1), ("1e309", 1)])
def test_a_page_number_that_is_not_one_is_the_first_page(raw, page):
    assert parse_page_number(raw) == page


anything = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.,-+£ eEinfINFaN()\u00a0\u2212"),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)


@given(anything)
def test_no_input_raises_anything_but_a_number_error(value):
    checks = (
        lambda: parse_money(value, high=MILLION),
        lambda: parse_money(value, low=-MILLION, high=MILLION),
        lambda: parse_whole_number(value, low=0, high=100_000, subject="Page"),
        lambda: parse_number(value, low=Decimal(0), high=Decimal(168), places=2, subject="Hours"),
    )
    for check in checks:
        try:
            result: object = check()
        except NumberError as error:
            result = error
        assert isinstance(result, Decimal | int) or (isinstance(result, NumberError) and str(result))
    assert 1 <= parse_page_number(value) <= 100_000
    assert parse_id(value) is None or 1 <= parse_id(value) < 2**63


@given(st.decimals(min_value=0, max_value=MILLION, places=2))
def test_every_amount_in_range_reads_back_as_itself_however_it_is_written(amount):
    assert parse_money(f"£{amount:,.2f}", high=MILLION) == amount
    assert parse_money(str(amount), high=MILLION) == amount
    assert math.isfinite(parse_money(amount, high=MILLION))


@pytest.mark.parametrize(
    ("raw", "pk"), [("42", 42), ("", None), (None, None), ("²", None), ("0", None), ("2" * 30, None)]
)
def test_an_id_that_is_not_one_is_no_record(raw, pk):
    assert parse_id(raw) == pk


def test_parse_uuid_gives_the_id_or_none():
    import uuid

    from ownway.core.numbers import parse_uuid

    known = uuid.uuid4()
    assert parse_uuid(str(known)) == known
    assert parse_uuid(known) == known
    for value in ("abc", "1e309", "NaN", "-1", "9" * 5000, "x" * 10_000, "\x00", "", None, 12):
        assert parse_uuid(value) is None
