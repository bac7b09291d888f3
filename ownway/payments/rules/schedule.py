"""When direct payments are paid, and how much each payment is.

The council pays direct payments every four weeks, in advance, on a cycle of its own (one anchor date for
everyone, so that all payments go out in the same run). The first and last payments are pro rata: a
direct payment that starts or ends part way through a four-week period is paid for the days it covers,
at one seventh of the weekly amount a day. The Care and Support (Direct Payments) Regulations 2014 leave
the timing and method of payment to the council (reg 5 and statutory guidance ch.12, paras 12.23-12.24 on
making payments and 12.64 on the contribution); four-weekly in advance is the usual choice and Ownway's
default, and the length of the cycle is a setting.

The contribution the person pays towards their care (from the financial assessment) can be handled in
one of two ways, as the council chooses (statutory guidance para 12.64):

* **net**: the council pays the personal budget less the contribution, and the person puts their
  contribution into the account themselves;
* **gross**: the council pays the whole personal budget and collects the contribution separately.

While a direct payment is suspended nothing is paid for the days it is suspended.

:func:`payments_due` is what a payment run pays; :func:`next_payment` is when the next payment falls due and
how much it is, for the person and the finance officer.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ownway.core.dates import format_date
from ownway.core.money import ZERO, format_money, pounds

DEFAULT_PERIOD_DAYS = 28


class Basis(enum.StrEnum):
    NET = "net"
    GROSS = "gross"


@dataclass(frozen=True, order=True)
class Period:
    """One payment period, from ``start`` to ``end`` (both days included)."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Rate:
    """The weekly personal budget paid by direct payment, and the person's weekly contribution, from a date."""

    effective_from: dt.date
    weekly_budget: Decimal
    weekly_contribution: Decimal = ZERO


@dataclass(frozen=True)
class Gap:
    """Days when nothing is paid (a suspension): ``start`` to ``end`` included, or with no end yet."""

    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class PeriodPayment:
    period: Period
    amount: Decimal
    contribution_to_collect: Decimal
    days_paid: int
    explanation: str


def period_containing(day: dt.date, *, anchor: dt.date, length_days: int = DEFAULT_PERIOD_DAYS) -> Period:
    """The period of the council's cycle (starting on ``anchor``, every ``length_days``) that contains ``day``."""
    if length_days < 1:
        raise ValueError("A payment period must be at least one day long")
    offset = (day - anchor).days // length_days
    start = anchor + dt.timedelta(days=offset * length_days)
    return Period(start=start, end=start + dt.timedelta(days=length_days - 1))


def periods_due(
    *,
    anchor: dt.date,
    starts_on: dt.date,
    ends_on: dt.date | None,
    as_of: dt.date,
    length_days: int = DEFAULT_PERIOD_DAYS,
) -> list[Period]:
    """The periods a direct payment covers that are due by ``as_of``, oldest first.

    Payments are in advance: a period is due on its first day, or on the day the direct payment starts
    if that is later. Periods after the end date are never due.
    """
    if ends_on is not None and ends_on < starts_on:
        raise ValueError("A direct payment cannot end before it starts")
    periods: list[Period] = []
    period = period_containing(starts_on, anchor=anchor, length_days=length_days)
    while max(period.start, starts_on) <= as_of and (ends_on is None or period.start <= ends_on):
        periods.append(period)
        start = period.end + dt.timedelta(days=1)
        period = Period(start=start, end=start + dt.timedelta(days=length_days - 1))
    return periods


def rate_on(day: dt.date, rates: Sequence[Rate]) -> Rate | None:
    """The rate in force on a day: the one with the latest ``effective_from`` by then; of two from the same day,
    the one later in ``rates`` (the later recorded)."""
    current = None
    for rate in sorted(rates, key=lambda r: r.effective_from):
        if rate.effective_from <= day:
            current = rate
    return current


