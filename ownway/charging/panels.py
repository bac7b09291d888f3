"""The contribution section of a person's record (registered in ``ChargingConfig.ready()``; see
``ownway.people.panels``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.people.panels import RecordPanel

from .permissions import ChargingAction, user_can_for
from .selectors import financial_assessment_current


def contribution_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    """A citizen: a link to what they pay. Staff who may see it: the person's open contribution, if any."""
    if not user_can_for(user, ChargingAction.VIEW, person):
        return None
    if is_self:
        return {"is_self": True}
    return {"is_self": False, "fa": financial_assessment_current(user=user, person=person)}


CONTRIBUTION_PANEL = RecordPanel(
    name="charging.contribution", template="charging/record_panel.html", context=contribution_panel, order=30
)
