"""The day-opportunities section of a person's record (registered in ``DayopsConfig.ready()``; see
``ownway.people.panels``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.people.panels import RecordPanel

from .models import Placement, PlacementStatus, TierDecision, TierDecisionStatus
from .permissions import DayopsAction, user_can_for


def dayops_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    """Staff who may see day opportunities: the person's tier now and how many placements they have, in one
    query (the person page asks each panel once)."""
    if is_self or not user_can_for(user, DayopsAction.VIEW, person):
        return None
    current = TierDecision.objects.filter(person=OuterRef("pk"), status=TierDecisionStatus.CURRENT)
    placed = (
        Placement.objects.filter(person=OuterRef("pk"), status=PlacementStatus.ACTIVE)
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    row = (
        Person.objects.filter(pk=person.pk)
        .annotate(**{f"tier_{name}": Subquery(current.values(name)[:1]) for name in _SHOWN})
        .annotate(placements=Coalesce(Subquery(placed), 0))
        .values("placements", *(f"tier_{name}" for name in _SHOWN))
        .get()
    )
    decision = None
    if row["tier_pk"] is not None:
        decision = TierDecision(**{name: row[f"tier_{name}"] for name in _SHOWN})
    return {"person": person, "current": decision, "placements": row["placements"]}


#: What the panel shows of the decision in force.
_SHOWN = ("pk", "tier", "kind", "decided_on", "review_due")


DAYOPS_PANEL = RecordPanel(name="dayops.tier", template="dayops/record_panel.html", context=dayops_panel, order=40)
