"""Reading assessments, only for people the reader may see (each opening audited with the person's record)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from ownway.accounts.models import User
from ownway.people.permissions import PersonAction, user_can, visible_to
from ownway.people.selectors import person_get_for_user

from .models import Assessment, AssessmentStatus


def assessment_get_for_user(*, user: User, pk: int) -> Assessment:
    """An assessment, if the user may open the person's record (the opening is audited there)."""
    assessment = Assessment.objects.select_related("person", "assessor", "contact").filter(pk=pk).first()
    if assessment is None:
        raise Http404("No such assessment")
    assessment.person = person_get_for_user(user=user, pk=assessment.person_id)
    return assessment


def assessments_in_progress_for_user(*, user: User) -> QuerySet[Assessment]:
    """Open assessments of the people this user may see, oldest first (the worklist)."""
    if not user_can(user, PersonAction.SEARCH):
        raise PermissionDenied("You do not hold a caseload")
    return (
        Assessment.objects.filter(status=AssessmentStatus.IN_PROGRESS, person__in=visible_to(user))
        .select_related("person", "assessor", "contact")
        .order_by("started_on", "id")
    )
