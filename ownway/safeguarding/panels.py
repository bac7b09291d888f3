"""The safeguarding section of a person's record (registered in ``SafeguardingConfig.ready()``).

Those who may see the person's safeguarding records get links to them; anyone else who can open the record sees
only that a safeguarding matter is open, with no details (``ownway.safeguarding.permissions``). The person's own
view of their record shows nothing: what is shown to the adult is decided by the safeguarding team.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef

from ownway.accounts.models import User
from ownway.accounts.roles import STAFF_ROLES
from ownway.people.models import Person
from ownway.people.panels import RecordPanel

from .models import Concern, ConcernStatus
from .permissions import SafeguardingAction, user_can, visible_to


def safeguarding_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    if is_self or user.role not in STAFF_ROLES:
        return None
    # One query: the person's concerns, each with whether the user may see it.
    concerns = list(
        Concern.objects.filter(person=person)
        .annotate(seen=Exists(visible_to(user).filter(pk=OuterRef("pk"))))
        .only("pk", "reference", "status", "received_at")
        .order_by("-received_at", "-pk")[:50]
    )
    return {
        "person": person,
        "open": any(c.status != ConcernStatus.CLOSED for c in concerns),
        "seen": [c for c in concerns if c.seen],
        "can_raise": user_can(user, SafeguardingAction.RAISE),
    }


SAFEGUARDING_PANEL = RecordPanel(
    name="safeguarding.flag", template="safeguarding/record_panel.html", context=safeguarding_panel, order=5
)
