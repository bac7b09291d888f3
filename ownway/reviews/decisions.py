"""What a review's decision sets going beyond the plan itself, in the transaction that records the review
(:func:`~.services.review_record`):

* **Try enablement first**: a referral on the enablement team's list
  (:func:`ownway.enablement.services.referral_from_review`).
* **An occupational therapy assessment first**: a request on the occupational therapy team's list
  (:class:`~.models.TherapyRequest`), until a therapist takes it on.
* **End the support**, with the reason: the plan's personal budget ends on the last day and the charge for it
  stops (:func:`ownway.planning.services.support_plan_end`); each direct payment ends then, so no payment covers
  a later day (:func:`ownway.payments.services.direct_payment_end_after_review`); each day placement the plan
  pays for ends then (:func:`ownway.dayops.services_change.placement_set_end`); the reviews still to hold are
  no longer needed; and the person is told by letter in plain English (not when they have died).

Each records its CLD Event Outcome, the SALT LTS002 sequel (:class:`~.models.ReviewSequel`;
:func:`~.rules.sequel`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import Team, User
from ownway.accounts.roles import TeamKind
from ownway.dayops.models import Placement, PlacementStatus
from ownway.dayops.services_change import placement_set_end
from ownway.enablement.models import Referral
from ownway.enablement.services import referral_from_review
from ownway.payments.models import AgreementStatus, DirectPaymentAgreement
from ownway.payments.services import direct_payment_end_after_review
from ownway.people.models import Letter
from ownway.people.services import letter_send
from ownway.planning.services import support_plan_end
from ownway.ui.pdf import render_pdf

from . import events
from .models import (
    EndReasonChoices,
    Review,
    ReviewSequel,
    ReviewStatus,
    TherapyRequest,
    TherapyRequestStatus,
)
from .permissions import ReviewAction, user_can, user_can_for
from .rules import EndReason, ReviewDecision, check_support_end, sequel

#: The longest reason a worker may give for a referral or an ending.
REASON_LIMIT = 5000


@dataclass
class DecisionDetails:
    """What a decision beyond the plan needs: the team to refer to and why (enablement, occupational therapy);
    or the support's last day and why it ends."""

    team_id: int | None = None
    referral_reason: str = ""
    ends_on: dt.date | None = None
    end_reason: str = ""
    end_note: str = ""


def referral_teams(decision: str) -> QuerySet[Team]:
    """The active teams a decision may refer to: enablement teams, or occupational therapy teams."""
    kind = {
        ReviewDecision.TRY_ENABLEMENT: TeamKind.ENABLEMENT,
        ReviewDecision.OT_ASSESSMENT: TeamKind.OCCUPATIONAL_THERAPY,
    }
    if decision not in kind:
        return Team.objects.none()
    return Team.objects.filter(kind=kind[ReviewDecision(decision)], is_active=True).order_by("name")


def check_details(decision: str, held_on: dt.date, details: DecisionDetails) -> dict[str, list[str]]:
    """What is missing or wrong in the details the decision needs, by field."""
    errors: dict[str, list[str]] = {}
    if decision in (ReviewDecision.TRY_ENABLEMENT, ReviewDecision.OT_ASSESSMENT):
        teams = referral_teams(decision)
        what = "an enablement team" if decision == ReviewDecision.TRY_ENABLEMENT else "an occupational therapy team"
        if details.team_id is None or not teams.filter(pk=details.team_id).exists():
            errors["team"] = [f"Choose {what} to refer to"]
        if not details.referral_reason.strip():
            errors["referral_reason"] = ["Say what the referral should look at"]
        elif len(details.referral_reason) > REASON_LIMIT:
            errors["referral_reason"] = [f"The reason for the referral must be {REASON_LIMIT:,} characters or fewer"]
    elif decision == ReviewDecision.END_SUPPORT:
        problems = check_support_end(held_on, details.ends_on, details.end_reason, details.end_note)
        errors.update({name: [message] for name, message in problems.items()})
        if len(details.end_note) > REASON_LIMIT:
            errors["end_note"] = [f"Why the support is ending must be {REASON_LIMIT:,} characters or fewer"]
    return errors


