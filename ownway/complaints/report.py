"""The yearly complaints report (SI 2009/309 reg 18): the year's figures from the records.

Reg 18(1) asks for the number of complaints received, the number decided to be well-founded, and the number the
council knows were referred to the Ombudsman, for the year to 31 March (reg 18(2)); the report also shows them
by procedure and outcome, and how many were acknowledged within 3 working days (reg 13(1)) and answered within the
agreed period (reg 14(2)), so the council can see how its handling went.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q

from ownway.core.dates import FinancialYear, financial_year
from ownway.ui.csv_files import csv_text

from .models import Complaint, Outcome, Procedure, Status


class YearNotUnderstood(ValueError):
    pass


def year_named(text: str) -> FinancialYear:
    """'2026-27' or '2026/27' (the year from 1 April 2026 to 31 March 2027)."""
    match = re.fullmatch(r"(\d{4})[-/](\d{2})", (text or "").strip())
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)) or not 2000 <= int(match.group(1)) <= 2100:
        raise YearNotUnderstood("Give the year like 2026-27")
    from datetime import date

    return financial_year(date(int(match.group(1)), 4, 1))


@dataclass(frozen=True)
class Row:
    label: str
    statutory: int
    corporate: int

    @property
    def total(self) -> int:
        return self.statutory + self.corporate


def build_report(year: FinancialYear) -> list[Row]:
    """The rows, each counted for both procedures in one query."""
    counts: dict[str, Q] = {
        "received": Q(),
        "acknowledged_on_time": Q(acknowledged_on__isnull=False, acknowledged_on__lte=F("acknowledge_by")),
        "answered": Q(status=Status.RESPONDED),
        "answered_in_period": Q(status=Status.RESPONDED, responded_on__lte=F("respond_by")),
        "upheld": Q(status=Status.RESPONDED, outcome=Outcome.UPHELD),
        "partly": Q(status=Status.RESPONDED, outcome=Outcome.PARTLY),
        "not_upheld": Q(status=Status.RESPONDED, outcome=Outcome.NOT_UPHELD),
        "late_taken": Q(late=True) & ~Q(status=Status.NOT_TAKEN),
        "not_taken": Q(status=Status.NOT_TAKEN),
        "extended": Q(extensions__isnull=False),
        "ombudsman": Q(ombudsman_referred_on__isnull=False),
        "review": Q(review__isnull=False),
        "concern": Q(concern__isnull=False),
    }
    labels = {
        "received": "Complaints received",
        "acknowledged_on_time": "Acknowledged on time",
        "answered": "Answered",
        "answered_in_period": "Answered within the agreed period",
        "upheld": "Upheld",
        "partly": "Partly upheld",
        "not_upheld": "Not upheld",
        "late_taken": "Made late, and taken",
        "not_taken": "Made late, and not taken",
        "extended": "Response period put back, as agreed",
        "ombudsman": "Referred to the Ombudsman (as far as we know)",
        "review": "Led to a review of the person's plan",
        "concern": "Led to a safeguarding concern",
    }
    rows = (
        Complaint.objects.filter(received_on__range=(year.first_day, year.last_day))
        .values("procedure")
        .annotate(**{name: Count("pk", filter=q, distinct=True) for name, q in counts.items()})
    )
    found: dict[str, dict[str, Any]] = {str(row["procedure"]): dict(row) for row in rows}
    empty = dict.fromkeys(counts, 0)
    statutory = found.get(Procedure.STATUTORY, empty)
    corporate = found.get(Procedure.CORPORATE, empty)
    return [Row(labels[name], statutory[name], corporate[name]) for name in counts]


def report_csv(year: FinancialYear, rows: list[Row]) -> str:
    """The figures as CSV, through the project's safe writer (no cell a spreadsheet would run as a formula)."""
    header = ["Year", "Figure", "Adult social care (statutory)", "Corporate", "Total"]
    return csv_text([header] + [[year.label, row.label, row.statutory, row.corporate, row.total] for row in rows])
