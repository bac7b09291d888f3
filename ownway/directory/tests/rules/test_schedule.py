import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.directory.rules.schedule import DAYS, Session, day_code, describe, matches, parse_byday, time_text


def t(text):
    return dt.time.fromisoformat(text)


def test_saturday_morning_in_words():
    when = describe(Session("WEEKLY", None, "SA", t("10:00"), t("12:30")))
    assert when.text == "Every Saturday, 10am to 12:30pm"
    assert when.weekend
    assert not when.evening


def test_evening_means_still_running_after_five():
    when = describe(Session("WEEKLY", 1, "TU", t("19:00"), t("21:00")))
    assert when.evening
    assert "after 5pm" in when.explanation
    assert not describe(Session("WEEKLY", 1, "TU", t("13:00"), t("17:00"))).evening


def test_days_are_listed_in_week_order():
    assert describe(Session("WEEKLY", None, "FR,MO,WE", t("09:30"), t("15:30"))).text.startswith(
        "Every Monday, Wednesday and Friday"
    )


def test_monthly_with_ordinal():
    when = describe(Session("MONTHLY", None, "1SA", t("12:00"), None))
    assert when.text == "The first Saturday of every month, from midday"


def test_fortnightly():
    assert describe(Session("WEEKLY", 2, "TH", None, None)).text == "Every 2 weeks on Thursday"


def test_bad_day_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="'SAT' is not an iCalendar day"):
        parse_byday("SAT")


@pytest.mark.parametrize(("raw", "code"), [("SA", "SA"), ("sat", "SA"), ("Saturday", "SA"), ("su", "SU"), ("x", None)])
def test_day_code(raw, code):
    assert day_code(raw) == code


def test_time_text():
    assert time_text(t("17:30")) == "5:30pm"
    assert time_text(t("00:00")) == "12am"


def test_matches_follows_oruk_parameters():
    session = Session("WEEKLY", None, "SA,SU", t("10:00"), t("12:00"))
    assert matches(session, day="SA", start_time=t("10:00"), end_time=t("12:00"))
    assert not matches(session, day="MO")
    assert not matches(session, start_time=t("10:30"))
    assert not matches(session, end_time=t("11:00"))


@given(days=st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True))
def test_weekend_exactly_when_saturday_or_sunday(days):
    when = describe(Session("WEEKLY", None, ",".join(days), None, None))
    assert when.weekend == bool({"SA", "SU"} & set(days))
    assert when.days == frozenset(days)
