"""Indicative budget pages: the RAS questionnaire, the budget and its explanation, appeals, calibration."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.accounts.roles import Role
from ownway.assessments.selectors import assessment_get_for_user
from ownway.ui.forms import add_service_errors
from ownway.ui.pdf import pdf_response

from .forms import AppealDecisionForm, AppealForm, CostsUploadForm, RasForm
from .letters import budget_letter_of, letter_pdf
from .models import AppealStatus
from .permissions import BudgetAction, may_decide, user_can, user_can_for
from .selectors import (
    answers_from_assessment,
    appeal_get_for_user,
    appeals_for_budget,
    appeals_to_decide_for_user,
    assessments_awaiting_budget_for_user,
    budget_get_for_user,
    budget_latest_for_citizen,
    budgets_for_person,
    calibration_for_user,
    ras_model_active,
)
from .services import budget_appeal_decide, budget_appeal_raise, indicative_budget_calculate


def worklist_view(request: HttpRequest) -> HttpResponse:
    """Eligible needs assessments on the caseload waiting for an indicative budget, oldest first."""
    user = _user(request)
    return render(
        request,
        "allocation/worklist.html",
        {
            "assessments": assessments_awaiting_budget_for_user(user=user),
            "may_decide": user_can(user, BudgetAction.DECIDE_APPEAL),
            "title": "Indicative budgets to work out",
        },
    )


@require_http_methods(["GET", "POST"])
def calculate_view(request: HttpRequest, assessment_pk: int) -> HttpResponse:
    """The RAS questionnaire, with answers suggested from the assessment, for the worker to confirm."""
    user = _user(request)
    assessment = assessment_get_for_user(user=user, pk=assessment_pk)
    if not user_can_for(user, BudgetAction.CALCULATE, assessment):
        raise PermissionDenied("You cannot work out a budget for this person")
    version, model = ras_model_active()
    form = RasForm(
        request.POST if request.method == "POST" else None,
        model=model,
        initial=answers_from_assessment(model=model, assessment=assessment),
    )
    if request.method == "POST" and form.is_valid():
        try:
            budget = indicative_budget_calculate(
                actor=user, person=assessment.person, answers=form.cleaned_data, assessment=assessment
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("allocation:budget", pk=budget.pk)
    return render(
        request,
        "allocation/calculate.html",
        {"assessment": assessment, "form": form, "version": version, "title": "Work out the indicative budget"},
    )


def budget_easy_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    budget = budget_get_for_user(user=_user(request), pk=pk)
    return render(request, "allocation/budget_easy_read.html", {"budget": budget, "title": "Your money for support"})


def letter_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The letter telling the person their budget, as a PDF (what went by email or post)."""
    budget = budget_get_for_user(user=_user(request), pk=pk)
    pdf = letter_pdf(budget_letter_of(budget), easy_read=easy_read)
    name = f"{'easy-read-' if easy_read else ''}indicative-budget-{budget.person.reference}.pdf"
    return pdf_response(pdf, filename=name)


def appeal_letter_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The letter with the answer to a request to look at the budget again, as a PDF."""
    appeal = appeal_get_for_user(user=_user(request), pk=pk)
    if appeal.status == AppealStatus.OPEN:
        messages.error(request, "The request to look at this budget again has not been decided yet: there is no letter")
        return redirect("allocation:budget", pk=appeal.budget_id)
    budget = appeal.revised_budgets.select_related("person").first() or appeal.budget
    pdf = letter_pdf(budget_letter_of(budget, appeal), easy_read=easy_read)
    name = f"{'easy-read-' if easy_read else ''}budget-looked-at-again-{appeal.budget.person.reference}.pdf"
    return pdf_response(pdf, filename=name)


def budget_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The budget and why, by area of need: the same figures for the person and for staff."""
    user = _user(request)
    budget = budget_get_for_user(user=user, pk=pk)
    appeals = list(appeals_for_budget(budget=budget))
    history = list(budgets_for_person(user=user, person=budget.person)[:10])
    return render(
        request,
        "allocation/budget.html",
        {
            "AppealStatus": AppealStatus,
            "budget": budget,
            "appeals": appeals,
            "history": history,
            "is_latest": bool(history) and history[0].pk == budget.pk,
            "open_appeal": next((a for a in appeals if a.status == AppealStatus.OPEN), None),
            "may_appeal": user_can_for(user, BudgetAction.APPEAL, budget),
            "is_citizen": user.role == Role.CITIZEN,
            "title": "Your indicative budget" if user.role == Role.CITIZEN else "Indicative budget",
        },
    )


def mine_view(request: HttpRequest) -> HttpResponse:
    """A citizen's own latest budget, or a page saying it has not been worked out yet."""
    if _user(request).person_id is None:
        raise Http404("Only people with a record have an indicative budget")
    budget = budget_latest_for_citizen(user=_user(request))
    if budget is not None:
        return redirect("allocation:budget", pk=budget.pk)
    return render(request, "allocation/none_yet.html", {"title": "Your indicative budget"})


@require_http_methods(["GET", "POST"])
def appeal_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    budget = budget_get_for_user(user=user, pk=pk)
    if not user_can_for(user, BudgetAction.APPEAL, budget):
        raise PermissionDenied("You cannot ask for this budget to be reconsidered")
    form = AppealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            budget_appeal_raise(actor=user, budget=budget, reasons=form.cleaned_data["reasons"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "We have your request: someone will look at your budget again")
            return redirect("allocation:budget", pk=budget.pk)
    return render(
        request,
        "allocation/appeal.html",
        {"budget": budget, "form": form, "title": "Ask us to look at your budget again"},
    )


def appeals_view(request: HttpRequest) -> HttpResponse:
    appeals = appeals_to_decide_for_user(user=_user(request))
    return render(
        request,
        "allocation/appeals.html",
        {"appeals": appeals, "today": timezone.localdate(), "title": "Budget appeals to decide"},
    )


@require_http_methods(["GET", "POST"])
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    appeal = appeal_get_for_user(user=user, pk=pk)
    if not may_decide(user, appeal):
        raise PermissionDenied("Someone other than the assessor must decide this appeal")
    form = AppealDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            budget_appeal_decide(
                actor=user,
                appeal=appeal,
                upheld=form.cleaned_data["outcome"] == "upheld",
                reasons=form.cleaned_data["reasons"],
                revised_weekly_amount=form.cleaned_data["revised_weekly_amount"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Appeal decided: the person can see the outcome and your reasons")
            return redirect("allocation:budget", pk=appeal.budget_id)
    return render(request, "allocation/decide.html", {"appeal": appeal, "form": form, "title": "Decide the appeal"})


def calibration_view(request: HttpRequest) -> HttpResponse:
    """The commissioner's view: the price table's fit to plan costs, and budgets by age band and client group."""
    form = CostsUploadForm(request.GET or None)
    thresholds = form.cleaned_data["thresholds"] if form.is_valid() else None
    calibration = calibration_for_user(user=_user(request), thresholds=thresholds)
    return render(
        request,
        "allocation/calibration.html",
        {"c": calibration, "form": form, "title": "RAS calibration and fairness"},
    )
