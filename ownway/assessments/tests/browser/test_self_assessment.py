"""The online self-assessment in a real browser, as a citizen and then a worker would use it, checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.assessments.models import Assessment, SelfAssessment, SelfAssessmentStatus
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser

OUTCOME_TITLES = [
    "Food and drink",
    "Keeping clean",
    "Using the toilet",
    "Getting dressed",
    "Moving around your home safely",
    "Looking after your home",
    "Family, friends and relationships",
    "Work, learning and volunteering",
    "Getting out and about",
    "Looking after a child",
]


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")


def test_a_citizen_fills_it_in_over_two_visits_and_a_worker_takes_it_on(page: Page, citizen, social_worker):
    sign_in(page, "citizen")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Self-assessment").click()
    check_page(page, "self-assessment-start")
    page.get_by_role("button", name="Start a self-assessment about me").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Who is filling in this form?")
    _continue(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose an answer to 'Who is filling in this form?'")
    check_page(page, "self-assessment-question-error")
    page.get_by_label("I am helping someone to fill it in").check()
    _continue(page)
    page.get_by_label("What is your name, and how do you know the person?").fill("Sam Lovelace, her son")
    _continue(page)
    page.get_by_label("What matters to you, and what would you like to be different?").fill(
        "Getting to my knitting group on Thursdays again."
    )
    check_page(page, "self-assessment-question-text")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your answers are saved")

    # Another day: carry on where they stopped.
    page.get_by_role("link", name="Carry on with your self-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What are you good at, and what do you enjoy?")
    for _optional in range(3):
        _continue(page)

    for title in OUTCOME_TITLES:
        expect(page.get_by_role("group")).to_contain_text(title)
        if title == "Food and drink":
            # A box, and their own words about it.
            page.get_by_label("I need someone to help me, or to remind me").check()
            page.get_by_label("Is there anything else you want to tell us about this?").fill("I drop pans.")
            check_page(page, "self-assessment-question-outcome")
        elif title == "Getting out and about":
            page.get_by_label("Doing it myself causes me a lot of pain, worry or distress").check()
        else:
            page.get_by_label("None of these: I manage this").check()
        _continue(page)

    page.get_by_label("Yes").check()
    _continue(page)
    page.get_by_label("Tell us about the good days and the bad days").fill("My arthritis flares every few weeks.")
    _continue(page)
    page.get_by_label("How do these things affect you and your life?").fill("I feel lonely and I eat less.")
    _continue(page)
    page.get_by_label("No").check()
    _continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending them")
    check_page(page, "self-assessment-check")
    page.get_by_role("link", name="Change what matters").click()
    page.get_by_label("What matters to you, and what would you like to be different?").fill(
        "Getting to my knitting group on Thursdays, and cooking for myself."
    )
    _continue(page)
    expect(page.get_by_text("and cooking for myself")).to_be_visible()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Your answers have been sent")
    check_page(page, "self-assessment-sent")
    assert SelfAssessment.objects.get().status == SelfAssessmentStatus.SUBMITTED

    # The worker finds it on their worklist and turns it into an assessment.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "social_worker")
    page.get_by_role("link", name="Assessments").click()
    check_page(page, "assessments-worklist-with-self-assessment")
    page.get_by_role("link", name="Ada Lovelace").click()
    expect(page.get_by_text("Sam Lovelace, her son")).to_be_visible()
    check_page(page, "self-assessment-review")
    page.get_by_role("button", name="Start an assessment from these answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs assessment")
    assessment = Assessment.objects.get()
    assert assessment.findings.filter(unable_without_assistance=True).get().outcome == "nutrition"
    assert "knitting group" in assessment.own_words
