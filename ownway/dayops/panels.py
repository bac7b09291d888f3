"""The day-opportunities section of a person's record (registered in ``DayopsConfig.ready()``; see
``ownway.people.panels``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.people.panels import RecordPanel

from .models import Placement, PlacementStatus
from .permissions import DayopsAction, user_can_for
from .services import tier_current


def dayops_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    """Staff who may see day opportunities: the person's tier now and how many placements they have."""
    if is_self or not user_can_for(user, DayopsAction.VIEW, person):
        return None
    return {
        "person": person,
        "current": tier_current(person),
        "placements": Placement.objects.filter(person=person, status=PlacementStatus.ACTIVE).count(),
    }


DAYOPS_PANEL = RecordPanel(name="dayops.tier", template="dayops/record_panel.html", context=dayops_panel, order=40)
