"""The data-quality pages of the Client Level Data extract: each check's score per field (commissioners and
administrators), the rows behind each failure, a page at a time, and the files of named rows (administrators;
every one audited)."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ownway.accounts.audit import audit_record
from ownway.accounts.requests import signed_in_user as _user
from ownway.jobs.services import job_start
from ownway.ui.csv_files import csv_text, safe_cell
from ownway.ui.listing import Column, paged_list

from . import events
from .cld import Period, cld_rows
from .forms import CldPeriodForm
from .models import CldCheck
from .permissions import ReportingAction, user_can
from .rules.cld_lists import value_lists
from .rules.cld_quality import COLUMNS
from .selectors import (
    cld_check_for_user,
    cld_checks_for_user,
    cld_failed_rows_shown,
    cld_failures_for_user,
    cld_field_named,
    cld_scores,
)
from .services import last_quarter_end, rolling_year_to
from .tasks import cld_extract_job


def _check(request: HttpRequest) -> CldCheck | None:
    """The check the address names (``?check=``), or the latest."""
    raw = request.GET.get("check", "")
    if raw and not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
        raise Http404("No such check")
    check = cld_check_for_user(user=_user(request), check_id=int(raw) if raw else None)
    if raw and check is None:
        raise Http404("No such check")
    return check


def _page(request: HttpRequest, form: CldPeriodForm | None = None) -> HttpResponse:
    user = _user(request)
    check = _check(request)
    if form is None:
        period = rolling_year_to(last_quarter_end(timezone.localdate()))
        form = CldPeriodForm(initial={"start": period.start, "end": period.end})
    return render(
        request,
        "reporting/cld.html",
        {
            "title": "Client Level Data: data quality",
            "check": check,
            "scores": cld_scores(check) if check else [],
            "earlier": list(cld_checks_for_user(user=user).exclude(pk=check.pk if check else 0)[:8]),
            "form": form,
            "can_see_rows": user_can(user, ReportingAction.CLD_ROWS),
            "can_run": user_can(user, ReportingAction.CLD_RUN),
            "lists": value_lists(),
        },
    )


@require_GET
def cld_view(request: HttpRequest) -> HttpResponse:
    """The latest check (or the one asked for): the score of every field, by module of the specification."""
    return _page(request)


@require_POST
def cld_run_view(request: HttpRequest) -> HttpResponse:
    """Start a check of a period in the background: the extract is written and checked by a job."""
    user = _user(request)
    if not user_can(user, ReportingAction.CLD_RUN):
        raise PermissionDenied("You cannot start a Client Level Data check")
    form = CldPeriodForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    job = job_start(
        cld_extract_job,
        label=f"Client Level Data extract, {start:%-d %B %Y} to {end:%-d %B %Y}",
        arguments={"start": start.isoformat(), "end": end.isoformat(), "actor_id": user.pk},
        requested_by=user,
    )
    messages.success(request, "The extract is being written and checked. Its scores appear here when it is done.")
    return redirect("jobs:job", pk=job.pk)


#: The header of the data-quality summary: what each column counts (DHSC's four test results, GetDQValues).
SCORES_HEADER = [
    "Module", "Field", "Rows it applies to", "Passed: valid", "Passed: blank (not mandatory)",
    "Failed: blank (mandatory)", "Failed: invalid", "Score (% of rows it applies to that passed)",
]  # fmt: skip


@require_GET
def cld_scores_csv_view(request: HttpRequest) -> HttpResponse:
    """The check's score per field as a CSV file: counts only, no one named, so commissioners may have it too;
    each download is on the audit trail."""
    user = _user(request)
    if not user_can(user, ReportingAction.CLD_SCORES):
        raise PermissionDenied("You cannot download the data-quality summary of the Client Level Data extract")
    check = _check(request)
    if check is None:
        return redirect("reporting:cld")
    table: list[list[object]] = [list(SCORES_HEADER)]
    table += [[s.module, s.name, s.applicable, s.valid, s.blank, s.missing, s.invalid,
               "" if s.score is None else s.score] for s in cld_scores(check)]  # fmt: skip
    audit_record(
        actor=user, action=events.CLD_SCORES_DOWNLOADED, subject=check,
        new={"period": f"{check.period_start} to {check.period_end}"},
    )  # fmt: skip
    response = HttpResponse(csv_text(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="cld-{check.period_start:%Y%m%d}-{check.period_end:%Y%m%d}-data-quality.csv"'
    )
    return response


_FAILURE_COLUMNS = [Column("Row", numeric=True), Column("Event"), Column("Person"), Column("Result"), Column("Value")]


@require_GET
def cld_failures_view(request: HttpRequest) -> HttpResponse:
    """The rows behind one field's failures, fifty at a time, with the people they name."""
    user = _user(request)
    if not user_can(user, ReportingAction.CLD_ROWS):
        raise PermissionDenied("You cannot see the rows of the Client Level Data extract")
    check = _check(request)
    field = cld_field_named(request.GET.get("field", ""))
    if check is None or field is None:
        return redirect("reporting:cld")
    failures = cld_failures_for_user(user=user, check=check, field=field)
    listing = paged_list(request, failures, _FAILURE_COLUMNS)
    rows = cld_failed_rows_shown(user=user, failures=listing.items)
    score = next(s for s in cld_scores(check) if s.name == field)
    return render(
        request,
        "reporting/cld_failures.html",
        {
            "title": f"{field}: rows that failed",
            "check": check,
            "field": field,
            "listing": listing,
            "rows": rows,
            "score": score,
            "kept": failures.count(),
            "allowed": value_lists().get(field),
        },
    )


