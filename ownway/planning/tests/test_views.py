import datetime as dt
from decimal import Decimal

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
         "starts_on-year": "2026", "confirm_start": "on"},
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


# --- What shows a named person is written to the audit trail ----------------------------------------


def _approved(social_worker, team_manager, person):
    from ownway.payments.tests.factories import approved_budget

    return approved_budget(social_worker, team_manager, person)


def test_the_plans_waiting_for_approval_write_each_person_shown(social_worker, team_manager, person):
    from ownway.accounts.tests.trail import people_shown
    from ownway.planning import events
    from ownway.planning import services as planning_services
    from ownway.planning.tests.factories import draft_plan

    _plan, version = draft_plan(social_worker, person)
    planning_services.plan_submit(actor=social_worker, version=version)
    _client(team_manager).get("/plans/approvals/")
    assert people_shown(events.APPROVALS_LISTED, team_manager) == [person.pk]


def test_the_citizens_own_plan_page_is_audited(social_worker, team_manager, person, citizen, citizen_client):
    from ownway.accounts.tests.trail import people_shown
    from ownway.planning import events

    budget = _approved(social_worker, team_manager, person)
    for path in ("/my-plan/", "/my-plan/easy-read/"):
        assert citizen_client.get(path).status_code == 200
    assert people_shown(events.PLAN_VIEWED, citizen) == [person.pk, person.pk]
    from ownway.accounts.models import AuditEvent

    assert set(
        AuditEvent.objects.filter(action=events.PLAN_VIEWED, actor=citizen).values_list("subject_id", flat=True)
    ) == {str(budget.version.plan_id)}


@pytest.mark.parametrize(("path", "version"), [("/my-plan/pdf/", "plain"), ("/my-plan/easy-read/pdf/", "easy_read")])
def test_the_citizens_own_plan_pdf_is_audited(
    social_worker, team_manager, person, citizen, citizen_client, path, version
):
    from ownway.accounts.models import AuditEvent
    from ownway.planning import events

    _approved(social_worker, team_manager, person)
    assert citizen_client.get(path)["Content-Type"] == "application/pdf"
    taken = AuditEvent.objects.get(action=events.PLAN_DOWNLOADED, actor=citizen)
    assert taken.person_id == person.pk
    assert taken.new["version"] == version


def test_a_workers_plan_pdf_is_audited_as_a_copy_taken(social_worker, social_worker_client, team_manager, person):
    from ownway.accounts.models import AuditEvent
    from ownway.planning import events

    budget = _approved(social_worker, team_manager, person)
    social_worker_client.get(f"/plans/{budget.version.plan_id}/pdf/")
    taken = AuditEvent.objects.get(action=events.PLAN_DOWNLOADED, actor=social_worker)
    assert (taken.person_id, taken.new["version"]) == (person.pk, "plain")


def test_each_line_of_a_draft_can_be_changed_and_removed_on_screen(social_worker, social_worker_client, person):
    from ownway.planning.tests.factories import draft_plan

    plan, version = draft_plan(social_worker, person)
    line = version.lines.get(kind="service")
    page = social_worker_client.get(f"/plans/{plan.pk}/").content.decode()
    for each in version.lines.all():
        assert f"/plans/line/{each.pk}/change/" in page
        assert f"/plans/line/{each.pk}/remove/" in page
    form = social_worker_client.get(f"/plans/line/{line.pk}/change/").content.decode()
    assert 'value="Community choir, Thursday evenings"' in form
    assert f'name="directory_service" value="{line.directory_service_id}"' in form
    response = social_worker_client.post(
        f"/plans/line/{line.pk}/change/",
        {"outcome": line.outcome_id, "kind": "service", "description": "Community choir, twice a week",
         "directory_service": str(line.directory_service_id),
         "provider_name": "Friendly Day Services", "unit": "session", "unit_cost": "8.50", "units": "2",
         "frequency": "weekly", "management": "direct_payment", "timetable": ["tue-evening", "thu-evening"]},
    )  # fmt: skip
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.weekly_cost == Decimal("17.00")
    assert line.directory_service_id is not None  # still the service from the directory
    confirm = social_worker_client.get(f"/plans/line/{line.pk}/remove/").content.decode()
    assert "Community choir, twice a week" in confirm
    social_worker_client.post(f"/plans/line/{line.pk}/remove/")
    assert not version.lines.filter(pk=line.pk).exists()


def test_lines_of_another_teams_plan_cannot_be_changed(social_worker, other_team_person, person):
    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import TeamFactory, UserFactory
    from ownway.planning.tests.factories import draft_plan

    _plan, version = draft_plan(social_worker, person)
    line = version.lines.get(kind="unpaid")
    stranger = _client(UserFactory(username="elsewhere", role=Role.SOCIAL_WORKER, team=TeamFactory(name="East")))
    assert stranger.get(f"/plans/line/{line.pk}/change/").status_code == 403
    assert stranger.post(f"/plans/line/{line.pk}/remove/").status_code == 403
    assert version.lines.filter(pk=line.pk).exists()


