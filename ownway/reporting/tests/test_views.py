"""The data-quality pages: scores for commissioners, the named rows behind each failure for administrators, and
every export of named rows on the audit trail."""

from __future__ import annotations

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
    # Both assessments leave the method blank: a score of nought; every row has its NHS number.
    assert "0.0%" in page
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
    assert f"ASM-{city.assessment.pk}" in text
    assert f"CNV-{city.conversation.pk}" in text
    assert AuditEvent.objects.filter(
        actor=administrator, action="reporting.cld_failures_viewed", person=city.ada
    ).exists()


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