def _require_holding(actor: User, review: Review, refusal: str) -> None:
    """Only the worker holding an open review acts on its decision in the other apps (an enablement referral, a
    direct payment ended), which they may not do otherwise."""
    if review.status != ReviewStatus.OPEN or not user_can_for(actor, ReviewAction.HOLD, review):
        raise PermissionDenied(refusal)


def enablement_referral_from_review(
    *, actor: User, review: Review, team: Team, reason: str, received_on: dt.date
) -> Referral:
    """The enablement referral a review decided on, made by the worker holding it (see
    :func:`ownway.enablement.services.referral_from_review`)."""
    _require_holding(actor, review, "You can refer for enablement only from a review you are holding")
    return referral_from_review(
        actor=actor, person=review.person, review_id=review.pk, team=team, reason=reason, received_on=received_on
    )


def decision_follow(*, actor: User, review: Review, decision: str, held_on: dt.date, details: DecisionDetails) -> None:
    """Set going what the decision needs and record its sequel; in the caller's transaction, while the review is
    still open (the referral and ending services check the worker is holding it)."""
    end_reason: EndReason | None = None
    row = ReviewSequel(review=review)
    team_id = details.team_id or 0  # a team is required for a referral (check_details)
    if decision == ReviewDecision.TRY_ENABLEMENT:
        row.enablement_referral = enablement_referral_from_review(
            actor=actor, review=review, team=Team.objects.get(pk=team_id),
            reason=details.referral_reason, received_on=held_on,
        )  # fmt: skip
    elif decision == ReviewDecision.OT_ASSESSMENT:
        TherapyRequest.objects.create(
            person_id=review.person_id, review=review, team_id=team_id,
            reason=details.referral_reason.strip(), requested_by=actor, requested_on=held_on,
        )  # fmt: skip
    elif decision == ReviewDecision.END_SUPPORT:
        assert details.ends_on is not None
        end_reason = EndReason(details.end_reason)
        row.ends_on, row.end_reason, row.end_note = details.ends_on, end_reason.value, details.end_note.strip()
        _support_end(actor=actor, review=review, ends_on=details.ends_on, why=_why(end_reason, row.end_note))
    row.cld_event_outcome = sequel(ReviewDecision(decision), end_reason)
    row.save()
    if decision == ReviewDecision.END_SUPPORT:
        person = review.person
        if person.date_of_death is None and end_reason is not EndReason.DIED:
            row.letter = _ending_letter(row)
            row.save(update_fields=["letter"])


def _why(reason: EndReason, note: str) -> str:
    words = str(EndReasonChoices(reason.value).label)
    return f"{words}: {note}" if note else words


def _support_end(*, actor: User, review: Review, ends_on: dt.date, why: str) -> None:
    """End the plan's budget, its direct payments and the day placements it pays for on ``ends_on``; the
    reviews still to hold are no longer needed."""
    plan = review.plan
    support_plan_end(actor=actor, plan=plan, ends_on=ends_on, reason=why)
    agreements = DirectPaymentAgreement.objects.filter(
        budget__version__plan=plan, status__in=[AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED]
    ).order_by("pk")
    refusal = "You can end a direct payment only from a review of the person's plan you are holding"
    _require_holding(actor, review, refusal)
    for agreement in agreements:
        direct_payment_end_after_review(actor=actor, agreement=agreement, ends_on=ends_on, reason=why)
    placements = (
        Placement.objects.filter(plan_line__version__plan=plan, status=PlacementStatus.ACTIVE)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=ends_on))
        .select_related("person", "service")
        .order_by("pk")
    )
    for placement in placements:
        if placement.starts_on > ends_on:
            raise ValidationError({"ends_on": [
                f"The day placement at {placement.service.name} starts after the support ends: change or end it "
                "on the person's day opportunities first"
            ]})  # fmt: skip
        placement_set_end(actor=actor, placement=placement, ends_on=ends_on, reason=why)
    Review.objects.filter(plan=plan, status=ReviewStatus.OPEN).exclude(pk=review.pk).update(
        status=ReviewStatus.CANCELLED
    )


