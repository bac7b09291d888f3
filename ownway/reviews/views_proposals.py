"""The person's proposals to change their plan (at /my-review/proposals/) and the worker's side (at
/reviews/proposals/): the worklist, and answering one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.core.workflow import TransitionRefused
from ownway.ui.forms import add_service_errors, show_transition_refused
from ownway.ui.listing import Column, paged_and_sorted
from ownway.ui.pdf import pdf_response

from . import services_proposals
from .forms_proposals import DAY, ProposalAnswerForm, ProposalForm
from .models import PlanProposal, ProposalNextStep, ProposalStatus
from .permissions import ReviewAction, user_can, user_can_for
from .selectors_proposals import (
    own_proposal_for_citizen,
    own_proposals_for_citizen,
    proposal_get_for_user,
    proposals_for_user,
    proposals_shown,
)

OWN_COLUMNS = [
    Column("What you asked for"),
    Column("Sent on", "sent", ("created_at",)),
    Column("What your worker said"),
]


@require_GET
def my_proposals_view(request: HttpRequest, easy_read: bool = False) -> HttpResponse:
    """The changes the person has asked for to their plan, the newest first, each with its state and their
    worker's reply; in plain English, or in easy read."""
    user = _user(request)
    listing = paged_and_sorted(
        request, own_proposals_for_citizen(user=user), OWN_COLUMNS, default="sent", descending=True, per_page=20
    )
    return render(
        request,
        "reviews/proposals/mine_easy_read.html" if easy_read else "reviews/proposals/mine.html",
        {"title": "Changes you want to your plan", "listing": listing,
         "has_plan": services_proposals.own_version(user.person_id) is not None if user.person_id else False},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def my_proposal_new_view(request: HttpRequest, easy_read: bool = False) -> HttpResponse:
    """Propose a change to your plan: a new outcome, a change of provider or something else (a different day is
    asked for on the day-opportunity page); in plain English, or in easy read."""
    user = _user(request)
    own_proposals_for_citizen(user=user)  # refuses anyone without a record of their own
    listed = "my_review:proposals_easy_read" if easy_read else "my_review:proposals"
    version = services_proposals.own_version(user.person_id) if user.person_id else None
    if version is None:
        messages.info(request, "You do not have a support plan yet. Your worker will write it with you.")
        return redirect(listed)
    lines = list(version.lines.order_by("outcome__position", "pk"))
    form = ProposalForm(request.POST if request.method == "POST" else None, lines=lines, easy_read=easy_read)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["kind"] == DAY:
            return redirect("dayops:my_days")
        try:
            services_proposals.plan_proposal_make(
                actor=user, kind=data["kind"], words=data["words"],
                line_id=int(data["line"]) if data["line"] else None,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your worker has your idea. We will tell you when they answer.")
            return redirect(listed)
    return render(
        request,
        "reviews/proposals/new_easy_read.html" if easy_read else "reviews/proposals/new.html",
        {"title": "Change your plan", "form": form},
    )


def my_proposal_letter_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The letter with the worker's answer, as a PDF: the person's own, or for staff who may see the person (to
    print and post)."""
    user = _user(request)
    if user_can(user, ReviewAction.OWN):
        proposal = own_proposal_for_citizen(user=user, pk=pk)
    else:
        proposal = proposal_get_for_user(user=user, pk=pk, action=ReviewAction.VIEW)
    if proposal.status == ProposalStatus.OPEN:
        raise Http404("Your worker has not answered this yet")
    kind = "easy-read-" if easy_read else ""
    return pdf_response(
        services_proposals.reply_pdf(proposal, easy_read=easy_read),
        filename=f"{kind}your-idea-{proposal.person.reference}.pdf",
    )


WORKLIST_COLUMNS = [
    Column("Person", "name", ("person__last_name", "person__first_name")),
    Column("What they want"),
    Column("Sent on", "sent", ("created_at",)),
    Column("Named worker", "worker", (F("person__named_worker__last_name").asc(nulls_first=True),)),
]


@require_GET
def proposals_view(request: HttpRequest) -> HttpResponse:
    """Proposals waiting for an answer, the oldest first: the worker's own (``?whose=mine``) or their team's."""
    user = _user(request)
    mine = request.GET.get("whose") == "mine"
    listing = paged_and_sorted(
        request,
        proposals_for_user(user=user, mine=mine),
        WORKLIST_COLUMNS,
        default="sent",
        shown=lambda page: proposals_shown(user=user, proposals=page),
    )
    return render(
        request,
        "reviews/proposals/worklist.html",
        {"title": "Changes people want to their plans", "listing": listing, "mine": mine},
    )


@require_http_methods(["GET", "POST"])
def proposal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's proposal: what they asked for, and the worker's answer (agree and say what happens next, or
    explain why not)."""
    user = _user(request)
    proposal = proposal_get_for_user(user=user, pk=pk, action=ReviewAction.HOLD)
    form = ProposalAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = form.cleaned_data["answer"]
        agree = answer in ProposalNextStep.values
        try:
            services_proposals.plan_proposal_answer(
                actor=user, proposal=proposal, agree=agree, next_step=answer if agree else "",
                reply=form.cleaned_data["reply"],
            )  # fmt: skip
        except TransitionRefused as error:
            show_transition_refused(form, error, request)
        except ValidationError as error:
            add_service_errors(form, error, rename={"next_step": "answer"})
        else:
            messages.success(request, _answered(proposal))
            return redirect("reviews:proposal", pk=proposal.pk)
    return render(
        request,
        "reviews/proposals/proposal.html",
        {"title": f"{proposal.person.full_name} wants to change their plan", "proposal": proposal, "form": form,
         "can_answer": user_can_for(user, ReviewAction.HOLD, proposal.person)},
    )  # fmt: skip


def _answered(proposal: PlanProposal) -> str:
    told = f" {proposal.person.full_name} is sent a letter with your answer."
    if proposal.version is not None:
        return f"Agreed. It is in version {proposal.version.number} of the plan, to write with them." + told
    if proposal.review_id:
        return "Agreed. A review of the plan is on your team's list." + told
    return "Answered." + told
