"""Dates in the payment rules' words, written the same on every platform."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ownway.core.dates import format_date
from ownway.payments.rules.reviews import next_review_due
from ownway.ui.jinja2 import govuk_date


def test_a_day_without_its_leading_zero():
    assert format_date(dt.date(2026, 6, 4)) == "4 June 2026"
    assert format_date(dt.date(2026, 11, 25)) == "25 November 2026"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_the_same_words_as_the_pages(day):
    assert format_date(day) == govuk_date(day)


def test_a_review_date_in_single_figures_has_no_leading_zero():
    due = next_review_due(first_payment_on=dt.date(2026, 1, 5), reviews_held_on=[], today=dt.date(2026, 2, 1))
    assert "due by 5 July 2026, within 6 months of the first payment on 5 January 2026" in due.explanation
