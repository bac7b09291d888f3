"""The person's support page and messages in a real browser: the citizen writes to their worker, the worker
answers from the list of messages waiting, and the citizen reads the answer; every page checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_the_person_writes_and_reads_the_answer(page: Page, new_context, citizen, person, social_worker):
    person.named_worker = social_worker
    person.save()
    sign_in(page, "citizen")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="My support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your support")
    check_page(page, "my-support")
    page.get_by_role("button", name="Send the message").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "my-support-errors")
    page.get_by_label("Your message").fill("Can my personal assistant come at 9 instead of 8?")
    page.get_by_role("button", name="Send the message").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your worker will answer within 3 working days")
    check_page(page, "my-support-sent")

    worker = new_context().new_page()
    sign_in(worker, "social_worker")
    worker.get_by_role("navigation", name="Main menu").get_by_role("link", name="Messages").click()
    check_page(worker, "messages-waiting")
    worker.get_by_role("link", name="Ada Lovelace").click()
    check_page(worker, "messages-person")
    worker.get_by_label("Your answer").fill("Yes, that is fine. I have told the agency.")
    worker.get_by_role("button", name="Send").click()
    expect(worker.locator(".govuk-notification-banner")).to_contain_text("Sent to Ada Lovelace")

    page.reload()
    expect(page.get_by_text("Yes, that is fine. I have told the agency.")).to_be_visible()
    check_page(page, "my-support-answered")
