"""The assessment as a GOV.UK task list: about the person, conditions, outcomes, then the decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ownway.accounts.models import User
from ownway.accounts.requests import signed_in_user as _user
from ownway.core.numbers import parse_id
from ownway.core.versioning import StaleEdit
from ownway.frontdoor.selectors import contact_get_for_user
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import add_service_errors, add_version_field, edited_version, field_component, show_stale_edit
from ownway.ui.listing import Column, paged_list
from ownway.ui.pdf import pdf_response, render_pdf

from .forms import AboutForm, ConditionsForm, DecisionForm, OutcomesForm, SelfAssessmentQuestionForm, SendLetterForm
from .models import (
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    LetterMethod,
    LetterSending,
    SelfAssessment,
    SelfAssessmentStatus,
)
from .permissions import AssessmentAction, user_can, user_can_for
from .rules import self_assessment as self_questions
from .rules.self_assessment import SelfAssessmentKind
from .rules.timeliness import assessment_timeliness
from .selectors import (
    assessment_get_for_user,
    decision_letter_get_for_user,
    self_assessment_get_for_user,
    self_assessments_of_citizen,
)
from .services import (
    assessment_eligibility,
    assessment_record_outcomes,
    assessment_start,
    assessment_update,
    decision_letter_send,
    eligibility_determine,
    self_assessment_answer,
    self_assessment_review,
    self_assessment_start,
    self_assessment_submit,
)
from .worklists import worklist_for_caseload, worklist_for_team, worklist_for_worker, worklist_shown


@require_POST
def start_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = person_get_for_user(user=_user(request), pk=person_pk)
    contact_pk = parse_id(request.POST.get("contact"))
    contact = contact_get_for_user(user=_user(request), pk=contact_pk) if contact_pk else None
    try:
        assessment = assessment_start(
            actor=_user(request), person=person, kind=request.POST.get("kind", "needs"), contact=contact
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("people:person", pk=person.pk)
    return redirect("assessments:tasks", pk=assessment.pk)


def _sections(assessment: Assessment) -> list[dict[str, Any]]:
    about_done = bool(assessment.own_words or assessment.strengths)
    conditions_done = assessment.significant_impact_on_wellbeing is not None
    outcomes_done = assessment.findings.exists()
    decided = assessment.status == AssessmentStatus.COMPLETED
    return [
        {"title": "What matters to them, strengths and networks", "name": "about", "done": about_done},
        {"title": "Impairment, well-being, capacity and advocacy", "name": "conditions", "done": conditions_done},
        {"title": "What they can and cannot achieve", "name": "outcomes", "done": outcomes_done},
        {"title": "Decide eligibility", "name": "decide", "done": decided,
         "ready": conditions_done and outcomes_done},
    ]  # fmt: skip


def tasks_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_get_for_user(user=_user(request), pk=pk)
    return render(
        request,
        "assessments/tasks.html",
        {
            "AssessmentStatus": AssessmentStatus,
            "assessment": assessment,
            "sections": _sections(assessment),
            "determination": assessment.determinations.first(),
            "sendings": LetterSending.objects.filter(determination__assessment=assessment).select_related(
                "sent_by", "email_job"
            ),
            "timeliness": assessment_timeliness(
                assessment.clock_started_on,
                assessment.completed_on or timezone.localdate(),
                settings.OWNWAY_ASSESSMENT_TARGET_DAYS,
            ),
            "title": assessment.get_kind_display(),
        },
    )


def _section_view(
    request: HttpRequest,
    pk: int,
    form_class: type[Form],
    title: str,
    save: Callable[[User, Assessment, Any, int | None], None],
) -> HttpResponse:
    """One section of the task list: show its form, and on a valid post save it through ``save``.

    The form carries the version of the assessment it was shown; a save made after someone else's is refused,
    with what they saved beside what was typed.
    """
    assessment = assessment_get_for_user(user=_user(request), pk=pk, to_assess=True)

    def answers(assessment: Assessment) -> dict[str, Any]:
        if hasattr(form_class, "initial_from"):
            return form_class.initial_from(assessment)
        return {name: getattr(assessment, name) for name in form_class.base_fields}

    form_kwargs: dict[str, Any] = (
        {"carer": assessment.is_carers} if form_class in (ConditionsForm, OutcomesForm) else {}
    )
    form = form_class(request.POST if request.method == "POST" else None, initial=answers(assessment), **form_kwargs)
    add_version_field(form, assessment.lock_version)
    if request.method == "POST" and form.is_valid():
        expected = edited_version(form)
        try:
            save(_user(request), assessment, form, expected)
        except ValidationError as error:
            add_service_errors(form, error)
        except StaleEdit as error:
            assessment.refresh_from_db()
            show_stale_edit(form, error, answers(assessment))
        else:
            return redirect("assessments:tasks", pk=pk)
    return render(request, "assessments/section.html", {"assessment": assessment, "form": form, "title": title})


@require_http_methods(["GET", "POST"])
def about_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(actor: User, assessment: Assessment, form: AboutForm, expected: int | None) -> None:
        assessment_update(actor=actor, assessment=assessment, answers=form.cleaned_data, expected_version=expected)

    return _section_view(request, pk, AboutForm, "What matters to them, strengths and networks", save)


@require_http_methods(["GET", "POST"])
def conditions_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(actor: User, assessment: Assessment, form: ConditionsForm, expected: int | None) -> None:
        assessment_update(actor=actor, assessment=assessment, answers=form.answers(), expected_version=expected)

    return _section_view(request, pk, ConditionsForm, "Impairment, well-being, capacity and advocacy", save)


@require_http_methods(["GET", "POST"])
def outcomes_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(actor: User, assessment: Assessment, form: OutcomesForm, expected: int | None) -> None:
        assessment_record_outcomes(
            actor=actor, assessment=assessment, findings=form.findings(), expected_version=expected
        )

    return _section_view(request, pk, OutcomesForm, "What they can and cannot achieve", save)


@require_http_methods(["GET", "POST"])
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_get_for_user(user=_user(request), pk=pk, to_assess=True)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    add_version_field(form, assessment.lock_version)
    decision = None
    problems: list[str] = []
    try:
        decision = assessment_eligibility(assessment)
    except ValidationError as error:
        problems = [m for messages_ in error.message_dict.values() for m in messages_]
    if request.method == "POST" and decision is not None and form.is_valid():
        try:
            eligibility_determine(
                actor=_user(request),
                assessment=assessment,
                practitioner_differs=form.cleaned_data["agrees"] == "no",
                reason=form.cleaned_data["reason"],
                expected_version=edited_version(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except StaleEdit as error:
            # The answers changed after the page was shown: the decision shown above is worked out again from
            # them, and nothing is decided until the practitioner has read it.
            show_stale_edit(form, error, {})
        else:
            messages.success(request, "Eligibility decided")
            return redirect("assessments:tasks", pk=pk)
    return render(
        request,
        "assessments/decide.html",
        {"assessment": assessment, "form": form, "decision": decision, "problems": problems,
         "title": "Decide eligibility"},
    )  # fmt: skip


def letter_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The decision letter to the person, in plain English or easy read, from the latest determination."""
    letter = decision_letter_get_for_user(user=_user(request), pk=pk)
    return render(
        request,
        "assessments/letter_easy_read.html" if easy_read else "assessments/letter.html",
        {
            "assessment": letter.assessment,
            "determination": letter.determination,
            "not_achieved": letter.not_achieved,
            "title": "Your assessment: easy read" if easy_read else "Your assessment: our decision",
        },
    )


