"""An assessment in a real browser: the task list, each section and the decision, checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.assessments.models import EligibilityDetermination

from .helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_social_worker_assesses_and_decides(page: Page, social_worker, person):
    sign_in(page, "social_worker")
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("button", name="Start a needs assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs assessment")
    check_page(page, "assessment-tasks")

    page.get_by_role("link", name="What matters to them, strengths and networks").click()
    page.get_by_role("group", name="How was the assessment carried out?").get_by_label("Face to face").check()
    page.get_by_label("What matters to the person, in their own words").fill("I want to cook for my grandchildren.")
    check_page(page, "assessment-about")
    page.get_by_role("button", name="Save and return to the task list").click()

    page.get_by_role("link", name="Impairment, well-being, capacity and advocacy").click()
    page.get_by_role("button", name="Save and return to the task list").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "assessment-conditions-errors")
    page.get_by_role(
        "group", name="Do the needs arise from, or relate to, a physical or mental impairment or illness?"
    ).get_by_label("Yes").check()
    page.get_by_role(
        "group", name="Is there, or is there likely to be, a significant impact on their well-being?"
    ).get_by_label("Yes").check()
    page.get_by_label("Has capacity to take part and make these decisions").check()
    page.get_by_label("No advocate needed").check()
    page.get_by_role("button", name="Save and return to the task list").click()

    page.get_by_role("link", name="What they can and cannot achieve").click()
    page.get_by_role("group", name="Managing and maintaining nutrition").get_by_label(
        "Cannot do it without help, including prompting"
    ).check()
    page.get_by_role("group", name="Being appropriately clothed").get_by_label(
        "Can, but it causes significant pain, distress or anxiety"
    ).check()
    check_page(page, "assessment-outcomes")
    page.get_by_role("button", name="Save and return to the task list").click()

    page.get_by_role("link", name="Decide eligibility").click()
    expect(page.get_by_text("Their needs meet the eligibility criteria", exact=True)).to_be_visible()
    check_page(page, "assessment-decide")
    page.get_by_label("Yes, I agree").check()
    page.get_by_role("button", name="Confirm the decision").click()
    expect(page.get_by_text("Eligible", exact=True)).to_be_visible()
    check_page(page, "assessment-decided")
    assert EligibilityDetermination.objects.get().eligible

    page.get_by_role("link", name="The decision letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your assessment: our decision")
    check_page(page, "assessment-letter")
    _expect_pdf(page, "letter.pdf")
    page.get_by_role("link", name="This letter in easy read").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your assessment")
    check_page(page, "assessment-letter-easy-read")
    _expect_pdf(page, "easy-read.pdf")


def _expect_pdf(page: Page, ending: str) -> None:
    """The page's PDF link gives the letter as a PDF, with the signed-in session."""
    link = page.get_by_role("link", name="Download this letter (PDF)")
    href = link.get_attribute("href") or ""
    assert href.endswith(ending)
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def test_assessment_worklist(page: Page, social_worker, person):
    from ownway.assessments.services import assessment_start

    assessment_start(actor=social_worker, person=person)
    sign_in(page, "social_worker")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Assessments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessments in progress")
    expect(page.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    check_page(page, "assessment-worklist")
