"""Offering carers' assessments and writing carers' contingency plans: one transaction each, validated, audited.

The law these follow:

* Care Act 2014 s.10(1): where it appears that a carer may have needs for support (now or in the future), the
  council must assess whether they do. Statutory guidance ch.6 (para 6.16) says a carer's assessment must be
  carried out where a carer may have any level of need for support, so every carer on a person's record is
  offered one, and the offer (when, how, by whom) is recorded.
* Care Act 2014 s.11(5): a carer may refuse; the council then need not carry out the assessment. s.11(6)-(7):
  if the carer later asks, or their needs or circumstances change, the duty applies again, so a carer who
  declined may be offered one again (a new offer; the old one stays with its reason).
* Care Act 2014 s.10(5)(a)-(b): a carer's assessment covers whether the carer is able and willing to carry on
  caring, and is likely to continue to be; the contingency plan records what happens if they cannot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.assessments.models import AssessmentKind
from ownway.assessments.services import assessment_start
from ownway.core.dates import add_years, format_date
from ownway.core.text import without_control_characters
from ownway.core.workflow import transition
from ownway.people.models import CaringRelationship, Person

from . import events_offers as events
from .models import (
    CarerAssessmentOffer,
    ContingencyPlan,
    ContingencyPlanVersion,
    OfferAnswer,
    OfferMethod,
)
from .permissions_offers import CarerAction, user_can_for

#: The longest a carer's reason for declining, or one part of a contingency plan, may be (characters).
TEXT_LIMIT = 4000
#: How far ahead a contingency plan's "look at it again" date may be set.
LOOK_AGAIN_WITHIN_YEARS = 2


def _clean(text: str) -> str:
    return without_control_characters(text or "", keep_lines=True).strip()


def _check_offer_dates(relationship: CaringRelationship, offered_on: dt.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if offered_on > timezone.localdate():
        errors["offered_on"] = ["The date it was offered must be today or in the past"]
    elif relationship.started_on is not None and offered_on < relationship.started_on:
        started = format_date(relationship.started_on)
        errors["offered_on"] = [f"The date it was offered must be on or after the day caring started ({started})"]
    return errors


def carer_assessment_offer_make(
    *, actor: User, relationship: CaringRelationship, offered_on: dt.date, method: str
) -> CarerAssessmentOffer:
    """Record that a carer's assessment was offered to the carer of ``relationship`` (Care Act 2014 s.10(1)).

    Refused for a caring relationship that has ended, and while an earlier offer still waits for its answer.
    """
    if not user_can_for(actor, CarerAction.OFFER, relationship):
        raise PermissionDenied("You cannot offer this carer an assessment")
    errors = _check_offer_dates(relationship, offered_on)
    if method not in OfferMethod.values:
        errors["method"] = ["Select how the assessment was offered"]
    if relationship.ended_on is not None:
        errors["relationship"] = [
            f"{relationship.carer.full_name} stopped caring for {relationship.cared_for.full_name} on "
            f"{format_date(relationship.ended_on)}: offer an assessment through a current caring relationship"
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The carer's row is locked, so two offers made at the same moment cannot both find none waiting.
        Person.objects.select_for_update().filter(pk=relationship.carer_id).first()
        waiting = CarerAssessmentOffer.objects.filter(
            carer_id=relationship.carer_id, answer=OfferAnswer.WAITING
        ).first()
        if waiting is not None:
            raise ValidationError(
                {
                    "relationship": [
                        f"{relationship.carer.full_name} was offered an assessment on "
                        f"{format_date(waiting.offered_on)} and has not answered yet: record their answer first"
                    ]
                }
            )
        offer = CarerAssessmentOffer.objects.create(
            carer_id=relationship.carer_id,
            relationship=relationship,
            offered_on=offered_on,
            method=method,
            offered_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.OFFER_MADE,
            subject=offer,
            person=relationship.carer,
            new={"offered_on": offered_on.isoformat(), "method": method, "cared_for": relationship.cared_for_id},
        )
    return offer


WAITING = (OfferAnswer.WAITING,)


def carer_assessment_offer_answer(
    *, actor: User, offer: CarerAssessmentOffer, answer: str, answered_on: dt.date, declined_reason: str = ""
) -> CarerAssessmentOffer:
    """Record the carer's answer to an offer.

    Accepted: the carer's assessment is started (through the assessments app, as of the day they accepted) and
    linked to the offer. Declined: the carer's reason is required (Care Act 2014 s.11(5)); the carer may be
    offered an assessment again later (s.11(6)-(7)). An offer is answered once.
    """
    if not user_can_for(actor, CarerAction.OFFER, offer):
        raise PermissionDenied("You cannot record this carer's answer")
    reason = _clean(declined_reason)
    errors: dict[str, list[str]] = {}
    if answer not in (OfferAnswer.ACCEPTED, OfferAnswer.DECLINED):
        errors["answer"] = ["Select whether the carer accepted or declined the assessment"]
    if answered_on > timezone.localdate():
        errors["answered_on"] = ["The date they answered must be today or in the past"]
    elif answered_on < offer.offered_on:
        errors["answered_on"] = [
            f"The date they answered must be on or after the day it was offered ({format_date(offer.offered_on)})"
        ]
    if answer == OfferAnswer.DECLINED and not reason:
        errors["declined_reason"] = ["Enter the reason the carer gave for declining the assessment"]
    elif len(reason) > TEXT_LIMIT:
        errors["declined_reason"] = [f"The reason must be {TEXT_LIMIT:,} characters or fewer"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = transition(
            offer, allowed_from=WAITING, action="record an answer", what="offer of an assessment", field="answer"
        )
        locked.answer = answer
        locked.answered_on = answered_on
        locked.answer_recorded_by = actor
        if answer == OfferAnswer.ACCEPTED:
            locked.assessment = assessment_start(
                actor=actor, person=locked.carer, kind=AssessmentKind.CARER, started_on=answered_on
            )
            action = events.OFFER_ACCEPTED
        else:
            locked.declined_reason = reason
            action = events.OFFER_DECLINED
        locked.save()
        audit_record(
            actor=actor,
            action=action,
            subject=locked,
            person=locked.carer,
            new={"answer": answer, "answered_on": answered_on.isoformat(), "assessment": locked.assessment_id},
        )
    return locked


@dataclass(frozen=True)
class ContingencyData:
    """What a contingency plan says (Care Act 2014 s.10(5)(a)-(b): what happens if the carer cannot carry on)."""

    who_steps_in: str
    daily_needs: str
    emergency_contacts: str
    written_on: dt.date
    look_again_on: dt.date
    medicines_and_routines: str = ""


_REQUIRED = {
    "who_steps_in": "Enter who steps in if the carer cannot carry on, and how to reach them",
    "daily_needs": "Enter what the person needs day to day",
    "emergency_contacts": "Enter who to call in an emergency",
}


def _contingency_errors(data: ContingencyData, relationship: CaringRelationship) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in ("who_steps_in", "daily_needs", "medicines_and_routines", "emergency_contacts"):
        text = getattr(data, name)
        if name in _REQUIRED and not text:
            errors[name] = [_REQUIRED[name]]
        elif len(text) > TEXT_LIMIT:
            errors[name] = [f"This must be {TEXT_LIMIT:,} characters or fewer"]
    today = timezone.localdate()
    if data.written_on > today:
        errors["written_on"] = ["The date it was written must be today or in the past"]
    if data.look_again_on <= data.written_on:
        errors["look_again_on"] = ["The date to look at it again must be after the date it was written"]
    elif data.look_again_on > add_years(data.written_on, LOOK_AGAIN_WITHIN_YEARS):
        errors["look_again_on"] = [
            f"The date to look at it again must be within {LOOK_AGAIN_WITHIN_YEARS} years of the date it was written"
        ]
    if relationship.ended_on is not None:
        errors["relationship"] = [
            f"{relationship.carer.full_name} no longer cares for {relationship.cared_for.full_name}: "
            "a contingency plan is for a current carer"
        ]
    return errors


def contingency_plan_write(
    *, actor: User, relationship: CaringRelationship, data: ContingencyData, expected_number: int | None = None
) -> ContingencyPlanVersion:
    """Write a carer's contingency plan, or change it: each change is a new version and the old ones stay.

    ``expected_number`` is the version the writer saw (0 for none): if someone has written a newer one since,
    nothing is saved and they are told.
    """
    if not user_can_for(actor, CarerAction.CONTINGENCY_WRITE, relationship):
        raise PermissionDenied("You cannot write this carer's contingency plan")
    data = ContingencyData(
        who_steps_in=_clean(data.who_steps_in),
        daily_needs=_clean(data.daily_needs),
        medicines_and_routines=_clean(data.medicines_and_routines),
        emergency_contacts=_clean(data.emergency_contacts),
        written_on=data.written_on,
        look_again_on=data.look_again_on,
    )
    errors = _contingency_errors(data, relationship)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan, _ = ContingencyPlan.objects.get_or_create(relationship=relationship)
        plan = ContingencyPlan.objects.select_for_update().get(pk=plan.pk)
        latest = plan.versions.order_by("-number").first()
        number = latest.number if latest is not None else 0
        if expected_number is not None and expected_number != number:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: [
                        "Someone else has changed this contingency plan since you opened it; nothing has been saved. "
                        "Look at their version, then make your changes again"
                    ]
                }
            )
        version = ContingencyPlanVersion.objects.create(
            plan=plan,
            number=number + 1,
            who_steps_in=data.who_steps_in,
            daily_needs=data.daily_needs,
            medicines_and_routines=data.medicines_and_routines,
            emergency_contacts=data.emergency_contacts,
            written_on=data.written_on,
            look_again_on=data.look_again_on,
            written_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.CONTINGENCY_WRITTEN,
            subject=version,
            person=relationship.carer,
            new={"version": version.number, "look_again_on": data.look_again_on.isoformat()},
        )
    return version