def period_payment(
    period: Period,
    *,
    starts_on: dt.date,
    ends_on: dt.date | None,
    rates: Sequence[Rate],
    gaps: Sequence[Gap] = (),
    basis: Basis = Basis.NET,
) -> PeriodPayment:
    """The payment for one period: one seventh of the weekly amount for each day the direct payment runs.

    A full four-week period at one rate is exactly four times the weekly amount.
    """
    for rate in rates:
        if rate.weekly_budget < 0 or rate.weekly_contribution < 0:
            raise ValueError("A weekly budget or contribution cannot be negative")
        if rate.weekly_contribution > rate.weekly_budget and basis == Basis.GROSS:
            raise ValueError("The contribution cannot be more than the budget")
    day_counts: dict[Rate, int] = {}
    day = period.start
    while day <= period.end:
        in_agreement = starts_on <= day and (ends_on is None or day <= ends_on)
        day_rate = rate_on(day, rates) if in_agreement else None
        if day_rate is not None and not any(gap.covers(day) for gap in gaps):
            day_counts[day_rate] = day_counts.get(day_rate, 0) + 1
        day += dt.timedelta(days=1)
    days_paid = sum(day_counts.values())
    paid = Decimal(0)
    collect = Decimal(0)
    for rate, days in day_counts.items():
        if basis == Basis.NET:
            paid += max(ZERO, rate.weekly_budget - rate.weekly_contribution) * days / 7
        else:
            paid += rate.weekly_budget * days / 7
            collect += rate.weekly_contribution * days / 7
    amount, contribution = pounds(paid), pounds(collect)
    when = f"{format_date(period.start)} to {format_date(period.end)}"
    if days_paid == 0:
        text = f"Nothing to pay for {when}: the direct payment does not run on any day of it"
    elif days_paid == period.days and len(day_counts) == 1:
        text = (
            f"{format_money(amount)} for the four weeks {when}"
            if period.days == 28
            else f"{format_money(amount)} for {when}"
        )
    else:
        text = f"{format_money(amount)} for {days_paid} of the {period.days} days {when}, pro rata at a seventh a day"
    if basis == Basis.NET:
        text += " (the budget less the person's contribution, which they pay into the account)"
    elif contribution:
        text += f"; the council collects the contribution of {format_money(contribution)} separately"
    return PeriodPayment(
        period=period, amount=amount, contribution_to_collect=contribution, days_paid=days_paid, explanation=text
    )


def payment_to_person(
    *,
    amount: Decimal,
    period_start: dt.date,
    period_end: dt.date,
    days_paid: int,
    net: bool,
    contribution_to_collect: Decimal,
) -> str:
    """A payment as the person reads it on their own pages: what for, and how their contribution is paid."""
    days = (period_end - period_start).days + 1
    when = f"{format_date(period_start)} to {format_date(period_end)}"
    if days_paid == days:
        text = (
            f"{format_money(amount)} for the four weeks {when}" if days == 28 else f"{format_money(amount)} for {when}"
        )
    else:
        text = f"{format_money(amount)} for {days_paid} of the {days} days {when}"
    if net:
        return text + ": your budget less your contribution, which you pay into the account yourself"
    if contribution_to_collect:
        return (
            text + f": your whole budget. We ask you for your contribution of {format_money(contribution_to_collect)}"
        )
    return text


def payments_due(
    *,
    anchor: dt.date,
    starts_on: dt.date,
    ends_on: dt.date | None,
    rates: Sequence[Rate],
    gaps: Sequence[Gap] = (),
    basis: Basis = Basis.NET,
    paid: Collection[dt.date] = (),
    as_of: dt.date,
    length_days: int = DEFAULT_PERIOD_DAYS,
) -> list[PeriodPayment]:
    """The payments to make by ``as_of``: each period due and not yet paid (``paid`` holds the first days of the
    periods paid) that has something to pay or a contribution to collect, oldest first."""
    due = []
    for period in periods_due(
        anchor=anchor, starts_on=starts_on, ends_on=ends_on, as_of=as_of, length_days=length_days
    ):
        if period.start in paid:
            continue
        payment = period_payment(period, starts_on=starts_on, ends_on=ends_on, rates=rates, gaps=gaps, basis=basis)
        if payment.amount or payment.contribution_to_collect:
            due.append(payment)
    return due


def rates_restated(
    rates: Sequence[Rate],
    since: dt.date,
    *,
    weekly_budget: Decimal | None = None,
    contribution_on: Callable[[dt.date], Decimal] | None = None,
) -> list[Rate]:
    """The rates to add so that from ``since`` on the direct payment pays ``weekly_budget`` (when given) and
    carries the contribution ``contribution_on(day)`` (when given; never more than the weekly budget), with the
    rates before ``since`` left as they are.

    A change is a new rate from its day, never a changed one: one from ``since``, and one from the first day of
    each rate already set from a later day, so that a rate set in advance (the yearly uprating from April) does
    not bring back what this change replaced. Rates that would say what is already in force are not added.
    Periods already paid are not paid again: see :func:`paid_difference` for what the change means for them.
    """
    added: list[Rate] = []
    for day in sorted({since} | {rate.effective_from for rate in rates if rate.effective_from > since}):
        current = rate_on(day, [*rates, *added])
        if current is None:
            continue
        budget = current.weekly_budget if weekly_budget is None else weekly_budget
        wanted = current.weekly_contribution if contribution_on is None else contribution_on(day)
        rate = Rate(effective_from=day, weekly_budget=budget, weekly_contribution=min(wanted, budget))
        if (rate.weekly_budget, rate.weekly_contribution) != (current.weekly_budget, current.weekly_contribution):
            added.append(rate)
    return added


