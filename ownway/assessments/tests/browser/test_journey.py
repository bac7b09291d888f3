"""The front half of the journey in a real browser, as people would use it, every page checked with axe.

A citizen asks for help through the public form; a social worker triages the referral (makes the
person's record, takes the contact), holds the conversations, assesses, sees the eligibility decision
and its reasons, and sends the letter; the team manager sees the work on the team's worklist.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.assessments.models import EligibilityDetermination
from ownway.frontdoor.models import Contact
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def _save(page: Page) -> None:
    page.get_by_role("button", name="Save and return to the task list").click()


def test_from_a_self_referral_to_the_decision_letter(page: Page, social_worker, team_manager):
    # A citizen refers herself, without signing in.
    page.goto("/refer/")
    page.get_by_label("Myself").check()
    page.get_by_label("First name of the person who needs help").fill("Mary")
    page.get_by_label("Last name of the person who needs help").fill("Seacole")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1940")
    page.get_by_label("Their postcode").fill("B18 7AB")
    page.get_by_label("Phone number we can call").fill("07700 900982")
    page.get_by_label("What is happening?").fill("I cannot manage meals or get to my lunch club since my fall.")
    page.get_by_role("button", name="Send request").click()
    reference = Contact.objects.get().reference
    expect(page.locator(".govuk-panel")).to_contain_text(reference)

    # A social worker triages it: makes the record, takes the contact.
    sign_in(page, "social_worker")
    page.get_by_role("link", name="Front door").click()
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", name="Whose record is this?")).to_be_visible()
    check_page(page, "journey-triage")
    page.get_by_role("button", name="Make a new person record from these details").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Contact linked to Mary Seacole")
    page.get_by_role("button", name="Give the contact to this worker").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Contact given to Sam Social")

    # Conversation 1, then conversation 3, which leads into an assessment.
    page.get_by_label("Conversation 1: listen and connect").check()
    page.get_by_role("group", name="How was the conversation held?").get_by_label("Telephone").check()
    page.get_by_label("What matters to the person").fill("Her lunch club on Wednesdays and her sister nearby.")
    page.get_by_role("button", name="Record the conversation").click()
    page.get_by_label("Conversation 3: build a good life").check()
    page.get_by_role("group", name="How was the conversation held?").get_by_label("Telephone").check()
    page.get_by_label("What matters to the person").fill("Cooking for herself again.")
    page.get_by_role("button", name="Record the conversation").click()
    check_page(page, "journey-conversations")
    page.get_by_role("button", name="Start a needs assessment").click()

    # The assessment.
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs assessment")
    page.get_by_role("link", name="What matters to them, strengths and networks").click()
    page.get_by_role("group", name="How was the assessment carried out?").get_by_label("Face to face").check()
    page.get_by_label("What matters to the person, in their own words").fill("Cooking for myself and my lunch club.")
    _save(page)
    page.get_by_role("link", name="Impairment, well-being, capacity and advocacy").click()
    page.get_by_role(
        "group", name="Do the needs arise from, or relate to, a physical or mental impairment or illness?"
    ).get_by_label("Yes").check()
    page.get_by_role(
        "group", name="Is there, or is there likely to be, a significant impact on their well-being?"
    ).get_by_label("Yes").check()
    page.get_by_label("Has capacity to take part and make these decisions").check()
    page.get_by_label("No advocate needed").check()
    _save(page)
    page.get_by_role("link", name="What they can and cannot achieve").click()
    page.get_by_role("group", name="Managing and maintaining nutrition").get_by_label(
        "Cannot do it without help, including prompting"
    ).check()
    page.get_by_role(
        "group", name="Making use of necessary facilities or services in the local community"
    ).get_by_label("Can, but it puts their own or other people's health or safety at risk").check()
    _save(page)

    # The decision with its reasons, confirmed, and the letter.
    page.get_by_role("link", name="Decide eligibility").click()
    expect(page.get_by_text("Their needs meet the eligibility criteria", exact=True)).to_be_visible()
    expect(page.get_by_text("reg 2(2)(a)").first).to_be_visible()
    page.get_by_label("Yes, I agree").check()
    page.get_by_role("button", name="Confirm the decision").click()
    assert EligibilityDetermination.objects.get().eligible
    page.get_by_role("link", name="The decision letter").click()
    expect(page.get_by_text("Mary Seacole").first).to_be_visible()
    check_page(page, "journey-letter")
    page.go_back()
    page.get_by_role("link", name="Send the letter").click()
    page.get_by_role("button", name="Send the letter").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose how the letter is sent")
    page.get_by_label("By post").check()
    page.get_by_label("Send the easy read version too").check()
    check_page(page, "journey-send-letter")
    page.get_by_role("button", name="Send the letter").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Letter sent: by post, to B18 7AB")
    expect(page.get_by_text("with the easy read version")).to_be_visible()

    # The team manager sees the team's work.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "team_manager")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("the team's work")
    check_page(page, "journey-team-worklist")
    # The decision closed the contact it came from, with its sequel: it no longer waits at the front door.
    expect(page.get_by_role("link", name=reference)).to_have_count(0)
    contact = Contact.objects.get(reference=reference)
    assert (contact.status, contact.outcome) == ("closed", "support_planning")
