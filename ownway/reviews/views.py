"""Review pages: the reviews due, asking for a review, and recording one held."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.accounts.roles import Role
from ownway.core.workflow import TransitionRefused
from ownway.planning.models import PlanOutcome
from ownway.ui.forms import add_service_errors, show_transition_refused
from ownway.ui.listing import Column, paged_and_sorted
from ownway.ui.offers import offers_for
from ownway.ui.pdf import pdf_response

from . import reminders, services
from .decisions import (
    DecisionDetails,
    ending_pdf,
    therapy_request_take,
    therapy_requests_for_user,
    therapy_requests_shown,
)
from .forms import RecordForm, RequestForm, SelfReviewForm
from .letters import reminder_pdf
from .models import (
    DecisionChoices,
    ReminderLetter,
    Review,
    ReviewSequel,
    ReviewStatus,
    SelfReview,
    SelfReviewStatus,
    TherapyRequest,
)
from .permissions import ReviewAction, user_can, user_can_for
from .selectors import (
    outcome_history,
    own_reviews_for_citizen,
    plan_for_review,
    review_get_for_user,
    reviews_due_for_user,
    reviews_due_shown,
)

DUE_COLUMNS = [
    Column("Person", "name", ("person__last_name", "person__first_name")),
    Column("Why", "reason", ("reason",)),
    Column("Due by", "due", ("due_on",)),
    Column("Named worker", "worker", (F("person__named_worker__last_name").asc(nulls_first=True),)),
]


def reviews_due_view(request: HttpRequest) -> HttpResponse:
    """The reviews to hold now, the most overdue first: the worker's own (``?whose=mine``) or their team's."""
    user = _user(request)
    if not user_can(user, ReviewAction.WORKLIST):
        raise PermissionDenied("You cannot see the reviews due")
    mine = request.GET.get("whose") == "mine"
    listing = paged_and_sorted(
        request,
        reviews_due_for_user(user=user, mine=mine),
        DUE_COLUMNS,
        default="due",
        shown=lambda page: reviews_due_shown(user=user, reviews=page),
    )
    return render(
        request,
        "reviews/due.html",
        {"title": "Reviews due", "listing": listing, "mine": mine, "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def request_view(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """Ask for an unplanned review of a person's plan, after something has changed."""
    user = _user(request)
    plan = plan_for_review(user=user, pk=plan_pk)
    initial = {"due_on": timezone.localdate() + dt.timedelta(days=14)}
    form = RequestForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.review_request(
                actor=user, plan=plan, reason=data["reason"], note=data["note"], due_on=data["due_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"A review is due by {review.due_on:%-d %B %Y}. It is on your team's list.")
            return redirect("reviews:review", pk=review.pk)
    return render(
        request,
        "reviews/request.html",
        {"title": f"Ask for a review of {plan.person.full_name}'s plan", "plan": plan, "form": form},
    )


@require_http_methods(["GET"])
def review_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A review: to hold (when and why) or held (what was said and decided), and each outcome's progress over
    the plan's reviews."""
    user = _user(request)
    review = review_get_for_user(user=user, pk=pk)
    version = review.version or services.reviewed_version(review.plan)
    return render(
        request,
        "reviews/review.html",
        {
            "title": f"Review of {review.person.full_name}'s plan",
            "review": review,
            "version": version,
            "history": outcome_history(plan=review.plan, version_id=version.pk) if version else [],
            "can_hold": review.status == ReviewStatus.OPEN and user_can_for(user, ReviewAction.HOLD, review),
            "answers": _sent_answers(review),
            "outcome_words": {str(o.pk): o.own_words for o in version.outcomes.all()} if version else {},
            "sequel": ReviewSequel.objects.select_related("enablement_referral__team").filter(review=review).first(),
            "therapy_request": TherapyRequest.objects.select_related("team", "taken_by").filter(review=review).first(),
            "today": timezone.localdate(),
            "offers": offers_for("reviews.review", user=user, record=review),
        },
    )


@require_http_methods(["GET", "POST"])
def record_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a review held: each outcome's progress in the person's words, what is working, and the decision."""
    user = _user(request)
    review = review_get_for_user(user=user, pk=pk, action=ReviewAction.HOLD)
    if review.status != ReviewStatus.OPEN:
        messages.info(request, "This review has been recorded already.")
        return redirect("reviews:review", pk=review.pk)
    version = services.reviewed_version(review.plan)
    outcomes = list(version.outcomes.order_by("position", "pk")) if version else []
    answers = _sent_answers(review)
    initial: dict[str, object] = {"held_on": timezone.localdate()}
    if answers:
        # The light-touch route: the person's own answers, for the worker to confirm or change with them.
        initial.update(answers_initial(answers, outcomes, ("working", "not_working")))
    form = RecordForm(request.POST if request.method == "POST" else None, outcomes=outcomes, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = services.ReviewRecord(
            held_on=data["held_on"],
            method=data["method"],
            progress={o.pk: (data[f"progress_{o.pk}"], data[f"words_{o.pk}"]) for o in outcomes},
            working=data["working"],
            not_working=data["not_working"],
            carer_view=data["carer_view"],
            needs_changed=data["needs_changed"] == "yes",
            decision=data["decision"],
            decision_reasons=data["decision_reasons"],
            next_review_on=data["next_review_on"],
            next_review_reason=data["next_review_reason"],
            details=DecisionDetails(
                team_id=data["team"] or None,
                referral_reason=data["referral_reason"],
                ends_on=data["ends_on"],
                end_reason=data["end_reason"],
                end_note=data["end_note"],
            ),
        )
        try:
            services.review_record(actor=user, review=review, record=record)
        except TransitionRefused as error:
            show_transition_refused(form, error, request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _done_message(review))
            return redirect("reviews:review", pk=review.pk)
    return render(
        request,
        "reviews/record.html",
        {
            "title": f"Record the review of {review.person.full_name}'s plan",
            "review": review,
            "version": version,
            "form": form,
            "answers": answers,
        },
    )


def answers_initial(answers: dict[str, Any], outcomes: list[PlanOutcome], texts: tuple[str, ...]) -> dict[str, object]:
    """A form's starting values from the person's own answers to a review (:attr:`.SelfReview.answers`): each
    outcome's progress and words, and the ``texts`` named (the worker's form has no "what has changed")."""
    initial: dict[str, object] = {name: answers.get(name, "") for name in texts}
    for outcome in outcomes:
        given = answers.get("outcomes", {}).get(str(outcome.pk), {})
        initial[f"progress_{outcome.pk}"] = given.get("progress", "")
        initial[f"words_{outcome.pk}"] = given.get("words", "")
    return initial


def _sent_answers(review: Review) -> dict[str, Any] | None:
    """The person's own answers to the review, once they have sent them."""
    own = SelfReview.objects.filter(review=review, status=SelfReviewStatus.SENT).first()
    return own.answers if own is not None else None


def _done_message(review: Review) -> str:
    if review.decision == DecisionChoices.END_SUPPORT:
        told = " The person has been sent a letter." if review.sequel.letter_id else ""
        return f"The review is recorded. The support ends after {review.sequel.ends_on:%-d %B %Y}.{told}"
    then = f" The next review is due by {review.next_review_on:%-d %B %Y}."
    if review.decision == DecisionChoices.TRY_ENABLEMENT:
        return "The review is recorded. The referral is on the enablement team's list." + then
    if review.decision == DecisionChoices.OT_ASSESSMENT:
        return "The review is recorded. The request is on the occupational therapy team's list." + then
    if review.new_version_id:
        return "The review is recorded. A new version of the plan is ready to write with the person." + then
    if review.assessment_id:
        return "The review is recorded. A needs assessment has started and is on your list." + then
    return "The review is recorded." + then


@require_http_methods(["GET", "POST"])
def my_review_view(request: HttpRequest, easy_read: bool = False) -> HttpResponse:
    """The person's own review: when it is, what happens, and their answers online before it (saved as they go,
    then sent to their worker); in plain English, or in easy read."""
    user = _user(request)
    own = own_reviews_for_citizen(user=user)
    review = own.next
    page = "my_review:easy_read" if easy_read else "my_review:review"
    form = None
    if review is not None and (own.answers is None or own.answers.status != SelfReviewStatus.SENT):
        version = services.reviewed_version(review.plan)
        outcomes = list(version.outcomes.order_by("position", "pk")) if version else []
        saved = own.answers.answers if own.answers is not None else {}
        initial = answers_initial(saved, outcomes, ("working", "not_working", "changed"))
        form = SelfReviewForm(
            request.POST if request.method == "POST" else None, outcomes=outcomes, initial=initial, easy_read=easy_read
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            send = request.POST.get("action") == "send"
            answers = services.SelfReviewAnswers(
                outcomes={o.pk: (data[f"progress_{o.pk}"], data[f"words_{o.pk}"]) for o in outcomes},
                working=data["working"],
                not_working=data["not_working"],
                changed=data["changed"],
            )
            try:
                services.self_review_save(actor=user, review=review, answers=answers, send=send)
            except TransitionRefused as error:
                show_transition_refused(form, error, request)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _self_review_message(send=send, easy_read=easy_read))
                return redirect(page)
    elif request.method == "POST":
        messages.info(
            request, "There is nothing to answer now." if easy_read else "There is nothing to answer at the moment."
        )
        return redirect(page)
    return render(
        request,
        "reviews/my_review_easy_read.html" if easy_read else "reviews/my_review.html",
        {"title": "Your review", "own": own, "form": form, "today": timezone.localdate()},
    )


def _self_review_message(*, send: bool, easy_read: bool) -> str:
    if easy_read:
        return "Thank you. Your worker has your answers." if send else "We saved your answers. You can come back later."
    if send:
        return (
            "Thank you. We have sent your answers to your worker. They will talk them through with you at your review."
        )
    return "Your answers are saved. You can come back and change them before you send them."


def my_review_letter_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The letter telling the person their review is coming, as a PDF: the person's own, or for staff who may see
    the person (to print and post it from the letters to post)."""
    user = _user(request)
    review = Review.objects.select_related("person").filter(pk=pk).first()
    action = ReviewAction.OWN if user_can(user, ReviewAction.OWN) else ReviewAction.VIEW
    if review is None or not (user_can(user, action) and user_can_for(user, action, review)):
        raise Http404("No such letter")
    kind = "easy-read-" if easy_read else ""
    return pdf_response(
        reminder_pdf(review, easy_read=easy_read), filename=f"{kind}review-{review.person.reference}.pdf"
    )


def my_ending_letter_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The letter telling the person their support is ending after a review, as a PDF (their own only)."""
    user = _user(request)
    row = ReviewSequel.objects.select_related("review", "review__person").filter(pk=pk, ends_on__isnull=False).first()
    if row is None or not (user_can(user, ReviewAction.OWN) and user_can_for(user, ReviewAction.OWN, row.review)):
        raise Http404("No such letter")
    kind = "easy-read-" if easy_read else ""
    return pdf_response(
        ending_pdf(row, easy_read=easy_read), filename=f"{kind}support-ending-{row.review.person.reference}.pdf"
    )


THERAPY_COLUMNS = [
    Column("Person", "name", ("person__last_name", "person__first_name")),
    Column("Asked for on", "asked", ("requested_on",)),
    Column("What to look at"),
    Column("Asked by", "by", ("requested_by__last_name",)),
]


@require_http_methods(["GET"])
def therapy_requests_view(request: HttpRequest) -> HttpResponse:
    """The occupational therapy assessments reviews asked for before increasing support: the team's waiting
    list, or (``?whose=mine``) the ones the therapist took on."""
    user = _user(request)
    if not user_can(user, ReviewAction.THERAPY):
        raise PermissionDenied("You cannot see the occupational therapy requests")
    mine = request.GET.get("whose") == "mine"
    listing = paged_and_sorted(
        request,
        therapy_requests_for_user(user=user, mine=mine),
        THERAPY_COLUMNS,
        default="asked",
        shown=lambda page: therapy_requests_shown(user=user, requests=page),
    )
    return render(
        request,
        "reviews/therapy.html",
        {"title": "Occupational therapy assessments asked for", "listing": listing, "mine": mine,
         "can_take": user.role == Role.OCCUPATIONAL_THERAPIST},
    )  # fmt: skip


@require_http_methods(["POST"])
def therapy_request_take_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An occupational therapist takes a request on from the team's list."""
    user = _user(request)
    found = TherapyRequest.objects.select_related("person").filter(pk=pk).first()
    if found is None or not (user_can(user, ReviewAction.THERAPY) and user_can_for(user, ReviewAction.THERAPY, found)):
        raise Http404("No such request")
    try:
        therapy_request_take(actor=user, request=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"You have taken on the assessment for {found.person.full_name}.")
    return redirect(f"{reverse('reviews:therapy')}?whose=mine")


def my_reminder_letter_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The letter telling the person a review of their direct payment or day services is coming, as a PDF (their
    own only)."""
    user = _user(request)
    reminder = ReminderLetter.objects.select_related("person").filter(pk=pk).first()
    if reminder is None or not (user_can(user, ReviewAction.OWN) and user_can_for(user, ReviewAction.OWN, reminder)):
        raise Http404("No such letter")
    kind = "easy-read-" if easy_read else ""
    return pdf_response(
        reminders.reminder_pdf(reminder, easy_read=easy_read), filename=f"{kind}review-{reminder.person.reference}.pdf"
    )
