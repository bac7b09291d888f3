import datetime as dt

import pytest
from django.test import Client

from ownway.payments.models import DirectPaymentAgreement
from ownway.planning.models import PersonalBudget, PlanStatus, SupportPlan

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_worker_and_manager_build_approve_and_set_up_a_plan_through_the_pages(
    social_worker_client, team_manager, person, citizen_client
):
    response = social_worker_client.get(f"/plans/person/{person.pk}/")
    assert response.status_code == 200
    response = social_worker_client.post(
        f"/plans/person/{person.pk}/",
        {"indicative_budget_weekly": "300.00", "indicative_budget_source": "RAS", "contribution_weekly": "20.00"},
    )
    plan = SupportPlan.objects.get()
    assert response.url == f"/plans/{plan.pk}/"
    version = plan.versions.get()
    page = social_worker_client.get(f"/plans/{plan.pk}/").content.decode()
    assert "What the person wants, in their own words" in page
    social_worker_client.post(f"/plans/version/{version.pk}/outcome/", {"own_words": "I want to go swimming"})
    outcome = version.outcomes.get()
    bad = social_worker_client.post(
        f"/plans/version/{version.pk}/line/",
        {"outcome": outcome.pk, "kind": "pa_hours", "description": "PA to swim", "pa_hourly_rate": "10.00",
         "units": "10", "frequency": "weekly", "management": "direct_payment"},
    )  # fmt: skip
    assert "below the legal minimum of £12.21" in bad.content.decode()
    response = social_worker_client.post(
        f"/plans/version/{version.pk}/line/",
        {"outcome": outcome.pk, "kind": "pa_hours", "description": "PA to swim", "provider_name": "Ann Lee",
         "pa_hourly_rate": "13.00", "units": "20", "frequency": "weekly", "management": "direct_payment",
         "timetable": ["mon-morning", "wed-afternoon"]},
    )  # fmt: skip
    assert response.status_code == 302
    response = social_worker_client.post(
        f"/plans/version/{version.pk}/details/",
        {"risks": "Slipping at the pool", "contingency": "If Ann is ill, my brother takes me",
         "reason_for_difference": "Swimming needs two hours more", "starts_on-day": "20", "starts_on-month": "4",
         "starts_on-year": "2026"},
    )  # fmt: skip
    assert response.status_code == 302
    page = social_worker_client.get(f"/plans/{plan.pk}/").content.decode()
    assert "£301.71" in page
    assert "PA to swim (Ann Lee)" in page  # in the timetable
    social_worker_client.post(f"/plans/version/{version.pk}/submit/")
    version.refresh_from_db()
    assert version.status == PlanStatus.AWAITING_APPROVAL
    assert social_worker_client.get(f"/plans/version/{version.pk}/decide/").status_code == 200
    refused = social_worker_client.post(
        f"/plans/version/{version.pk}/decide/", {"decision": "approve", "reasons": "ok"}
    )
    assert "A team manager must approve" in refused.content.decode()
    manager = _client(team_manager)
    assert "Ada Lovelace" in manager.get("/plans/approvals/").content.decode()
    manager.post(f"/plans/version/{version.pk}/decide/", {"decision": "approve", "reasons": "Meets the outcome"})
    budget = PersonalBudget.objects.get()
    response = social_worker_client.post(
        f"/direct-payments/set-up/{budget.pk}/",
        {"recipient": "person", "recipient_name": "Ada Lovelace", "account_name": "A LOVELACE",
         "sort_code": "30-94-57", "account_number": "1234", "basis": "net", "starts_on-day": "20",
         "starts_on-month": "4", "starts_on-year": "2026", "agreed_on-day": "20", "agreed_on-month": "4",
         "agreed_on-year": "2026"},
    )  # fmt: skip
    assert "Enter an account number of 8 digits" in response.content.decode()
    response = social_worker_client.post(
        f"/direct-payments/set-up/{budget.pk}/",
        {"recipient": "person", "recipient_name": "Ada Lovelace", "account_name": "A LOVELACE",
         "sort_code": "30-94-57", "account_number": "12345678", "basis": "net", "starts_on-day": "20",
         "starts_on-month": "4", "starts_on-year": "2026", "agreed_on-day": "20", "agreed_on-month": "4",
         "agreed_on-year": "2026"},
    )  # fmt: skip
    agreement = DirectPaymentAgreement.objects.get()
    assert response.url == f"/direct-payments/{agreement.pk}/"
    mine = citizen_client.get("/my-plan/").content.decode()
    assert "“I want to go swimming”" in mine
    assert "My personal budget is <strong>£301.71 a week</strong>" in mine
    assert "I pay £20.00 a week" in mine
    assert "If Ann is ill, my brother takes me" in mine
    assert agreement.starts_on == dt.date(2026, 4, 20)
    easy = citizen_client.get("/my-plan/easy-read/").content.decode()
    assert "I have <strong>£301.71</strong> each week for my support." in easy
    assert "<strong>Monday</strong>: morning: PA to swim (Ann Lee)" in easy


