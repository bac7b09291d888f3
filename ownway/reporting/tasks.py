"""The Client Level Data extract as scheduled work: each quarter, the rolling twelve months to the quarter's
end are written to a file in ``returns/`` under ``OWNWAY_VAR_DIR`` and checked (:func:`~.services.cld_check_run`),
a week after the quarter ends, at 03:00 UK time, before anyone works: the submission window closes about a month
after the quarter (standards.md §1.1), which leaves three weeks to put right what the check finds.
Administrators may start it at other times from the data-quality page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from ownway.accounts.models import User
from ownway.jobs.services import JobContext, job_task

from .cld import Period
from .services import cld_check_run, last_quarter_end, rolling_year_to

EXTRACT_AT = dt.time(3, 0)
#: The schedules' keys, and the day (month, day) each runs: a week after each quarter ends.
QUARTERLY = (
    ("cld-extract-q1", 7, 7),
    ("cld-extract-q2", 10, 7),
    ("cld-extract-q3", 1, 7),
    ("cld-extract-q4", 4, 7),
)


def quarter_words(month: int) -> str:
    return {7: "April to June", 10: "July to September", 1: "October to December", 4: "January to March"}[month]


def returns_dir() -> Path:
    return Path(settings.VAR_DIR) / "returns"


@job_task(max_attempts=2)
def cld_extract_job(
    context: JobContext, *, start: str = "", end: str = "", actor_id: int | None = None
) -> dict[str, Any]:
    """Write and check the extract for ``start``–``end`` (ISO dates; when empty, the rolling twelve months to the
    last quarter's end)."""
    if start and end:
        period = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    else:
        period = rolling_year_to(last_quarter_end(timezone.localdate()))
    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    folder = returns_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"cld-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
    context.report(stage="writing", file=path.name)
    with path.open("w", newline="", encoding="utf-8") as handle:
        check = cld_check_run(period=period, actor=actor, output=handle, written_to=str(path))
    return {"check": check.pk, "rows": check.rows, "failures": check.failures, "file": path.name}
