"""Complaining in a real browser: a visitor's complaint with its errors, the easy read page, and a citizen's
answer in plain English and easy read; the complaints officer's worklist and complaint; every page checked with axe
(WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ownway.complaints.models import Complaint
from ownway.ui.tests.browser.helpers import check_page, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_visitor_complains_and_a_citizen_reads_the_answer(page: Page, new_context, citizen, person,
                                                           complaints_officer):  # fmt: skip
    visit(page, "/complain/", "complain")
    page.get_by_role("button", name="Send your complaint").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "complain-errors")
    page.get_by_label("Something else the council does").check()
    page.get_by_label("I do not want to give my name").check()
    page.get_by_label("What are you unhappy about?").fill("Nobody answers the phone at the day centre.")
    today = timezone.localdate()
    page.get_by_label("Day", exact=True).first.fill(str(today.day))
    page.get_by_label("Month", exact=True).first.fill(str(today.month))
    page.get_by_label("Year", exact=True).first.fill(str(today.year))
    page.get_by_role("button", name="Send your complaint").click()
    expect(page.get_by_text("we cannot reply to you")).to_be_visible()
    check_page(page, "complain-sent")
    visit(page, "/complain/easy-read/", "complain-easy-read")

    from ownway.complaints.services import (
        AcknowledgementData,
        ComplaintData,
        ResponseData,
        complaint_acknowledge,
        complaint_make_online,
        complaint_respond,
    )

    complaint = complaint_make_online(actor=citizen, person=person, data=ComplaintData(
        what_happened="I was charged for weeks the day centre was closed", matter_on=today))  # fmt: skip
    complaint_acknowledge(actor=complaints_officer, complaint=complaint, data=AcknowledgementData(
        acknowledged_on=today, how="Email", discussion_offered=True))  # fmt: skip
    complaint_respond(actor=complaints_officer, complaint=complaint, data=ResponseData(
        outcome="upheld", findings="You were charged for 3 closed weeks.",
        what_changed="We will pay back the money."))  # fmt: skip

    citizen_page = new_context().new_page()
    sign_in(citizen_page, "citizen")
    citizen_page.get_by_role("link", name="My complaints").click()
    check_page(citizen_page, "your-complaints")
    citizen_page.get_by_role("link", name=complaint.reference).click()
    expect(citizen_page.get_by_text("We will pay back the money.")).to_be_visible()
    check_page(citizen_page, "complaint-answer")
    citizen_page.get_by_role("link", name="Easy read version").click()
    expect(citizen_page.get_by_text("You were right. We got it wrong.")).to_be_visible()
    check_page(citizen_page, "complaint-answer-easy-read")

    officer = new_context().new_page()
    sign_in(officer, "complaints_officer")
    officer.get_by_role("link", name="Complaints", exact=True).click()
    check_page(officer, "complaints-worklist")
    anonymous = Complaint.objects.get(made_by="anonymous")
    officer.get_by_role("link", name=anonymous.reference).click()
    expect(officer.get_by_text("no reply can be sent")).to_be_visible()
    check_page(officer, "complaint")
