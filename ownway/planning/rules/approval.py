"""Who may approve a support plan.

The Care Act 2014 s.25-26 and the statutory guidance (para 10.84-10.87 on sign-off, and 10.86: "local
authorities should ... not ... use panels to amend or 'second guess' plans", with a proportionate process)
leave the sign-off process to the council. Think Local Act Personal's review of personal budgets for older
people, in York's scrutiny papers, reports what some councils do (seed 002, "Challenges and examples of
emerging positive practice": "Other councils are undertaking systems reviews to reduce form filling,
dispense with panels for smaller support packages").
Ownway's rule: the worker who wrote the plan with the person may approve it when its weekly cost is at or
below the council's threshold; above it a team manager approves (never a panel). The worker or manager gives
reasons either way. The threshold is a setting (``OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from ownway.core.money import format_money


class Approver(enum.StrEnum):
    WORKER = "worker"
    MANAGER = "manager"


@dataclass(frozen=True)
class ApprovalRoute:
    approver: Approver
    explanation: str


def approval_route(*, weekly_total: Decimal, manager_threshold_weekly: Decimal) -> ApprovalRoute:
    """The worker approves plans costing up to the threshold a week; a team manager approves those above it."""
    if manager_threshold_weekly < 0:
        raise ValueError("The approval threshold cannot be negative")
    if weekly_total > manager_threshold_weekly:
        return ApprovalRoute(
            Approver.MANAGER,
            f"The plan costs {format_money(weekly_total)} a week, more than {format_money(manager_threshold_weekly)}: "
            "a team manager approves it",
        )
    return ApprovalRoute(
        Approver.WORKER,
        f"The plan costs {format_money(weekly_total)} a week, no more than {format_money(manager_threshold_weekly)}: "
        "the worker can approve it, with no panel",
    )
