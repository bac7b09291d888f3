"""Dates: how they are written, month and year arithmetic, financial years, weeks and working days.

One place for the calendar, so every app counts the same way.

**Writing a date.** :func:`format_date` writes a date as the GOV.UK style guide does: "4 June 2026" (the day
without a leading zero, the month in full; no "th", no commas), optionally with the day of the week
("Thursday 4 June 2026"), and :func:`format_datetime` a moment as "4 June 2026 at 2:05pm". Nothing here
uses ``%-d``, which is a glibc extension that Windows and some other C libraries do not have.

**Months and years.** :func:`add_months` moves a date by whole calendar months, keeping the day of the month
where the month has it and otherwise taking the month's last day (31 August + 6 months is 28 February, or 29
in a leap year); :func:`add_years` does the same for years (29 February + 1 year is 28 February). So a
six-month review of a direct payment that started on 31 August falls due at the end of February, not in
March.

**Financial years.** A council's financial year runs from 1 April to 31 March (Local Government Act 1972
s.270(1) and the Interpretation Act 1978 Schedule 1: the twelve months ending with 31 March). The tax year,
from which the yearly charging figures are usually in force, runs from 6 April to 5 April (Income Tax Act
2007 s.4). :func:`financial_year` gives either, named
like "2026/27".

**Weeks** start on Monday (ISO 8601, as the rota, the plan's timetable and the payment cycles count them).

**Working days** are Monday to Friday, less the bank holidays of England and Wales and any day the council
says it is closed. The bank holidays are worked out from the rules that make them (Banking and Financial
Dealings Act 1971 s.1 and Schedule 1; New Year's Day and the substitute days after a Christmas or New Year
at a weekend by royal proclamation each year), with the one-off days and moved days proclaimed since 1995
listed in :data:`PROCLAIMED_CHANGES`; the test checks them against the list GOV.UK publishes
(https://www.gov.uk/bank-holidays, also as https://www.gov.uk/bank-holidays.json). A new one-off bank holiday
is proclaimed months ahead: a council adds it (and any day it closes, such as Christmas Eve) as a closed
day (the ``OWNWAY_CLOSED_DAYS`` setting) until the list here has it.

Pure Python, no Django.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

#: The first day of a council's financial year: 1 April.
FINANCIAL_YEAR_START = (4, 1)
#: The first day of the tax year: 6 April.
TAX_YEAR_START = (4, 6)


# Writing dates -----------------------------------------------------------------------------------------


def format_date(value: dt.date, *, weekday: bool = False, year: bool = True) -> str:
    """A date in GOV.UK style: "4 June 2026"; with ``weekday``, "Thursday 4 June 2026"; without ``year``,
    "4 June"."""
    text = f"{value.day} {calendar.month_name[value.month]}"
    if year:
        text += f" {value.year}"
    if weekday:
        text = f"{calendar.day_name[value.weekday()]} {text}"
    return text


def format_datetime(value: dt.datetime) -> str:
    """A moment in GOV.UK style: "4 June 2026 at 2:05pm". The caller turns it to local time first."""
    return f"{format_date(value)} at {value.hour % 12 or 12}:{value.minute:02d}{'am' if value.hour < 12 else 'pm'}"


# Months and years -------------------------------------------------------------------------------------


def last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (earlier if negative), or that month's last day where it is
    shorter: 31 August + 6 months is 28 February (29 in a leap year); 31 March - 1 month is 28 or 29 February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (earlier if negative); 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (negative if ``later`` is before): the largest ``n``
    with ``add_months(earlier, n) <= later``."""
    if later < earlier:
        return -months_between(later, earlier)
    n = (later.year - earlier.year) * 12 + later.month - earlier.month
    return n if add_months(earlier, n) <= later else n - 1


# Financial years -------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A year from ``first_day`` to ``last_day`` (both in the year), named like "2026/27"."""

    first_day: dt.date
    last_day: dt.date

    @property
    def label(self) -> str:
        return f"{self.first_day.year}/{(self.first_day.year + 1) % 100:02d}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return self.label

    def next(self) -> FinancialYear:
        return _year_from(self.first_day.year + 1, (self.first_day.month, self.first_day.day))


def _year_from(first_year: int, start: tuple[int, int]) -> FinancialYear:
    first = dt.date(first_year, *start)
    return FinancialYear(first, dt.date(first_year + 1, *start) - dt.timedelta(days=1))


def financial_year(day: dt.date, *, start: tuple[int, int] = FINANCIAL_YEAR_START) -> FinancialYear:
    """The year ``day`` falls in: a council's financial year from 1 April by default, or the tax year from 6 April
    with ``start=TAX_YEAR_START``. 31 March 2027 is in 2026/27; 1 April 2027 in 2027/28."""
    first_year = day.year if (day.month, day.day) >= start else day.year - 1
    return _year_from(first_year, start)


