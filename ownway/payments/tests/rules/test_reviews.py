import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ownway.core.dates import add_months
from ownway.payments.rules.reviews import next_review_due


def test_first_review_within_six_months_of_the_first_payment():
    due = next_review_due(first_payment_on=dt.date(2026, 4, 20), reviews_held_on=[], today=dt.date(2026, 5, 1))
    assert due.due_by == dt.date(2026, 10, 20)
    assert due.first_review
    assert not due.overdue
    assert "reg 7(1)(a)" in due.explanation


def test_then_at_most_twelve_months_after_the_last_review():
    due = next_review_due(
        first_payment_on=dt.date(2026, 4, 20),
        reviews_held_on=[dt.date(2026, 9, 1), dt.date(2027, 8, 15)],
        today=dt.date(2028, 8, 20),
    )
    assert due.due_by == dt.date(2028, 8, 15)
    assert due.overdue
    assert "5 days late" in due.explanation


def test_month_ends_are_clamped():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)


def test_nothing_due_before_any_payment():
    due = next_review_due(first_payment_on=None, reviews_held_on=[], today=dt.date(2026, 1, 1))
    assert due.due_by is None
    assert not due.overdue


@given(
    first=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2040, 1, 1)),
    gaps=st.lists(st.integers(min_value=1, max_value=700), max_size=5),
)
def test_never_more_than_six_months_then_twelve(first, gaps):
    reviews, day = [], first
    for gap in gaps:
        day += dt.timedelta(days=gap)
        reviews.append(day)
    due = next_review_due(first_payment_on=first, reviews_held_on=reviews, today=first)
    last = reviews[-1] if reviews else first
    limit = 186 if not reviews else 366
    assert last < due.due_by <= last + dt.timedelta(days=limit)
