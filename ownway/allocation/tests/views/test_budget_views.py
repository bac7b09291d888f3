import pytest
from django.test import Client

from ownway.allocation.models import BudgetAppeal, IndicativeBudget


def _calculate(client, assessment):
    page = client.get(f"/budgets/assessment/{assessment.pk}/").content.decode()
    assert "suggested from the assessment" in page
    answers = {
        "nutrition": "full", "personal_hygiene": "a_lot", "toilet_needs": "none", "clothing": "none",
        "using_home_safely": "none", "habitable_home": "none", "relationships": "none",
        "community_facilities": "some", "work_training_education_volunteering": "none",
        "caring_for_a_child": "none", "nights": "none", "carer": "managing",
    }  # fmt: skip
    response = client.post(f"/budgets/assessment/{assessment.pk}/", answers)
    assert response.status_code == 302, response.content.decode()
    return IndicativeBudget.objects.get()


def test_worker_sees_the_budget_and_the_person_sees_the_same(
    social_worker_client, citizen_client, completed_assessment
):
    worklist = social_worker_client.get("/budgets/").content.decode()
    assert "Work out the budget for Ada Lovelace" in worklist
    budget = _calculate(social_worker_client, completed_assessment)
    assert "There are no assessments waiting" in social_worker_client.get("/budgets/").content.decode()
    staff = social_worker_client.get(f"/budgets/{budget.pk}/").content.decode()
    assert "£90.00 a week" in staff
    assert "version 1 of the Resource Allocation System" in staff
    response = citizen_client.get("/budgets/mine/")
    assert response.status_code == 302
    mine = citizen_client.get(response["Location"]).content.decode()
    assert "Your indicative budget" in mine
    assert "£90.00 a week" in mine
    assert "for looking after yourself because you need someone with you for all of preparing food" in mine
    assert "Ask us to look at the budget again" in mine
    easy = citizen_client.get(f"/budgets/{budget.pk}/easy-read/").content.decode()
    assert "You can have about £90.00 each week." in easy
    assert "Looking after yourself: £78.00" in easy


def test_questions_unanswered_are_errors(social_worker_client, completed_assessment):
    body = social_worker_client.post(f"/budgets/assessment/{completed_assessment.pk}/", {}).content.decode()
    assert "There is a problem" in body
    assert "Select an answer to: is support needed at night?" in body
    assert not IndicativeBudget.objects.exists()


def test_appeal_from_the_person_to_a_decision_they_can_read(
    citizen_client, social_worker_client, team_manager, completed_assessment
):
    budget = _calculate(social_worker_client, completed_assessment)
    body = citizen_client.post(f"/budgets/{budget.pk}/appeal/", {"reasons": ""}).content.decode()
    assert "Tell us why you think the budget is not right" in body
    response = citizen_client.post(f"/budgets/{budget.pk}/appeal/", {"reasons": "Nobody asked about nights."})
    assert response.status_code == 302
    appeal = BudgetAppeal.objects.get()
    assert "will decide by" in citizen_client.get(f"/budgets/{budget.pk}/").content.decode()
    # The assessor cannot decide; the team manager can.
    assert "There are no appeals for you to decide" in social_worker_client.get("/budgets/appeals/").content.decode()
    assert social_worker_client.get(f"/budgets/appeals/{appeal.pk}/").status_code == 403
    manager = Client()
    manager.force_login(team_manager)
    assert "Ada Lovelace" in manager.get("/budgets/appeals/").content.decode()
    body = manager.post(f"/budgets/appeals/{appeal.pk}/", {"outcome": "upheld", "reasons": "x"}).content.decode()
    assert "Enter the new weekly budget in pounds" in body
    response = manager.post(
        f"/budgets/appeals/{appeal.pk}/",
        {"outcome": "upheld", "revised_weekly_amount": "150", "reasons": "You need someone on call at night."},
    )
    assert response.status_code == 302
    latest = IndicativeBudget.objects.first()
    page = citizen_client.get(f"/budgets/{latest.pk}/").content.decode()
    assert "£150.00 a week" in page
    assert "You need someone on call at night." in page
    old = citizen_client.get(f"/budgets/{budget.pk}/").content.decode()
    assert "We changed the budget" in old


@pytest.mark.parametrize("client_fixture", ["commissioner_client", "provider_client"])
def test_others_cannot_see_budgets(request, client_fixture, social_worker_client, completed_assessment):
    budget = _calculate(social_worker_client, completed_assessment)
    client = request.getfixturevalue(client_fixture)
    assert client.get(f"/budgets/{budget.pk}/").status_code == 403


def test_commissioner_sees_calibration_and_fairness(commissioner_client, social_worker_client, completed_assessment):
    _calculate(social_worker_client, completed_assessment)
    page = commissioner_client.get("/budgets/calibration/").content.decode()
    assert "No support-plan costs have been loaded yet" in page
    assert "10 to 19 points" in page
    from decimal import Decimal

    from ownway.allocation.models import PlanCostSample

    PlanCostSample.objects.bulk_create(
        [PlanCostSample(points=32, weekly_cost=Decimal(400), age_band="18 to 24", client_group="a", source="t")] * 5
        + [PlanCostSample(points=33, weekly_cost=Decimal(250), age_band="85 and over", client_group="a", source="t")]
        * 5
        + [PlanCostSample(points=p, weekly_cost=Decimal(p * 9), source="t") for p in range(1, 80)]
    )
    page = commissioner_client.get("/budgets/calibration/").content.decode()
    assert "Fitted to 89 support plans" in page
    assert "Where the plan costs came from: t." in page
    assert "With 30 to 39 points of need, 18 to 24 get £400 a week on average but 85 and over get £250: 60% more" in (
        page
    )
    body = commissioner_client.get("/budgets/calibration/?thresholds=5,1").content.decode()
    assert "Thresholds must start at 0 and rise" in body
    assert social_worker_client.get("/budgets/calibration/").status_code == 403


