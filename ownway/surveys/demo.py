"""The demo city's surveys: a round of surveys sent to people with a personal budget, most answered, online,
on paper and with a worker, some in easy read, so the results page has something to show."""

from __future__ import annotations

from typing import Any

from django.db import transaction


def clear_surveys(**_signal: Any) -> dict[str, int]:
    """Remove every survey invitation and answer, so the demo city's people can go (``people.demo.builder``'s
    ``city_clearing`` asks for this). The surveys' questions stay. For demo and test databases only."""
    from .models import Answer, SurveyInvitation, SurveyResponse

    with transaction.atomic():
        Answer.objects.all().delete()
        responses = SurveyResponse.objects.all().delete()[0]
        invitations = SurveyInvitation.objects.all().delete()[0]
    return {"survey responses": responses, "surveys sent": invitations}
