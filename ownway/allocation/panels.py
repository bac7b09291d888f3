"""The budget section of a person's record (registered in ``AllocationConfig.ready()``; see
``ownway.people.panels``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.people.panels import RecordPanel

from .permissions import BudgetAction, user_can_for
from .selectors import budgets_for_person


def budget_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    """A citizen: a link to their own budget. Staff who may see budgets: the person's latest one, if any."""
    if not user_can_for(user, BudgetAction.VIEW, person):
        return None
    if is_self:
        return {"is_self": True}
    return {"is_self": False, "budget": budgets_for_person(user=user, person=person).first()}


BUDGET_PANEL = RecordPanel(
    name="allocation.budget", template="allocation/record_panel.html", context=budget_panel, order=20
)
