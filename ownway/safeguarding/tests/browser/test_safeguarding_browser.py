"""The safeguarding journey in a real browser: a neighbour reports suspected financial abuse anonymously, the
safeguarding team decides on a section 42 enquiry, asks the adult what they want, records and closes the enquiry
(outcomes partly achieved, risk reduced); another worker sees only the flag; the lead's return counts it. Every
page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.safeguarding.models import Concern, ConcernStatus
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def _group(page: Page, legend: str):
    return page.get_by_role("group", name=legend)


def test_a_neighbours_anonymous_concern_to_a_closed_enquiry(
    page: Page, new_context, safeguarder, safeguarding_lead, person, social_worker
):
    # The neighbour, not signed in.
    page.goto("/report-abuse/")
    check_page(page, "safeguarding-report")
    page.get_by_role("link", name="easy read").first.click()
    check_page(page, "safeguarding-report-easy-read")
    page.goto("/report-abuse/")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "safeguarding-report-errors")
    page.get_by_label("What is happening?").fill(
        "My neighbour, 84, says her nephew takes her bank card. Her fridge is empty."
    )
    page.get_by_label("Financial or material abuse").check()
    page.get_by_label("Name of the adult you are worried about (optional)").fill("Ada Lovelace")
    page.get_by_role("button", name="Send").click()
    concern = Concern.objects.get()
    expect(page.get_by_text(concern.reference).first).to_be_visible()
    check_page(page, "safeguarding-report-sent")
    assert concern.raiser_name == concern.raiser_email == concern.raiser_phone == ""

    # The safeguarding team links the concern to her record and decides on a s.42 enquiry.
    team = new_context().new_page()
    sign_in(team, "safeguarder")
    team.get_by_role("navigation", name="Main menu").get_by_role("link", name="Safeguarding").click()
    check_page(team, "safeguarding-worklist")
    team.get_by_role("link", name=concern.reference).click()
    check_page(team, "safeguarding-concern")
    team.get_by_label("Their Ownway reference").fill(person.reference)
    team.get_by_role("button", name="Link to their record").click()
    expect(team.get_by_text("Ada Lovelace").first).to_be_visible()
    _group(team, "Was the adult asked for their view?").get_by_label("Asked, and their view is recorded").check()
    team.get_by_label("What did they say, in their own words?").fill("I want my money safe. I love my nephew.")
    for legend, label, reasons in (
        ("Do they have needs for care and support (whether or not the council meets them)?",
         "Reasons about their needs for care and support", "Dementia, home care twice a day"),
        ("Are they experiencing, or at risk of, abuse or neglect?", "Reasons about abuse or neglect",
         "Withdrawals she did not make"),
        ("As a result of those needs, are they unable to protect themselves?", "Reasons about protecting themselves",
         "Cannot manage her account"),
    ):  # fmt: skip
        _group(team, legend).get_by_label("Yes").check()
        team.get_by_label(label).fill(reasons)
    _group(team, "Decision").get_by_label("Section 42 enquiry").check()
    team.get_by_role("button", name="Record the decision").click()
    expect(team.get_by_role("heading", name="Making Safeguarding Personal")).to_be_visible()
    check_page(team, "safeguarding-enquiry")

    # Closing before her outcomes and the risk are recorded is refused, clearly.
    team.get_by_role("button", name="Close the enquiry").click()
    expect(team.locator(".govuk-error-summary")).to_contain_text("before closing the enquiry")
    check_page(team, "safeguarding-enquiry-close-refused")
    asked = "Was the adult (or their representative) asked what they want to happen?"
    _group(team, asked).get_by_label("Yes, they were asked and outcomes were expressed").check()
    team.get_by_label("What do they want to happen, in their own words?").fill("My money safe")
    _group(team, "Who was asked?").get_by_label("The adult", exact=True).check()
    _group(team, "Did they lack capacity to make decisions about the enquiry?").get_by_label(
        "No, they did not lack capacity"
    ).check()
    _group(team, "Who supported them (Care Act s.68 advocacy)?").get_by_label("Not needed").check()
    team.get_by_role("button", name="Save what they want").click()
    expect(team.locator(".govuk-notification-banner")).to_contain_text("Saved")
    _group(team, "Type of risk (one or more)").get_by_label("Financial or material abuse").check()
    _group(team, "Where is the risk?").get_by_label("Their own home").check()
    _group(team, "Source of the risk (one or more)").get_by_label(
        "Someone they know: a relative or unpaid carer"
    ).check()
    team.get_by_label("Protection plan").fill("The bank is told; a new card only she holds")
    team.get_by_role("button", name="Save the risks").click()
    expect(team.locator(".govuk-notification-banner")).to_contain_text("Saved")
    _group(team, "Outcome of the risk assessment").get_by_label("Risk identified and action taken", exact=True).check()
    _group(team, "Risk outcome").get_by_label("Risk reduced", exact=True).check()
    _group(team, "Were the outcomes they wanted achieved?").get_by_label("Partly achieved", exact=True).check()
    team.get_by_role("button", name="Close the enquiry").click()
    expect(team.locator(".govuk-notification-banner")).to_contain_text("Enquiry closed")
    check_page(team, "safeguarding-enquiry-closed")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED
    assert concern.enquiry.msp_achieved.code == "partly"
    assert concern.enquiry.risk_outcome.code == "reduced"

    # Another worker who opens her record sees only that a matter exists (closed now: nothing at all of it).
    other = new_context().new_page()
    sign_in(other, "social_worker")
    response = other.goto(f"/safeguarding/concerns/{concern.pk}/")
    assert response is not None
    assert response.status == 403
    assert "nephew" not in other.content()

    # The lead's return counts it.
    lead = new_context().new_page()
    sign_in(lead, "safeguarding_lead")
    lead.goto("/safeguarding/return/")
    expect(lead.get_by_role("heading", level=1)).to_be_visible()
    check_page(lead, "safeguarding-return")
    expect(lead.get_by_text("Of outcomes expressed: Partially Achieved").first).to_be_visible()
