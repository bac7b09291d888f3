"""Ending a support plan from a date, as a review decides: its budget ends and the charge for it stops."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.charging.models import CostOfCare
from ownway.planning import services
from ownway.planning.models import BudgetStatus, PersonalBudget
from ownway.planning.tests.factories import draft_plan


@pytest.fixture
def plan(social_worker, team_manager, person):
    plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    services.plan_approve(actor=team_manager, version=version, reasons="Meets her outcomes")
    return plan


def test_the_budget_ends_on_the_last_day_and_the_charge_stops_the_next(plan, social_worker):
    ended = services.support_plan_end(actor=social_worker, plan=plan, ends_on=dt.date(2026, 7, 31),
                                      reason="The NHS now pays for all of her care")  # fmt: skip
    budget = PersonalBudget.objects.get(version__plan=plan)
    assert ended == [budget]
    assert (budget.status, budget.ends_on) == (BudgetStatus.ENDED, dt.date(2026, 7, 31))
    cost = CostOfCare.objects.filter(person=plan.person).order_by("-pk").first()
    assert (cost.weekly, cost.charges_from) == (Decimal("0.00"), dt.date(2026, 8, 1))
    assert AuditEvent.objects.filter(action="planning.plan_ended", person=plan.person).count() == 1


def test_refused_without_a_reason_before_the_budget_starts_or_by_someone_else(plan, social_worker, other_team):
    with pytest.raises(ValidationError, match="Say why the support is ending"):
        services.support_plan_end(actor=social_worker, plan=plan, ends_on=dt.date(2026, 7, 31), reason=" ")
    with pytest.raises(ValidationError, match="cannot end before its budget starts, on 20 April 2026"):
        services.support_plan_end(actor=social_worker, plan=plan, ends_on=dt.date(2026, 1, 1), reason="Moved")
    stranger = UserFactory(username="far", role=Role.SOCIAL_WORKER, team=other_team)
    with pytest.raises(PermissionDenied):
        services.support_plan_end(actor=stranger, plan=plan, ends_on=dt.date(2026, 7, 31), reason="Moved")
    assert PersonalBudget.objects.get(version__plan=plan).status == BudgetStatus.CURRENT