@require_http_methods(["GET", "POST"])
def letter_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the decision letter by email, or record that it went by post or by hand."""
    letter = decision_letter_get_for_user(user=_user(request), pk=pk)
    if not user_can_for(_user(request), AssessmentAction.ASSESS, letter.assessment.person):
        raise PermissionDenied("You cannot send this person's letters")
    person = letter.assessment.person
    # The way the person's letters go (as every other letter to them), for the worker to change if need be.
    way, _to = person.letter_way()
    chosen = way if way in LetterMethod.values else None
    form = SendLetterForm(request.POST if request.method == "POST" else None, initial={"method": chosen})
    if request.method == "POST" and form.is_valid():
        try:
            sending = decision_letter_send(
                actor=_user(request),
                assessment=letter.assessment,
                method=form.cleaned_data["method"],
                easy_read=form.cleaned_data["easy_read"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Letter sent: {sending.get_method_display().lower()}, to {sending.sent_to}")
            return redirect("assessments:tasks", pk=pk)
    return render(
        request,
        "assessments/letter_send.html",
        {"letter": letter, "person": person, "form": form, "chosen": chosen, "title": "Send the decision letter"},
    )


def letter_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The same letter as a PDF to print or keep; taking the copy is audited."""
    letter = decision_letter_get_for_user(
        user=_user(request), pk=pk, downloaded_as="easy_read" if easy_read else "plain"
    )
    pdf = render_pdf("assessments/letter_pdf.html", letter.pdf_context(easy_read=easy_read))
    version = "easy-read-" if easy_read else ""
    return pdf_response(pdf, filename=f"{version}decision-letter-{letter.assessment.person.reference}.pdf")


