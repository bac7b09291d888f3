"""Financial assessment pages: the finance team's worklist and form, the letter, and the public estimator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ownway.accounts.requests import signed_in_user as _user
from ownway.accounts.roles import Role
from ownway.core.money import format_money
from ownway.core.versioning import StaleEdit
from ownway.jobs.services import job_start
from ownway.people.selectors import (
    PersonNotFound,
    no_record_with_reference,
    person_get_by_reference_for_user,
    person_get_for_user,
)
from ownway.ui.forms import add_form_error, add_service_errors, add_version_field, edited_version, show_stale_edit
from ownway.ui.pdf import pdf_response, render_pdf

from .forms import EstimateForm, FiguresForm, FinancialAssessmentForm, FindPersonForm, NewYearForm, figure_text
from .models import ChargingFigureCheck, ChargingRuleSet, CostOfCareStatus
from .permissions import ChargingAction, user_can, user_can_for
from .rules.contribution import CircumstancesError, RuleSetIncomplete, assess
from .rules.rulesets import (
    FigureGroup,
    RuleSet,
    figure_fields,
    figure_groups,
    figure_kind_words,
    figure_label,
    is_council_choice,
    read_figure,
    year_starting,
)
from .selectors import (
    WAITING_SORTS,
    LetterNotReady,
    NoRuleSet,
    RuleSetUnreadable,
    cost_of_care_latest,
    costs_of_care_waiting_page_for_user,
    figure_checks_latest,
    financial_assessment_current,
    financial_assessment_get_for_user,
    financial_assessments_recent_for_user,
    letters_held_count,
    rule_set_for,
    rule_set_get_for_user,
    rule_sets_for_user,
    rules_of,
)
from .services import charging_rule_set_save, charging_rule_set_start, financial_assessment_record
from .tasks import contributions_uprate_job


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
        {
            "CostOfCareStatus": CostOfCareStatus,
            "page": page,
            "rows": rows,
            "sort": sort,
            "title": "People waiting for a financial assessment",
        },
    )


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
         "manage_figures": user_can(user, ChargingAction.MANAGE_RULES), "title": "This letter cannot be sent yet"},
        status=409,
    )  # fmt: skip


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


def mine_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.person_id is None:
        raise Http404("Only people with a record have a financial assessment")
    person = person_get_for_user(user=user, pk=user.person_id)
    if not user_can_for(user, ChargingAction.VIEW, person):
        raise PermissionDenied("You cannot see this")
    fa = financial_assessment_current(user=user, person=person)
    if fa is not None:
        return redirect("charging:assessment", pk=fa.pk)
    return render(request, "charging/none_yet.html", {"title": "What you pay towards your care"})


@login_not_required
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


# --- The finance team's charging figures pages ------------------------------------------------------------


def _slug(year: str) -> str:
    """A year in an address: 2026/27 is /money/figures/2026-27/."""
    return year.replace("/", "-")


@require_http_methods(["GET", "POST"])
def figures_view(request: HttpRequest) -> HttpResponse:
    """The years whose charging figures are held, each with how many figures are not confirmed; and starting a new
    year from the last one."""
    user = _user(request)
    years = rule_sets_for_user(user=user)
    initial: dict[str, Any] = {}
    if years:
        first = year_starting(years[0][0].year) + 1
        initial = {"year": f"{first}/{(first + 1) % 100:02d}", "starts_on": dt.date(first, 4, 6),
                   "copy_from": years[0][0].year}  # fmt: skip
    form = NewYearForm(request.POST if request.method == "POST" else None, years=[r.year for r, _ in years],
                       initial=initial)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            record = charging_rule_set_start(actor=user, year=form.cleaned_data["year"],
                                             starts_on=form.cleaned_data["starts_on"],
                                             copy_from=form.cleaned_data["copy_from"])  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            copied = form.cleaned_data["copy_from"]
            messages.success(request, f"The {record.year} figures are started from the {copied} figures: set each "
                             "figure marked to set")  # fmt: skip
            return redirect("charging:figures_year", year=_slug(record.year))
    return render(request, "charging/figures.html",
                  {"years": [(record, count, _slug(record.year)) for record, count in years], "form": form,
                   "title": "Charging figures"})  # fmt: skip


@dataclass(frozen=True)
class _FigureRow:
    """One figure as the year's page shows it: its value, kind, what it is, and its source or why it is not
    confirmed (with the council's latest check of it)."""

    name: str
    label: str
    kind: str
    about: str
    council_choice: bool
    unconfirmed: str | None
    source: str | None
    check: ChargingFigureCheck | None
    shown: str


def figure_shown(name: str, value: Any) -> str:
    """A figure in words, as a finance officer reads it: "£48.15", "8 weeks", "66", "Yes", or "Not set"; text that
    is not a figure of its kind is shown as it was typed."""
    try:
        figure = read_figure(next(f for f in figure_fields() if f.name == name), value)
    except ValueError:
        return str(value)
    if figure is None:
        return "Not set"
    if isinstance(figure, bool):
        return "Yes" if figure else "No"
    if isinstance(figure, Decimal):
        return format_money(figure)
    return f"{figure} weeks" if name == "free_reablement_weeks" else str(figure)


def _groups(record: ChargingRuleSet) -> list[tuple[FigureGroup, list[_FigureRow]]]:
    figures = record.figures
    marks, sources = figures.get("unconfirmed") or {}, figures.get("sources") or {}
    checks = figure_checks_latest(record=record)
    defaults = {f.name: f.default for f in figure_fields()}
    rows = []
    for group in figure_groups():
        shown = []
        for name in group.names:
            check = checks.get(name)
            if name in marks or (check is not None and check.source != sources.get(name, check.source)):
                check = None
            shown.append(_FigureRow(
                name=name, label=figure_label(name), kind=figure_kind_words(name),
                about=str(next(f for f in figure_fields() if f.name == name).metadata["about"]),
                council_choice=is_council_choice(name), unconfirmed=marks.get(name), source=sources.get(name),
                check=check, shown=figure_shown(name, figures.get(name, defaults[name])),
            ))  # fmt: skip
        rows.append((group, shown))
    return rows


def _show_their_changes(form: FiguresForm, error: StaleEdit, record: ChargingRuleSet) -> None:
    """A save refused because someone else changed the year's figures first: each figure they changed is shown
    beside what this officer's form held, the form takes their values where this officer changed nothing (so
    saving again does not undo them), and it keeps this officer's own changes and sources."""
    saved = {f.name: figure_text(f.name, record.figures.get(f.name, f.default)) for f in figure_fields()}
    conflicts = []
    for f in figure_fields():
        bf = form[f.name]
        if saved[f.name] != str(form.data.get(bf.html_initial_name, "")):
            yours = figure_shown(f.name, form.cleaned_data[f.name]) if f.name in form.changed_data else (
                "You did not change it")  # fmt: skip
            conflicts.append({"label": figure_label(f.name), "theirs": figure_shown(f.name, saved[f.name]),
                              "yours": yours})  # fmt: skip
    changed = set(form.changed_data)
    show_stale_edit(form, error, {}, conflicts=conflicts)
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict, copied by show_stale_edit
    for f in figure_fields():
        if f.name not in changed:
            data[f.name] = saved[f.name]
        data[form[f.name].html_initial_name] = saved[f.name]
    form.data = data


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@require_POST
def uprate_view(request: HttpRequest, year: str) -> HttpResponse:
    """Start the uprating to this year's figures in the background, and go to its page to follow it."""
    user = _user(request)
    record = rule_set_get_for_user(user=user, year=year.replace("-", "/"))  # for the finance team only
    job = job_start(
        contributions_uprate_job,
        label=f"Work out contributions again under the {record.year} figures",
        arguments={"year": record.year, "actor_id": user.pk},
        requested_by=user,
    )
    return redirect("jobs:job", pk=job.pk)


@require_http_methods(["GET", "POST"])
def figures_year_view(request: HttpRequest, year: str) -> HttpResponse:
    """A year's charging figures, in groups, each with its value, kind and source or why it is not confirmed: the
    finance team changes any of them, or confirms one as it stands by saying where they checked it. Saving
    works out again each contribution held back by a figure now confirmed, and sends its letter."""
    user = _user(request)
    record = rule_set_get_for_user(user=user, year=year.replace("-", "/"))
    form = FiguresForm(request.POST if request.method == "POST" else None, figures=record.figures)
    add_version_field(form, record.lock_version)
    if request.method == "POST" and form.is_valid():
        expected = edited_version(form)
        changed, confirm = form.changes()
        if not changed and not confirm:
            add_form_error(form, "Change a figure, or say where you checked one to confirm it")
        else:
            held = letters_held_count(record=record)
            try:
                saved = charging_rule_set_save(actor=user, year=record.year, starts_on=record.starts_on,
                                               figures=changed, confirm=confirm, expected_version=expected)  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            except StaleEdit as error:
                record.refresh_from_db()
                _show_their_changes(form, error, record)
            else:
                sent = held - letters_held_count(record=saved)
                message = f"{_plural(len(set(changed) | set(confirm)), 'figure', 'figures')} saved"
                if sent:
                    gone = "its letter has gone to the person" if sent == 1 else "their letters have gone"
                    message += f". {_plural(sent, 'contribution', 'contributions')} worked out again: {gone}"
                messages.success(request, message)
                return redirect("charging:figures_year", year=_slug(record.year))
    figures = record.figures
    return render(
        request,
        "charging/figures_year.html",
        {"record": record, "form": form, "groups": _groups(record), "held": letters_held_count(record=record),
         "not_confirmed": len(figures.get("unconfirmed") or {}), "title": f"{record.year} charging figures"},
    )  # fmt: skip
