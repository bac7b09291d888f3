"""Writing and checking the Client Level Data extract, in one pass over the records.

:func:`cld_check_run` reads every row of the period (:func:`~.cld.cld_rows`), writes it to the file when one is
given, checks each field (:mod:`.rules.cld_quality`), and keeps the check (:class:`~.models.CldCheck`) with every
field's score and the rows behind its failures, so that the failures are known, and shown per field, before
anything is sent. The rows stream through: only the counts and the failures kept are held.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import IO, TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.ui.csv_files import SafeWriter

from . import events
from .cld import Period, cld_rows
from .models import CldCheck, CldFailure
from .rules.cld_quality import COLUMNS, RULES, Tally, check_row

if TYPE_CHECKING:
    from ownway.accounts.models import User

#: Failing rows kept for each field of a check (the scores count every one): enough to page through and to put
#: right, bounded so that a field every row fails (a value Ownway does not record) cannot fill the database.
FAILURES_KEPT = 5000


def cld_check_run(*, period: Period, actor: User | None = None, output: IO[str] | None = None,
                  written_to: str = "") -> CldCheck:  # fmt: skip
    """Read the period's rows once, writing them to ``output`` (a text file, as CSV with a header row) when given,
    and keep the data-quality check of every row. The check and its failures are saved in one transaction."""
    started = timezone.now()
    writer = SafeWriter(output) if output is not None else None
    if writer is not None:
        writer.writerow(COLUMNS)
    tally = Tally()
    kept: dict[str, list[CldFailure]] = defaultdict(list)
    for number, row in enumerate(cld_rows(period), start=1):
        if writer is not None:
            writer.writerow(row[column] for column in COLUMNS)
        results = check_row(row)
        tally.add(results)
        for name, result in results:
            if result.failed and len(kept[name]) < FAILURES_KEPT:
                kept[name].append(
                    CldFailure(
                        row_number=number, field=name, result=result.value, value=row[name][:200],
                        event_type=row["Event Type"][:20], event_reference=row["Event Reference"][:60],
                        person_reference=row["LA Person Unique Identifier"][:50],
                    )
                )  # fmt: skip
    scores = [
        {"name": s.name, "module": s.module, "applicable": s.applicable, "valid": s.valid, "blank": s.blank,
         "missing": s.missing, "invalid": s.invalid}
        for s in (tally.fields[rule.name] for rule in RULES)
    ]  # fmt: skip
    with transaction.atomic():
        check = CldCheck.objects.create(
            period_start=period.start, period_end=period.end, started_at=started, finished_at=timezone.now(),
            rows=tally.rows, failures=tally.failures, scores=scores, written_to=written_to[:500], requested_by=actor,
        )  # fmt: skip
        failures = [failure for field_failures in kept.values() for failure in field_failures]
        for failure in failures:
            failure.check_run = check
        CldFailure.objects.bulk_create(failures, batch_size=2000)
        summary = {"period": f"{period.start} to {period.end}", "rows": tally.rows, "failures": tally.failures}
        audit_record(actor=actor, action=events.CLD_CHECKED, subject=check, new=summary)
        if written_to:
            audit_record(actor=actor, action=events.CLD_EXTRACT_WRITTEN, subject=check,
                         new={**summary, "file": written_to[:500]})  # fmt: skip
    return check


def rolling_year_to(quarter_end: dt.date) -> Period:
    """The rolling twelve months that end on ``quarter_end`` (DHSC-D 3-submission-selection.md: "It is mandatory
    for local authorities to submit rolling 12-month reporting periods on a quarterly basis").

    >>> rolling_year_to(dt.date(2027, 3, 31))
    Period(start=datetime.date(2026, 4, 1), end=datetime.date(2027, 3, 31))
    >>> rolling_year_to(dt.date(2026, 12, 31))
    Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    """
    following = quarter_end + dt.timedelta(days=1)
    return Period(start=following.replace(year=following.year - 1), end=quarter_end)


def last_quarter_end(today: dt.date) -> dt.date:
    """The last day of the most recent quarter (30 June, 30 September, 31 December, 31 March) before ``today``.

    >>> last_quarter_end(dt.date(2027, 4, 7))
    datetime.date(2027, 3, 31)
    >>> last_quarter_end(dt.date(2026, 7, 1))
    datetime.date(2026, 6, 30)
    """
    month = ((today.month - 1) // 3) * 3 + 1
    return today.replace(month=month, day=1) - dt.timedelta(days=1)
