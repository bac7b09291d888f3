"""The weekly cost of each line of a support plan, and of the whole plan against the indicative budget.

Councils quote personal budgets as weekly amounts (architecture.md, "Data"), so every paid line becomes a
weekly cost: unit cost × units × how often, turned into a week. A month is 12/52 of a year's weeks
(52 weeks a year, as councils budget); a one-off item is spread over the year of the plan (its cost ÷ 52),
as the Care and Support Statutory Guidance para 11.22 expects the personal budget to cover the full cost of
meeting needs, including one-off costs, over the period of the plan.

The plan's total is set against the indicative budget (from the Resource Allocation System). The indicative
amount is a starting point, not a cap or a target (statutory guidance paras 11.22-11.24): a plan that costs
more or less is allowed, and the difference must be explained in words the person understands.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ownway.core.money import format_money, pounds

#: The most a weekly amount in a plan may be (an indicative budget, a contribution, the weekly cost of one
#: line), the most one unit may cost, and the most units a line may have. Far above any real package, and
#: within what the plan's columns hold (9 digits: up to £9,999,999.99).
MAX_WEEKLY = Decimal("100000")
MAX_UNIT_COST = Decimal("100000")
MAX_UNITS = Decimal("1000")
MIN_UNITS = Decimal("0.25")


class Frequency(enum.StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"
    ONE_OFF = "one_off"


#: How many of each frequency fall in a week.
PER_WEEK: dict[Frequency, Decimal] = {
    Frequency.WEEKLY: Decimal(1),
    Frequency.FORTNIGHTLY: Decimal(1) / 2,
    Frequency.FOUR_WEEKLY: Decimal(1) / 4,
    Frequency.MONTHLY: Decimal(12) / 52,
    Frequency.YEARLY: Decimal(1) / 52,
    Frequency.ONE_OFF: Decimal(1) / 52,
}

FREQUENCY_WORDS: dict[Frequency, str] = {
    Frequency.WEEKLY: "a week",
    Frequency.FORTNIGHTLY: "a fortnight",
    Frequency.FOUR_WEEKLY: "every four weeks",
    Frequency.MONTHLY: "a month",
    Frequency.YEARLY: "a year",
    Frequency.ONE_OFF: "once (spread over the year of the plan)",
}


@dataclass(frozen=True)
class LineCost:
    weekly_cost: Decimal
    explanation: str


def line_weekly_cost(*, unit_cost: Decimal, units: Decimal, frequency: Frequency | str, unit: str = "") -> LineCost:
    """Unit cost × units, each ``frequency``, as a weekly cost to the penny."""
    if frequency not in Frequency.__members__.values():
        raise ValueError(f"Choose how often from: {', '.join(FREQUENCY_WORDS.values())}")
    frequency = Frequency(frequency)
    if unit_cost < 0:
        raise ValueError("The unit cost cannot be negative")
    if units <= 0:
        raise ValueError("Enter how many, as a number more than 0")
    weekly = pounds(unit_cost * units * PER_WEEK[frequency])
    each = f" per {unit}" if unit else " each"
    text = (
        f"{units.normalize():f} × {format_money(unit_cost)}{each}, {FREQUENCY_WORDS[frequency]}: "
        f"{format_money(weekly)} a week"
    )
    return LineCost(weekly_cost=weekly, explanation=text)


@dataclass(frozen=True)
class BudgetComparison:
    total_weekly: Decimal
    indicative_weekly: Decimal | None
    difference: Decimal | None  # positive: the plan costs more than the indicative budget
    needs_explanation: bool
    explanation: str


def compare_with_indicative(
    *, line_costs: Iterable[Decimal], indicative_weekly: Decimal | None, reason_for_difference: str = ""
) -> BudgetComparison:
    """The plan's weekly total against the indicative budget; any difference needs a reason."""
    total = pounds(sum(line_costs, Decimal(0)))
    if indicative_weekly is None:
        return BudgetComparison(
            total, None, None, False, f"The plan costs {format_money(total)} a week; no indicative budget"
        )
    difference = total - pounds(indicative_weekly)
    if difference == 0:
        text = f"The plan costs {format_money(total)} a week, the same as the indicative budget"
    else:
        word = "more" if difference > 0 else "less"
        text = (
            f"The plan costs {format_money(total)} a week, {format_money(abs(difference))} {word} than the "
            "indicative budget of "
            f"{format_money(indicative_weekly)}"
        )
        text += f". Why: {reason_for_difference.strip()}" if reason_for_difference.strip() else ": say why"
    return BudgetComparison(
        total_weekly=total,
        indicative_weekly=pounds(indicative_weekly),
        difference=difference,
        needs_explanation=difference != 0 and not reason_for_difference.strip(),
        explanation=text,
    )
