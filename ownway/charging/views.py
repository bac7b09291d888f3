"""Financial assessment pages: the finance team's worklist and form, the letter, and the public estimator."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.accounts.roles import Role
from ownway.people.selectors import (
    PersonNotFound,
    no_record_with_reference,
    person_get_by_reference_for_user,
    person_get_for_user,
)
from ownway.ui.forms import add_service_errors
from ownway.ui.pdf import pdf_response, render_pdf

from .forms import EstimateForm, FinancialAssessmentForm, FindPersonForm
from .models import ChargingRuleSet
from .permissions import ChargingAction, user_can, user_can_for_person
from .rules.contribution import CircumstancesError, RuleSetIncomplete, assess
from .rules.rulesets import RuleSet
from .selectors import (
    WAITING_SORTS,
    LetterNotReady,
    NoRuleSet,
    RuleSetUnreadable,
    cost_of_care_latest,
    costs_of_care_waiting_page_for_user,
    financial_assessment_current,
    financial_assessment_get_for_user,
    financial_assessments_recent_for_user,
    rule_set_for,
    rules_of,
)
from .services import financial_assessment_record


@login_required
@require_http_methods(["GET", "POST"])
def worklist_view(request: HttpRequest) -> HttpResponse:
    """The finance team's recent assessments, and finding a person to assess by their reference."""
    user = _user(request)
    recent = financial_assessments_recent_for_user(user=user)
    form = FindPersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"].strip().upper()
        try:
            found = person_get_by_reference_for_user(user=user, reference=reference)
        except PersonNotFound:
            form.add_error("reference", no_record_with_reference(reference))
        else:
            return redirect("charging:assess", person_pk=found.pk)
    return render(request, "charging/worklist.html", {"recent": recent, "form": form, "title": "Financial assessments"})


def _figures_today() -> tuple[ChargingRuleSet | None, RuleSet | None, str]:
    """This year's figures for the assessment page, or why there are none to use."""
    try:
        record = rule_set_for(on=timezone.localdate())
        return record, rules_of(record), ""
    except (NoRuleSet, RuleSetUnreadable) as error:
        return None, None, str(error)


@login_required
def waiting_view(request: HttpRequest) -> HttpResponse:
    """People waiting for a financial assessment since their support plan was approved: oldest first (or by
    when charging starts, newest or name), with how long each has waited, a page at a time."""
    sort = request.GET.get("sort", "oldest")
    sort = sort if sort in WAITING_SORTS else "oldest"
    page = costs_of_care_waiting_page_for_user(user=_user(request), sort=sort, page=request.GET.get("page"))
    today = timezone.localdate()
    rows = [(cost, (today - timezone.localdate(cost.set_at)).days) for cost in page.object_list]
    return render(
        request,
        "charging/waiting.html",
        {"page": page, "rows": rows, "sort": sort, "title": "People waiting for a financial assessment"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assess_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    user = _user(request)
    if not user_can(user, ChargingAction.ASSESS):
        raise PermissionDenied("Only the finance team records financial assessments")
    person = person_get_for_user(user=user, pk=person_pk)
    record, rules, problem = _figures_today()
    cost = cost_of_care_latest(person=person)
    form = FinancialAssessmentForm(request.POST if request.method == "POST" else None)
    if cost is not None:
        del form.fields["weekly_cost_of_care"]  # it is the approved plan's, not typed again
    if request.method == "POST" and form.is_valid():
        charges_from = form.charge_date()
        try:
            fa = financial_assessment_record(
                actor=user,
                person=person,
                circumstances=form.circumstances(
                    age=person.age_on(charges_from or (cost.charges_from if cost else timezone.localdate())),
                    weekly_cost_of_care=cost.weekly if cost is not None else None,
                ),
                charges_from=charges_from,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("charging:assessment", pk=fa.pk)
    return render(
        request,
        "charging/assess.html",
        {"person": person, "form": form, "rule_set": record, "rules": rules, "figures_problem": problem, "cost": cost,
         "title": "Financial assessment"},
    )  # fmt: skip


def _letter_not_ready(request: HttpRequest, error: LetterNotReady) -> HttpResponse:
    """Staff are told which figures hold the letter back; the person is told only that it is not ready."""
    user = _user(request)
    if user.role == Role.CITIZEN:
        return render(request, "charging/letter_not_ready.html", {"title": "What you pay towards your care"})
    return render(
        request,
        "charging/letter_held.html",
        {"fa": error.fa, "finance_team": user_can(user, ChargingAction.ASSESS),
         "title": "This letter cannot be sent yet"},
        status=409,
    )  # fmt: skip


@login_required
def assessment_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The financial assessment as a letter to the person, step by step (or in easy read).

    No letter is shown while the assessment uses a figure not confirmed for its year (staff see which)."""
    user = _user(request)
    try:
        fa = financial_assessment_get_for_user(user=user, pk=pk, as_letter=True)
    except LetterNotReady as error:
        return _letter_not_ready(request, error)
    return render(
        request,
        "charging/letter_easy_read.html" if easy_read else "charging/letter.html",
        {
            "fa": fa,
            "is_citizen": user.role == Role.CITIZEN,
            "finance_team": user_can(user, ChargingAction.ASSESS),
            "title": "What you pay: easy read" if easy_read else "What you pay towards your care",
        },
    )


@login_required
def letter_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The same letter as a PDF to print or keep, in the council's letter layout; taking the copy is audited."""
    try:
        fa = financial_assessment_get_for_user(
            user=_user(request), pk=pk, downloaded_as="easy_read" if easy_read else "plain"
        )
    except LetterNotReady as error:
        return _letter_not_ready(request, error)
    pdf = render_pdf("charging/letter_pdf.html", {"fa": fa, "easy_read_version": easy_read})
    version = "-easy-read" if easy_read else ""
    return pdf_response(pdf, filename=f"contribution-{fa.person.reference}{version}.pdf")


@login_required
def mine_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.person_id is None:
        raise Http404("Only people with a record have a financial assessment")
    person = person_get_for_user(user=user, pk=user.person_id)
    if not user_can_for_person(user, ChargingAction.VIEW, person.pk):
        raise PermissionDenied("You cannot see this")
    fa = financial_assessment_current(user=user, person=person)
    if fa is not None:
        return redirect("charging:assessment", pk=fa.pk)
    return render(request, "charging/none_yet.html", {"title": "What you pay towards your care"})


@require_http_methods(["GET", "POST"])
def estimate_view(request: HttpRequest) -> HttpResponse:
    """Anyone, without signing in: "how much might I pay?" Nothing is saved or recorded."""
    form = EstimateForm(request.POST if request.method == "POST" else None)
    result = None
    cost_given = False
    record, rules, _problem = _figures_today()
    if request.method == "POST" and form.is_valid():
        circumstances, cost_given = form.circumstances()
        try:
            if rules is None:
                raise RuleSetIncomplete("no figures for this year")
            result = assess(circumstances, rules)
        except CircumstancesError as error:
            add_service_errors(form, ValidationError({k: [v] for k, v in error.problems.items()}))
        except RuleSetIncomplete:
            # The reason is for staff (a figure the council has not set); the person is told what to do.
            form.add_error(None, f"We cannot work this out online for you at the moment. Call us on "
                                 f"{settings.OWNWAY_COUNCIL_PHONE} and we will help you.")  # fmt: skip
    return render(
        request,
        "charging/estimate.html",
        {"form": form, "result": result, "cost_given": cost_given, "rule_set": record,
         "title": "How much might I pay for care?"},
    )  # fmt: skip
