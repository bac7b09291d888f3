"""Support plan pages: a worker's task list for writing a plan with the person, approval, and the citizen's plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ownway.accounts.requests import signed_in_user as _user
from ownway.allocation.selectors import indicative_budget_latest
from ownway.charging.selectors import financial_assessment_open
from ownway.core.numbers import parse_id, parse_page_number
from ownway.core.versioning import StaleEdit
from ownway.core.workflow import TransitionRefused
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import (
    VERSION_FIELD,
    add_service_errors,
    add_version_field,
    edited_version,
    show_stale_edit,
    show_transition_refused,
)
from ownway.ui.pdf import pdf_response, render_pdf

from . import services
from .forms import DecisionForm, DetailsForm, DirectorySearchForm, LineForm, OutcomeForm, StartPlanForm
from .models import BudgetStatus, LineKind, PersonalBudget, PlanLine, PlanStatus, PlanVersion
from .panels import own_plan_panels_for
from .permissions import PlanAction, user_can_for
from .rules.dates import check_start_date
from .selectors import (
    budget_now,
    current_budget_of_citizen,
    directory_line_cost,
    directory_service_for_line,
    directory_services_chosen,
    directory_services_search,
    line_get_for_user,
    personal_budget_of,
    plan_get_for_user,
    plans_approved_recently_for_user,
    plans_awaiting_approval_for_user,
    plans_for_person,
    version_get_for_user,
    version_summary,
)


@require_http_methods(["GET", "POST"])
def person_plans_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    user = _user(request)
    person = person_get_for_user(user=user, pk=person_pk)
    plans = plans_for_person(user=user, person_id=person.pk)
    can_write = user_can_for(user, PlanAction.WRITE, person)
    form = StartPlanForm(request.POST if request.method == "POST" else None, initial={"contribution_weekly": "0.00"})
    # What the plan will take from the RAS and the financial assessment: those figures are not asked for.
    indicative = indicative_budget_latest(person=person) if can_write else None
    assessment = financial_assessment_open(person=person) if can_write else None
    if indicative is not None:
        del form.fields["indicative_budget_weekly"], form.fields["indicative_budget_source"]
    if assessment is not None:
        del form.fields["contribution_weekly"], form.fields["contribution_source"]
    if request.method == "POST" and can_write and form.is_valid():
        try:
            plan = services.support_plan_start(
                actor=user,
                person=person,
                assessment=person.assessments.filter(status="completed").first(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("planning:plan", pk=plan.pk)
    return render(
        request,
        "planning/person_plans.html",
        {
            "person": person,
            "plans": plans,
            "form": form,
            "can_write": can_write,
            "today": timezone.localdate(),
            "indicative": indicative,
            "assessment": assessment,
            "title": "Support plans",
        },
    )


def _tasks(version: PlanVersion) -> list[dict[str, Any]]:
    outcomes = list(version.outcomes.prefetch_related("lines"))
    lines_done = bool(outcomes) and all(o.lines.all() for o in outcomes)
    return [
        {"title": "What the person wants, in their own words", "name": "outcome", "done": bool(outcomes)},
        {"title": "How each outcome will be met", "name": "line", "done": lines_done},
        {"title": "Risks, contingency, start date and the budget", "name": "details",
         "done": bool(version.risks and version.contingency and version.starts_on)},
    ]  # fmt: skip


def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = plan_get_for_user(user=user, pk=pk)
    versions = list(plan.versions.select_related("budget"))
    number = request.GET.get("version", "")
    version = next((v for v in versions if str(v.number) == number), versions[0])
    version.plan = plan
    budget = personal_budget_of(version)
    return render(
        request,
        "planning/plan.html",
        {
            "PlanStatus": PlanStatus,
            "BudgetStatus": BudgetStatus,
            "today": timezone.localdate(),
            "plan": plan,
            "version": version,
            "versions": versions,
            "now": budget_now(budget, timezone.localdate()) if budget is not None else None,
            "splits_recorded": budget.splits.select_related("created_by") if budget is not None else [],
            "summary": version_summary(version),
            "lines": version.lines.select_related("outcome"),
            "outcomes": version.outcomes.prefetch_related("lines"),
            "tasks": _tasks(version),
            "budget": budget,
            "direct_payments": list(budget.direct_payments.all()) if budget is not None else [],
            "problems": services.plan_problems(version) if version.status == PlanStatus.DRAFT else [],
            "decisions": version.decisions.select_related("decided_by"),
            "can_write": user_can_for(user, PlanAction.WRITE, plan.person),
            "can_decide": version.status == PlanStatus.AWAITING_APPROVAL
            and user_can_for(
                user, PlanAction.APPROVE_ANY if version.approver == "manager" else PlanAction.APPROVE_SMALL, plan.person
            ),
            "title": f"Support plan for {plan.person.full_name}",
        },
    )


def _part_view(
    request: HttpRequest,
    pk: int,
    form: Any,
    title: str,
    save: Any,
    template: str,
    saved: Callable[[PlanVersion], dict[str, Any]] | None = None,
    **extra: Any,
) -> HttpResponse:
    """One part of the plan's task list. A part that changes what is already written (``saved`` gives its
    values now) carries the version it was shown, and a save made after someone else's change is refused
    with both shown; a part that only adds something is never refused."""
    version = version_get_for_user(user=_user(request), pk=pk, action=PlanAction.WRITE)
    bound = form(version)
    if saved is not None:
        add_version_field(bound, version.lock_version)
    if request.method == "POST" and bound.is_valid():
        expected = edited_version(bound)
        try:
            save(version, bound.cleaned_data, expected)
        except ValidationError as error:
            add_service_errors(bound, error)
        except StaleEdit as error:
            assert saved is not None
            version.refresh_from_db()
            show_stale_edit(bound, error, saved(version))
        else:
            return redirect("planning:plan", pk=version.plan_id)
    return render(request, template, {"version": version, "form": bound, "title": title, **extra})


@require_http_methods(["GET", "POST"])
def outcome_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(version: PlanVersion, data: dict[str, Any], expected: int | None) -> None:
        services.plan_outcome_add(actor=_user(request), version=version, own_words=data["own_words"])

    return _part_view(
        request, pk, lambda v: OutcomeForm(request.POST if request.method == "POST" else None),
        "Add an outcome", save, "planning/part.html",
    )  # fmt: skip


def _initial_from_directory(version: PlanVersion, service_id: str) -> dict[str, Any]:
    """What a line starts with when it is for a service from the directory: its name, provider and cost."""
    service = directory_service_for_line(service_id=service_id)
    if service is None:
        raise Http404("No such service in the directory")
    initial: dict[str, Any] = {
        "directory_service": service.pk,
        "kind": LineKind.SERVICE,
        "description": service.name,
        "provider_name": service.organization.name if service.organization is not None else "",
    }
    cost = directory_line_cost(service)
    if cost is not None:
        initial.update(unit=cost.unit, unit_cost=cost.unit_cost, units=cost.units, frequency=cost.frequency.value)
    outcomes = list(version.outcomes.all()[:2])
    if len(outcomes) == 1:
        initial["outcome"] = outcomes[0].pk
    return initial


def _line_arguments(data: dict[str, Any]) -> dict[str, Any]:
    """What the line form gives the services: the directory service is looked up again, never trusted."""
    service = None
    if data["directory_service"] is not None:
        service = directory_service_for_line(service_id=data["directory_service"])
        if service is None:
            raise ValidationError({"description": ["That service is not in the directory now: choose another"]})
    return {
        "outcome": data["outcome"],
        "kind": data["kind"],
        "description": data["description"],
        "provider_name": data["provider_name"],
        "directory_service": service,
        "unit": data["unit"],
        "unit_cost": data["unit_cost"],
        "units": data["units"],
        "frequency": data["frequency"],
        "pa_hourly_rate": data["pa_hourly_rate"],
        "management": data["management"] if data["kind"] != LineKind.UNPAID else "not_paid",
        "recipient_name": data["recipient_name"],
        "service_type": data["service_type"],
        "service_component": data["service_component"],
        "timetable": data["timetable"],
    }


@require_http_methods(["GET", "POST"])
def line_view(request: HttpRequest, pk: int) -> HttpResponse:
    service_id = request.GET.get("service", "")

    def save(version: PlanVersion, data: dict[str, Any], expected: int | None) -> None:
        services.plan_line_add(actor=_user(request), **_line_arguments(data))

    def make(version: PlanVersion) -> LineForm:
        if request.method == "POST":
            return LineForm(request.POST, outcomes=version.outcomes.all())
        initial = _initial_from_directory(version, service_id) if service_id else None
        return LineForm(initial=initial, outcomes=version.outcomes.all())

    return _part_view(
        request, pk, make, "Say how an outcome will be met", save, "planning/part.html", directory_link=True
    )


def _line_to_change(request: HttpRequest, pk: int) -> PlanLine:
    """A line the signed-in worker may change: of a plan they write, in a version still being written."""
    user = _user(request)
    line = line_get_for_user(user=user, pk=pk)
    if not user_can_for(user, PlanAction.WRITE, line.version.plan.person):
        raise PermissionDenied("You cannot change this support plan")
    return line


def _back_to_plan(line: PlanLine) -> HttpResponse:
    return redirect(f"{reverse('planning:plan', kwargs={'pk': line.version.plan_id})}?version={line.version.number}")


@require_http_methods(["GET", "POST"])
def line_change_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a line of a draft: the same form as adding one, filled in with the line as it is."""
    line = _line_to_change(request, pk)
    version = line.version
    if not version.is_editable:
        messages.error(request, "This version has been sent for approval: start a new version to change it")
        return _back_to_plan(line)

    def now(line: PlanLine) -> dict[str, Any]:
        values = {name: getattr(line, name) for name in LineForm.base_fields if hasattr(line, name)}
        values.update(outcome=line.outcome_id, directory_service=line.directory_service_id)
        return values

    form = LineForm(
        request.POST if request.method == "POST" else None, initial=now(line), outcomes=version.outcomes.all()
    )
    add_version_field(form, version.lock_version)
    if request.method == "POST" and form.is_valid():
        expected = edited_version(form)
        try:
            services.plan_line_update(
                actor=_user(request), line=line, expected_version=expected, **_line_arguments(form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except StaleEdit as error:
            line.refresh_from_db()
            show_stale_edit(form, error, now(line))
        else:
            messages.success(request, "Line changed")
            return _back_to_plan(line)
    return render(
        request, "planning/part.html", {"version": version, "form": form, "title": "Change how an outcome is met"}
    )


@require_http_methods(["GET", "POST"])
def line_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Check, then take a line out of a draft."""
    line = _line_to_change(request, pk)
    if request.method == "POST":
        try:
            services.plan_line_remove(
                actor=_user(request), line=line, expected_version=parse_id(request.POST.get(VERSION_FIELD))
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except StaleEdit as error:
            messages.error(request, f"{error}: check the plan as it is now before taking anything out")
        else:
            messages.success(request, f"Taken out of the plan: {line.description}")
        return _back_to_plan(line)
    return render(
        request, "planning/line_remove.html", {"line": line, "version": line.version, "title": "Take this line out"}
    )


def directory_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose a service from the directory for a line: the person's chosen services first, then a search."""
    version = version_get_for_user(user=_user(request), pk=pk, action=PlanAction.WRITE)
    form = DirectorySearchForm(request.GET or None)
    words = form.cleaned_data["q"].strip() if form.is_valid() else ""
    number = parse_page_number(request.GET.get("page"))
    page = directory_services_search(words=words, page=number) if words else None
    chosen = directory_services_chosen(version=version)
    return render(
        request,
        "planning/directory.html",
        {
            "version": version,
            "form": form,
            "words": words,
            "page": page,
            "chosen": [(service, directory_line_cost(service)) for service in chosen],
            "results": [(service, directory_line_cost(service)) for service in page.items] if page else [],
            "title": "Choose a service from the directory",
        },
    )


@require_http_methods(["GET", "POST"])
def details_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(version: PlanVersion, data: dict[str, Any], expected: int | None) -> None:
        confirm_start = data.pop("confirm_start", False)
        services.plan_version_update(
            actor=_user(request), version=version, confirm_start=confirm_start, expected_version=expected, **data
        )

    def details(version: PlanVersion) -> dict[str, Any]:
        return {name: getattr(version, name) for name in DetailsForm.base_fields if name != "confirm_start"}

    def make(version: PlanVersion) -> DetailsForm:
        return DetailsForm(request.POST if request.method == "POST" else None, initial=details(version))

    return _part_view(request, pk, make, "Risks, contingency and the budget", save, "planning/part.html", saved=details)


@require_POST
def submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_get_for_user(user=_user(request), pk=pk, action=PlanAction.WRITE)
    try:
        services.plan_submit(
            actor=_user(request), version=version, expected_version=parse_id(request.POST.get(VERSION_FIELD))
        )
    except TransitionRefused as error:
        show_transition_refused(None, error, request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except StaleEdit as error:
        messages.error(request, f"{error}: check the plan, then send it again")
    else:
        messages.success(request, "Plan sent for approval")
    return redirect("planning:plan", pk=version.plan_id)


@require_http_methods(["GET", "POST"])
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_get_for_user(user=_user(request), pk=pk, action=PlanAction.APPROVE_SMALL)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.plan_approve(actor=_user(request), version=version, reasons=form.cleaned_data["reasons"])
                messages.success(request, "Plan approved: the personal budget is set")
            else:
                services.plan_send_back(actor=_user(request), version=version, reasons=form.cleaned_data["reasons"])
                messages.success(request, "Plan sent back with your reasons")
        except TransitionRefused as error:
            show_transition_refused(form, error, request)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            return redirect("planning:plan", pk=version.plan_id)
    return render(
        request,
        "planning/decide.html",
        {
            "version": version,
            "summary": version_summary(version),
            "form": form,
            "start_check": (
                check_start_date(version.starts_on, today=timezone.localdate()) if version.starts_on else None
            ),
            "title": "Approve the plan",
        },
    )


@require_POST
def new_version_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=_user(request), pk=pk)
    try:
        version = services.plan_version_start(actor=_user(request), plan=plan)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("planning:plan", pk=plan.pk)
    return redirect(f"{reverse('planning:plan', kwargs={'pk': plan.pk})}?version={version.number}")


def approvals_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "planning/approvals.html",
        {
            "versions": plans_awaiting_approval_for_user(user=user),
            "approved": plans_approved_recently_for_user(user=user)[:50],
            "title": "Plans waiting for approval",
        },
    )


def my_plan_view(request: HttpRequest, easy_read: bool = False) -> HttpResponse:
    """The citizen's own plan and budget, in plain English or in easy read."""
    user = _user(request)
    budget = current_budget_of_citizen(user=user)
    context: dict[str, Any] = {"budget": budget, "title": "My plan", "today": timezone.localdate()}
    if user.person is not None:
        context["panels"] = own_plan_panels_for(user=user, person=user.person)
    if budget is not None:
        version = budget.version
        context.update(
            now=budget_now(budget, timezone.localdate()),
            version=version,
            summary=version_summary(version),
            outcomes=version.outcomes.prefetch_related("lines"),
            budget_lines=budget.lines.select_related("plan_line"),
        )
    return render(request, "planning/my_plan_easy_read.html" if easy_read else "planning/my_plan.html", context)


def _plan_pdf(version: PlanVersion, budget: PersonalBudget | None, *, easy_read: bool) -> HttpResponse:
    """A version of a plan as a letter to the person, in plain English or easy read, to print or keep."""
    context = {
        "version": version,
        "summary": version_summary(version),
        "outcomes": version.outcomes.prefetch_related("lines"),
        "budget": budget,
        "now": budget_now(budget, timezone.localdate()) if budget is not None else None,
        "budget_lines": budget.lines.select_related("plan_line") if budget is not None else [],
        "easy_read_version": easy_read,
        "today": timezone.localdate(),
    }
    pdf = render_pdf("planning/plan_pdf.html", context)
    kind = "easy-read-" if easy_read else ""
    return pdf_response(pdf, filename=f"{kind}support-plan-{version.plan.person.reference}-v{version.number}.pdf")


def plan_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """A version of the plan (the latest, or ?version=N) as a PDF for the person, from the worker's page."""
    plan = plan_get_for_user(user=_user(request), pk=pk, downloaded_as="easy_read" if easy_read else "plain")
    versions = list(plan.versions.all())
    number = request.GET.get("version", "")
    version = next((v for v in versions if str(v.number) == number), versions[0])
    version.plan = plan
    return _plan_pdf(version, personal_budget_of(version), easy_read=easy_read)


def my_plan_pdf_view(request: HttpRequest, easy_read: bool = False) -> HttpResponse:
    """The citizen's own approved plan as a PDF."""
    budget = current_budget_of_citizen(user=_user(request), downloaded_as="easy_read" if easy_read else "plain")
    if budget is None:
        raise Http404("You do not have an approved support plan yet")
    return _plan_pdf(budget.version, budget, easy_read=easy_read)
