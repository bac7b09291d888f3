"""Financial assessment pages: the finance team's worklist and form, the letter, and the public estimator."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.accounts.roles import Role
from ownway.people.models import Person
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import add_service_errors
from ownway.ui.pdf import pdf_response, render_pdf

from .forms import EstimateForm, FinancialAssessmentForm, FindPersonForm
from .permissions import ChargingAction, user_can, user_can_for_person
from .rules.contribution import CircumstancesError, RuleSetIncomplete, assess
from .selectors import (
    WAITING_SORTS,
    cost_of_care_latest,
    costs_of_care_waiting_for_user,
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
        found = Person.objects.filter(reference__iexact=form.cleaned_data["reference"].strip()).only("pk").first()
        if found is None:
            form.add_error("reference", "No one has that reference: check it and try again")
        else:
            return redirect("charging:assess", person_pk=found.pk)
    return render(request, "charging/worklist.html", {"recent": recent, "form": form, "title": "Financial assessments"})


#: People on a page of the waiting list.
WAITING_PAGE_SIZE = 25


@login_required
def waiting_view(request: HttpRequest) -> HttpResponse:
    """People waiting for a financial assessment since their support plan was approved: oldest first (or by
    when charging starts, newest or name), with how long each has waited, a page at a time."""
    sort = request.GET.get("sort", "oldest")
    sort = sort if sort in WAITING_SORTS else "oldest"
    waiting = costs_of_care_waiting_for_user(user=_user(request), sort=sort)
    page = Paginator(waiting, WAITING_PAGE_SIZE).get_page(request.GET.get("page"))
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
    record = rule_set_for(on=timezone.localdate())
    cost = cost_of_care_latest(person=person)
    form = FinancialAssessmentForm(request.POST if request.method == "POST" else None)
    if cost is not None:
        del form.fields["weekly_cost_of_care"]  # it is the approved plan's, not typed again
    if request.method == "POST" and form.is_valid():
        try:
            fa = financial_assessment_record(
                actor=user,
                person=person,
                circumstances=form.circumstances(
                    age=person.age_on(timezone.localdate()),
                    weekly_cost_of_care=cost.weekly if cost is not None else None,
                ),
                year=record.year,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("charging:assessment", pk=fa.pk)
    return render(
        request,
        "charging/assess.html",
        {"person": person, "form": form, "rule_set": record, "rules": rules_of(record), "cost": cost,
         "title": "Financial assessment"},
    )  # fmt: skip


@login_required
def assessment_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The financial assessment as a letter to the person, step by step (or in easy read)."""
    user = _user(request)
    fa = financial_assessment_get_for_user(user=user, pk=pk)
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
    fa = financial_assessment_get_for_user(
        user=_user(request), pk=pk, downloaded_as="easy_read" if easy_read else "plain"
    )
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
    record = rule_set_for(on=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        circumstances, cost_given = form.circumstances()
        try:
            result = assess(circumstances, rules_of(record))
        except CircumstancesError as error:
            add_service_errors(form, ValidationError({k: [v] for k, v in error.problems.items()}))
        except RuleSetIncomplete as error:
            form.add_error(None, str(error))
    return render(
        request,
        "charging/estimate.html",
        {"form": form, "result": result, "cost_given": cost_given, "rule_set": record,
         "title": "How much might I pay for care?"},
    )  # fmt: skip