def test_overdue_appeals_are_flagged(citizen, social_worker_client, team_manager_client, completed_assessment):
    import datetime as dt

    from ownway.allocation.services import budget_appeal_raise

    budget = _calculate(social_worker_client, completed_assessment)
    appeal = budget_appeal_raise(actor=citizen, budget=budget, reasons="Too low")
    assert "Overdue" not in team_manager_client.get("/budgets/appeals/").content.decode()
    BudgetAppeal.objects.filter(pk=appeal.pk).update(due_on=dt.date(2020, 1, 1))
    assert "Overdue" in team_manager_client.get("/budgets/appeals/").content.decode()


def test_worklist_is_for_those_who_work_out_budgets(citizen_client, finance_officer, other_team, completed_assessment):
    assert citizen_client.get("/budgets/").status_code == 403
    from ownway.accounts.tests.factories import UserFactory

    stranger = Client()
    stranger.force_login(UserFactory(username="elsewhere", role="social_worker", team=other_team))
    assert "There are no assessments waiting" in stranger.get("/budgets/").content.decode()


def test_the_budget_quotes_the_decision_on_a_request_and_says_how_to_complain(
    citizen_client, social_worker_client, team_manager, completed_assessment
):
    budget = _calculate(social_worker_client, completed_assessment)
    mine = citizen_client.get(f"/budgets/{budget.pk}/").content.decode()
    assert "within 12 months" in mine
    assert "Local Government and Social Care Ombudsman" in mine
    easy = citizen_client.get(f"/budgets/{budget.pk}/easy-read/").content.decode()
    assert "within 12 months" in easy
    assert "Ombudsman" in easy
    citizen_client.post(f"/budgets/{budget.pk}/appeal/", {"reasons": "Nobody asked about nights."})
    manager = Client()
    manager.force_login(team_manager)
    reasons = "You need someone on call at night."
    manager.post(f"/budgets/appeals/{BudgetAppeal.objects.get().pk}/",
                 {"outcome": "upheld", "revised_weekly_amount": "150", "reasons": reasons})  # fmt: skip
    revised = IndicativeBudget.objects.exclude(pk=budget.pk).get()
    for page in (citizen_client.get(f"/budgets/{pk}/").content.decode() for pk in (budget.pk, revised.pk)):
        assert f'<blockquote class="govuk-inset-text ownway-quoted-note">“{reasons}”</blockquote>' in page
        assert f"Why: {reasons}" not in page
        assert f"look again. {reasons}" not in page


# --- Each person a list shows is written to the audit trail -----------------------------------------


def test_the_budgets_to_work_out_write_each_person_shown(social_worker_client, social_worker, completed_assessment):
    from ownway.accounts.tests.trail import people_shown
    from ownway.allocation import events

    social_worker_client.get("/budgets/")
    assert people_shown(events.BUDGETS_TO_WORK_OUT_LISTED, social_worker) == [completed_assessment.person_id]


def test_the_appeals_to_decide_write_each_person_shown(social_worker_client, team_manager, completed_assessment):
    from ownway.accounts.tests.trail import people_shown
    from ownway.allocation import events
    from ownway.allocation.services import budget_appeal_raise

    budget = _calculate(social_worker_client, completed_assessment)
    budget_appeal_raise(actor=budget.calculated_by, budget=budget, reasons="Too low")
    manager = Client()
    manager.force_login(team_manager)
    manager.get("/budgets/appeals/")
    assert people_shown(events.APPEALS_LISTED, team_manager) == [budget.person_id]


def test_fairness_tables_mark_small_groups_and_the_sentences_come_from_them(
    commissioner_client, social_worker_client, completed_assessment
):
    from decimal import Decimal

    from ownway.allocation.models import PlanCostSample

    _calculate(social_worker_client, completed_assessment)  # one person: too few to compare
    PlanCostSample.objects.bulk_create(
        [PlanCostSample(points=32, weekly_cost=Decimal(102), age_band="25 to 64", client_group="a", source="t")] * 6
        + [PlanCostSample(points=33, weekly_cost=Decimal(69), age_band="85 and over", client_group="a", source="t")] * 3
    )
    page = commissioner_client.get("/budgets/calibration/").content.decode()
    budgets, plans = page.split("Support-plan costs against need", 1)
    # Each table marks its small groups, and the sentence above it says what was and was not compared.
    assert budgets.count("Too few to compare") == 2  # by age band and by client group
    assert "No two groups with equal need have 5 or more people each" in budgets
    assert "no group's mean budget differs" not in budgets.lower()
    assert plans.count("Too few to compare") == 1  # 85 and over, by age band; group "a" has 9 people
    assert "£69" in plans
    assert "£102" in plans
    assert "1 group has fewer than 5 people" in plans


def test_a_budget_below_the_lowest_band_says_band_once(social_worker, citizen_client, person, completed_assessment):
    from ownway.allocation.services import indicative_budget_calculate

    answers = {
        "nutrition": "some", "personal_hygiene": "none", "toilet_needs": "none", "clothing": "none",
        "using_home_safely": "none", "habitable_home": "none", "relationships": "none",
        "community_facilities": "none", "work_training_education_volunteering": "none",
        "caring_for_a_child": "none", "nights": "none", "carer": "managing",
    }  # fmt: skip
    budget = indicative_budget_calculate(
        actor=social_worker, person=person, answers=answers, assessment=completed_assessment
    )
    assert budget.band == "below the basic band"
    page = citizen_client.get(f"/budgets/{budget.pk}/").content.decode()
    assert "below the basic band" in page
    assert "band band" not in page