def worklist_view(request: HttpRequest) -> HttpResponse:
    """Open assessments on the caseload, oldest first, with those past the target flagged."""
    worklist = worklist_for_caseload(user=_user(request))
    return render(
        request,
        "assessments/worklist.html",
        {
            "rows": worklist.assessments,
            "waiting": worklist.self_assessments,
            "overdue": worklist.overdue,
            "target": worklist.target_days,
            "title": "Assessments in progress",
        },
    )


# --------------------------------------------------------------------------------------------------
# The citizen's online self-assessment: one question a page, saved as they go, checked, then sent.
# --------------------------------------------------------------------------------------------------


def _own_draft(request: HttpRequest, pk: int) -> SelfAssessment:
    if not user_can(_user(request), AssessmentAction.SELF_ASSESS):
        raise PermissionDenied("Only the person can fill in their self-assessment")
    return self_assessment_get_for_user(user=_user(request), pk=pk)


@require_http_methods(["GET", "POST"])
def self_start_view(request: HttpRequest) -> HttpResponse:
    """Start a self-assessment, or carry on with the one not sent yet."""
    user = _user(request)
    if request.method == "POST":
        kind = request.POST.get("kind", AssessmentKind.NEEDS)
        try:
            self_assessment = self_assessment_start(actor=user, kind=kind)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("self_assessment:start")
        return _carry_on(self_assessment)
    mine = list(self_assessments_of_citizen(user=user))
    return render(
        request,
        "assessments/self/start.html",
        {"SelfAssessmentStatus": SelfAssessmentStatus, "self_assessments": mine, "title": "Tell us about your needs"},
    )


