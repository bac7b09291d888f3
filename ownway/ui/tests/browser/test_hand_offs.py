"""The hand-offs between steps, in a real browser, every page checked with axe: a worker invites a person to
an online account and the person sets it up; the finance team's list of people waiting for a financial
assessment; changing and taking out a line of a draft plan; letters waiting to be posted."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from ownway.jobs.worker import run_queued
from ownway.ui.tests.browser.helpers import check_page, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_worker_invites_a_person_who_sets_up_their_account(page: Page, new_context, social_worker, person):
    person.email = "ada@example.com"
    person.date_of_birth = dt.date(1957, 3, 27)
    person.save()
    sign_in(page, "social_worker")
    visit(page, f"/people/{person.pk}/", "person-without-account")
    page.get_by_role("link", name="Invite them to set up an online account").click()
    check_page(page, "account-invite")
    page.get_by_label("By email").check()
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The link is being emailed to ada@example.com")
    run_queued()  # the background job that emails the link
    link = re.search(r"/set-up-your-account/\S+/", mail.outbox[-1].body)
    assert link is not None

    own = new_context().new_page()
    visit(own, link.group(0), "account-set-up")
    own.get_by_label("Day").fill("28")
    own.get_by_label("Month").fill("3")
    own.get_by_label("Year").fill("1957")
    own.get_by_label("Choose a username").fill("ada.l")
    own.get_by_label("Choose a password").fill("purple kettle singing loudly")
    own.get_by_label("Type the password again").fill("purple kettle singing loudly")
    own.get_by_role("button", name="Set up my account").click()
    expect(own.locator(".govuk-error-summary")).to_contain_text("The date of birth does not match our record")
    check_page(own, "account-set-up-errors")
    own.get_by_label("Day").fill("27")
    own.get_by_label("Choose a password").fill("purple kettle singing loudly")
    own.get_by_label("Type the password again").fill("purple kettle singing loudly")
    own.get_by_role("button", name="Set up my account").click()
    expect(own.get_by_role("heading", level=1)).to_contain_text("Hello, Ada")
    check_page(own, "account-set-up-done")


def test_the_finance_team_finds_who_is_waiting_and_assesses_against_the_plan(
    page: Page, social_worker, finance_officer, person
):
    from ownway.charging.services import cost_of_care_set

    cost_of_care_set(
        actor=social_worker, person=person, weekly=Decimal("310.21"), charges_from=dt.date(2026, 4, 20),
        source="support plan version 1, approved 4 December 2026",
    )  # fmt: skip
    sign_in(page, "finance_officer")
    page.get_by_role("link", name="People waiting for a financial assessment").click()
    check_page(page, "finance-waiting")
    page.get_by_role("link", name=person.full_name).click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("The weekly cost of care is £310.21")
    check_page(page, "financial-assessment-from-plan")


def test_a_line_of_a_draft_is_changed_and_taken_out(page: Page, social_worker, person):
    from ownway.planning.tests.factories import draft_plan

    plan, _version = draft_plan(social_worker, person)
    sign_in(page, "social_worker")
    visit(page, f"/plans/{plan.pk}/", "plan-draft-with-changes")
    page.get_by_role("link", name="Change Community choir, Thursday evenings").click()
    check_page(page, "plan-line-change")
    page.get_by_label("How many").fill("2")
    page.get_by_role("button", name="Save and return to the plan").click()
    expect(page.get_by_text("£17.00 a week").first).to_be_visible()
    page.get_by_role("link", name="Remove Community choir, Thursday evenings").click()
    check_page(page, "plan-line-remove")
    page.get_by_role("button", name="Yes, take it out").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Taken out of the plan")


def test_letters_to_post_are_listed_for_printing(page: Page, social_worker, person):
    from ownway.people.services import letter_send

    person.address_line_1, person.town, person.postcode = "1 Canal Street", "Birmingham", "B1 1BB"
    person.save()
    letter_send(
        actor=social_worker, person=person, about="Your indicative budget", opening="", page="/",
        pdf="/budgets/1/letter.pdf", pdfs=lambda letter, easy_read: [],
    )  # fmt: skip
    sign_in(page, "social_worker")
    page.get_by_role("link", name="Letters to post").click()
    expect(page.get_by_text("1 Canal Street, Birmingham, B1 1BB")).to_be_visible()
    check_page(page, "letters-to-post")
    page.get_by_role("button", name=re.compile(f"Mark as posted.*the letter to {person.full_name}")).click()
    expect(page.get_by_text("There are no letters waiting to be posted")).to_be_visible()
