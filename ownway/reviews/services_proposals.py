"""The person proposes changes to their own support plan, and their worker answers: review with the person, not at
them.

The Care Act 2014 s.27(1)(b) and the statutory guidance (paragraphs 13.9 and 13.17 to 13.19) say a plan is kept
under review, that the person (or someone for them) may ask for a review at any time, and that the council
involves the person in any change to the plan. Here the person proposes online, in their own words:

* something new they want to achieve (an outcome for the plan),
* a different person or organisation for a part of their support (a change of provider), or
* something else.

(A different day at a day service is the day-opportunity request to change days,
:func:`ownway.dayops.services_citizen.day_change_request`, which their page sends them to.)

Their named worker and team see the proposals waiting on a worklist. The worker agrees and says what happens
next — the proposal is taken into a new version of the plan (a draft written with the person; a new outcome is
added to it in the person's words) or a review of the plan is opened because the person asked (CLD Review Reason
"Unplanned - Other") — or explains why not, in words the person reads. Either way the person is told by a letter,
the way they chose (:func:`ownway.people.services.letter_send`).

Bounded: the words are at most 2,000 characters; a person has at most :data:`MAX_OPEN` proposals waiting at once.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import format_date
from ownway.core.text import too_long_for, without_control_characters
from ownway.core.workflow import transition
from ownway.people.models import Letter, Person
from ownway.people.services import letter_send
from ownway.planning.models import PlanLine, PlanStatus, PlanVersion
from ownway.planning.services import plan_outcome_add, plan_version_start
from ownway.ui.pdf import render_pdf

from . import events
from .models import PlanProposal, ProposalKind, ProposalNextStep, ProposalStatus, Review, ReviewStatus
from .permissions import ReviewAction, user_can_for
from .rules import ReviewReason
from .services import review_request

#: How many proposals a person may have waiting for their worker at once.
MAX_OPEN = 5
#: A review opened because the person asked is due this many days on.
REVIEW_WITHIN_DAYS = 28
PROPOSAL = "proposal"


def own_version(person_id: int) -> PlanVersion | None:
    """The version of the person's plan in force: the latest approved version of their newest plan."""
    return (
        PlanVersion.objects.filter(plan__person_id=person_id, status=PlanStatus.APPROVED)
        .select_related("plan", "plan__person")
        .order_by("-plan__created_at", "-plan_id", "-number")
        .first()
    )


def _clean(text: str) -> str:
    return without_control_characters(text or "", keep_lines=True).strip()


