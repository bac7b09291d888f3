"""The commissioner's page of the day-care cohort: the strategy's Tables 1 to 6 and the figures over time, counted
from the records on a day, and the same tables as a CSV file."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ownway.accounts.requests import signed_in_user as _user
from ownway.ui.csv_files import csv_text

from .figures import cohort_figures_for_user, tables, tables_csv_rows

#: The days the tables can be counted on: from 2000 to today (no placement is in force on a day not yet come).
FIRST_DAY = dt.date(2000, 1, 1)


def _day(value: str | None) -> tuple[dt.date, str]:
    """The day asked for (``?on=YYYY-MM-DD``), or today with what was wrong with it."""
    today = timezone.localdate()
    if not value:
        return today, ""
    try:
        day = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        return today, "Enter the day as a date, like 2026-03-31: showing today"
    if not FIRST_DAY <= day <= today:
        return today, f"Choose a day from {FIRST_DAY.isoformat()} to today: showing today"
    return day, ""


def figures_view(request: HttpRequest) -> HttpResponse:
    """The day-care cohort in the strategy's tables, on a day (today by default)."""
    user = _user(request)
    day, problem = _day(request.GET.get("on"))
    figures = cohort_figures_for_user(user=user, on=day)
    return render(
        request,
        "dayops/cohort/figures.html",
        {
            "title": "Day opportunities in figures",
            "figures": figures,
            "tables": tables(figures),
            "problem": problem,
            "today": timezone.localdate(),
        },
    )


def figures_csv_view(request: HttpRequest) -> HttpResponse:
    """The same tables as a CSV file, one after another."""
    user = _user(request)
    day, _ = _day(request.GET.get("on"))
    figures = cohort_figures_for_user(user=user, on=day)
    response = HttpResponse(csv_text(tables_csv_rows(figures)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="day-opportunities-{day.isoformat()}.csv"'
    return response
