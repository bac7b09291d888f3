"""The administrators' pages for background work, and the schedules page of finance officers and
administrators."""

import datetime as dt

import pytest
from django.urls import reverse

from ownway.accounts.models import AuditEvent
from ownway.jobs import events, services
from ownway.jobs.models import Job, JobStatus, Schedule
from ownway.jobs.services import job_start, schedules_ensure
from ownway.jobs.tests import sample_tasks
from ownway.jobs.worker import run_queued
from ownway.payments.tasks import SCHEDULE_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch):
    monkeypatch.setattr(services, "RETRY_BACKOFF", dt.timedelta(0))
    sample_tasks.RUNS.clear()


@pytest.fixture
def failed():
    job = job_start(sample_tasks.fails_once, label="Fails the first time")
    # Every try fails while the cause is not put right: here, one try allowed.
    Job.objects.filter(pk=job.pk).update(max_attempts=1)
    run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    return job


def test_the_administrators_home_counts_the_failed_jobs(administrator_client, failed):
    page = administrator_client.get("/").content.decode()
    assert "Background work that failed" in page
    assert "1 failed" in page


def test_the_list_filters_by_status_and_pages(administrator_client, failed):
    for n in range(3):
        job_start(sample_tasks.add_up, label=f"Add up {n}", arguments={"numbers": [n]})
    page = administrator_client.get(reverse("jobs:list") + "?status=failed").content.decode()
    assert "Fails the first time" in page
    assert "Add up 0" not in page
    assert "1 job" in page
    everything = administrator_client.get(reverse("jobs:list")).content.decode()
    assert "4 jobs" in everything
    assert "Add up 2" in everything
    assert administrator_client.get(reverse("jobs:list") + "?status=nonsense&page=x&sort=zzz").status_code == 200


def test_a_failed_job_shows_its_error_in_full_and_is_tried_again(administrator_client, administrator, failed):
    page = administrator_client.get(reverse("jobs:job", kwargs={"pk": failed.pk})).content.decode()
    assert "Why it failed" in page
    assert "RuntimeError: first attempt fails" in page
    assert "Traceback" in page  # in full
    assert "Try again" in page
    assert 'http-equiv="refresh"' not in page  # finished: nothing more to wait for
    response = administrator_client.post(reverse("jobs:retry", kwargs={"pk": failed.pk}))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (JobStatus.QUEUED, 0)
    assert AuditEvent.objects.filter(action=events.JOB_RETRIED, actor=administrator).exists()
    waiting = administrator_client.get(reverse("jobs:job", kwargs={"pk": failed.pk})).content.decode()
    assert 'http-equiv="refresh"' in waiting  # the page follows the job until it is done
    Job.objects.filter(pk=failed.pk).update(max_attempts=3)
    run_queued()
    failed.refresh_from_db()
    assert failed.status == JobStatus.DONE
    # A job not failed cannot be tried again: said on the page, not an error.
    again = administrator_client.post(reverse("jobs:retry", kwargs={"pk": failed.pk}), follow=True)
    assert "Only a failed job can be tried again: this one is finished" in again.content.decode()


def test_whoever_started_a_job_sees_its_page_without_the_error_text_and_no_one_else_does(
    finance_officer, finance_officer_client, social_worker_client
):
    job = job_start(sample_tasks.always_fails, label="Always fails", requested_by=finance_officer)
    run_queued()
    page = finance_officer_client.get(reverse("jobs:job", kwargs={"pk": job.pk})).content.decode()
    assert "Always fails" in page
    assert "An administrator has been shown the error" in page
    assert "the sample failure" not in page
    assert "Try again" not in page
    assert finance_officer_client.post(reverse("jobs:retry", kwargs={"pk": job.pk})).status_code == 403
    assert social_worker_client.get(reverse("jobs:job", kwargs={"pk": job.pk})).status_code == 404


def test_the_schedules_page_shows_next_and_last_run_and_how_the_last_went(finance_officer_client):
    schedules_ensure()
    Schedule.objects.exclude(key=SCHEDULE_KEY).update(enabled=False)  # only this one, for this test
    schedule = Schedule.objects.get(key=SCHEDULE_KEY)
    (_job,) = services.schedules_enqueue_due(now=schedule.next_run_at)
    run_queued()
    page = finance_officer_client.get(reverse("jobs:schedules")).content.decode()
    assert "Pay the direct payments due" in page
    assert "Every day at 06:00" in page
    assert "Finished" in page  # the last run's outcome


def test_a_finance_officer_changes_the_time_and_a_stale_change_is_refused(finance_officer_client, administrator_client):
    schedules_ensure()
    schedule = Schedule.objects.get(key=SCHEDULE_KEY)
    url = reverse("jobs:schedule", kwargs={"pk": schedule.pk})
    assert "06:00" in finance_officer_client.get(url).content.decode()
    shown = schedule.lock_version
    response = finance_officer_client.post(url, {"at": "18:30", "enabled": "yes", "lock_version": shown})
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.at, schedule.enabled) == (dt.time(18, 30), True)
    assert schedule.next_run_at.astimezone(services._zone()).time() == dt.time(18, 30)
    assert AuditEvent.objects.filter(action=events.SCHEDULE_CHANGED).count() == 1
    # The administrator's form was opened before that change: theirs is refused, with both shown.
    stale = administrator_client.post(url, {"at": "05:00", "enabled": "no", "lock_version": shown})
    assert stale.status_code == 200
    assert "Someone else changed this schedule" in stale.content.decode()
    schedule.refresh_from_db()
    assert (schedule.at, schedule.enabled) == (dt.time(18, 30), True)
    # Turned off, it is not started when its time comes.
    administrator_client.post(url, {"at": "05:00", "enabled": "no", "lock_version": schedule.lock_version})
    schedule.refresh_from_db()
    assert not schedule.enabled
    started = services.schedules_enqueue_due(now=schedule.next_run_at + dt.timedelta(days=2))
    assert schedule.label not in [job.label for job in started]


@pytest.mark.parametrize("typed", ["6am", "24:00", "", "12:5", "99:99", "\x00"])
def test_a_time_that_is_not_one_is_refused_with_a_message(finance_officer_client, typed):
    schedules_ensure()
    schedule = Schedule.objects.get(key=SCHEDULE_KEY)
    url = reverse("jobs:schedule", kwargs={"pk": schedule.pk})
    page = finance_officer_client.post(url, {"at": typed, "enabled": "yes", "lock_version": schedule.lock_version})
    assert page.status_code == 200
    assert "like 06:00" in page.content.decode()
    schedule.refresh_from_db()
    assert schedule.at == dt.time(6, 0)