def test_other_people_cannot_open_a_plan(social_worker, person, other_team_person, commissioner_client):
    from ownway.planning.tests.factories import draft_plan

    plan, _version = draft_plan(social_worker, person)
    assert commissioner_client.get(f"/plans/{plan.pk}/").status_code == 403
    assert commissioner_client.get("/plans/approvals/").status_code == 403


def test_a_citizen_without_a_plan_is_told_so(citizen_client):
    assert "You do not have an approved support plan yet" in citizen_client.get("/my-plan/").content.decode()
    assert "You do not get a direct payment" in citizen_client.get("/my-money/").content.decode()


def test_two_people_saving_the_same_plan_the_second_sees_both_and_loses_nothing(social_worker, team_manager, person):
    from ownway.planning.tests.factories import draft_plan
    from ownway.ui.tests.stale import refused_stale_save, version_on_page

    _plan, version = draft_plan(social_worker, person)
    url = f"/plans/version/{version.pk}/details/"
    worker, manager = _client(social_worker), _client(team_manager)
    # Both open the plan's details at the same version.
    worker_version = version_on_page(worker.get(url).content.decode())
    manager_version = version_on_page(manager.get(url).content.decode())
    details = {"contingency": "My brother", "starts_on-day": "20", "starts_on-month": "4", "starts_on-year": "2026"}
    saved = worker.post(url, {**details, "risks": "Falls at night: a pendant alarm", "lock_version": worker_version})
    assert saved.status_code == 302
    refused = manager.post(url, {**details, "risks": "None known", "lock_version": manager_version})
    page, table = refused_stale_save(refused, "support plan")
    assert "Risks, and how they are managed" in table
    assert "Falls at night: a pendant alarm" in table  # theirs, saved
    assert "None known" in table  # yours, not saved
    assert "My brother" not in table  # the same on both sides
    assert ">None known</textarea>" in page  # what they typed is still in the form
    version.refresh_from_db()
    assert version.risks == "Falls at night: a pendant alarm"
    # Having seen it, saving again keeps theirs.
    again = manager.post(url, {**details, "risks": "None known", "lock_version": version_on_page(page)})
    assert again.status_code == 302
    version.refresh_from_db()
    assert version.risks == "None known"


def test_sending_a_plan_changed_since_the_page_was_shown_is_refused(social_worker, team_manager, person):
    from ownway.planning import services
    from ownway.planning.tests.factories import draft_plan
    from ownway.ui.tests.stale import version_on_page

    plan, version = draft_plan(social_worker, person)
    worker = _client(social_worker)
    shown = version_on_page(worker.get(f"/plans/{plan.pk}/").content.decode())
    services.plan_version_update(actor=team_manager, version=version, risks="Falls at night")
    response = worker.post(f"/plans/version/{version.pk}/submit/", {"lock_version": shown}, follow=True)
    assert "Someone else changed this support plan while you were working on it" in response.content.decode()
    version.refresh_from_db()
    assert version.status == PlanStatus.DRAFT