def plan_proposal_make(*, actor: User, kind: str, words: str, line_id: int | None = None) -> PlanProposal:
    """The person proposes a change to their own plan in force, in their own words. A change of provider names the
    part of the plan it is about. Nothing in the plan changes until their worker agrees it."""
    person_id = actor.person_id
    if person_id is None or not user_can_for(actor, ReviewAction.OWN, Person(pk=person_id)):
        raise PermissionDenied("You can propose changes only to your own plan")
    version = own_version(person_id)
    if version is None:
        raise ValidationError({"__all__": ["You do not have a support plan yet. Your worker will write it with you"]})
    if (ending := version.ending) is not None and ending.ends_on is not None:
        raise ValidationError({"__all__": [
            f"We agreed at your review that your support from us ends on {format_date(ending.ends_on)}, so there "
            "is no plan to change. If you do not agree, or you need support again, tell your worker"
        ]})  # fmt: skip
    errors: dict[str, list[str]] = {}
    if kind not in ProposalKind.values:
        errors["kind"] = ["Choose what you want to change"]
    text = _clean(words)
    if not text:
        errors["words"] = ["Tell us what you want, in your own words"]
    elif problem := too_long_for(PlanProposal, "words", text, "What you want"):
        errors["words"] = [problem]
    line = None
    if kind == ProposalKind.PROVIDER:
        line = PlanLine.objects.filter(pk=line_id, version=version).first() if line_id is not None else None
        if line is None:
            errors["line"] = ["Choose the part of your support you want someone else to give"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # One at a time per person, so two proposals sent at once cannot pass the limit.
        Person.objects.select_for_update().filter(pk=person_id).first()
        waiting = PlanProposal.objects.filter(person_id=person_id, status=ProposalStatus.OPEN).count()
        if waiting >= MAX_OPEN:
            raise ValidationError(
                {
                    "__all__": [
                        f"You have {MAX_OPEN} ideas waiting for your worker already. You can send another "
                        "once they have answered one"
                    ]
                }
            )
        proposal = PlanProposal.objects.create(
            person_id=person_id, plan=version.plan, kind=kind, line=line, words=text, proposed_by=actor
        )
        audit_record(
            actor=actor, action=events.PROPOSAL_MADE, subject=proposal, person=version.plan.person,
            new={"kind": kind, "line": line.pk if line else None},
        )  # fmt: skip
    return proposal


def plan_proposal_answer(
    *, actor: User, proposal: PlanProposal, agree: bool, next_step: str = "", reply: str = "",
    today: dt.date | None = None,
) -> PlanProposal:  # fmt: skip
    """The worker answers the person's proposal, and the person is told by letter.

    * **Agreed, into a new version of the plan**: the plan's draft version being written is used, or a new one
      started from the version in force; a new outcome is added to it in the person's words. Not while a version
      waits for approval (it is decided first).
    * **Agreed, with a review**: the plan's unplanned review still to hold is used, or one opened ("the person
      asked", due in :data:`REVIEW_WITHIN_DAYS` days) on the worklists.
    * **Not agreed**: the worker says why, in plain words; the person reads them.
    """
    person = proposal.person
    if not user_can_for(actor, ReviewAction.HOLD, person):
        raise PermissionDenied("You cannot answer this person's proposals")
    today = today or timezone.localdate()
    text = _clean(reply)
    errors: dict[str, list[str]] = {}
    if agree and next_step not in ProposalNextStep.values:
        errors["next_step"] = ["Say what happens next"]
    if not agree and not text:
        errors["reply"] = ["Say why not, in plain words: the person reads it"]
    if problem := too_long_for(PlanProposal, "reply", text, "Your answer"):
        errors["reply"] = [problem]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(proposal, allowed_from=[ProposalStatus.OPEN], action="answer it", what=PROPOSAL)
        if agree and next_step == ProposalNextStep.NEXT_VERSION:
            proposal.version = _into_new_version(actor, proposal)
        elif agree:
            proposal.review = _review_for(actor, proposal, today)
        proposal.status = ProposalStatus.ACCEPTED if agree else ProposalStatus.DECLINED
        proposal.next_step = next_step if agree else ""
        proposal.reply = text
        proposal.answered_by = actor
        proposal.answered_at = timezone.now()
        proposal.save()
        audit_record(
            actor=actor, action=events.PROPOSAL_ANSWERED, subject=proposal, person=person,
            new={"status": proposal.status, "next_step": proposal.next_step, "version": proposal.version_id,
                 "review": proposal.review_id},
        )  # fmt: skip
        letter_send(
            actor=actor,
            person=person,
            about="Your worker has answered your idea for your plan",
            opening="Your worker has answered what you asked to change in your support plan.",
            page=reverse("my_review:proposals"),
            pdf=reverse("my_review:proposal_letter_pdf", kwargs={"pk": proposal.pk}),
            easy_read_pdf=reverse("my_review:proposal_letter_easy_read_pdf", kwargs={"pk": proposal.pk}),
            pdfs=reply_pdfs,
            subject=proposal,
        )
    return proposal


def _into_new_version(actor: User, proposal: PlanProposal) -> PlanVersion:
    plan = proposal.plan
    if plan.versions.filter(status=PlanStatus.AWAITING_APPROVAL).exists():
        raise ValidationError(
            {"next_step": ["A version of this plan is waiting for approval: decide it first, or open a review"]}
        )
    draft = plan.versions.filter(status=PlanStatus.DRAFT).order_by("-number").first()
    if draft is None:
        draft = plan_version_start(actor=actor, plan=plan)
    if proposal.kind == ProposalKind.OUTCOME:
        plan_outcome_add(actor=actor, version=draft, own_words=proposal.words)
    return draft


def _review_for(actor: User, proposal: PlanProposal, today: dt.date) -> Review:
    waiting = (
        Review.objects.filter(plan=proposal.plan, status=ReviewStatus.OPEN)
        .exclude(reason=ReviewReason.PLANNED)
        .order_by("due_on", "pk")
        .first()
    )
    if waiting is not None:
        return waiting
    return review_request(
        actor=actor,
        plan=proposal.plan,
        reason=ReviewReason.PERSON_ASKED,
        note=f"The person asked, online: {proposal.words}",
        due_on=today + dt.timedelta(days=REVIEW_WITHIN_DAYS),
        today=today,
    )


def reply_pdf(proposal: PlanProposal, *, easy_read: bool) -> bytes:
    return render_pdf(
        "reviews/proposals/letter_pdf.html",
        {"proposal": proposal, "easy_read_version": easy_read, "today": timezone.localdate()},
    )


def reply_pdfs(letter: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    """The answer's PDFs, for the email that carries it (its subject is the proposal)."""
    proposal = PlanProposal.objects.select_related("person", "line", "answered_by").get(pk=letter.subject_id)
    reference = proposal.person.reference
    files = [(f"your-idea-{reference}.pdf", reply_pdf(proposal, easy_read=False))]
    if easy_read_too:
        files.append((f"your-idea-{reference}-easy-read.pdf", reply_pdf(proposal, easy_read=True)))
    return files
