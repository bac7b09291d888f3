"""The person's review pages and their proposals in a real browser, in plain English and easy read, and the
worker's answer; every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.reviews.models import PlanProposal, ProposalStatus
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_the_person_proposes_in_easy_read_and_reads_the_answer(page: Page, new_context, approved, citizen):
    sign_in(page, "citizen")
    page.get_by_role("link", name="My review").click()
    check_page(page, "my-review")
    page.get_by_role("link", name="Read this page in easy read").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your review")
    check_page(page, "my-review-easy-read")
    page.get_by_role("link", name="Tell us what you want to change").click()
    check_page(page, "my-proposals-easy-read")
    page.get_by_role("button", name="Tell us what you want to change").click()
    page.get_by_role("button", name="Send to my worker").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "my-proposal-easy-read-errors")
    page.get_by_label("I want to do something new").check()
    page.get_by_label("Tell us what you want").fill("Go swimming on Saturdays")
    page.get_by_role("button", name="Send to my worker").click()
    expect(page.get_by_text("Your worker has not answered yet.")).to_be_visible()
    check_page(page, "my-proposals-easy-read-sent")

    worker = new_context().new_page()
    sign_in(worker, "social_worker")
    worker.get_by_role("link", name="Changes people want to their plans").click()
    check_page(worker, "proposals-worklist")
    worker.get_by_role("link", name="Ada Lovelace").click()
    check_page(worker, "proposal")
    worker.get_by_label("Agree: take it into a new version of the plan").check()
    worker.get_by_label("What to tell them").fill("Yes: we will add it to your plan when we meet.")
    worker.get_by_role("button", name="Send the answer").click()
    expect(worker.locator(".govuk-notification-banner")).to_contain_text("It is in version 2 of the plan")
    check_page(worker, "proposal-answered")
    assert PlanProposal.objects.get().status == ProposalStatus.ACCEPTED

    page.reload()
    expect(page.get_by_text("Your worker said yes.")).to_be_visible()
    check_page(page, "my-proposals-easy-read-answered")
    page.get_by_role("link", name="Read this page in standard English").click()
    expect(page.get_by_text("Yes: we will add it to your plan when we meet.")).to_be_visible()
    check_page(page, "my-proposals")
