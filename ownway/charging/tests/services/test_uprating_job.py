"""The yearly uprating as background work: scheduled for 6 April at 02:00, UK time (the charging year starts
on 6 April), and started by the finance team from the year's figures page, followed on the job's page."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from ownway.charging.models import FinancialAssessment
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
from ownway.charging.rules.rulesets import RULES_2025_26
from ownway.charging.services import charging_rule_set_save, financial_assessment_record
from ownway.charging.tasks import SCHEDULE_KEY
from ownway.jobs.models import Job, JobStatus, Schedule
from ownway.jobs.services import schedules_enqueue_due, schedules_ensure
from ownway.jobs.worker import run_queued
from ownway.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = Decimal
PENSIONER = Circumstances(
    age=70,
    weekly_cost_of_care=D("300"),
    incomes=(Income(IncomeKind.STATE_PENSION, D("230.25")), Income(IncomeKind.PRIVATE_PENSION, D("60"))),
)


@pytest.fixture
def new_year(finance_officer):
    for _ in range(3):
        person = PersonFactory(date_of_birth=dt.date(1950, 1, 1))
        financial_assessment_record(actor=finance_officer, person=person, circumstances=PENSIONER, year="2025/26")
    figures = RULES_2025_26.to_data() | {"year": "2026/27", "mig_single_pension_age": "220.00", "unconfirmed": {}}
    charging_rule_set_save(actor=finance_officer, year="2026/27", starts_on=dt.date(2026, 4, 6), figures=figures)


def test_it_is_scheduled_each_year_on_6_april_at_2am_uk_time():
    schedules_ensure(now=dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC))
    schedule = Schedule.objects.get(key=SCHEDULE_KEY)
    assert (schedule.cadence, schedule.month, schedule.day, schedule.at) == ("yearly", 4, 6, dt.time(2, 0))
    # 02:00 in London on 6 April 2027 is 01:00 UTC (summer time).
    assert schedule.next_run_at == dt.datetime(2027, 4, 6, 1, 0, tzinfo=dt.UTC)
    assert schedule.next_run_at.astimezone(ZoneInfo("Europe/London")).hour == 2


def test_at_its_time_it_uprates_to_the_year_the_day_falls_in(new_year):
    schedules_ensure()
    Schedule.objects.exclude(key=SCHEDULE_KEY).update(enabled=False)  # only this one, for this test
    schedule = Schedule.objects.get(key=SCHEDULE_KEY)
    (job,) = schedules_enqueue_due(now=schedule.next_run_at)
    run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert (job.result["year"], job.result["recalculated"], job.result["changed"]) == ("2026/27", 3, 3)
    assert FinancialAssessment.objects.filter(status="current", rule_set__year="2026/27").count() == 3


def test_the_finance_officer_starts_it_from_the_figures_page_and_follows_it(
    new_year, finance_officer, finance_officer_client
):
    page = finance_officer_client.get(reverse("charging:figures_year", kwargs={"year": "2026-27"}))
    assert "Work out contributions again" in page.content.decode()
    response = finance_officer_client.post(reverse("charging:uprate", kwargs={"year": "2026-27"}))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", kwargs={"pk": job.pk})
    assert job.requested_by == finance_officer
    waiting = finance_officer_client.get(response["Location"]).content.decode()
    assert "Waiting to start" in waiting
    assert 'http-equiv="refresh"' in waiting  # the page follows the job without JavaScript
    run_queued()
    done = finance_officer_client.get(response["Location"]).content.decode()
    assert "Finished" in done
    assert "Working out 3 contributions again under the 2026/27 figures" in done  # what it did
    assert "Recalculated" in done
    assert 'http-equiv="refresh"' not in done
    assert FinancialAssessment.objects.filter(status="current", rule_set__year="2026/27").count() == 3
