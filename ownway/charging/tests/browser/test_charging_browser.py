"""Charging in a real browser: the public estimator, and a financial assessment from the finance team
to the person's letter in plain English and easy read; every page checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.allocation.tests import conftest as allocation_fixtures
from ownway.ui.tests.browser.helpers import check_page, sign_in, visit

pytestmark = pytest.mark.browser
completed_assessment = allocation_fixtures.completed_assessment


def _confirm_2026_27(finance_officer):
    """The council checks the 2026/27 pension-age guarantee and sets it (so it is confirmed)."""
    import datetime as dt

    from ownway.charging.services import charging_rule_set_save

    charging_rule_set_save(actor=finance_officer, year="2026/27", starts_on=dt.date(2026, 4, 6),
                           figures={"mig_single_pension_age": "241.45"})  # fmt: skip


def test_anyone_estimates_what_they_might_pay(page: Page, db):
    visit(page, "/how-much-might-i-pay/", "estimator")
    page.get_by_role("button", name="Work it out").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "estimator-errors")
    page.get_by_label("How old are you?").fill("70")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Your savings").fill("18450")
    page.get_by_label("State Pension, each week").fill("230.25")
    page.get_by_role("button", name="Work it out").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Up to £5.80 a week")  # 230.25 + 17 − 241.45
    expect(page.get_by_text("Tariff income from capital")).to_be_visible()
    check_page(page, "estimator-result")


def test_finance_officer_assesses_and_the_person_reads_it(page: Page, new_context, finance_officer, person, citizen):
    sign_in(page, "finance_officer")
    page.get_by_role("link", name="Financial assessments").click()
    check_page(page, "financial-assessments")
    page.get_by_label("The person's reference").fill(person.reference)
    page.get_by_role("button", name="Assess this person").click()
    check_page(page, "financial-assessment-form")
    page.get_by_label("Weekly cost of care").fill("300")
    page.get_by_label("State Pension (weekly)").fill("230.25")
    page.get_by_label("Private or work pension (weekly)").fill("60")
    page.get_by_role("button", name="Work out the contribution").click()
    # The 2026/27 pension-age figure is not confirmed: the letter is held, and staff are told why.
    expect(page.get_by_role("heading", level=1)).to_have_text("This letter cannot be sent yet")
    expect(page.get_by_text("mig single pension age (£241.45)")).to_be_visible()
    check_page(page, "financial-assessment-letter-held")
    person_page = new_context().new_page()
    sign_in(person_page, "citizen")
    person_page.get_by_role("link", name="What I pay").click()
    expect(person_page.get_by_text("Your letter about what you pay is not ready yet.")).to_be_visible()
    check_page(person_page, "financial-assessment-letter-not-ready")

    # The finance officer follows the held letter to the year's figures, confirms the figure it uses, saying
    # where they checked it; the contribution is worked out again and its letter goes to the person.
    page.get_by_role("link", name="Check and confirm the 2026/27 charging figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2026/27 charging figures")
    check_page(page, "charging-figures-year")
    page.get_by_label("Where you checked it: Guarantee for a single person of pension credit age").fill(
        "LAC(DHSC)(2026)1, annex, table 2"
    )
    page.get_by_role("button", name="Save the figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "1 figure saved. 1 contribution worked out again: its letter has gone to the person"
    )
    expect(page.locator("#id_mig_single_pension_age-hint")).to_contain_text("checked against LAC(DHSC)(2026)1")
    check_page(page, "charging-figures-year-saved")
    person_page.goto("/")
    person_page.get_by_role("link", name="What I pay").click()
    expect(person_page.locator(".govuk-inset-text")).to_contain_text("You pay £48.80 a week")
    check_page(person_page, "financial-assessment-letter")
    person_page.get_by_role("link", name="This letter in easy read").click()
    expect(person_page.get_by_text("each week").first).to_be_visible()
    check_page(person_page, "financial-assessment-easy-read")


def test_the_finance_team_finds_checks_and_corrects_the_figures(
    page: Page, new_context, finance_officer, administrator
):
    """From the home page to the years held, a year's figures with a mistake in two of them (each its own error),
    and a save refused because someone else saved first; every page checked with axe, and at 320 pixels."""
    sign_in(page, "finance_officer")
    page.get_by_role("link", name="Charging figures", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Charging figures")
    check_page(page, "charging-figures")
    page.get_by_role("link", name="2026/27").click()
    page.get_by_label("Carer premium", exact=True).fill("lots")
    page.get_by_label("Weeks of reablement that are free", exact=True).fill("six")
    page.get_by_role("button", name="Save the figures").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Carer premium must be an amount in pounds")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Weeks of reablement that are free must be a whole")
    check_page(page, "charging-figures-year-errors")
    # Someone else sets the carer premium meanwhile: this officer's save is refused, with both values shown.
    import datetime as dt

    from ownway.charging.services import charging_rule_set_save

    charging_rule_set_save(actor=administrator, year="2026/27", starts_on=dt.date(2026, 4, 6),
                           figures={"carer_premium": "48.15"})  # fmt: skip
    page.get_by_label("Carer premium", exact=True).fill("50.00")
    page.get_by_label("Weeks of reablement that are free", exact=True).fill("6")
    page.get_by_role("button", name="Save the figures").click()
    expect(page.locator("#stale-edit")).to_contain_text("£48.15")
    expect(page.locator("#stale-edit")).to_contain_text("£50.00")
    check_page(page, "charging-figures-year-stale")

    narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(narrow, "finance_officer")
    for path, name in (("/money/figures/", "narrow-charging-figures"), ("/money/figures/2026-27/",
                                                                       "narrow-charging-figures-year")):  # fmt: skip
        narrow.goto(path)
        scrolls = narrow.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert not scrolls, f"{path} scrolls sideways at 320 pixels"
        check_page(narrow, name)


def test_the_record_joins_up_budget_and_contribution(page: Page, new_context, finance_officer, social_worker, person,
                                                     citizen, completed_assessment):  # fmt: skip
    """The worker finds the latest budget and contribution on the person's record; the person, links to theirs."""
    from ownway.allocation.services import indicative_budget_calculate
    from ownway.allocation.tests.views.test_record_panel import ANSWERS

    indicative_budget_calculate(actor=social_worker, person=person, answers=ANSWERS, assessment=completed_assessment)
    _confirm_2026_27(finance_officer)
    sign_in(page, "finance_officer")
    page.goto(f"/money/person/{person.pk}/")
    page.get_by_label("Weekly cost of care").fill("300")
    page.get_by_label("State Pension (weekly)").fill("230.25")
    page.get_by_role("button", name="Work out the contribution").click()

    worker = new_context().new_page()
    sign_in(worker, "social_worker")
    visit(worker, f"/people/{person.pk}/", "person-record-with-money")
    worker.get_by_role("link", name="£90.00 a week indicative budget").click()
    expect(worker.get_by_role("heading", level=1)).to_contain_text("budget")
    check_page(worker, "budget-from-record")
    worker.go_back()
    worker.get_by_role("link", name="a week contribution").click()
    expect(worker.locator(".govuk-inset-text")).to_contain_text("a week")
    check_page(worker, "contribution-from-record")

    own = new_context().new_page()
    sign_in(own, "citizen")
    visit(own, f"/people/{person.pk}/", "own-record-with-money")
    own.get_by_role("link", name="What I pay", exact=True).last.click()
    expect(own.locator(".govuk-inset-text")).to_contain_text("a week")
    own.go_back()
    own.get_by_role("link", name="My budget", exact=True).last.click()
    expect(own.get_by_role("heading", level=1)).to_have_text("Your indicative budget")