def ending_pdf(row: ReviewSequel, *, easy_read: bool) -> bytes:
    return render_pdf(
        "reviews/ending_pdf.html", {"sequel": row, "review": row.review, "easy_read_version": easy_read,
                                    "today": timezone.localdate()},
    )  # fmt: skip


def ending_pdfs(letter: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    """The ending letter's PDFs, for the email that carries it (its subject is the review's sequel)."""
    row = ReviewSequel.objects.select_related("review", "review__person").get(pk=letter.subject_id)
    reference = row.review.person.reference
    files = [(f"support-ending-{reference}.pdf", ending_pdf(row, easy_read=False))]
    if easy_read_too:
        files.append((f"support-ending-{reference}-easy-read.pdf", ending_pdf(row, easy_read=True)))
    return files


def _ending_letter(row: ReviewSequel) -> Letter:
    return letter_send(
        actor=None,
        person=row.review.person,
        about="Your support is ending",
        opening="After your review, your support from us is ending. The letter says when, why, and what you can "
        "do if you do not agree.",
        page=reverse("my_review:review"),
        pdf=reverse("my_review:ending_pdf", kwargs={"pk": row.pk}),
        easy_read_pdf=reverse("my_review:ending_easy_read_pdf", kwargs={"pk": row.pk}),
        pdfs=ending_pdfs,
        subject=row,
    )


# --- the occupational therapy team's list ----------------------------------------------------------------------


def therapy_requests_for_user(*, user: User, mine: bool = False) -> QuerySet[TherapyRequest]:
    """The occupational therapy assessments asked for by reviews, on the user's team's list: waiting, then
    (``mine``) the ones the user took on."""
    if not user_can(user, ReviewAction.THERAPY):
        raise PermissionDenied("You cannot see the occupational therapy requests")
    rows = TherapyRequest.objects.filter(team_id=user.team_id) if user.team_id else TherapyRequest.objects.none()
    rows = rows.filter(taken_by=user) if mine else rows.filter(status=TherapyRequestStatus.WAITING)
    return rows.select_related("person", "requested_by", "review").order_by("requested_on", "pk")


def therapy_requests_shown(*, user: User, requests: list[TherapyRequest]) -> None:
    """Write each person on a page of the list to the audit trail."""
    with transaction.atomic():
        audit_shown(actor=user, action=events.THERAPY_REQUESTS_LISTED, shown=[(r, r.person_id) for r in requests])


def therapy_requests_waiting_count(*, user: User) -> int | None:
    """How many requests wait on the user's team's list, in one query (``None`` for who has no such list)."""
    if not user_can(user, ReviewAction.THERAPY):
        return None
    return therapy_requests_for_user(user=user).count()


def therapy_request_take(*, actor: User, request: TherapyRequest) -> TherapyRequest:
    """An occupational therapist of the team takes a request on: it leaves the team's list for theirs."""
    if not user_can_for(actor, ReviewAction.THERAPY, request):
        raise PermissionDenied("Only the occupational therapy team the request was sent to can take it on")
    with transaction.atomic():
        locked = TherapyRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != TherapyRequestStatus.WAITING:
            raise ValidationError({"__all__": ["Someone has taken this request on already"]})
        locked.status, locked.taken_by, locked.taken_on = TherapyRequestStatus.TAKEN, actor, timezone.localdate()
        locked.save(update_fields=["status", "taken_by", "taken_on"])
        audit_record(actor=actor, action=events.THERAPY_REQUEST_TAKEN, subject=locked, person=locked.person)
    return locked
