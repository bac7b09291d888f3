import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ownway.jobs import services
from ownway.jobs.models import Job, JobStatus
from ownway.jobs.services import JobNotCancellable, job_cancel, job_start
from ownway.jobs.tests import sample_tasks
from ownway.jobs.worker import run_queued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch):
    monkeypatch.setattr(services, "RETRY_BACKOFF", dt.timedelta(0))
    sample_tasks.RUNS.clear()


def test_a_job_is_queued_in_the_database_and_run_by_a_worker():
    job = job_start(sample_tasks.add_up, label="Add up", arguments={"numbers": [1, 2, 3]})
    assert job.status == JobStatus.QUEUED
    assert DBTaskResult.objects.ready().filter(id=job.task_result_id).exists()
    assert run_queued() == 1
    job.refresh_from_db()
    assert (job.status, job.result, job.progress, job.attempts) == (JobStatus.DONE, {"total": 6}, {"seen": 3}, 1)
    assert sample_tasks.RUNS == {"add_up": 1}


def test_a_failure_is_retried_then_succeeds():
    job = job_start(sample_tasks.fails_once, label="Fails once")
    run_queued()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (JobStatus.DONE, 2, "second attempt worked")


def test_a_job_that_keeps_failing_stops_at_its_limit_with_its_error():
    job = job_start(sample_tasks.always_fails, label="Always fails")
    run_queued()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 2)
    assert "the sample failure" in job.error
    assert sample_tasks.RUNS == {"always_fails": 2}


def test_a_cancelled_job_never_starts_and_a_finished_one_cannot_be_cancelled():
    job = job_start(sample_tasks.add_up, label="Add up", arguments={"numbers": [1]})
    job_cancel(job)
    run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert sample_tasks.RUNS == {}
    with pytest.raises(JobNotCancellable):
        job_cancel(job)


def test_the_task_of_a_worker_that_stopped_goes_back_in_the_queue_and_runs():
    job = job_start(sample_tasks.add_up, label="Add up", arguments={"numbers": [4]})
    # A worker claimed it and then died without a word: no beat recorded since.
    result = DBTaskResult.objects.get(id=job.task_result_id)
    result.claim("a-worker-that-died")
    Job.objects.filter(id=job.id).update(status=JobStatus.RUNNING, attempts=1)
    later = timezone.now() + services.WORKER_STALE_AFTER + dt.timedelta(seconds=1)
    recovered = services.jobs_recover_abandoned(now=later)
    assert [j.id for j in recovered] == [job.id]
    run_queued()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (JobStatus.DONE, 2, {"total": 4})
    assert job.error == ""  # the attempt that finished cleared the error of the one that was lost


def test_the_housekeeping_clears_away_work_finished_long_ago_and_keeps_failures():
    from ownway.jobs.tasks import jobs_prune

    old = job_start(sample_tasks.add_up, label="Old", arguments={"numbers": [1]})
    failed = job_start(sample_tasks.always_fails, label="Failed long ago")
    job_start(sample_tasks.add_up, label="Recent", arguments={"numbers": [2]})
    run_queued()
    long_ago = timezone.now() - dt.timedelta(days=91)
    Job.objects.filter(id__in=[old.id, failed.id]).update(finished_at=long_ago)
    DBTaskResult.objects.filter(id=old.task_result_id).update(finished_at=long_ago)
    prune = job_start(jobs_prune, label="Housekeeping")
    run_queued()
    prune.refresh_from_db()
    assert prune.status == JobStatus.DONE
    assert (prune.result["jobs"], prune.result["results"]) == (1, 1)
    assert set(Job.objects.values_list("label", flat=True)) == {"Failed long ago", "Recent", "Housekeeping"}
    assert not DBTaskResult.objects.filter(id=old.task_result_id).exists()


def test_what_a_job_writes_carries_its_id_as_a_request_carries_its_own():
    job = job_start(sample_tasks.where_from, label="Where from")
    run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result == {"request_id": str(job.id), "via": "job"}


def test_schedules_are_made_once_and_a_changed_one_is_left_as_the_council_set_it():
    """Each worker makes the registered schedules as it starts; the unique key lets the first make each one."""
    from ownway.jobs.models import Schedule

    made = services.schedules_ensure()
    assert made
    first = made[0]
    Schedule.objects.filter(pk=first.pk).update(at=dt.time(23, 45), enabled=False)
    assert services.schedules_ensure() == []  # as a second worker starting finds them
    again = Schedule.objects.get(pk=first.pk)
    assert (again.at, again.enabled) == (dt.time(23, 45), False)
    assert Schedule.objects.count() == len(made)
