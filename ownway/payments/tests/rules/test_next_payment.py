"""When the next direct payment falls due, and how much it is."""

import datetime as dt
from decimal import Decimal

from ownway.payments.rules.schedule import Gap, Rate, next_payment, payments_due

ANCHOR = dt.date(2026, 4, 6)
RATES = [Rate(dt.date(2026, 4, 20), Decimal("310.21"), Decimal("45.00"))]  # £265.21 a week, net
START = dt.date(2026, 4, 20)


def _next(paid=(), ends_on=None, gaps=(), today=dt.date(2026, 4, 10)):
    return next_payment(anchor=ANCHOR, starts_on=START, ends_on=ends_on, rates=RATES, gaps=gaps, paid=paid, today=today)


def test_the_first_payment_falls_due_on_the_day_the_direct_payment_starts():
    due = _next()
    assert (due.due_on, due.payment.amount, due.payment.days_paid) == (START, Decimal("530.42"), 14)
    assert due.explanation == "£530.42 on 20 April 2026"


def test_after_a_payment_the_next_falls_due_on_the_first_day_of_the_next_period():
    due = _next(paid={dt.date(2026, 4, 6)}, today=dt.date(2026, 4, 20))
    assert (due.due_on, due.payment.amount) == (dt.date(2026, 5, 4), Decimal("1060.84"))
    assert not due.late


def test_a_payment_due_before_today_and_not_made_is_late():
    due = _next(paid={dt.date(2026, 4, 6)}, today=dt.date(2026, 5, 6))
    assert due.due_on == dt.date(2026, 5, 4)
    assert due.late
    assert due.explanation == "£1,060.84, due on 4 May 2026 and not sent yet"


def test_nothing_falls_due_after_the_end_or_while_suspended_with_no_end():
    assert _next(paid={dt.date(2026, 4, 6), dt.date(2026, 5, 4)}, ends_on=dt.date(2026, 5, 10)) is None
    assert _next(paid={dt.date(2026, 4, 6)}, gaps=[Gap(dt.date(2026, 5, 4))]) is None


def test_a_period_suspended_throughout_is_skipped():
    due = _next(paid={dt.date(2026, 4, 6)}, gaps=[Gap(dt.date(2026, 5, 4), dt.date(2026, 5, 31))])
    assert (due.due_on, due.payment.amount) == (dt.date(2026, 6, 1), Decimal("1060.84"))


def test_the_payments_due_are_the_periods_due_and_not_paid_with_something_to_pay():
    def due(paid=(), gaps=()):
        return payments_due(anchor=ANCHOR, starts_on=START, ends_on=None, rates=RATES, gaps=gaps, paid=paid,
                            as_of=dt.date(2026, 5, 4))  # fmt: skip

    assert [(p.period.start, p.amount) for p in due()] == [
        (dt.date(2026, 4, 6), Decimal("530.42")),
        (dt.date(2026, 5, 4), Decimal("1060.84")),
    ]
    assert [p.period.start for p in due(paid={dt.date(2026, 4, 6)})] == [dt.date(2026, 5, 4)]
    assert due(gaps=[Gap(dt.date(2026, 4, 6))]) == []


def test_after_today_skips_what_is_late_to_the_next_day_payments_fall_due():
    due = _next(paid={dt.date(2026, 4, 6)}, today=dt.date(2026, 5, 6))
    coming = next_payment(anchor=ANCHOR, starts_on=START, ends_on=None, rates=RATES, paid={dt.date(2026, 4, 6)},
                          today=dt.date(2026, 5, 6), after=dt.date(2026, 5, 6))  # fmt: skip
    assert due.due_on == dt.date(2026, 5, 4)
    assert coming.due_on == dt.date(2026, 6, 1)