def test_a_start_date_long_ago_is_confirmed_with_a_clear_message(social_worker, social_worker_client, person):
    from ownway.planning.tests.factories import draft_plan

    _plan, version = draft_plan(social_worker, person)
    data = {"risks": "Falls", "contingency": "My sister comes", "reason_for_difference": "Mary drives",
            "starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "2020"}  # fmt: skip
    page = social_worker_client.post(f"/plans/version/{version.pk}/details/", data).content.decode()
    assert "govuk-error-summary" in page
    assert "1 January 2020, more than 4 weeks ago" in page
    version.refresh_from_db()
    assert version.starts_on == dt.date(2026, 4, 20)
    response = social_worker_client.post(f"/plans/version/{version.pk}/details/", {**data, "confirm_start": "on"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.starts_on == dt.date(2020, 1, 1)


def test_the_approver_sees_when_the_plan_starts_and_that_it_is_backdated(social_worker, team_manager, person):
    from ownway.planning import services
    from ownway.planning.tests.factories import draft_plan

    _plan, version = draft_plan(social_worker, person)  # starts on 20 April 2026, confirmed by the worker
    services.plan_submit(actor=social_worker, version=version)
    page = _client(team_manager).get(f"/plans/version/{version.pk}/decide/").content.decode()
    assert "The plan starts on 20 April 2026" in page
    assert "more than 4 weeks ago" in page


def test_the_approvals_list_says_who_must_approve_and_then_who_approved(social_worker, team_manager, person):
    from ownway.planning import services
    from ownway.planning.tests.factories import draft_plan

    plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    manager = _client(team_manager)
    page = manager.get("/plans/approvals/").content.decode()
    assert "To be approved by" in page
    assert ">Approved by<" not in page
    assert "A team manager" in page
    services.plan_approve(actor=team_manager, version=version, reasons="Meets the outcomes")
    page = manager.get("/plans/approvals/").content.decode()
    assert "Approved in the last 4 weeks" in page
    assert "Tara Manager" in page
    plan_page = manager.get(f"/plans/{plan.pk}/").content.decode()
    assert "Approved by Tara Manager on" in plan_page


def test_two_people_saving_the_same_plan_the_second_sees_both_and_loses_nothing(social_worker, team_manager, person):
    from ownway.planning.tests.factories import draft_plan
    from ownway.ui.tests.stale import refused_stale_save, version_on_page

    _plan, version = draft_plan(social_worker, person)
    url = f"/plans/version/{version.pk}/details/"
    worker, manager = _client(social_worker), _client(team_manager)
    # Both open the plan's details at the same version.
    worker_version = version_on_page(worker.get(url).content.decode())
    manager_version = version_on_page(manager.get(url).content.decode())
    details = {"contingency": "My brother", "starts_on-day": "20", "starts_on-month": "4", "starts_on-year": "2026",
               "confirm_start": "on"}  # fmt: skip
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


@pytest.mark.parametrize("action", ["add", "change"])
def test_a_provider_name_longer_than_a_line_holds_is_a_message_and_saves_nothing(
    social_worker, social_worker_client, person, action
):
    from ownway.planning.tests.factories import draft_plan

    _plan, version = draft_plan(social_worker, person)
    line = version.lines.get(kind="service")
    url = f"/plans/version/{version.pk}/line/" if action == "add" else f"/plans/line/{line.pk}/change/"
    lines_before = list(version.lines.values_list("pk", "provider_name").order_by("pk"))
    response = social_worker_client.post(
        url,
        {"outcome": line.outcome_id, "kind": "service", "description": "Community choir", "provider_name": "x" * 201,
         "unit": "session", "unit_cost": "8.50", "units": "2", "frequency": "weekly", "management": "direct_payment"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Who gives it must be 200 characters or fewer" in response.content.decode()
    assert list(version.lines.values_list("pk", "provider_name").order_by("pk")) == lines_before


def test_the_line_service_refuses_names_longer_than_a_line_holds(social_worker, person):
    from django.core.exceptions import ValidationError

    from ownway.planning import services
    from ownway.planning.tests.factories import draft_plan

    _plan, version = draft_plan(social_worker, person)
    line = version.lines.get(kind="service")
    with pytest.raises(ValidationError) as raised:
        services.plan_line_update(
            actor=social_worker, line=line, outcome=line.outcome, kind="service", description="Choir",
            provider_name="x" * 201, recipient_name="y" * 201, unit="z" * 41, unit_cost=Decimal("8.50"),
            units=Decimal(2), frequency="weekly", management="direct_payment",
        )  # fmt: skip
    assert set(raised.value.message_dict) == {"provider_name", "recipient_name", "unit"}


def test_a_plan_approved_by_someone_else_meanwhile_is_not_approved_again(social_worker, team_manager, person):
    """Two managers open the same plan to approve it; the second is told it is approved now, and nothing is kept."""
    from ownway.accounts.tests.factories import UserFactory
    from ownway.planning import services
    from ownway.planning.tests.factories import draft_plan

    _plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    other_manager = UserFactory(username="second-manager", role=team_manager.role, team=team_manager.team)
    url = f"/plans/version/{version.pk}/decide/"
    first, second = _client(team_manager), _client(other_manager)
    assert second.get(url).status_code == 200  # opened while it waits for approval
    assert first.post(url, {"decision": "approve", "reasons": "Meets the outcomes"}).status_code == 302
    refused = second.post(url, {"decision": "approve", "reasons": "Fair cost"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "This support plan is now &#39;Approved&#39;, so you cannot approve it." in page
    assert "nothing has been saved" in page
    assert version.decisions.count() == 1
    assert PersonalBudget.objects.filter(version=version).count() == 1
