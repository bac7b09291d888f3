"""The complaints section of a person's record (registered in ``ComplaintsConfig.ready()``): the complaints about
them that the user may see, and the link to record one; on the person's own view, the link to complain online and
to their complaints."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ownway.accounts.models import User
from ownway.accounts.roles import STAFF_ROLES
from ownway.people.models import Person
from ownway.people.panels import RecordPanel

from .permissions import ComplaintAction, user_can, visible_to


def complaints_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    if is_self:
        return {"person": person, "is_self": True}
    if user.role not in STAFF_ROLES:
        return None
    complaints = list(
        visible_to(user)
        .filter(person=person)
        .only("pk", "reference", "status", "received_on")
        .order_by("-received_on", "-pk")[:20]
    )
    can_record = user_can(user, ComplaintAction.RECORD)
    if not complaints and not can_record:
        return None
    return {"person": person, "is_self": False, "complaints": complaints, "can_record": can_record}


COMPLAINTS_PANEL = RecordPanel(
    name="complaints.panel", template="complaints/record_panel.html", context=complaints_panel, order=6
)