@require_GET
def cld_failures_csv_view(request: HttpRequest) -> HttpResponse:
    """The same rows as a CSV file (every failure kept for the field), audited as an export of named rows."""
    user = _user(request)
    if not user_can(user, ReportingAction.CLD_ROWS):
        raise PermissionDenied("You cannot download the rows of the Client Level Data extract")
    check = _check(request)
    field = cld_field_named(request.GET.get("field", ""))
    if check is None or field is None:
        return redirect("reporting:cld")
    failures = list(cld_failures_for_user(user=user, check=check, field=field))
    rows = cld_failed_rows_shown(user=user, failures=failures, download=True)
    table: list[list[object]] = [
        ["Row", "Event type", "Event reference", "LA Person Unique Identifier", "Name", "Result", field]
    ]
    table += [[r.row_number, r.event_type, r.event_reference, r.person_reference,
               r.person.full_name if r.person else "", r.result, r.value] for r in rows]  # fmt: skip
    response = HttpResponse(csv_text(table), content_type="text/csv; charset=utf-8")
    name = "".join(c if c.isalnum() else "-" for c in field.lower()).strip("-")
    response["Content-Disposition"] = f'attachment; filename="cld-{check.pk}-{name}-failures.csv"'
    return response


def _extract_lines(period: Period) -> Iterator[str]:
    yield ",".join(_quoted(column) for column in COLUMNS) + "\r\n"
    for row in cld_rows(period):
        yield ",".join(_quoted(safe_cell(row[column])) for column in COLUMNS) + "\r\n"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


@require_GET
def cld_extract_csv_view(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The extract of the check's period, written from the records as it is sent (streamed, row by row), and the
    export on the audit trail."""
    user = _user(request)
    if not user_can(user, ReportingAction.CLD_ROWS):
        raise PermissionDenied("You cannot download the Client Level Data extract")
    check = _check(request)
    if check is None:
        return redirect("reporting:cld")
    period = Period(check.period_start, check.period_end)
    audit_record(
        actor=user, action=events.CLD_EXTRACT_DOWNLOADED, subject=check,
        new={"period": f"{period.start} to {period.end}"},
    )  # fmt: skip
    response = StreamingHttpResponse(_extract_lines(period), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cld-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"'
    return response
