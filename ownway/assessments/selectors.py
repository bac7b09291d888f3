"""Reading assessments, only for people the reader may see (each opening audited with the person's record)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.people.permissions import PersonAction, user_can, visible_to
from ownway.people.selectors import person_get_for_user

from . import events
from .models import (
    Assessment,
    AssessmentStatus,
    EligibilityDetermination,
    LetterSending,
    SelfAssessment,
    SelfAssessmentStatus,
)
from .permissions import AssessmentAction, user_can_for
from .rules.eligibility import AdultOutcome, CarerOutcome


def assessment_get_for_user(*, user: User, pk: int, to_assess: bool = False) -> Assessment:
    """An assessment, if the user may open the person's record (the opening is audited there), and, with
    ``to_assess``, may also carry it out (its forms are shown only to those who may save them)."""
    assessment = Assessment.objects.select_related("person", "assessor", "contact").filter(pk=pk).first()
    if assessment is None:
        raise Http404("No such assessment")
    assessment.person = person_get_for_user(user=user, pk=assessment.person_id)
    if to_assess and not user_can_for(user, AssessmentAction.ASSESS, assessment.person):
        raise PermissionDenied("You cannot assess this person")
    return assessment


@dataclass(frozen=True)
class DecisionLetter:
    """What the decision letter says: the latest determination, and the outcomes the person cannot achieve."""

    assessment: Assessment
    determination: EligibilityDetermination
    #: The outcomes not achieved, in easy read words said to the person ("Eating and drinking enough").
    not_achieved: list[str]

    def pdf_context(self, *, easy_read: bool) -> dict[str, Any]:
        """What the letter's PDF template needs."""
        return {
            "assessment": self.assessment,
            "determination": self.determination,
            "not_achieved": self.not_achieved,
            "easy_read_version": easy_read,
        }


def decision_letter_of(assessment: Assessment, determination: EligibilityDetermination) -> DecisionLetter:
    """The letter for a determination (no permission check: callers have already opened the assessment)."""
    outcomes = CarerOutcome if assessment.is_carers else AdultOutcome
    not_achieved = [outcomes(code).easy_read for code in determination.rule_outcomes_not_achieved]
    return DecisionLetter(assessment=assessment, determination=determination, not_achieved=not_achieved)


def decision_letter_get_for_user(*, user: User, pk: int, downloaded_as: str = "") -> DecisionLetter:
    """The decision letter of an assessment, for a user who may open the person's record.

    Opening the record is audited as any opening is; with ``downloaded_as`` (``"plain"`` or
    ``"easy_read"``), taking a copy of the letter away as a file is audited too.
    """
    assessment = assessment_get_for_user(user=user, pk=pk)
    determination = assessment.determinations.select_related("decided_by").first()
    if determination is None:
        raise Http404("Eligibility has not been decided yet")
    if downloaded_as:
        with transaction.atomic():
            audit_record(
                actor=user,
                action=events.LETTER_DOWNLOADED,
                subject=determination,
                person=assessment.person,
                new={"assessment": assessment.pk, "version": downloaded_as},
            )
    return decision_letter_of(assessment, determination)


def assessments_in_progress_for_user(*, user: User) -> QuerySet[Assessment]:
    """Open assessments of the people this user may see, oldest first (the worklist)."""
    if not user_can(user, PersonAction.SEARCH):
        raise PermissionDenied("You do not hold a caseload")
    return (
        Assessment.objects.filter(status=AssessmentStatus.IN_PROGRESS, person__in=visible_to(user))
        .select_related("person", "assessor", "contact")
        .order_by("started_on", "id")
    )


def self_assessment_get_for_user(*, user: User, pk: int) -> SelfAssessment:
    """A self-assessment: a citizen opens only their own; staff open those of people they may see.

    A worker's opening is audited with the person's record (and a refusal before it is raised).
    """
    self_assessment = SelfAssessment.objects.select_related("person", "assessment").filter(pk=pk).first()
    if self_assessment is None:
        raise Http404("No such self-assessment")
    if user.role == Role.CITIZEN:
        if user.person_id is None or user.person_id != self_assessment.person_id:
            raise PermissionDenied("You can only open your own self-assessment")
        return self_assessment
    self_assessment.person = person_get_for_user(user=user, pk=self_assessment.person_id)
    with transaction.atomic():
        audit_record(
            actor=user, action=events.SELF_ASSESSMENT_VIEWED, subject=self_assessment, person=self_assessment.person
        )
    return self_assessment


def self_assessments_of_citizen(*, user: User) -> QuerySet[SelfAssessment]:
    """The signed-in citizen's own self-assessments, newest first."""
    if user.role != Role.CITIZEN or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has self-assessments")
    return SelfAssessment.objects.filter(person_id=user.person_id).select_related("assessment")


def self_assessments_waiting_for_user(*, user: User) -> QuerySet[SelfAssessment]:
    """Sent self-assessments waiting for a worker, for people this user may see, oldest first."""
    if not user_can(user, PersonAction.SEARCH):
        raise PermissionDenied("You do not hold a caseload")
    return (
        SelfAssessment.objects.filter(status=SelfAssessmentStatus.SUBMITTED, person__in=visible_to(user))
        .select_related("person")
        .order_by("submitted_at", "id")
    )


def letters_of_citizen(*, user: User) -> QuerySet[LetterSending]:
    """The decision letters sent to the signed-in citizen, newest first."""
    if user.role != Role.CITIZEN or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has letters")
    return LetterSending.objects.filter(determination__assessment__person_id=user.person_id).select_related(
        "determination__assessment"
    )
