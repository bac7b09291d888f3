"""The support plan as a PDF, plain and easy read, for staff and for the person: it says what the page says."""

from __future__ import annotations

import io
import os

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ownway.planning import events, services
from ownway.planning.tests.factories import draft_plan

pytestmark = pytest.mark.django_db


def _text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")
    if os.environ.get("OWNWAY_KEEP_PDF"):
        with open(os.environ["OWNWAY_KEEP_PDF"], "wb") as out:
            out.write(response.content)
    reader = PdfReader(io.BytesIO(response.content))
    return reader, " ".join("\n".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def person(person):
    person.address_line_1 = "12 Lime Grove"
    person.town = "Ownway"
    person.postcode = "OW2 3CD"
    person.save()
    return person


@pytest.fixture
def approved(social_worker, team_manager, person):
    plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    budget = services.plan_approve(actor=team_manager, version=version, reasons="Meets the outcomes")
    return plan, version, budget


def test_staff_get_the_plan_in_plain_english(social_worker_client, person, approved):
    plan, _version, _budget = approved
    response = social_worker_client.get(reverse("planning:pdf", kwargs={"pk": plan.pk}))
    assert f'filename="support-plan-{person.reference}-v1.pdf"' in response["Content-Disposition"]
    reader, text = _text(response)
    assert reader.metadata.title == "My support plan"
    assert "12 Lime Grove" in text
    assert person.reference in text
    assert "This is your support plan from 20 April 2026" in text
    assert "“I want to sing with other people”" in text
    assert "Community choir, Thursday evenings, with Friendly Day Services. This costs £8.50 a week." in text
    assert "My personal budget is £310.21 a week" in text
    assert "The council pays £265.21 a week" in text
    assert "I pay £45.00 a week (worked out in my financial assessment)" in text
    assert "Help to get up, washed and dressed: direct payment to the person" in text
    assert "If Ann is ill, Mary comes in the morning" in text
    assert "Yours sincerely" in text


def test_staff_get_the_plan_in_easy_read(social_worker_client, approved):
    plan, _version, _budget = approved
    response = social_worker_client.get(reverse("planning:easy_read_pdf", kwargs={"pk": plan.pk}))
    assert "easy-read-support-plan-" in response["Content-Disposition"]
    reader, text = _text(response)
    assert reader.metadata.title == "My plan (easy read)"
    assert "It starts on 20 April 2026" in text
    assert "I have £310.21 each week for my support" in text
    assert "Thursday: morning: Help to get up, washed and dressed (Ann Lee); evening: Community choir" in text
    assert "Tell your worker. You can change your plan at any time." in text


def test_a_draft_says_it_is_not_approved_and_uses_its_own_figures(social_worker_client, social_worker, person):
    plan, _version = draft_plan(social_worker, person)
    _reader, text = _text(social_worker_client.get(reverse("planning:pdf", kwargs={"pk": plan.pk})))
    assert "This plan is not approved yet (version 1, being written)" in text
    assert "My personal budget is £310.21 a week" in text
    assert "The council pays £265.21 a week" in text
    _reader, text = _text(social_worker_client.get(reverse("planning:easy_read_pdf", kwargs={"pk": plan.pk})))
    assert "The council has not said yes to this plan yet" in text


def test_an_earlier_version_can_be_printed(social_worker_client, social_worker, approved):
    plan, _version, _budget = approved
    services.plan_version_start(actor=social_worker, plan=plan)
    response = social_worker_client.get(reverse("planning:pdf", kwargs={"pk": plan.pk}), {"version": "1"})
    assert "-v1.pdf" in response["Content-Disposition"]
    _reader, text = _text(response)
    assert "This is your support plan from 20 April 2026" in text
    latest = social_worker_client.get(reverse("planning:pdf", kwargs={"pk": plan.pk}))
    assert "not approved yet (version 2" in _text(latest)[1]


def test_the_citizen_gets_their_own_plan(citizen_client, approved):
    _reader, text = _text(citizen_client.get(reverse("my_plan:pdf")))
    assert "My personal budget is £310.21 a week" in text
    _reader, text = _text(citizen_client.get(reverse("my_plan:easy_read_pdf")))
    assert "I pay £45.00." in text
    page = citizen_client.get(reverse("my_plan:plan")).content.decode()
    assert reverse("my_plan:pdf") in page
    assert reverse("my_plan:easy_read_pdf") in citizen_client.get(reverse("my_plan:easy_read")).content.decode()


def test_a_citizen_without_a_plan_gets_not_found(citizen_client):
    assert citizen_client.get(reverse("my_plan:pdf")).status_code == 404


def test_only_those_who_may_see_the_plan_get_it_and_it_is_audited(provider_client, social_worker_client, approved):
    from ownway.accounts.models import AuditEvent

    plan, _version, _budget = approved
    assert provider_client.get(reverse("planning:pdf", kwargs={"pk": plan.pk})).status_code == 403
    before = AuditEvent.objects.filter(action=events.PLAN_VIEWED).count()
    social_worker_client.get(reverse("planning:pdf", kwargs={"pk": plan.pk}))
    assert AuditEvent.objects.filter(action=events.PLAN_VIEWED).count() == before + 1


def test_the_plan_says_how_to_ask_for_a_review_and_how_to_complain(social_worker_client, approved):
    plan, _version, _budget = approved
    _reader, text = _text(social_worker_client.get(reverse("planning:pdf", kwargs={"pk": plan.pk})))
    assert "You can ask us to review your plan at any time (Care Act 2014, section 27)" in text
    assert "within 12 months" in text
    assert "Local Government and Social Care Ombudsman" in text
    _reader, easy = _text(social_worker_client.get(reverse("planning:easy_read_pdf", kwargs={"pk": plan.pk})))
    assert "within 12 months" in easy
    assert "Ombudsman" in easy
