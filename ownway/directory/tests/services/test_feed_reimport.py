"""The registered feeds, imported again every day by background work: one job per feed, each recorded on the
feed where its imports are shown, a feed that cannot be read retried and recorded as failed."""

import datetime as dt
import json

import pytest

from ownway.directory.models import Feed, Service
from ownway.directory.tasks import SCHEDULE_KEY
from ownway.jobs import services as jobs
from ownway.jobs.models import Job, JobStatus, Schedule
from ownway.jobs.services import schedules_enqueue_due, schedules_ensure
from ownway.jobs.worker import run_queued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch):
    monkeypatch.setattr(jobs, "RETRY_BACKOFF", dt.timedelta(0))


def test_each_registered_feed_is_imported_again_daily_by_a_job_of_its_own(tmp_path, feed, settings):
    settings.OWNWAY_FEED_IMPORT_AT = "02:30"
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed))
    registered = Feed.objects.create(name="Neighbouring council", source=str(path))
    missing = Feed.objects.create(name="Gone", source=str(tmp_path / "missing.json"))
    schedules_ensure()
    Schedule.objects.exclude(key=SCHEDULE_KEY).update(enabled=False)  # only this one, for this test
    schedule = Schedule.objects.get(key=SCHEDULE_KEY)
    assert (schedule.cadence, schedule.at) == ("daily", dt.time(2, 30))
    (started,) = schedules_enqueue_due(now=schedule.next_run_at)
    run_queued()
    started.refresh_from_db()
    assert (started.status, started.result) == (JobStatus.DONE, {"feeds": 2})
    imported = Job.objects.get(arguments={"feed_id": registered.pk})
    assert imported.status == JobStatus.DONE
    assert imported.result["summary"].startswith("40 services added")
    assert Service.objects.count() == 40
    registered.refresh_from_db()
    assert registered.last_summary.startswith("40 services added")
    assert registered.last_imported_at is not None
    # The feed that cannot be read is tried again, then shown as failed: on the feed and to administrators.
    failed = Job.objects.get(arguments={"feed_id": missing.pk})
    assert (failed.status, failed.attempts) == (JobStatus.FAILED, 3)
    assert "Could not read" in failed.error
    missing.refresh_from_db()
    assert missing.last_summary.startswith("The scheduled import on ")
    assert "failed (try 3 of 3): Could not read" in missing.last_summary
    assert missing.last_imported_at is None
    # The next day's import updates what is there; it adds nothing twice.
    assert len(schedules_enqueue_due(now=schedule.next_run_at + dt.timedelta(days=1))) == 1
    run_queued()
    assert Service.objects.count() == 40
    registered.refresh_from_db()
    assert "0 services added, 40 updated" in registered.last_summary
