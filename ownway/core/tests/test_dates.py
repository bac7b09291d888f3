"""Dates: GOV.UK style, month and year arithmetic, financial years, weeks, bank holidays and working days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.core.dates import (
    TAX_YEAR_START,
    WorkingDays,
    add_months,
    add_years,
    bank_holidays_england_and_wales,
    financial_year,
    format_date,
    format_datetime,
    months_between,
    week_of,
    week_start,
)

D = dt.date


def test_format_date() -> None:
    assert format_date(D(2026, 6, 4)) == "4 June 2026"
    assert format_date(D(2026, 6, 4), weekday=True) == "Thursday 4 June 2026"
    assert format_date(D(2026, 12, 25), weekday=True, year=False) == "Friday 25 December"
    assert format_datetime(dt.datetime(2026, 6, 4, 14, 5, tzinfo=dt.UTC)) == "4 June 2026 at 2:05pm"
    assert format_datetime(dt.datetime(2026, 6, 4, 0, 30, tzinfo=dt.UTC)) == "4 June 2026 at 12:30am"
    assert format_datetime(dt.datetime(2026, 6, 4, 12, 0, tzinfo=dt.UTC)) == "4 June 2026 at 12:00pm"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 8, 31), 6, D(2027, 2, 28)),  # a shorter month: its last day
        (D(2027, 8, 31), 6, D(2028, 2, 29)),  # a leap year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 1, 15), -1, D(2025, 12, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 4, 6), 12, D(2027, 4, 6)),
        (D(2026, 4, 6), 0, D(2026, 4, 6)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_add_years_from_29_february() -> None:
    assert add_years(D(2028, 2, 29), 1) == D(2029, 2, 28)
    assert add_years(D(2028, 2, 29), 4) == D(2032, 2, 29)
    assert add_years(D(2028, 2, 29), -1) == D(2027, 2, 28)


dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))


@given(dates, st.integers(min_value=-600, max_value=600))
def test_months_between_undoes_add_months(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert later.day <= day.day
    if day.day <= 28:
        assert months_between(day, later) == months
        assert add_months(later, -months) == day


@given(dates, dates)
def test_months_between_is_the_most_whole_months(a: dt.date, b: dt.date) -> None:
    n = months_between(a, b)
    if a <= b:
        assert add_months(a, n) <= b < add_months(a, n + 1)
    else:
        assert n == -months_between(b, a)


@pytest.mark.parametrize(
    ("day", "label", "first", "last"),
    [
        (D(2027, 3, 31), "2026/27", D(2026, 4, 1), D(2027, 3, 31)),
        (D(2027, 4, 1), "2027/28", D(2027, 4, 1), D(2028, 3, 31)),
        (D(2026, 12, 25), "2026/27", D(2026, 4, 1), D(2027, 3, 31)),
        (D(1999, 4, 1), "1999/00", D(1999, 4, 1), D(2000, 3, 31)),
    ],
)
def test_financial_year(day: dt.date, label: str, first: dt.date, last: dt.date) -> None:
    year = financial_year(day)
    assert (year.label, year.first_day, year.last_day) == (label, first, last)
    assert day in year
    assert year.next().first_day == last + dt.timedelta(days=1)


def test_tax_year_starts_on_6_april() -> None:
    assert financial_year(D(2026, 4, 5), start=TAX_YEAR_START).label == "2025/26"
    assert financial_year(D(2026, 4, 6), start=TAX_YEAR_START).label == "2026/27"
    assert financial_year(D(2026, 4, 6), start=TAX_YEAR_START).last_day == D(2027, 4, 5)


def test_weeks_start_on_monday() -> None:
    assert week_start(D(2026, 12, 6)) == D(2026, 11, 30)  # a Sunday
    assert week_start(D(2026, 11, 30)) == D(2026, 11, 30)
    assert [d.weekday() for d in week_of(D(2026, 12, 3))] == list(range(7))


#: Bank holidays in England and Wales as GOV.UK lists them (https://www.gov.uk/bank-holidays.json).
GOV_UK = {
    2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
}


@pytest.mark.parametrize("year", sorted(GOV_UK))
def test_bank_holidays_match_gov_uk(year: int) -> None:
    expected = {D.fromisoformat(f"{year}-{day}") for day in GOV_UK[year]}
    assert bank_holidays_england_and_wales(year) == expected


def test_working_days_over_christmas() -> None:
    days = WorkingDays()
    # Thursday 24 December 2026; Christmas Friday, Boxing Day Saturday so Monday 28 is the substitute.
    assert days.add(D(2026, 12, 24), 3) == D(2026, 12, 31)
    assert days.add(D(2026, 12, 31), -3) == D(2026, 12, 24)
    assert days.between(D(2026, 12, 24), D(2026, 12, 31)) == 3
    assert not days.is_working_day(D(2026, 12, 28))
    assert days.on_or_after(D(2026, 12, 25)) == D(2026, 12, 29)
    assert days.on_or_before(D(2026, 12, 28)) == D(2026, 12, 24)


def test_a_council_closes_on_christmas_eve() -> None:
    days = WorkingDays.for_council(["2026-12-24", D(2026, 12, 31)])
    assert not days.is_working_day(D(2026, 12, 24))
    assert days.add(D(2026, 12, 23), 2) == D(2026, 12, 30)  # 29 and 30 December
    assert days.add(D(2026, 12, 23), 3) == D(2027, 1, 4)  # 31 December closed, 1 January a bank holiday


@given(dates, st.integers(min_value=-60, max_value=60))
def test_adding_working_days_counts_them(day: dt.date, n: int) -> None:
    days = WorkingDays()
    later = days.add(day, n)
    assert days.is_working_day(later) or n == 0
    if n >= 0:
        assert days.between(day, later) == n


def test_a_council_sets_its_closed_days_as_a_setting():
    """OWNWAY_CLOSED_DAYS is read when the settings load; a value that is not dates stops the start."""
    from ownway.ui.tests.settings_probe import fresh_settings

    closed = fresh_settings("OWNWAY_CLOSED_DAYS", OWNWAY_CLOSED_DAYS="2026-12-24, 2026-12-31")
    assert closed == "[datetime.date(2026, 12, 24), datetime.date(2026, 12, 31)]"
    refused = fresh_settings("OWNWAY_CLOSED_DAYS", OWNWAY_CLOSED_DAYS="24/12/2026")
    assert "OWNWAY_CLOSED_DAYS is '24/12/2026', but it must be dates written YYYY-MM-DD, separated by commas" in refused