@dataclass(frozen=True)
class PaidDifference:
    """What new rates would have changed in periods already paid, from ``first_day`` to ``last_day``.

    ``contribution_owed`` is the contribution the person owes for those days (they were paid it, net, or it was
    not collected, gross), or, below £0, the contribution taken for them that is no longer due.
    """

    first_day: dt.date
    last_day: dt.date
    contribution_owed: Decimal

    @property
    def explanation(self) -> str:
        when = f"{format_date(self.first_day)} to {format_date(self.last_day)}"
        if self.contribution_owed >= 0:
            return f"Contribution for {when}"
        return f"Contribution no longer due for {when}"


def paid_difference(
    periods: Sequence[Period],
    *,
    since: dt.date,
    starts_on: dt.date,
    ends_on: dt.date | None,
    before: Sequence[Rate],
    after: Sequence[Rate],
    gaps: Sequence[Gap] = (),
    basis: Basis = Basis.NET,
) -> PaidDifference | None:
    """The contribution owed for periods already paid when the rates change from ``before`` to ``after`` from
    ``since``: the difference each period's payment would have had, a seventh of a week a day as always, counted
    for the days from ``since``. ``None`` when no period paid runs on or after ``since``, or nothing differs.

    Net, a higher contribution means the council paid more than it now should: the person owes the difference.
    Gross, the council collects the contribution itself: the difference is more to collect.
    """
    owed = ZERO
    days: list[dt.date] = []
    for period in periods:
        if period.end < since:
            continue
        was = period_payment(period, starts_on=starts_on, ends_on=ends_on, rates=before, gaps=gaps, basis=basis)
        now = period_payment(period, starts_on=starts_on, ends_on=ends_on, rates=after, gaps=gaps, basis=basis)
        owed += (was.amount - now.amount) + (now.contribution_to_collect - was.contribution_to_collect)
        last = period.end if ends_on is None else min(period.end, ends_on)
        days += [max(period.start, since, starts_on), last]
    if not days or not owed:
        return None
    return PaidDifference(first_day=min(days), last_day=max(days), contribution_owed=pounds(owed))


#: How far ahead to look for the next payment (a direct payment suspended with no end date has none).
NEXT_PAYMENT_HORIZON = dt.timedelta(days=366)


@dataclass(frozen=True)
class NextPayment:
    """The next payment not yet made: due on the first day of its period (in advance), or on the day the direct
    payment starts if that is later; ``late`` if that day has passed and it has not been made."""

    due_on: dt.date
    payment: PeriodPayment
    late: bool

    @property
    def explanation(self) -> str:
        if self.late:
            return f"{format_money(self.payment.amount)}, due on {format_date(self.due_on)} and not sent yet"
        return f"{format_money(self.payment.amount)} on {format_date(self.due_on)}"


def next_payment(
    *,
    anchor: dt.date,
    starts_on: dt.date,
    ends_on: dt.date | None,
    rates: Sequence[Rate],
    gaps: Sequence[Gap] = (),
    basis: Basis = Basis.NET,
    paid: Collection[dt.date] = (),
    today: dt.date,
    after: dt.date | None = None,
    length_days: int = DEFAULT_PERIOD_DAYS,
) -> NextPayment | None:
    """The first payment of a direct payment not yet made (``paid`` holds the first days of the periods paid),
    or with ``after``, the first due after that day; ``None`` if none falls due within a year: after the end, or
    while suspended with no end date.

    It is looked for after the latest period paid: a run pays every period due in order, so any period before
    that one left unpaid had nothing to pay (suspended throughout). Periods with nothing to pay are skipped.
    """
    period = period_containing(starts_on, anchor=anchor, length_days=length_days)
    if paid:
        after_latest = max(paid) + dt.timedelta(days=length_days)
        period = max(period, period_containing(after_latest, anchor=anchor, length_days=length_days))
    while (ends_on is None or period.start <= ends_on) and period.start <= today + NEXT_PAYMENT_HORIZON:
        due_on = max(period.start, starts_on)
        if period.start not in paid and (after is None or due_on > after):
            due = period_payment(period, starts_on=starts_on, ends_on=ends_on, rates=rates, gaps=gaps, basis=basis)
            if due.amount > 0:
                return NextPayment(due_on=due_on, payment=due, late=due_on < today)
        start = period.end + dt.timedelta(days=1)
        period = Period(start=start, end=start + dt.timedelta(days=length_days - 1))
    return None
