import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ownway.jobs.rules import next_daily, next_yearly

LONDON = ZoneInfo("Europe/London")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def test_a_daily_time_later_today_is_today():
    assert next_daily(dt.time(6, 0), after=at(2026, 12, 4, 5, 59), zone=LONDON) == at(2026, 12, 4, 6, 0)


def test_a_daily_time_already_passed_is_tomorrow():
    assert next_daily(dt.time(6, 0), after=at(2026, 12, 4, 6, 0), zone=LONDON) == at(2026, 12, 5, 6, 0)


def test_a_daily_time_follows_the_clocks_in_summer():
    # 06:00 in London in July is 05:00 UTC.
    due = next_daily(dt.time(6, 0), after=at(2026, 7, 1, 12, 0), zone=LONDON)
    assert due.astimezone(dt.UTC) == dt.datetime(2026, 7, 2, 5, 0, tzinfo=dt.UTC)


def test_a_time_that_does_not_exist_when_the_clocks_go_forward_moves_on():
    # On 29 March 2026 the clocks in the UK went from 01:00 to 02:00: 01:30 never happened.
    due = next_daily(dt.time(1, 30), after=at(2026, 3, 28, 12, 0), zone=LONDON)
    assert due.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)


def test_yearly_uprating_on_the_first_monday_of_april_style_date():
    assert next_yearly(dt.time(2, 0), 4, 6, after=at(2026, 12, 4, 0, 0), zone=LONDON) == at(2027, 4, 6, 2, 0)
    assert next_yearly(dt.time(2, 0), 4, 6, after=at(2027, 1, 1, 0, 0), zone=LONDON) == at(2027, 4, 6, 2, 0)


def test_29_february_falls_on_the_28th_in_a_common_year():
    assert next_yearly(dt.time(9, 0), 2, 29, after=at(2026, 12, 4, 0, 0), zone=LONDON) == at(2027, 2, 28, 9, 0)
    assert next_yearly(dt.time(9, 0), 2, 29, after=at(2027, 3, 1, 0, 0), zone=LONDON) == at(2028, 2, 29, 9, 0)


@pytest.mark.parametrize(("month", "day"), [(0, 1), (13, 1), (1, 0), (1, 32)])
def test_an_impossible_yearly_date_is_refused(month: int, day: int):
    with pytest.raises(ValueError, match="month from 1 to 12"):
        next_yearly(dt.time(0, 0), month, day, after=at(2026, 1, 1, 0, 0), zone=LONDON)
