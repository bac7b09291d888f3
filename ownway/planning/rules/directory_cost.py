"""The cost of a plan line taken from a service's cost options in the directory of services.

The directory keeps each service's costs as Open Referral UK 3.0 ``cost_option`` rows, each a price or an
extra everyone pays, for a period (a session, an hour, a day...), and adds them up into the full cost of
one go (``ownway.directory.rules.cost.full_cost``: the lowest price plus every extra for that period). The
plan line uses that full cost for the first period the service charges for, so nothing the person would pay
is left out of the personal budget: the Care and Support Statutory Guidance para 11.22 expects the personal
budget to be enough to meet the full cost of meeting the person's needs. A higher price (for example
"Weekend") is still shown in the explanation, so the worker can change the unit cost if it applies.

A period of a week or longer is costed as one unit each week, month or year; a session, an hour or a day as
one unit a week, which the worker changes to how many the person will have.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ownway.directory.rules.cost import CostLine, full_cost

from .costs import Frequency

#: A directory cost period, as the plan line's unit and how often it comes.
UNIT_AND_FREQUENCY: dict[str, tuple[str, Frequency]] = {
    "session": ("session", Frequency.WEEKLY),
    "hour": ("hour", Frequency.WEEKLY),
    "day": ("day", Frequency.WEEKLY),
    "week": ("week", Frequency.WEEKLY),
    "month": ("month", Frequency.MONTHLY),
    "year": ("year", Frequency.YEARLY),
    "once": ("item", Frequency.ONE_OFF),
}


@dataclass(frozen=True)
class DirectoryLineCost:
    unit: str
    unit_cost: Decimal
    units: Decimal
    frequency: Frequency
    explanation: str


def line_cost_from_directory(options: Sequence[CostLine]) -> DirectoryLineCost | None:
    """The unit, unit cost and frequency of a plan line from a service's cost options, or ``None`` if it has none
    or none gives an amount (the cost is not known, so the worker asks the provider: it is not taken as free).

    A free service is costed at £0; a paid one at the full cost (lowest price plus extras) of its first period.
    """
    if not options:
        return None
    cost = full_cost(options)
    if not cost.known:
        return None
    if cost.is_free:
        return DirectoryLineCost(
            unit="session",
            unit_cost=Decimal("0.00"),
            units=Decimal(1),
            frequency=Frequency.WEEKLY,
            explanation=f"From the directory: {cost.explanation}",
        )
    period = cost.periods[0]
    unit, frequency = UNIT_AND_FREQUENCY.get(period.per, (period.per, Frequency.WEEKLY))
    return DirectoryLineCost(
        unit=unit,
        unit_cost=period.lowest,
        units=Decimal(1),
        frequency=frequency,
        explanation=f"From the directory: {cost.explanation}",
    )
