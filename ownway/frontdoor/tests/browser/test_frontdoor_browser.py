"""The front door in a real browser: the public referral form and the staff worklist, checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.frontdoor.models import Contact
from ownway.ui.tests.browser.helpers import check_page, sign_in, visit

pytestmark = pytest.mark.browser


def test_someone_asks_for_help_without_signing_in(page: Page, db):
    visit(page, "/refer/", "referral-form")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "referral-form-errors")

    page.get_by_label("Myself").check()
    page.get_by_label("First name of the person who needs help").fill("Mary")
    page.get_by_label("Last name of the person who needs help").fill("Seacole")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1940")
    page.get_by_label("Their postcode").fill("B18 7AB")
    page.get_by_label("Phone number we can call").fill("07700 900982")
    page.get_by_label("What is happening?").fill("I cannot get up the stairs any more.")
    page.get_by_role("button", name="Send request").click()

    contact = Contact.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(contact.reference)
    check_page(page, "referral-sent")


def test_social_worker_records_and_opens_a_contact(page: Page, social_worker):
    sign_in(page, "social_worker")
    page.get_by_role("link", name="Front door").click()
    check_page(page, "front-door-worklist")
    page.get_by_role("button", name="Record a contact").click()
    check_page(page, "front-door-record-contact")
    page.get_by_label("GP").check()
    page.get_by_label("First name").fill("Mary")
    page.get_by_label("Last name").fill("Seacole")
    page.get_by_label("What is happening, in the person's own words").fill("Two falls this week.")
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mary Seacole")
    check_page(page, "front-door-contact")

    # Conversation 1, then close the contact with its outcome.
    page.get_by_label("Conversation 1: listen and connect").check()
    page.get_by_role("group", name="How was the conversation held?").get_by_label("Telephone").check()
    page.get_by_label("What matters to the person").fill("Her garden, and her sister nearby.")
    page.get_by_role("button", name="Record the conversation").click()
    expect(page.get_by_text("Her garden, and her sister nearby.")).to_be_visible()
    check_page(page, "front-door-conversation")
    page.get_by_role("button", name="Close the contact").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select how the contact ended")
    check_page(page, "front-door-close-errors")
    page.get_by_label("How did the contact end?").select_option(label="NFA: Information and advice or signposting")
    page.get_by_role("button", name="Close the contact").click()
    expect(page.get_by_text("Universal Services / Signposted to other services")).to_be_visible()
    check_page(page, "front-door-closed")
