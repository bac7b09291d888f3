"""The carers' section of a person's record (registered in ``CarersConfig.ready()``; see ``ownway.people.panels``):
for each of the person's current carers, and for each person they care for themselves, whether a carer's
assessment was offered or done, and the contingency plan. And on the person's own plan page
(``ownway.planning.panels``), their carers' contingency plans for them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q
from django.utils import timezone

from ownway.accounts.models import User
from ownway.people.models import CaringRelationship, Person
from ownway.people.panels import RecordPanel

from .permissions_offers import CarerAction, user_can
from .selectors_offers import carer_standings, own_contingency_plans


def carers_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    """Staff who may read contingency plans; nothing when the person has no current carer and cares for no one."""
    if is_self or not user_can(user, CarerAction.CONTINGENCY_VIEW):
        return None
    relationships = list(
        CaringRelationship.objects.filter(Q(cared_for=person) | Q(carer=person), ended_on__isnull=True)
        .select_related("carer", "cared_for")
        .order_by("carer__last_name", "cared_for__last_name", "pk")
    )
    if not relationships:
        return None
    return {
        "person": person,
        "standings": carer_standings(user=user, relationships=relationships),
        "can_write": user_can(user, CarerAction.CONTINGENCY_WRITE),
        "today": timezone.localdate(),
    }


CARERS_PANEL = RecordPanel(
    name="carers.offers", template="carers/offers/record_panel.html", context=carers_panel, order=20
)


def own_contingency_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    """On the person's own plan page: what their carers agreed should happen if they cannot carry on."""
    if not is_self:
        return None
    versions = own_contingency_plans(user=user, as_carer=False)
    return {"versions": versions} if versions else None


OWN_CONTINGENCY_PANEL = RecordPanel(
    name="carers.own_contingency", template="carers/offers/own_plan_panel.html", context=own_contingency_panel
)
