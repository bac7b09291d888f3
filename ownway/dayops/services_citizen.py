"""What the person does: ask to change days. (The person's consent for a carer to see their breaks is the carers
app's: :mod:`ownway.carers.services_consent`.)

**Asking to change days.** Nottinghamshire's I statements (seed 003): "I get the support that is right for me and
this might change over time". A person asks for other days (or another part of the day) from a date; the request
changes nothing: it waits on their worker's list (:func:`ownway.dayops.selectors_citizen.change_requests_for_user`)
until staff change the placement themselves (capacity and the waiting list apply, as to any placement) and mark it
done, or say why not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import format_date
from ownway.core.text import without_control_characters
from ownway.core.workflow import transition

from . import events
from .models import (
    DAY_NAMES,
    ChangeRequestStatus,
    DayChangeRequest,
    Placement,
    PlacementStatus,
    SessionPart,
)
from .permissions import DayopsAction, user_can_for

#: The longest reason or answer kept.
MAX_WORDS = 2000
#: How far ahead a change can be asked for.
MAX_AHEAD = dt.timedelta(days=366)


def _own(actor: User, placement: Placement) -> None:
    if actor.person_id != placement.person_id or not user_can_for(actor, DayopsAction.OWN_DAYS, placement.person):
        raise PermissionDenied("You can only ask to change your own days")


def day_change_request(
    *, actor: User, placement: Placement, days: Sequence[str], session: str, wanted_from: dt.date, reason: str = ""
) -> DayChangeRequest:
    """The person asks to change the days (or part of the day) of one of their placements, from a date. Nothing
    changes until their worker acts on it."""
    _own(actor, placement)
    errors: dict[str, list[str]] = {}
    chosen = [code for code in DAY_NAMES if code in set(days)]
    today = timezone.localdate()
    if placement.status != PlacementStatus.ACTIVE or (placement.ends_on is not None and placement.ends_on < today):
        raise ValidationError("This placement has ended, so its days cannot change")
    if not chosen:
        errors["days"] = ["Choose the days you want to go"]
    elif not set(days) <= set(DAY_NAMES):
        errors["days"] = ["Choose days of the week"]
    if session not in SessionPart.values:
        errors["session"] = ["Choose the part of the day you want"]
    if not errors and ",".join(chosen) == placement.days and session == placement.session:
        errors["days"] = ["These are the days you go already: choose the days you want instead"]
    if wanted_from < today:
        errors["wanted_from"] = ["The date you want the change from must be today or later"]
    elif wanted_from > today + MAX_AHEAD:
        errors["wanted_from"] = [f"The date you want the change from must be before {format_date(today + MAX_AHEAD)}"]
    text = without_control_characters(reason, keep_lines=True).strip()
    if len(text) > MAX_WORDS:
        errors["reason"] = [f"Why you want the change must be {MAX_WORDS:,} characters or fewer"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Placement.objects.select_for_update().filter(pk=placement.pk).first()
        if DayChangeRequest.objects.filter(placement=placement, status=ChangeRequestStatus.OPEN).exists():
            raise ValidationError(
                "You have already asked to change these days: your worker has your request. You can ask again "
                "once they have answered it"
            )
        request = DayChangeRequest.objects.create(
            placement=placement,
            days=",".join(chosen),
            session=session,
            wanted_from=wanted_from,
            reason=text,
            requested_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.DAY_CHANGE_REQUESTED,
            subject=request,
            person=placement.person,
            old={"days": placement.days, "session": placement.session},
            new={"days": request.days, "session": session, "wanted_from": wanted_from.isoformat()},
        )
    return request


def day_change_answer(*, actor: User, request: DayChangeRequest, done: bool, response: str = "") -> DayChangeRequest:
    """The worker answers a request: done (they have changed the placement) or not, saying why not."""
    person = request.placement.person
    if not user_can_for(actor, DayopsAction.CHANGE_REQUESTS, person):
        raise PermissionDenied("You cannot answer this person's requests")
    text = without_control_characters(response, keep_lines=True).strip()
    if not done and not text:
        raise ValidationError({"response": ["Say why the days are not changing: the person reads it"]})
    if len(text) > MAX_WORDS:
        raise ValidationError({"response": [f"The answer must be {MAX_WORDS:,} characters or fewer"]})
    with transaction.atomic():
        status = ChangeRequestStatus.DONE if done else ChangeRequestStatus.DECLINED
        transition(request, allowed_from=[ChangeRequestStatus.OPEN], action="answer it",
                   what="request to change days")  # fmt: skip
        request.status = status
        request.handled_by = actor
        request.handled_at = timezone.now()
        request.response = text
        request.save(update_fields=["status", "handled_by", "handled_at", "response"])
        audit_record(
            actor=actor,
            action=events.DAY_CHANGE_HANDLED,
            subject=request,
            person=person,
            new={"status": status, "response": text},
        )
    return request
