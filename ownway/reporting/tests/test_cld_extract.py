"""The Client Level Data extract of a tiny council, worked out by hand from what the test records."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command

from ownway.reporting.cld import Period, cld_rows
from ownway.reporting.models import CldCheck
from ownway.reporting.rules.cld_lists import value_lists
from ownway.reporting.rules.cld_quality import COLUMNS

from .small_city import PERIOD_END, PERIOD_START, build

pytestmark = pytest.mark.django_db

PERIOD = Period(PERIOD_START, PERIOD_END)

ADA = {
    "LA Code": "E08000025", "Reporting Period Start Date": "2026-04-01", "Reporting Period End Date": "2027-03-31",
    "NHS Number": "9434765919", "LA Person Unique Identifier": "P0000001", "First Name": "Ada", "Last Name": "Lovelace",
    "Gender": "Female", "Ethnicity": "White: English, Welsh, Scottish, Northern Irish or British",
    "Date of Birth": "1950-06-04", "Client Type": "Service user",
    "Primary Support Reason": "Physical support: Personal care support", "Postcode": "B1 1BB",
    "Accommodation Status": "Owner occupier or shared ownership scheme",
    "Employment Status": "Not in paid employment: Not actively seeking work or retired", "Has Unpaid Carer": "Yes",
    "Autism Spectrum Disorder (ASD)": "No", "Visual Impairment": "No visual impairment",
    "Hearing Impairment": "No hearing impairment", "Dementia": "No",
}  # fmt: skip
BEN = {
    **ADA, "NHS Number": "4010232137", "LA Person Unique Identifier": "P0000002", "First Name": "Ben",
    "Last Name": "Okafor", "Gender": "Male", "Ethnicity": "Black, Black British, Caribbean or African: African",
    "Date of Birth": "1990-01-15", "Primary Support Reason": "Learning disability support",
    "Accommodation Status": "Supported accommodation, supported lodgings or supported group home",
    "Employment Status": "Paid: Less than 16 hours a week", "Has Unpaid Carer": "No",
}  # fmt: skip


def row(**cells: str) -> dict[str, str]:
    return {column: cells.get(column, "") for column in COLUMNS}


@pytest.fixture
def city(social_worker, team_manager, team):
    return build(social_worker, team_manager, team)


def test_the_extract_is_the_rows_worked_out_by_hand(city):
    by_kind = {line.plan_line.kind: line for line in city.lines}
    pa, choir = by_kind["pa_hours"], by_kind["service"]
    pa_line = pa.plan_line
    expected = [
        # The contact: the Request, closed to an assessment.
        row(**ADA, **{"Event Type": "Request", "Event Reference": "REQ-C0000001", "Event Start Date": "2026-04-02",
                      "Event End Date": "2026-04-10", "Event Outcome": "Progress to assessment, review or reassessment",
                      "Request: Route of Access": "Discharge from hospital"}),
        # The needs assessment: eligible, so on to support planning.
        row(**ADA, **{"Event Type": "Assessment", "Event Reference": f"ASM-{city.assessment.pk}",
                      "Event Start Date": "2026-04-11", "Event End Date": "2026-04-15",
                      "Event Outcome": "Progress to support planning or services",
                      "Assessment Type": "Long term assessment",
                      "Eligible Needs Identified": "Yes", "Method of Assessment": "Face to face"}),
        # The first conversation, recorded on its own: an Assessment (CLD guidance, Annex C).
        row(**ADA, **{"Event Type": "Assessment", "Event Reference": f"CNV-{city.conversation.pk}",
                      "Event Start Date": "2026-04-05", "Event End Date": "2026-04-05",
                      "Event Outcome": "Progress to assessment, review or reassessment",
                      "Assessment Type": "Short term assessment"}),
        # The plan's two paid lines, open at the period's end; £45 of the budget is Ada's: joint funding.
        row(**ADA, **{"Event Type": "Service", "Event Reference": f"SVC-{pa.pk}", "Event Start Date": "2026-04-20",
                      "Event Outcome": "Continuation of support or services",
                      "Client Funding Status": "Joint client and social care funded",
                      "Service Type": "Long term support: Community", "Service Component": "Direct payment",
                      "Delivery Mechanism": "Direct payment", "Provider CQC Location Name": "Ann Lee",
                      "Unit Cost": f"{pa_line.unit_cost:.2f}", "Cost Frequency (Unit Type)": "Hourly",
                      "Planned units per week": "20.00"}),
        row(**ADA, **{"Event Type": "Service", "Event Reference": f"SVC-{choir.pk}", "Event Start Date": "2026-04-20",
                      "Event Outcome": "Continuation of support or services",
                      "Client Funding Status": "Joint client and social care funded",
                      "Service Type": "Long term support: Community", "Service Component": "Day support",
                      "Delivery Mechanism": "Direct payment", "Provider CQC Location Name": "Friendly Day Services",
                      "Unit Cost": "8.50", "Cost Frequency (Unit Type)": "Per session",
                      "Planned units per week": "1.00"}),
        # Ben's enablement: ST-Max, ended as planned.
        row(**BEN, **{"Event Type": "Service", "Event Reference": f"ENB-{city.episode.pk}",
                      "Event Start Date": "2026-05-01", "Event End Date": "2026-05-29",
                      "Event Outcome": "NFA: Support ended as planned",
                      "Client Funding Status": "Fully social care funded",
                      "Service Type": "Short term support: ST-Max", "Service Component": "Reablement",
                      "Delivery Mechanism": "CASSR commissioned support"}),
        # Ada's planned review: no change in the package.
        row(**ADA, **{"Event Type": "Review", "Event Reference": f"REV-{city.review.pk}",
                      "Event Start Date": "2026-05-20", "Event End Date": "2026-06-01",
                      "Event Outcome": "Continuation of support or services",
                      "Client Funding Status": "Joint client and social care funded", "Review Reason": "Planned",
                      "Method of Review": "Service user only"}),
    ]  # fmt: skip
    assert pa_line.unit == "hour"
    assert list(cld_rows(PERIOD)) == expected


def test_every_value_written_is_in_its_release_2_list(city):
    lists = value_lists()
    rows = list(cld_rows(PERIOD))
    assert rows
    for extract_row in rows:
        for column, value in extract_row.items():
            if value and column in lists:
                assert value in lists[column], (column, value)


def test_each_conversation_says_how_it_was_held(city):
    city.conversation.method = "telephone"
    city.conversation.save()
    (conversation,) = [r for r in cld_rows(PERIOD) if r["Event Reference"].startswith("CNV-")]
    assert conversation["Method of Assessment"] == "Telephone"


def test_a_carer_not_known_is_written_unknown_and_passes(city):
    """Has Unpaid Carer is mandatory on every row (DHSC GetDQValues); "Not known" is Release 2's "Unknown"."""
    from ownway.people.models import Person
    from ownway.reporting.rules.cld_quality import RULES, Result

    Person.objects.filter(reference="P0000002").update(has_unpaid_carer="unknown")
    rows = [r for r in cld_rows(PERIOD) if r["LA Person Unique Identifier"] == "P0000002"]
    assert rows
    (rule,) = [r for r in RULES if r.name == "Has Unpaid Carer"]
    for extract_row in rows:
        assert extract_row["Has Unpaid Carer"] == "Unknown"
        assert rule.check(extract_row) is Result.VALID
    blank = {**rows[0], "Has Unpaid Carer": ""}
    assert rule.check(blank) is Result.MISSING


