"""The directory's registered feeds, imported again every day in the background.

Each night at ``OWNWAY_FEED_IMPORT_AT`` (03:00 unless set; changed on the schedules page) one job starts a
job for each registered feed (:class:`~.models.Feed`), so a feed that cannot be read is retried and reported
on its own without holding up the others. Each import is :func:`~.services.feed_import`, the one the
administration site's "Import the selected feeds now" and the feed's page use; its summary, rejected records and
report are kept on the feed, where its imports are shown; a feed that could not be read says so there too. The
daily import applies directly, without a preview: what was changed here is kept, and where the feed changed the
same field the conflict is listed on the feed's page (``/directory/feeds/``) for a broker to resolve.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from ownway.jobs.services import JobContext, job_start, job_task, time_setting
from ownway.ui.jinja2 import govuk_date

from .models import Feed
from .services import feed_import

#: The key of the daily re-import's schedule.
SCHEDULE_KEY = "directory-feeds-import"


def feeds_import_at() -> dt.time:
    """When the registered feeds are imported again (``OWNWAY_FEED_IMPORT_AT``, 03:00 unless set: at night,
    when few search the directory, and before the day's work starts)."""
    return time_setting("OWNWAY_FEED_IMPORT_AT", "03:00")


@job_task(max_attempts=1)
def feeds_import_all(context: JobContext) -> dict[str, Any]:
    """Start one import job for each registered feed."""
    started = [
        str(
            job_start(
                feed_import_job, label=f"Import the directory feed “{feed.name[:150]}”", arguments={"feed_id": feed.pk}
            ).id
        )
        for feed in Feed.objects.order_by("pk")
    ]
    return {"feeds": len(started)}


@job_task(max_attempts=3)
def feed_import_job(context: JobContext, *, feed_id: int) -> dict[str, Any]:
    """Import one registered feed; one that cannot be read is recorded on the feed as failed, and tried again."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return {"imported": False, "why": "The feed is no longer registered"}
    try:
        report = feed_import(actor=None, feed=feed)
    except ValidationError as error:
        when = govuk_date(timezone.now(), with_time=True)
        last = (
            f" The last import that worked was on {govuk_date(feed.last_imported_at, with_time=True)}."
            if feed.last_imported_at
            else ""
        )
        tries = f"try {context.attempt} of {context.job.max_attempts}"
        summary = f"The scheduled import on {when} failed ({tries}): {'; '.join(error.messages)}.{last}"
        Feed.objects.filter(pk=feed.pk).update(last_summary=summary[:5000])
        raise
    return {
        "imported": True,
        "summary": report.summary,
        "rejected": len(report.rejected),
        "conflicts": len(report.conflicts),
    }
