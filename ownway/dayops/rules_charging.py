"""What a person pays for a week of day services: the cost of the sessions on the register, capped by what their
financial assessment says they can pay that week.

**Where the rule comes from.**

* The Care Act 2014 s.14(1) lets a council charge for meeting needs for care and support, and s.14(4) says a charge
  "may cover only the cost that the local authority incurs in meeting the needs to which the charge applies": so
  the charge is never more than the cost of the sessions (and the extras) the person had.
* The Care Act 2014 s.17 requires a financial assessment of what the person can afford before the council charges;
  the Care and Support (Charging and Assessment of Resources) Regulations 2014 (SI 2014/2672) set how (reg 7: what
  is left to live on must not fall below the minimum income guaranteed amount, as s.14(7) requires), and the Care
  and Support Statutory Guidance (chapter 8, with annex C on income) says how councils apply it: "people should
  only be required to pay what they can afford" (para 8.2). Ownway works this out in
  :mod:`ownway.charging`: the person's **assessed weekly contribution** is the most they can be asked to pay in a
  week for all their care. So the charge for a week is never more than that contribution, less what they already
  pay towards it that week through a direct payment (what is "remaining"). With no financial assessment, nothing
  is charged (s.17 comes first).
* The prices of a session and its extras are the council's, set in one place for every service
  (:class:`~ownway.dayops.models.DayChargeRates`), as the Birmingham strategy (seed 000) asks where transport
  charging was "inconsistent"; no national rule says whether an absence is charged (none was found), so which
  absences are charged is the council's own policy, set with the prices. Extras (transport, meals) are charged
  only on the days the person came: they are not provided otherwise.

Only placements the council arranges (or pays through an individual service fund) are charged here: a placement
paid by direct payment is paid from it (the contribution is taken there), and one the person pays for themselves
is between them and the service.

    charge for the week = min(cost of the sessions on the register, assessed contribution - direct-payment
    contribution, never below 0)

Pure Python: the selector gathers the register, the prices and the assessment; this works out the sums, in Decimal
pounds, rounded to the penny only at the end (:mod:`ownway.core.money`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ownway.core.money import ZERO, pounds

NO_ASSESSMENT = "No financial assessment: nothing can be charged until there is one (Care Act 2014 s.17)"

#: Placements the council charges for here (``Funding`` values).
CHARGED_FUNDING = frozenset({"council_arranged", "individual_service_fund"})


@dataclass(frozen=True)
class Prices:
    """The council's prices in force on a day (from :class:`~ownway.dayops.models.DayChargeRates`)."""

    sessions: dict[str, Decimal]
    transport_each_way: Decimal
    meal: Decimal
    chargeable_absences: frozenset[str]


@dataclass(frozen=True)
class Mark:
    """One line of a register: a person's placement on a day, and what was marked."""

    date: dt.date
    service: str
    session: str
    funding: str
    #: "attended", or the reason for the absence; "" when not marked yet.
    mark: str
    transport_legs: int = 0
    meal: bool = False


@dataclass(frozen=True)
class Line:
    """A register line with what it costs and why."""

    mark: Mark
    session_cost: Decimal
    extras_cost: Decimal
    why: str

    @property
    def cost(self) -> Decimal:
        return self.session_cost + self.extras_cost


@dataclass
class WeekCharge:
    lines: list[Line]
    #: The cost of the sessions charged for (before the cap).
    cost: Decimal
    #: The assessed weekly contribution, and what of it the person pays through a direct payment.
    contribution: Decimal | None
    paid_through_direct_payment: Decimal
    #: What the person pays for the week.
    charge: Decimal
    notes: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> Decimal | None:
        if self.contribution is None:
            return None
        return max(self.contribution - self.paid_through_direct_payment, ZERO)

    @property
    def capped(self) -> bool:
        return self.charge < self.cost


def price_line(mark: Mark, prices: Prices | None) -> Line:
    """What one register line costs: the session for a day attended or a chargeable absence, and the extras
    only on a day attended."""
    if mark.funding not in CHARGED_FUNDING:
        why = "Paid from their direct payment" if mark.funding == "direct_payment" else "They pay the service"
        return Line(mark, ZERO, ZERO, why)
    if not mark.mark:
        return Line(mark, ZERO, ZERO, "Not marked on the register yet: not charged")
    if prices is None:
        return Line(mark, ZERO, ZERO, f"No council prices are set for {mark.date}: not charged")
    session = prices.sessions[mark.session]
    if mark.mark == "attended":
        extras = prices.transport_each_way * mark.transport_legs + (prices.meal if mark.meal else ZERO)
        return Line(mark, session, extras, "Came")
    if mark.mark in prices.chargeable_absences:
        return Line(mark, session, ZERO, "Absent, and the council charges for this reason")
    return Line(mark, ZERO, ZERO, "Absent: not charged for this reason")


def week_charge(
    marks: Sequence[Mark],
    prices_on: dict[dt.date, Prices | None],
    *,
    contribution: Decimal | None,
    paid_through_direct_payment: Decimal = ZERO,
    notes: Sequence[str] = (),
    why_no_contribution: str = NO_ASSESSMENT,
) -> WeekCharge:
    """The week's charge: the cost of the lines charged, never more than the assessed contribution remaining
    for the week (the contribution less what is paid towards it through a direct payment); nothing without a
    financial assessment (``contribution`` ``None``)."""
    lines = [price_line(mark, prices_on.get(mark.date)) for mark in sorted(marks, key=lambda m: (m.date, m.service))]
    cost = pounds(sum((line.cost for line in lines), ZERO))
    all_notes = list(notes)
    if contribution is None:
        charge = ZERO
        if cost:
            all_notes.append(why_no_contribution)
    else:
        remaining = max(contribution - paid_through_direct_payment, ZERO)
        charge = pounds(min(cost, remaining))
    return WeekCharge(lines, cost, contribution, paid_through_direct_payment, charge, all_notes)
