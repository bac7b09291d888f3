"""The administration site's action that imports registered ORUK feeds: it starts an import job for each feed and
says so; the worker imports them, and a feed that cannot be read is tried again and shown to administrators."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from ownway.directory.models import Feed, Service
from ownway.jobs import services as jobs
from ownway.jobs.models import Job, JobStatus
from ownway.jobs.worker import run_queued


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch):
    monkeypatch.setattr(jobs, "RETRY_BACKOFF", dt.timedelta(0))


def test_admin_starts_the_imports_and_the_worker_imports_each_feed_keeping_what_it_rejected(
    client, administrator, tmp_path, feed
):
    administrator.is_staff = True
    administrator.is_superuser = True
    administrator.save()
    feed["services"].append({"id": "nope", "name": "Broken", "status": "active"})
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed))
    registered = Feed.objects.create(name="Neighbouring council", source=str(path))
    missing = Feed.objects.create(name="Gone", source=str(tmp_path / "missing.json"))
    client.force_login(administrator)
    response = client.post(
        "/admin/directory/feed/",
        {"action": "import_now", "_selected_action": [registered.pk, missing.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Importing 2 feeds in the background" in page
    assert f'href="{reverse("jobs:list")}"' in page
    assert not Service.objects.exists()  # the request only starts the imports
    started = list(Job.objects.order_by("created_at"))
    assert [job.arguments for job in started] == [
        {"feed_id": registered.pk, "actor_id": administrator.pk},
        {"feed_id": missing.pk, "actor_id": administrator.pk},
    ]
    assert {job.requested_by for job in started} == {administrator}

    run_queued()
    assert Service.objects.count() == 40
    registered.refresh_from_db()
    assert registered.last_summary.startswith("40 services added, 0 updated")
    assert registered.last_rejected == [{"record": "Service nope (Broken)", "reason": "its id 'nope' is not a UUID"}]
    missing.refresh_from_db()
    assert missing.last_summary.startswith("The import on ")
    assert "failed (try 3 of 3): Could not read" in missing.last_summary
    failed = Job.objects.get(arguments__feed_id=missing.pk)
    assert (failed.status, failed.attempts) == (JobStatus.FAILED, 3)
    listed = client.get(reverse("jobs:list") + "?status=failed").content.decode()
    assert "Import the directory feed “Gone”" in listed
    assert "Could not read" in client.get(reverse("jobs:job", kwargs={"pk": failed.pk})).content.decode()
