"""The issue's "Done when", tried on the demo city as a new user would, through the pages: a worker opens the
overdue reviews, holds the light-touch review the person started online, records progress on each outcome and
makes a new version of the plan with a new budget; a carer never assessed is offered an assessment, gets a plan
with a weekly break, and sees the cared-for person's plan only once their consent is recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.assessments.models import Assessment, AssessmentKind
from ownway.assessments.services import assessment_record_outcome, assessment_update, eligibility_determine
from ownway.carers.demo_breaks import generate_breaks
from ownway.carers.demo_offers import generate_carers_support
from ownway.carers.selectors_breaks import break_services
from ownway.carers.selectors_offers import carers_not_offered_for_user
from ownway.people.demo.builder import generate_city
from ownway.people.models import CaringRelationship
from ownway.planning import services as planning
from ownway.planning.demo import approved_plan_for_demo, generate_plans
from ownway.planning.models import PersonalBudget, PlanStatus
from ownway.reviews.demo import generate_reviews
from ownway.reviews.models import Review, ReviewStatus

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


@pytest.fixture
def demo(settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path
    generate_city(people=300, seed=5)
    generate_plans()
    generate_reviews()
    generate_carers_support()
    generate_breaks()
    citizen = User.objects.get(username="citizen")
    worker = User.objects.filter(role=Role.SOCIAL_WORKER, team=citizen.person.team).order_by("pk").first()
    manager = User.objects.filter(role=Role.TEAM_MANAGER, team=citizen.person.team).order_by("pk").first()
    return citizen, worker, manager


def test_a_worker_holds_a_light_touch_review_and_makes_a_new_plan_version(demo):
    citizen, worker, manager = demo
    staff, person = _client(worker), _client(citizen)
    # The overdue reviews, first on the team's list.
    due = staff.get(reverse("reviews:due")).content.decode()
    assert "Overdue by" in due
    # The person answers their review online, saves, comes back and sends it.
    review = Review.objects.filter(person=citizen.person, status=ReviewStatus.OPEN).order_by("due_on", "pk").first()
    outcomes = list(review.plan.versions.filter(status=PlanStatus.APPROVED).get().outcomes.order_by("position"))
    answers = {"working": "Ann is great", "not_working": "Mornings", "changed": "", "action": "save"}
    for outcome in outcomes:
        answers |= {f"progress_{outcome.pk}": "partly", f"words_{outcome.pk}": f"Getting there: {outcome.pk}"}
    assert "Your answers are saved" in person.post(reverse("my_review:review"), answers, follow=True).content.decode()
    sent = person.post(reverse("my_review:review"), answers | {"action": "send"}, follow=True).content.decode()
    assert "We have sent your answers to your worker" in sent
    # The worker finds the answers filled in, records progress on each outcome and decides on a new version.
    url = reverse("reviews:record", kwargs={"pk": review.pk})
    form = staff.get(url).content.decode()
    assert f"Getting there: {outcomes[0].pk}" in form
    record = {**_date("held_on", TODAY), "method": "person", "working": "Ann is great", "needs_changed": "yes",
              "decision": "new_version", "decision_reasons": "Mornings need another half hour"}  # fmt: skip
    for outcome in outcomes:
        record |= {f"progress_{outcome.pk}": "partly", f"words_{outcome.pk}": "Getting there"}
    done = staff.post(url, record, follow=True).content.decode()
    assert "A new version of the plan is ready to write with the person" in done
    review.refresh_from_db()
    draft = review.new_version
    old_budget = PersonalBudget.objects.get(version__plan=review.plan, status="current")
    # Another half hour each morning, sent and approved: a new budget.
    first = draft.outcomes.order_by("position").first()
    planning.plan_line_add(
        actor=worker, outcome=first, kind="service", description="Another half hour each morning",
        provider_name="Northfield Home Care", unit="hour", unit_cost=Decimal("24.00"), units=Decimal("3.5"),
        frequency="weekly", management="council_managed", service_type="Long Term Support: Community",
        service_component="Home Support", timetable=["mon-morning"],
    )  # fmt: skip
    draft.refresh_from_db()
    planning.plan_version_update(actor=worker, version=draft, starts_on=TODAY, confirm_start=True,
                                 reason_for_difference="A longer morning visit")  # fmt: skip
    draft.refresh_from_db()
    staff.post(reverse("planning:submit", kwargs={"pk": draft.pk}), {"lock_version": draft.lock_version})
    draft.refresh_from_db()
    assert draft.status == PlanStatus.AWAITING_APPROVAL
    approver = manager if draft.approver == "manager" else worker
    decided = _client(approver).post(reverse("planning:decide", kwargs={"pk": draft.pk}),
                                     {"decision": "approve", "reasons": "A longer morning visit"})  # fmt: skip
    assert decided.status_code == 302
    new_budget = PersonalBudget.objects.get(version=draft)
    assert new_budget.total_weekly == old_budget.total_weekly + Decimal("84.00")
    mine = person.get(reverse("my_plan:plan")).content.decode()
    assert "Another half hour each morning" in mine


def test_a_carer_never_assessed_is_offered_one_gets_a_weekly_break_and_sees_the_plan_after_consent(demo):
    _citizen, worker, manager = demo
    staff = _client(worker)
    caring = (
        CaringRelationship.objects.filter(carer__in=carers_not_offered_for_user(user=worker), ended_on__isnull=True,
                                          cared_for__team=worker.team)
        .select_related("carer", "cared_for")
        .order_by("pk")
        .first()
    )  # fmt: skip
    carer, cared_for = caring.carer, caring.cared_for
    assert carer.full_name in staff.get(reverse("carers:not_offered")).content.decode()
    # The person cared for has a plan in force.
    approved_plan_for_demo(worker, manager, cared_for, starts_on=TODAY - dt.timedelta(days=30))
    # Offered and accepted, from the pages.
    staff.post(reverse("carers:offer", kwargs={"pk": caring.pk}), {**_date("offered_on", TODAY), "method": "phone"})
    offer = carer.carer_assessment_offers.get()
    staff.post(reverse("carers:offer_answer", kwargs={"pk": offer.pk}),
               {"answer": "accepted", **_date("answered_on", TODAY), "declined_reason": ""})  # fmt: skip
    assessment = Assessment.objects.get(person=carer, kind=AssessmentKind.CARER)
    assessment_update(actor=worker, assessment=assessment, answers={
        "own_words": "I want an afternoon a week that is mine", "arises_from_providing_necessary_care": True,
        "health_deteriorating_or_at_risk": True, "significant_impact_on_wellbeing": True})  # fmt: skip
    assessment_record_outcome(actor=worker, assessment=assessment, outcome="recreation", unable_without_assistance=True)
    assert eligibility_determine(actor=worker, assessment=assessment).eligible
    # A carer's plan with a weekly break, approved.
    plan = planning.support_plan_start(actor=worker, person=carer, assessment=assessment,
                                       indicative_budget_weekly=Decimal("60.00"),
                                       indicative_budget_source="Agreed at the carer's assessment")  # fmt: skip
    version = plan.versions.get()
    line = planning.plan_line_add(
        actor=worker, outcome=version.outcomes.get(), kind="service", description="A break: sitting on Tuesdays",
        provider_name="Crossroads Care", unit="hour", unit_cost=Decimal("19.50"), units=Decimal(3),
        frequency="weekly", management="council_managed",
        service_type="Carer Support: Support involving the person cared-for",
        service_component="Other Long Term Support", timetable=["tue-afternoon"],
    )  # fmt: skip
    planning.plan_version_update(actor=worker, version=version, written_with=carer.first_name, risks="Tiredness",
                                 contingency="Crossroads sends another sitter", starts_on=TODAY,
                                 reason_for_difference="Less than the indicative budget")  # fmt: skip
    planning.plan_submit(actor=worker, version=version)
    version.refresh_from_db()
    approver = manager if version.approver == "manager" else worker
    planning.plan_approve(actor=approver, version=version, reasons="Meets the carer's outcome")
    # The weekly break, booked from the carer's record against the plan's line.
    service_id, _name = break_services()[0]
    tuesday = TODAY + dt.timedelta(days=(1 - TODAY.weekday()) % 7 or 7)
    booked = staff.post(reverse("carers:breaks", kwargs={"person_pk": carer.pk}), {
        "cared_for": str(cared_for.pk), "service": service_id, "kind": "weekly", "weekday": "1",
        **_date("starts_on", tuesday), "start_time": "13:00", "end_time": "16:00",
        "plan_line": str(line.pk)})  # fmt: skip
    assert booked.status_code == 302, booked.content.decode()[:3000]
    # The carer signs in: their break, but not the plan of the person they care for, until consent is recorded.
    account = UserFactory(username="newcarer", role=Role.CITIZEN, team=None, person=carer)
    own = _client(account).get(reverse("carers:mine")).content.decode()
    assert "Every Tuesday, 13:00 to 16:00" in own
    assert f"{cared_for.first_name} has not agreed to you seeing their plan or reviews" in own
    consented = staff.post(reverse("carers:consents", kwargs={"person_pk": cared_for.pk}), {
        "carer": str(carer.pk), "covers": ["plan"], **_date("given_on", TODAY)})  # fmt: skip
    assert consented.status_code == 302
    own = _client(account).get(reverse("carers:mine")).content.decode()
    assert f"{cared_for.first_name}&#39;s support plan" in own or f"{cared_for.first_name}'s support plan" in own
    assert "I want to get up and dressed without rushing" in own