# Weeks -----------------------------------------------------------------------------------------------


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` is in (ISO 8601 weeks start on Monday)."""
    return day - dt.timedelta(days=day.weekday())


def week_of(day: dt.date) -> list[dt.date]:
    """The seven days, Monday to Sunday, of the week ``day`` is in."""
    monday = week_start(day)
    return [monday + dt.timedelta(days=n) for n in range(7)]


# Bank holidays and working days --------------------------------------------------------------------------


def easter_sunday(year: int) -> dt.date:
    """Easter Day in the Gregorian calendar (the anonymous algorithm published in Nature, 1876)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lw) // 451
    month, day = divmod(h + lw - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    last = last_day_of_month(year, month)
    return last - dt.timedelta(days=last.weekday())


#: Bank holidays moved or added by royal proclamation since 1995, by year: (days the rules give that were not
#: bank holidays, days added). Source: the proclamations as listed by GOV.UK (https://www.gov.uk/bank-holidays)
#: and the House of Commons Library briefing "Bank holidays" (SN03950).
PROCLAIMED_CHANGES: dict[int, tuple[tuple[dt.date, ...], tuple[dt.date, ...]]] = {
    1995: ((dt.date(1995, 5, 1),), (dt.date(1995, 5, 8),)),  # 50 years since VE Day
    1999: ((), (dt.date(1999, 12, 31),)),  # the millennium
    2002: ((dt.date(2002, 5, 27),), (dt.date(2002, 6, 3), dt.date(2002, 6, 4))),  # Golden Jubilee
    2011: ((), (dt.date(2011, 4, 29),)),  # a royal wedding
    2012: ((dt.date(2012, 5, 28),), (dt.date(2012, 6, 4), dt.date(2012, 6, 5))),  # Diamond Jubilee
    2020: ((dt.date(2020, 5, 4),), (dt.date(2020, 5, 8),)),  # 75 years since VE Day
    2022: ((dt.date(2022, 5, 30),), (dt.date(2022, 6, 2), dt.date(2022, 6, 3), dt.date(2022, 9, 19))),
    2023: ((), (dt.date(2023, 5, 8),)),  # the coronation
}


@cache
def bank_holidays_england_and_wales(year: int) -> frozenset[dt.date]:
    """The bank holidays in England and Wales in ``year`` (see the module's note for the sources).

    New Year's Day (the next Monday when it is a Saturday or Sunday), Good Friday, Easter Monday, the early May
    bank holiday (the first Monday in May), the spring bank holiday (the last Monday in May), the summer bank
    holiday (the last Monday in August), Christmas Day and Boxing Day (each at a weekend moved to the next
    weekday the other does not take), with the proclaimed changes in :data:`PROCLAIMED_CHANGES`.
    """
    days = set()
    new_year = dt.date(year, 1, 1)
    days.add(new_year + dt.timedelta(days={5: 2, 6: 1}.get(new_year.weekday(), 0)))
    easter = easter_sunday(year)
    days |= {easter - dt.timedelta(days=2), easter + dt.timedelta(days=1)}
    days |= {_first_monday(year, 5), _last_monday(year, 5), _last_monday(year, 8)}
    christmas, boxing = dt.date(year, 12, 25), dt.date(year, 12, 26)
    # Sat 25: Mon 27 and Tue 28. Sun 25: Mon 26 and Tue 27. Fri 25: Fri 25 and Mon 28.
    substitute = {
        5: (dt.date(year, 12, 27), dt.date(year, 12, 28)),
        6: (boxing, dt.date(year, 12, 27)),
        4: (christmas, dt.date(year, 12, 28)),
    }
    days |= set(substitute.get(christmas.weekday(), (christmas, boxing)))
    removed, added = PROCLAIMED_CHANGES.get(year, ((), ()))
    return frozenset((days - set(removed)) | set(added))


@dataclass(frozen=True)
class WorkingDays:
    """Monday to Friday, less the bank holidays of England and Wales and the days in ``closed`` (a council's own
    closures and any bank holiday proclaimed since this module was written)."""

    closed: frozenset[dt.date] = frozenset()

    @classmethod
    def for_council(cls, closed: Iterable[dt.date | str] = ()) -> WorkingDays:
        """The council's working days, its closed days given as dates or ISO 8601 text ("2026-12-24")."""
        return cls(frozenset(day if isinstance(day, dt.date) else dt.date.fromisoformat(day) for day in closed))

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in bank_holidays_england_and_wales(day.year) and day not in self.closed

    def add(self, day: dt.date, working_days: int) -> dt.date:
        """The working day ``working_days`` working days after ``day`` (before it if negative); ``day`` itself need
        not be a working day. 3 working days after Thursday 24 December 2026 is Thursday 31 December."""
        step = dt.timedelta(days=1 if working_days >= 0 else -1)
        remaining = abs(working_days)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """The working days after ``start`` up to and including ``end`` (0 if ``end`` is not after ``start``)."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, otherwise the next one."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def on_or_before(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, otherwise the one before (when a bank must have a payment file)."""
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day
