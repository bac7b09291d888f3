"""From a plan to a balance, in a real browser: a worker writes a plan with the person, a manager approves it,
the direct payment is set up and paid, a statement is imported and matched, and the person sees their money.
Every page is checked with axe."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ownway.jobs.worker import run_queued
from ownway.payments.models import AccountTransaction, Payment
from ownway.planning.models import PersonalBudget
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser
STATEMENT = Path(__file__).parents[3] / "payments" / "tests" / "data" / "statement.csv"


def _save(page: Page) -> None:
    page.get_by_role("button", name="Save and return to the plan").click()
    page.wait_for_load_state("load")


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")


def test_plan_to_balance(page: Page, person, citizen, social_worker, team_manager, finance_officer, settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"
    sign_in(page, "social_worker")
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Support plans and personal budgets").click()
    check_page(page, "plan-person-plans")
    page.get_by_label("Indicative budget a week").fill("300.00")
    page.get_by_label("Contribution a week").fill("45.00")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support plan, version 1")
    check_page(page, "plan-tasks")

    page.get_by_role("link", name="What the person wants, in their own words").click()
    page.get_by_role("button", name="Save and return to the plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write the outcome in the person's own words")
    check_page(page, "plan-outcome-error")
    page.get_by_label("What the person wants, in their own words").fill("I want to get up and out by ten")
    _save(page)

    page.get_by_role("link", name="How each outcome will be met").click()
    page.get_by_label("I want to get up and out by ten").check()
    page.get_by_label("Personal assistant hours").check()
    page.get_by_label("What the support is").fill("Help to get up, washed and dressed")
    page.get_by_label("Who gives it").fill("Ann Lee")
    page.get_by_label("PA's hourly pay").fill("13.00")
    page.get_by_label("How many").fill("20")
    page.get_by_label("How this part of the budget is managed").select_option("direct_payment")
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        page.get_by_label(f"{day} morning").check()
    check_page(page, "plan-line")
    _save(page)

    page.get_by_role("link", name="Risks, contingency, start date and the budget").click()
    page.get_by_label("Risks, and how they are managed").fill("Falls when getting up: Ann helps with the frame")
    page.get_by_label("What happens if something goes wrong").fill("If Ann is ill, my sister Mary comes")
    page.get_by_label("Why the plan costs more or less").fill("Twenty hours are needed to get up safely")
    page.get_by_label("Day").fill("20")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2026")
    _save(page)
    # 20 April 2026 is more than four weeks back: the page says what that means and asks to confirm it.
    expect(page.locator(".govuk-error-summary")).to_contain_text("more than 4 weeks ago")
    check_page(page, "plan-start-to-confirm")
    page.get_by_label("Yes, the support really started on this date").check()
    _save(page)
    expect(page.get_by_text("£301.71")).not_to_have_count(0)
    check_page(page, "plan-ready")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Waiting for approval")
    _sign_out(page)

    sign_in(page, "team_manager")
    page.get_by_role("link", name="Plans").first.click()
    check_page(page, "plan-approvals")
    page.get_by_role("link", name="Ada Lovelace").click()
    page.get_by_role("link", name="Decide whether to approve this plan").click()
    check_page(page, "plan-decide")
    page.get_by_label("Approve the plan").check()
    page.get_by_label("Reasons").fill("Meets Ada's outcome at a fair cost")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Approved")
    budget = PersonalBudget.objects.get()
    assert (budget.total_weekly, budget.council_weekly) == (Decimal("301.71"), Decimal("256.71"))
    _sign_out(page)

    sign_in(page, "social_worker")
    page.goto(f"/plans/{PersonalBudget.objects.get().version.plan_id}/")
    page.get_by_role("link", name="Set up the direct payment").click()
    check_page(page, "dp-set-up")
    page.get_by_label("Name on the account").fill("A LOVELACE DP")
    page.get_by_label("Sort code").fill("30-94-57")
    page.get_by_label("Account number").fill("12345678")
    page.locator("#id_agreed_on-day").fill("20")
    page.locator("#id_agreed_on-month").fill("4")
    page.locator("#id_agreed_on-year").fill("2026")
    page.get_by_role("button", name="Set up the direct payment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Direct payment DP")
    check_page(page, "dp-account-new")
    _sign_out(page)

    sign_in(page, "finance_officer")
    page.get_by_role("link", name="Direct payments").first.click()
    check_page(page, "dp-list")
    page.get_by_role("button", name="Pay what is due today").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pay what is due by")
    run_queued()  # the worker runs it; the page shows the result when it reloads
    page.reload()
    expect(page.locator(".govuk-summary-list")).to_contain_text("payments made")
    expect(page.locator(".govuk-summary-list")).to_contain_text("The next payments fall due on")
    check_page(page, "dp-run-done")
    page.get_by_role("link", name="Direct payments").first.click()
    # The first payment is pro rata: 14 of the 28 days from 6 April, at £256.71 a week.
    assert Payment.objects.order_by("period_start").first().amount == Decimal("513.42")
    page.get_by_role("link", name="DP0").first.click()
    page.get_by_label("Import a statement (CSV or OFX)").set_input_files(str(STATEMENT))
    page.get_by_role("button", name="Import the statement").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("7 transactions added")
    check_page(page, "dp-account-statement")
    assert AccountTransaction.objects.filter(category="plan_line").count() == 1
    page.get_by_role("link", name="Suspend").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    check_page(page, "dp-suspend-error")
    page.get_by_role("link", name="Back to the account").click()
    _sign_out(page)

    sign_in(page, "citizen")
    page.get_by_role("link", name="My plan").click()
    expect(page.get_by_text("I want to get up and out by ten")).to_be_visible()
    check_page(page, "my-plan")
    page.get_by_role("link", name="Read my plan in easy read").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan")
    check_page(page, "my-plan-easy-read")
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="My money").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("£293.32")
    check_page(page, "my-money")
