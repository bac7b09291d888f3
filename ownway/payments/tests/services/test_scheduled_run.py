"""The daily payment run, started by the worker at the time the council sets (``OWNWAY_PAYMENT_RUN_AT``,
changed on the schedules page), through the same safe-to-repeat service as ``run_direct_payments``."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from ownway.jobs.checks import schedule_defaults_readable
from ownway.jobs.models import JobStatus, Schedule
from ownway.jobs.services import schedules_enqueue_due, schedules_ensure
from ownway.jobs.worker import run_queued
from ownway.payments.models import Payment, PaymentRun
from ownway.payments.tasks import SCHEDULE_KEY, payment_run_at
from ownway.payments.tests.factories import agreement_for

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_the_payment_run_is_scheduled_daily_at_the_time_in_the_settings(settings):
    settings.OWNWAY_PAYMENT_RUN_AT = "07:15"
    schedules_ensure(now=dt.datetime(2026, 12, 4, 9, 0, tzinfo=LONDON))
    schedule = Schedule.objects.get(key=SCHEDULE_KEY)
    assert (schedule.cadence, schedule.at, schedule.enabled) == ("daily", dt.time(7, 15), True)
    assert schedule.next_run_at == dt.datetime(2026, 12, 5, 7, 15, tzinfo=LONDON)
    # Once the schedule exists, the council's time on screen stands: a new setting does not overwrite it.
    settings.OWNWAY_PAYMENT_RUN_AT = "05:00"
    schedules_ensure()
    assert Schedule.objects.get(key=SCHEDULE_KEY).at == dt.time(7, 15)


def test_06_00_unless_set(settings):
    del settings.OWNWAY_PAYMENT_RUN_AT
    assert payment_run_at() == dt.time(6, 0)


@pytest.mark.parametrize("value", ["6am", "25:00", "06:60", "0600", "", "06:00:00", "06:0"])
def test_a_time_that_cannot_be_read_fails_the_start_up_check_by_name(settings, value):
    settings.OWNWAY_PAYMENT_RUN_AT = value
    with pytest.raises(ImproperlyConfigured, match="OWNWAY_PAYMENT_RUN_AT"):
        payment_run_at()
    (problem,) = [p for p in schedule_defaults_readable() if p.obj == SCHEDULE_KEY]
    assert "give a 24-hour time as HH:MM" in problem.msg


def test_at_its_time_the_worker_pays_what_is_due_once_and_the_schedule_shows_how_it_went(
    social_worker, team_manager, person
):
    agreement_for(social_worker, team_manager, person)
    schedules_ensure()
    Schedule.objects.exclude(key=SCHEDULE_KEY).update(enabled=False)  # only this one, for this test
    schedule = Schedule.objects.get(key=SCHEDULE_KEY)
    due = schedule.next_run_at
    assert schedules_enqueue_due(now=due - dt.timedelta(seconds=1)) == []  # not yet
    (job,) = schedules_enqueue_due(now=due)
    assert schedules_enqueue_due(now=due) == []  # started once, however many workers look
    run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    paid = Payment.objects.count()
    assert paid >= 1
    assert job.result["payments_made"] == paid
    assert job.result["run"] == PaymentRun.objects.get().pk
    assert PaymentRun.objects.get().run_by is None  # the scheduled run, not a person
    schedule.refresh_from_db()
    assert (schedule.last_job, schedule.last_run_at) == (job, due)
    assert schedule.next_run_at == due + dt.timedelta(days=1)
    # The next day's run (or the same run again) pays nothing twice.
    (again,) = schedules_enqueue_due(now=schedule.next_run_at)
    run_queued()
    again.refresh_from_db()
    assert (again.status, again.result["payments_made"]) == (JobStatus.DONE, 0)
    assert Payment.objects.count() == paid
