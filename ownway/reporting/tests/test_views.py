"""The data-quality pages: scores for commissioners, the named rows behind each failure for administrators, and
every export of named rows on the audit trail."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from ownway.accounts.models import AuditEvent
from ownway.reporting.cld import Period
from ownway.reporting.services import cld_check_run

from .small_city import PERIOD_END, PERIOD_START, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def check(social_worker, team_manager, team):
    city = build(social_worker, team_manager, team)
    return cld_check_run(period=Period(PERIOD_START, PERIOD_END)), city


def test_a_commissioner_sees_the_score_of_every_field_and_no_one_named(commissioner_client, check):
    response = commissioner_client.get(reverse("reporting:cld"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Method of Assessment" in page
    # One of the two assessments (the conversation recorded before the question) has no method: half pass; every
    # row has its NHS number.
    assert "50.0%" in page
    assert "100.0%" in page
    assert "Lovelace" not in page
    assert reverse("reporting:cld_failures") not in page
    assert reverse("reporting:cld_extract_csv") not in page
    assert commissioner_client.get(reverse("reporting:cld_failures")).status_code == 403
    assert commissioner_client.get(reverse("reporting:cld_extract_csv")).status_code == 403


def test_an_administrator_pages_through_the_rows_behind_a_failure_and_the_look_is_audited(
    administrator_client, administrator, check
):
    made, city = check
    page = administrator_client.get(reverse("reporting:cld"))
    failures = f"{reverse('reporting:cld_failures')}?check={made.pk}&amp;field=Method%20of%20Assessment"
    assert failures in page.content.decode()
    response = administrator_client.get(failures.replace("&amp;", "&"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Ada Lovelace" in text
    assert f"ASM-{city.assessment.pk}" not in text
    assert f"CNV-{city.conversation.pk}" in text
    assert AuditEvent.objects.filter(
        actor=administrator, action="reporting.cld_failures_viewed", person=city.ada
    ).exists()


def test_a_commissioner_downloads_the_scores_per_field_with_no_one_named_and_it_is_audited(
    commissioner_client, commissioner, check
):
    made, _ = check
    page = commissioner_client.get(reverse("reporting:cld")).content.decode()
    assert f"{reverse('reporting:cld_scores_csv')}?check={made.pk}" in page
    response = commissioner_client.get(reverse("reporting:cld_scores_csv"), {"check": made.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "20260401-20270331-data-quality.csv" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0][:3] == ["Module", "Field", "Rows it applies to"]
    by_field = {line[1]: line for line in lines[1:]}
    assert len(by_field) == len(lines) - 1 == len(made.scores)
    # Two assessment rows: the needs assessment says how it was done, the older conversation does not.
    assert by_field["Method of Assessment"][2:] == ["2", "1", "0", "1", "0", "50.0"]
    assert by_field["Event Type"][2:] == ["7", "7", "0", "0", "0", "100.0"]
    text = response.content.decode()
    for name in ("Ada", "Lovelace", "Okafor", "P0000001", "9434765919"):
        assert name not in text
    assert AuditEvent.objects.filter(actor=commissioner, action="reporting.cld_scores_downloaded").exists()


@pytest.mark.parametrize("client_name", ["social_worker_client", "team_manager_client"])
def test_no_one_else_downloads_the_scores(request, client_name, check):
    made, _ = check
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("reporting:cld_scores_csv"), {"check": made.pk}).status_code == 403


def test_downloads_of_named_rows_are_audited(administrator_client, administrator, check):
    made, city = check
    response = administrator_client.get(
        reverse("reporting:cld_failures_csv"), {"check": made.pk, "field": "Review Outcomes Achieved"}
    )
    assert response.status_code == 200
    assert f"REV-{city.review.pk}" in response.content.decode()
    assert AuditEvent.objects.filter(action="reporting.cld_failures_downloaded", person=city.ada).exists()
    extract = administrator_client.get(reverse("reporting:cld_extract_csv"), {"check": made.pk})
    lines = b"".join(extract.streaming_content).decode().splitlines()
    assert len(lines) == 8
    assert lines[0].startswith("LA Code,Reporting Period Start Date")
    assert AuditEvent.objects.filter(actor=administrator, action="reporting.cld_extract_downloaded").count() == 1


def test_an_administrator_starts_a_check_and_a_bad_period_is_explained(administrator_client, db):
    url = reverse("reporting:cld_run")
    bad = administrator_client.post(url, {"start-day": "1", "start-month": "4", "start-year": "2026",
                                          "end-day": "31", "end-month": "3", "end-year": "2026"})  # fmt: skip
    assert bad.status_code == 200
    assert "The last day must be on or after the first day" in bad.content.decode()
    good = administrator_client.post(url, {"start-day": "1", "start-month": "4", "start-year": "2026",
                                           "end-day": "31", "end-month": "3", "end-year": "2027"})  # fmt: skip
    assert good.status_code == 302
    assert good["Location"].startswith("/background-work/")


def test_the_page_before_any_check(commissioner_client, db):
    response = commissioner_client.get(reverse("reporting:cld"))
    assert "No extract has been checked yet" in response.content.decode()
    assert commissioner_client.get(reverse("reporting:cld"), {"check": "abc"}).status_code == 404
