"""The directory's registered feeds, imported again every day in the background.

Each night at ``OWNWAY_FEED_IMPORT_AT`` (03:00 unless set; changed on the schedules page) one job starts a
job for each registered feed (:class:`~.models.Feed`), so a feed that cannot be read is retried and reported
on its own without holding up the others. The administration site's "Import the selected feeds now" and the
feed's page (``/directory/feeds/<pk>/``) start the same job for each feed they are given
(:func:`feeds_import_start`), so an import is never done inside a person's request. Each import is
:func:`~.services.feed_import`; its summary, rejected records and report are kept on the feed, where its imports
are shown; a feed that could not be read says so there too. The daily import applies directly, without a
preview: what was changed here is kept, and where the feed changed the same field the conflict is listed on the
feed's page (``/directory/feeds/``) for a broker to resolve.

A preview of the next import (what it would add, change and withdraw, with nothing written) reads the feed too, so
it is a job as well (:func:`feed_preview_start`, :func:`feed_preview_job`): the feed's page starts it and shows it,
refreshing itself, until the preview is ready.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import User
from ownway.jobs.models import Job
from ownway.jobs.services import JobContext, job_start, job_task, time_setting
from ownway.ui.jinja2 import govuk_date

from .models import Feed
from .permissions import DirectoryAction, user_can
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


def feeds_import_start(*, actor: User, feeds: Iterable[Feed]) -> list[Job]:
    """An administrator's "Import the selected feeds now": one import job for each feed, started by them (checked
    here, and again, and audited as theirs, when each runs)."""
    if not user_can(actor, DirectoryAction.IMPORT):
        raise PermissionDenied("You cannot import into the directory")
    return [
        job_start(
            feed_import_job,
            label=f"Import the directory feed “{feed.name[:150]}”",
            arguments={"feed_id": feed.pk, "actor_id": actor.pk},
            requested_by=actor,
        )
        for feed in feeds
    ]


@job_task(max_attempts=3)
def feed_import_job(context: JobContext, *, feed_id: int, actor_id: int | None = None) -> dict[str, Any]:
    """Import one registered feed; one that cannot be read is recorded on the feed as failed, and tried again.
    ``actor_id`` is the administrator who asked for it; none for the scheduled import."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return {"imported": False, "why": "The feed is no longer registered"}
    actor = User.objects.get(pk=actor_id) if actor_id is not None else None
    try:
        report = feed_import(actor=actor, feed=feed)
    except ValidationError as error:
        when = govuk_date(timezone.now(), with_time=True)
        last = (
            f" The last import that worked was on {govuk_date(feed.last_imported_at, with_time=True)}."
            if feed.last_imported_at
            else ""
        )
        tries = f"try {context.attempt} of {context.job.max_attempts}"
        which = "import" if actor is not None else "scheduled import"
        summary = f"The {which} on {when} failed ({tries}): {'; '.join(error.messages)}.{last}"
        Feed.objects.filter(pk=feed.pk).update(last_summary=summary[:5000])
        raise
    return {
        "imported": True,
        "summary": report.summary,
        "rejected": len(report.rejected),
        "conflicts": len(report.conflicts),
    }


def feed_preview_start(*, actor: User, feed: Feed) -> Job:
    """A council officer's "Preview the next import": a job that reads the feed and works out what importing it
    would add, change and withdraw, writing nothing (see :func:`feed_preview_job`)."""
    if not user_can(actor, DirectoryAction.IMPORT):
        raise PermissionDenied("You cannot import into the directory")
    return job_start(
        feed_preview_job,
        label=f"Preview the import of the directory feed “{feed.name[:140]}”",
        arguments={"feed_id": feed.pk, "actor_id": actor.pk},
        requested_by=actor,
    )


def feed_preview_of(*, job_id: Any, feed: Feed) -> Job | None:
    """The preview job of this feed with that id, or None (no such job, or one of another kind or feed)."""
    return Job.objects.filter(pk=job_id, task_path=feed_preview_job.module_path, arguments__feed_id=feed.pk).first()


#: How many of a preview's changes are kept to list (the counts cover them all): the preview lives in the job's
#: result, which each view of the feed's page reads whole, so it stays small whatever the feed's size.
PREVIEW_CHANGES_KEPT = 2_000


@job_task(max_attempts=1)
def feed_preview_job(context: JobContext, *, feed_id: int, actor_id: int) -> dict[str, Any]:
    """What importing the feed now would do, with nothing written: ``summary`` in words, and under ``preview`` each
    service added, changed or withdrawn (action, service, details; the first :data:`PREVIEW_CHANGES_KEPT`) and how
    many records would be left out and local changes kept. A feed that cannot be read is an answer, not a failure:
    ``preview.problem`` says why (the officer asks again when it is back)."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        gone = "The feed is no longer registered"
        return {"summary": gone, "preview": {"problem": gone}}
    actor = User.objects.get(pk=actor_id)
    context.report(step="Reading the feed")
    try:
        report = feed_import(actor=actor, feed=feed, preview=True)
    except ValidationError as error:
        problem = "; ".join(error.messages)
        return {"summary": f"The feed could not be read: {problem}", "preview": {"problem": problem}}
    count = {action: sum(1 for c in report.changes if c[0] == action) for action in ("add", "change", "remove")}
    return {
        "summary": (
            f"Importing the feed would add {count['add']:,} services, change {count['change']:,} and withdraw "
            f"{count['remove']:,}; {len(report.rejected):,} records would be left out"
        ),
        "preview": {
            "changes": [list(change) for change in report.changes[:PREVIEW_CHANGES_KEPT]],
            "count": count,
            "rejected": len(report.rejected),
            "conflicts": len(report.conflicts),
        },
    }
