"""The demo city's Client Level Data check: the extract of the twelve months to the demo's today, written from the
city's records and checked, so that the data-quality page has its scores (and the rows behind any failure) from the
start. A council's checks come each quarter from the scheduled work (:mod:`.tasks`); the demo's period ends today
because its casework is of the last few weeks, which the last whole quarter would not hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from .cld import Period
from .models import CldCheck
from .services import cld_check_run


def generate_cld_check(*, today: dt.date | None = None) -> list[str]:
    """Check the extract of the twelve months to today; what was found, as lines."""
    end = today or timezone.localdate()
    start = (end + dt.timedelta(days=1)).replace(year=end.year - 1)
    check = cld_check_run(period=Period(start, end))
    failing = sum(1 for score in check.scores if score["missing"] or score["invalid"])
    return [
        f"Client Level Data extract, {start:%-d %B %Y} to {end:%-d %B %Y}: {check.rows:,} rows checked, "
        f"{check.failures:,} failures in {failing} fields"
    ]


def clear_cld_checks(**_signal: Any) -> dict[str, int]:
    """Remove every check (with its failures), so that the accounts that asked for them can go with the demo city:
    ``people.demo.builder.clear_city`` asks for this (``city_clearing``). For demo and test databases only."""
    removed, _ = CldCheck.objects.all().delete()
    return {"Client Level Data checks and their failures": removed}
