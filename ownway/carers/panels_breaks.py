"""The carers' section of a person's record, for staff: what the person's carers may see (with its consent page)
and, for a carer, their breaks from caring (registered in ``CarersConfig.ready()``; see ``ownway.people.panels``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q

from ownway.accounts.models import User
from ownway.people.models import CaringRelationship, Person
from ownway.people.panels import RecordPanel

from .permissions_breaks import BreaksAction, user_can_for


def breaks_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    """Links to the person's consents (when they have carers) and breaks (when they care for someone), for staff
    who may use them: one query."""
    if is_self:
        return None
    can_consent = user_can_for(user, BreaksAction.CONSENT, person)
    can_breaks = user_can_for(user, BreaksAction.VIEW_BREAKS, person)
    if not (can_consent or can_breaks):
        return None
    carers = set(
        CaringRelationship.objects.filter(Q(carer=person) | Q(cared_for=person), ended_on__isnull=True).values_list(
            "carer_id", flat=True
        )
    )
    has_carers = bool(carers - {person.pk})
    is_carer = person.pk in carers
    if not ((can_consent and has_carers) or (can_breaks and is_carer)):
        return None
    return {"person": person, "consents": can_consent and has_carers, "breaks": can_breaks and is_carer}


BREAKS_PANEL = RecordPanel(
    name="carers.breaks", template="carers/breaks/record_panel.html", context=breaks_panel, order=60
)
