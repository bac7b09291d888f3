"""The yearly uprating, as background work: every open contribution worked out again under a new year's
charging figures (:func:`~.services.contributions_uprate`, the service ``manage.py uprate_contributions``
uses).

It runs on its own each year on 6 April at 02:00, UK time: the charging year starts on 6 April, as the
figures do (:func:`ownway.core.dates.financial_year` from ``TAX_YEAR_START``; the DHSC's local authority
circular sets each year's figures from the April uprating of benefits), so by then the new year's figures
apply; 02:00 is before anyone works. A finance officer may also start it from the year's figures page (after
confirming late figures, say) and follow it on the job's page. It is safe to run again: a contribution already on the
year's figures is left as it is, and everything happens in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ownway.accounts.models import User
from ownway.core.dates import TAX_YEAR_START, financial_year
from ownway.core.money import format_money
from ownway.jobs.services import JobContext, job_task

from .models import AssessmentStatus, FinancialAssessment
from .selectors import rule_set_for
from .services import contributions_uprate

#: The key of the yearly uprating's schedule, and when it runs (see the module's docstring).
SCHEDULE_KEY = "contributions-uprate"
UPRATING_MONTH, UPRATING_DAY, UPRATING_AT = 4, 6, dt.time(2, 0)


@job_task(max_attempts=2)
def contributions_uprate_job(context: JobContext, *, year: str = "", actor_id: int | None = None) -> dict[str, Any]:
    """Uprate to ``year`` (like "2026/27"; when empty, the year today falls in)."""
    year = year or financial_year(timezone.localdate(), start=TAX_YEAR_START).label
    actor = User.objects.get(pk=actor_id) if actor_id is not None else None
    record = rule_set_for(year=year)
    waiting = (
        FinancialAssessment.objects.filter(status=AssessmentStatus.CURRENT, charges_from__lt=record.starts_on)
        .exclude(rule_set=record)
        .count()
    )
    context.report(stage=f"Working out {waiting:,} contributions again under the {year} figures", to_do=waiting)
    report = contributions_uprate(actor=actor, year=year)
    return {
        "year": report.year,
        "recalculated": report.recalculated,
        "changed": report.changed,
        "weekly_total_before": format_money(report.total_before),
        "weekly_total_after": format_money(report.total_after),
        "not_recalculated": [f"person {person}: {why}" for person, why in report.not_recalculated[:50]],
    }
