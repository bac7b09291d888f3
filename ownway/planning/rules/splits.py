"""How a personal budget is split between the council and the person, over time.

A personal budget is the cost of meeting the person's needs, with the amount the person must pay and the
amount the council must pay (Care Act 2014 s.26(1)). The person's part is their contribution from the
financial assessment, which can change after the budget is made: the assessment is often recorded only after
the plan is approved, it is worked out again when the cost changes, and every year's figures are uprated. Each
change applies from the day the charge applies (``FinancialAssessment.charges_from``).

The budget keeps the split it was made with; each later change is a new split from its first day, never
written over the ones before. A change recorded later replaces every split before it from its own first day
on, as the financial assessment it follows replaced the one before: so a reassessment recorded in May and
charged from January replaces an uprating from April recorded in March. The person never pays more than the
budget (the council's part is never below £0).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Split:
    """The council's part and the person's contribution a week, from ``starts_on`` (to ``ends_on``, when a later
    split follows), and where the contribution came from (the financial assessment's id when there is one)."""

    starts_on: dt.date
    contribution: Decimal
    council: Decimal
    source: str = ""
    financial_assessment_id: int | None = None
    ends_on: dt.date | None = None


def split_of(total: Decimal, contribution: Decimal) -> tuple[Decimal, Decimal]:
    """The person's part (no more than the budget, no less than £0) and the council's part of a weekly budget."""
    theirs = min(max(contribution, ZERO), total)
    return theirs, total - theirs


def splits_in_force(first: Split, later: Sequence[Split]) -> list[Split]:
    """The budget's splits, oldest first, each with the day it ends: the one it was made with (``first``), then
    ``later`` in the order they were recorded, each replacing every split before it from its own first day on
    (and starting no earlier than the budget)."""
    timeline = [first]
    for split in later:
        start = max(split.starts_on, first.starts_on)
        timeline = [s for s in timeline if s.starts_on < start] + [dataclasses.replace(split, starts_on=start)]
    return [
        dataclasses.replace(split, ends_on=following.starts_on - dt.timedelta(days=1))
        for split, following in itertools.pairwise(timeline)
    ] + [dataclasses.replace(timeline[-1], ends_on=None)]


def split_on(timeline: Sequence[Split], day: dt.date) -> Split:
    """The split in force on a day (the first one for a day before the budget starts)."""
    found = timeline[0]
    for split in timeline:
        if split.starts_on <= day:
            found = split
    return found
