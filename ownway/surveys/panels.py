"""The surveys section of a person's record (registered in ``SurveysConfig.ready()``; see
``ownway.people.panels``): the surveys sent to the person, whether each was answered and how, and a link to key
in the answers given on paper or with a worker."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.people.panels import RecordPanel

from .models import SurveyInvitation
from .permissions import SurveyAction, user_can, user_can_for


def surveys_panel(user: User, person: Person, is_self: bool) -> Mapping[str, Any] | None:
    if is_self or not (user_can(user, SurveyAction.KEY_IN) and user_can_for(user, SurveyAction.KEY_IN, person)):
        return None
    invitations = list(
        SurveyInvitation.objects.filter(person=person)
        .select_related("survey", "response")
        .order_by("-sent_on", "-pk")[:5]
    )
    if not invitations:
        return None
    return {"person": person, "invitations": invitations}


SURVEYS_PANEL = RecordPanel(name="surveys.sent", template="surveys/record_panel.html", context=surveys_panel, order=80)