def self_resume_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Carry on where the person stopped."""
    return _carry_on(_own_draft(request, pk))


def _carry_on(self_assessment: SelfAssessment) -> HttpResponse:
    """To the first question without an answer, or to "check your answers" when all are answered."""
    if self_assessment.status != SelfAssessmentStatus.DRAFT:
        return redirect("self_assessment:sent", pk=self_assessment.pk)
    q = self_questions.first_unanswered(SelfAssessmentKind(self_assessment.kind), self_assessment.answers)
    if q is None:
        return redirect("self_assessment:check", pk=self_assessment.pk)
    return redirect("self_assessment:question", pk=self_assessment.pk, key=q.key)


def _outcome_checkboxes(form: SelfAssessmentQuestionForm) -> dict[str, Any]:
    """The GOV.UK checkboxes for an outcome question, with "None of these" set apart and exclusive."""
    _component, params = field_component(form["tests"], is_page_heading=True)
    items = params["items"]
    params["items"] = [*items[:-1], {"divider": "or"}, {**items[-1], "behaviour": "exclusive"}]
    return params


@require_http_methods(["GET", "POST"])
def self_question_view(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """One question. "Continue" saves and goes on; "Save and come back later" saves and stops."""
    self_assessment = _own_draft(request, pk)
    if self_assessment.status != SelfAssessmentStatus.DRAFT:
        return redirect("self_assessment:sent", pk=pk)
    kind = SelfAssessmentKind(self_assessment.kind)
    try:
        q = self_questions.question(kind, key)
    except KeyError:
        raise Http404("No such question") from None
    if not q.applies(self_assessment.answers):
        return _carry_on(self_assessment)
    initial = SelfAssessmentQuestionForm.initial_for(q, self_assessment.answers.get(key))
    form = SelfAssessmentQuestionForm(request.POST if request.method == "POST" else None, initial=initial, question=q)
    if request.method == "POST" and form.is_valid():
        try:
            self_assessment = self_assessment_answer(
                actor=_user(request), self_assessment=self_assessment, key=key, value=form.answer()
            )
        except ValidationError as error:
            add_service_errors(form, error, rename={"answer": form.answer_field})
        else:
            if "save_later" in request.POST:
                messages.success(request, "Your answers are saved. You can come back and carry on at any time.")
                return redirect("self_assessment:start")
            following = self_questions.next_question(kind, self_assessment.answers, key)
            if following is None or request.GET.get("return") == "check":
                return redirect("self_assessment:check", pk=pk)
            return redirect("self_assessment:question", pk=pk, key=following.key)
    previous = self_questions.previous_question(kind, self_assessment.answers, key)
    applicable = self_questions.applicable(kind, self_assessment.answers)
    number = next(i for i, item in enumerate(applicable, 1) if item.key == key)
    return render(
        request,
        "assessments/self/question.html",
        {
            "self_assessment": self_assessment,
            "question": q,
            "form": form,
            "checkboxes": _outcome_checkboxes(form) if q.type == self_questions.QuestionType.OUTCOME else None,
            "back": (
                reverse("self_assessment:question", kwargs={"pk": pk, "key": previous.key})
                if previous
                else reverse("self_assessment:start")
            ),
            "progress": f"Question {number} of {len(applicable)}",
            "title": q.title,
        },
    )


def _answer_rows(self_assessment: SelfAssessment, *, change_links: bool) -> list[dict[str, Any]]:
    kind = SelfAssessmentKind(self_assessment.kind)
    rows = []
    for q in self_questions.applicable(kind, self_assessment.answers):
        row: dict[str, Any] = {
            "key": {"text": q.label},
            "value": {"text": self_questions.answer_text(q, self_assessment.answers.get(q.key))},
        }
        if change_links:
            href = reverse("self_assessment:question", kwargs={"pk": self_assessment.pk, "key": q.key})
            row["actions"] = {
                "items": [{"href": f"{href}?return=check", "text": "Change", "visuallyHiddenText": q.label.lower()}]
            }
        rows.append(row)
    return rows


@require_http_methods(["GET", "POST"])
def self_check_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Check your answers, then send them."""
    self_assessment = _own_draft(request, pk)
    if self_assessment.status != SelfAssessmentStatus.DRAFT:
        return redirect("self_assessment:sent", pk=pk)
    problems: list[dict[str, str]] = []
    if request.method == "POST":
        try:
            self_assessment_submit(actor=_user(request), self_assessment=self_assessment)
        except ValidationError as error:
            for key, texts in error.message_dict.items():
                href = reverse("self_assessment:question", kwargs={"pk": pk, "key": key})
                problems += [{"text": text, "href": href} for text in texts]
        else:
            return redirect("self_assessment:sent", pk=pk)
    return render(
        request,
        "assessments/self/check.html",
        {
            "self_assessment": self_assessment,
            "rows": _answer_rows(self_assessment, change_links=True),
            "problems": problems,
            "title": "Check your answers before sending them",
        },
    )


