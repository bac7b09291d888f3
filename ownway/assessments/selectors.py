"""Reading assessments, only for people the reader may see (each opening audited with the person's record)."""

from __future__ import annotations

from django.http import Http404

from ownway.accounts.models import User
from ownway.people.selectors import person_get_for_user

from .models import Assessment


def assessment_get_for_user(*, user: User, pk: int) -> Assessment:
    """An assessment, if the user may open the person's record (the opening is audited there)."""
    assessment = Assessment.objects.select_related("person", "assessor").filter(pk=pk).first()
    if assessment is None:
        raise Http404("No such assessment")
    assessment.person = person_get_for_user(user=user, pk=assessment.person_id)
    return assessment
