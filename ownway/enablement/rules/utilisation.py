"""Contact time and the cost of an hour of contact: how the viability of an in-house enablement service is judged.

Birmingham's review of its in-house enablement service (seed 004) judges it by its contact time, the share of
paid time spent with the people supported. Contact time was low (seed 004, para 6.4.1: "around 26% to 28%"), and
all agreed that it must rise towards 50% (seed 004, para 7.4.1: "the utilisation rate of the service needs to be
closer to 50% and that the service will not be viable at the recent contact time percentage of 28%"). The
benchmark is about £25 for an hour of the service and £45-£50 for an hour of contact (seed 004, para 6.5.1: "the
benchmark cost is around £25 per hour for the cost of the service but in terms of actual contact time that is
somewhere between £45-£50"). There is no national standard for the calculation (para 6.5.1), so the one used
here is stated: contact % = visit minutes ÷ paid minutes, travel % =
travel minutes ÷ paid minutes, cost per contact hour = paid hours × hourly cost ÷ contact hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ownway.core.money import format_money, pounds

VIABLE_CONTACT_PCT = Decimal(50)  # seed 004, para 6.5.2: "the service needed to get to 50% contact time"
BENCHMARK_HOURLY_COST = Decimal("25.00")  # seed 004, para 6.5.1: "the benchmark cost is around £25 per hour"
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Utilisation:
    contact_minutes: int
    travel_minutes: int
    paid_minutes: int
    contact_pct: Decimal
    travel_pct: Decimal
    cost_per_contact_hour: Decimal | None
    viable: bool
    explanation: str


def utilisation(
    *, contact_minutes: int, travel_minutes: int, paid_minutes: int, hourly_cost: Decimal = BENCHMARK_HOURLY_COST
) -> Utilisation:
    if min(contact_minutes, travel_minutes, paid_minutes) < 0:
        raise ValueError("Minutes cannot be negative")
    if hourly_cost < 0:
        raise ValueError("The hourly cost cannot be negative")
    if contact_minutes + travel_minutes > paid_minutes:
        raise ValueError("Visits and travel cannot take more time than is paid")
    if paid_minutes == 0:
        return Utilisation(
            contact_minutes, travel_minutes, 0, Decimal(0), Decimal(0), None, False, "No paid time in this period"
        )
    contact_pct = (Decimal(100 * contact_minutes) / paid_minutes).quantize(TENTH, ROUND_HALF_UP)
    travel_pct = (Decimal(100 * travel_minutes) / paid_minutes).quantize(TENTH, ROUND_HALF_UP)
    cost: Decimal | None = None
    if contact_minutes > 0:
        cost = pounds(hourly_cost * paid_minutes / contact_minutes)
    viable = contact_pct >= VIABLE_CONTACT_PCT
    text = f"{contact_pct}% of paid time with people, {travel_pct}% travelling"
    if cost is not None:
        text += f"; {format_money(cost)} for each hour with someone at {format_money(hourly_cost)} a paid hour"
    text += ". " + ("At or above" if viable else "Below") + " the 50% needed for the service to be viable."
    return Utilisation(contact_minutes, travel_minutes, paid_minutes, contact_pct, travel_pct, cost, viable, text)
