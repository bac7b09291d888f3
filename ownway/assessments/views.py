"""The assessment as a GOV.UK task list: about the person, conditions, outcomes, then the decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ownway.accounts.models import User
from ownway.frontdoor.selectors import contact_get_for_user
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import add_service_errors
from ownway.ui.pdf import pdf_response, render_pdf

from .forms import AboutForm, ConditionsForm, DecisionForm, OutcomesForm
from .models import Assessment, AssessmentStatus
from .rules.timeliness import assessment_timeliness
from .selectors import assessment_get_for_user, assessments_in_progress_for_user, decision_letter_get_for_user
from .services import (
    assessment_eligibility,
    assessment_record_outcomes,
    assessment_start,
    assessment_update,
    eligibility_determine,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_POST
def start_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = person_get_for_user(user=_user(request), pk=person_pk)
    contact_pk = request.POST.get("contact", "")
    contact = contact_get_for_user(user=_user(request), pk=int(contact_pk)) if contact_pk.isdigit() else None
    assessment = assessment_start(
        actor=_user(request), person=person, kind=request.POST.get("kind", "needs"), contact=contact
    )
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


@login_required
def tasks_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_get_for_user(user=_user(request), pk=pk)
    return render(
        request,
        "assessments/tasks.html",
        {
            "assessment": assessment,
            "sections": _sections(assessment),
            "determination": assessment.determinations.first(),
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
    save: Callable[[User, Assessment, Any], None],
) -> HttpResponse:
    """One section of the task list: show its form, and on a valid post save it through ``save``."""
    assessment = assessment_get_for_user(user=_user(request), pk=pk)
    initial = (
        form_class.initial_from(assessment)
        if hasattr(form_class, "initial_from")
        else {name: getattr(assessment, name) for name in form_class.base_fields}
    )
    form_kwargs: dict[str, Any] = (
        {"carer": assessment.is_carers} if form_class in (ConditionsForm, OutcomesForm) else {}
    )
    form = form_class(request.POST if request.method == "POST" else None, initial=initial, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(_user(request), assessment, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("assessments:tasks", pk=pk)
    return render(request, "assessments/section.html", {"assessment": assessment, "form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def about_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(actor: User, assessment: Assessment, form: AboutForm) -> None:
        assessment_update(actor=actor, assessment=assessment, answers=form.cleaned_data)

    return _section_view(request, pk, AboutForm, "What matters to them, strengths and networks", save)


@login_required
@require_http_methods(["GET", "POST"])
def conditions_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(actor: User, assessment: Assessment, form: ConditionsForm) -> None:
        assessment_update(actor=actor, assessment=assessment, answers=form.answers())

    return _section_view(request, pk, ConditionsForm, "Impairment, well-being, capacity and advocacy", save)


@login_required
@require_http_methods(["GET", "POST"])
def outcomes_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(actor: User, assessment: Assessment, form: OutcomesForm) -> None:
        assessment_record_outcomes(actor=actor, assessment=assessment, findings=form.findings())

    return _section_view(request, pk, OutcomesForm, "What they can and cannot achieve", save)


@login_required
@require_http_methods(["GET", "POST"])
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_get_for_user(user=_user(request), pk=pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
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
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Eligibility decided")
            return redirect("assessments:tasks", pk=pk)
    return render(
        request,
        "assessments/decide.html",
        {"assessment": assessment, "form": form, "decision": decision, "problems": problems,
         "title": "Decide eligibility"},
    )  # fmt: skip


@login_required
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


@login_required
def letter_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The same letter as a PDF to print or keep; taking the copy is audited."""
    letter = decision_letter_get_for_user(
        user=_user(request), pk=pk, downloaded_as="easy_read" if easy_read else "plain"
    )
    pdf = render_pdf(
        "assessments/letter_pdf.html",
        {
            "assessment": letter.assessment,
            "determination": letter.determination,
            "not_achieved": letter.not_achieved,
            "easy_read_version": easy_read,
        },
    )
    version = "easy-read-" if easy_read else ""
    return pdf_response(pdf, filename=f"{version}decision-letter-{letter.assessment.person.reference}.pdf")


@login_required
def worklist_view(request: HttpRequest) -> HttpResponse:
    """Open assessments on the caseload, oldest first, with those past the target flagged."""
    today = timezone.localdate()
    target = settings.OWNWAY_ASSESSMENT_TARGET_DAYS
    rows = [
        (a, assessment_timeliness(a.clock_started_on, today, target))
        for a in assessments_in_progress_for_user(user=_user(request))[:500]
    ]
    return render(
        request,
        "assessments/worklist.html",
        {
            "rows": rows,
            "overdue": sum(t.overdue for _, t in rows),
            "target": target,
            "title": "Assessments in progress",
        },
    )