def self_sent_view(request: HttpRequest, pk: int) -> HttpResponse:
    self_assessment = _own_draft(request, pk)
    if self_assessment.status == SelfAssessmentStatus.DRAFT:
        return redirect("self_assessment:check", pk=pk)
    return render(
        request,
        "assessments/self/sent.html",
        {
            "SelfAssessmentStatus": SelfAssessmentStatus,
            "self_assessment": self_assessment,
            "title": "Your answers have been sent",
        },
    )


@require_http_methods(["GET", "POST"])
def self_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A worker reads a sent self-assessment and turns it into an assessment."""
    self_assessment = self_assessment_get_for_user(user=_user(request), pk=pk)
    if not user_can(_user(request), AssessmentAction.REVIEW_SELF_ASSESSMENT):
        raise PermissionDenied("Workers review self-assessments")
    problems: list[dict[str, str]] = []
    if request.method == "POST":
        try:
            assessment = self_assessment_review(actor=_user(request), self_assessment=self_assessment)
        except ValidationError as error:
            problems = [{"text": m, "href": "#main-content"} for texts in error.message_dict.values() for m in texts]
        else:
            messages.success(request, "Assessment started from the self-assessment: check each answer with them")
            return redirect("assessments:tasks", pk=assessment.pk)
    return render(
        request,
        "assessments/self/review.html",
        {
            "SelfAssessmentStatus": SelfAssessmentStatus,
            "self_assessment": self_assessment,
            "rows": _answer_rows(self_assessment, change_links=False),
            "problems": problems,
            "title": "Self-assessment",
        },
    )


def my_work_view(request: HttpRequest) -> HttpResponse:
    """The worker's own open contacts, assessments and the self-assessments waiting for their team."""
    worklist = worklist_for_worker(user=_user(request))
    return render(request, "assessments/my_work.html", {"worklist": worklist, "title": "My work"})


def team_work_view(request: HttpRequest) -> HttpResponse:
    """The team's open work, each worker's load, and everything past the target, for the team manager; each
    list a page at a time, the oldest first."""
    user = _user(request)
    worker = request.GET.get("worker", "")
    worklist = worklist_for_team(user=user, worker_id=parse_id(worker))
    chosen = next((w.worker for w in worklist.workers if str(w.worker.pk) == worker), None)
    workers = paged_list(request, worklist.workers, _TEAM_COLUMNS, per_page=25)
    assessments = paged_list(request, worklist.assessments, (), per_page=25, page_key="assessments_page",
                             count=worklist.assessments_count)  # fmt: skip
    contacts = paged_list(request, worklist.contacts, (), per_page=25, page_key="contacts_page",
                          count=worklist.contacts_count)  # fmt: skip
    waiting = paged_list(request, worklist.self_assessments, (), per_page=25, page_key="waiting_page",
                         count=worklist.self_assessments_count)  # fmt: skip
    worklist_shown(user=user, name="team", contacts=contacts.items, assessments=assessments.items,
                   self_assessments=waiting.items)  # fmt: skip
    return render(
        request,
        "assessments/team_work.html",
        {
            "worklist": worklist,
            "workers": workers,
            "assessments": assessments,
            "timed": worklist.timed(assessments.items),
            "contacts": contacts,
            "waiting": waiting,
            "chosen": chosen,
            "title": f"{worklist.team}: the team's work",
        },
    )


_TEAM_COLUMNS = (
    Column("Worker"),
    Column("Role"),
    Column("Open contacts", numeric=True),
    Column("Assessments in progress", numeric=True),
    Column("Overdue", numeric=True),
)
