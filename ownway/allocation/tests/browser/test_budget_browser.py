"""An indicative budget in a real browser: the worker works it out, the person reads it and appeals,
someone else decides; every page checked with axe."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from ownway.allocation.models import BudgetAppeal, IndicativeBudget
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_worker_works_out_the_budget_and_the_person_appeals(
    page: Page, new_context, completed_assessment, citizen, team_manager
):
    sign_in(page, "social_worker")
    page.get_by_role("link", name="Budgets").click()
    check_page(page, "budget-worklist")
    page.get_by_role("link", name="Work out the budget for Ada Lovelace").click()
    check_page(page, "budget-questionnaire")
    page.get_by_role("button", name="Work out the budget").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "budget-questionnaire-errors")
    page.get_by_role("group", name="Is support needed at night?").get_by_label("No (0 points)").check()
    page.get_by_role("group", name="How is the person's unpaid carer managing?").get_by_label(
        "The carer is managing"
    ).check()
    page.get_by_role("button", name="Work out the budget").click()
    expect(page.locator(".govuk-panel")).to_contain_text("£90.00 a week")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Looking after yourself")
    check_page(page, "budget-staff")

    person_page = new_context().new_page()
    sign_in(person_page, "citizen")
    person_page.get_by_role("link", name="My budget").click()
    expect(person_page.get_by_role("heading", level=1)).to_have_text("Your indicative budget")
    expect(person_page.locator(".govuk-panel")).to_contain_text("£90.00 a week")
    check_page(person_page, "budget-citizen")
    person_page.get_by_role("link", name="Your budget in easy read").click()
    expect(person_page.get_by_text("You can have about £90.00 each week.")).to_be_visible()
    check_page(person_page, "budget-easy-read")
    person_page.get_by_role("link", name="Back").click()
    person_page.get_by_role("link", name="Ask us to look at the budget again").click()
    check_page(person_page, "budget-appeal")
    person_page.get_by_label("Why do you think your budget is not right?").fill("Nobody asked about my evenings.")
    person_page.get_by_role("button", name="Send").click()
    expect(person_page.get_by_text("will decide by")).to_be_visible()
    check_page(person_page, "budget-appealed")

    manager_page = new_context().new_page()
    sign_in(manager_page, "team_manager")
    manager_page.get_by_role("link", name="Budgets").click()
    manager_page.get_by_role("link", name="Budget appeals to decide").click()
    check_page(manager_page, "budget-appeals")
    manager_page.get_by_role("link", name="Ada Lovelace").click()
    manager_page.get_by_label("Keep the budget as it is").check()
    manager_page.get_by_label("Reasons for the decision").fill("Your evenings are covered by the community group.")
    check_page(manager_page, "budget-appeal-decide")
    manager_page.get_by_role("button", name="Record the decision").click()
    assert BudgetAppeal.objects.get().status == "not_upheld"

    person_page.reload()
    expect(person_page.get_by_text("We kept the budget the same")).to_be_visible()
    expect(person_page.get_by_text("Your evenings are covered by the community group.")).to_be_visible()
    check_page(person_page, "budget-appeal-decided")
    assert IndicativeBudget.objects.count() == 1


def test_commissioner_sees_the_fit_and_the_gaps(page: Page, commissioner, social_worker):
    from decimal import Decimal

    from ownway.allocation.models import PlanCostSample
    from ownway.allocation.rules.default_model import default_definition
    from ownway.allocation.services import indicative_budget_calculate
    from ownway.people.tests.factories import PersonFactory

    PlanCostSample.objects.bulk_create(
        PlanCostSample(points=p, weekly_cost=Decimal(p * 8 + (p % 3) * 5), age_band="65 to 84", client_group="x",
                       source="test")
        for p in range(1, 90)
    )  # fmt: skip
    answers = {q["code"]: q["options"][0]["code"] for q in default_definition()["questions"]}
    for n in range(5):
        person = PersonFactory(team=social_worker.team, date_of_birth=dt.date(1990 - n, 1, 1))
        indicative_budget_calculate(actor=social_worker, person=person, answers=answers | {"nights": "every_night"})
    sign_in(page, "commissioner")
    page.get_by_role("link", name="RAS calibration").click()
    expect(page.get_by_text("Fitted to 89 support plans")).to_be_visible()
    check_page(page, "ras-calibration")