def test_each_event_of_a_person_is_one_row(city):
    references = [extract_row["Event Reference"] for extract_row in cld_rows(PERIOD)]
    assert len(references) == len(set(references)) == 7


def test_a_period_shows_only_its_events(city):
    # The quarter to 30 June 2026 has every event; the one after it, only the services still open then.
    rows = list(cld_rows(Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))))
    assert [r["Event Reference"][:3] for r in rows] == ["SVC", "SVC"]


def test_the_command_writes_the_csv_and_reports_failures_per_field(city, tmp_path):
    output = tmp_path / "cld.csv"
    out = io.StringIO()
    call_command("cld_extract", "--from", "2026-04-01", "--to", "2027-03-31", "--output", str(output), stdout=out)
    with output.open(encoding="utf-8") as handle:
        written = list(csv.reader(handle))
    assert written[0] == list(COLUMNS)
    assert len(written) == 8
    check = CldCheck.objects.get()
    assert check.rows == 7
    # Method of Assessment is mandatory: the conversation recorded before Ownway asked how it was held fails.
    scores = {score["name"]: score for score in check.scores}
    assert scores["Method of Assessment"]["missing"] == 1
    assert scores["Method of Assessment"]["valid"] == 1
    # A planned review needs its outcomes graded, and Ada's were not.
    assert scores["Review Outcomes Achieved"]["missing"] == 1
    assert check.failures == 2
    assert "Method of Assessment: 1 blank but mandatory" in out.getvalue()
    assert f"7 rows written to {output}" in out.getvalue()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [("2026-13-01", "2027-03-31", "is not a date"), ("2027-04-01", "2026-04-01", "must end on or after"),
     ("2025-01-01", "2027-03-31", "at most a year")],
)  # fmt: skip
def test_the_command_refuses_a_bad_period(db, tmp_path, start, end, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("cld_extract", "--from", start, "--to", end, "--output", str(tmp_path / "x.csv"))


def test_each_quarter_the_scheduled_task_writes_and_checks_the_rolling_year(city, settings, tmp_path):
    from ownway.jobs.services import job_start, registered_schedules
    from ownway.jobs.worker import run_queued
    from ownway.reporting import tasks

    keys = {schedule.key: (schedule.month, schedule.day) for schedule in registered_schedules()}
    assert [keys[key] for key, _, _ in tasks.QUARTERLY] == [(7, 7), (10, 7), (1, 7), (4, 7)]
    settings.VAR_DIR = tmp_path
    job_start(tasks.cld_extract_job, label="CLD", arguments={"start": "2026-04-01", "end": "2027-03-31"})
    run_queued()
    written = tmp_path / "returns" / "cld-20260401-20270331.csv"
    assert len(written.read_text(encoding="utf-8").splitlines()) == 8
    check = CldCheck.objects.get()
    assert (check.rows, check.written_to) == (7, str(written))
