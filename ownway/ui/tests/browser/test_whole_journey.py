"""The whole journey in a real browser, from asking for help to reading one's own budget, plan and money, with
no step outside the screens; every page checked with axe.

Someone refers themselves through the public form. A social worker triages the contact, holds the
conversations, assesses, decides eligibility (which closes the contact) and sends the decision letter, works
out the indicative budget (the person is sent it) and invites the person to an online account, which they set
up. The worker writes the plan with them and a team manager approves it, which puts the person on the finance
team's list. The finance officer assesses what they pay; the figure it uses is not confirmed, so the letter is
held until the officer confirms it on the figures page, and then it goes. The worker sets up the direct
payment and the finance officer pays what is due. The person reads their letters, budget, plan, what they pay
and their money.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from ownway.frontdoor.models import Contact
from ownway.jobs.worker import run_queued
from ownway.people.models import Person
from ownway.planning.models import SupportPlan
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")


def _save_task(page: Page) -> None:
    page.get_by_role("button", name="Save and return to the task list").click()


def _save_plan(page: Page) -> None:
    page.get_by_role("button", name="Save and return to the plan").click()
    page.wait_for_load_state("load")


def _refer_herself(page: Page) -> str:
    page.goto("/refer/")
    page.get_by_label("Myself").check()
    page.get_by_label("First name of the person who needs help").fill("Mary")
    page.get_by_label("Last name of the person who needs help").fill("Seacole")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1940")
    page.get_by_label("Their postcode").fill("B18 7AB")
    page.get_by_label("Phone number we can call").fill("07700 900982")
    page.get_by_label("Email address (optional)").fill("mary@example.com")
    page.get_by_label("What is happening?").fill("I cannot manage meals or get to my lunch club since my fall.")
    page.get_by_role("button", name="Send request").click()
    reference = Contact.objects.get().reference
    expect(page.locator(".govuk-panel")).to_contain_text(reference)
    expect(page.get_by_text("online account").first).to_be_visible()
    check_page(page, "whole-journey-referred")
    return reference


def _assess(page: Page, reference: str) -> None:
    page.get_by_role("link", name="Front door").click()
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Make a new person record from these details").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Contact linked to Mary Seacole")
    page.get_by_role("button", name="Give the contact to this worker").click()
    page.get_by_label("Conversation 1: listen and connect").check()
    page.get_by_role("group", name="How was the conversation held?").get_by_label("Telephone").check()
    page.get_by_label("What matters to the person").fill("Her lunch club on Wednesdays and her sister nearby.")
    page.get_by_role("button", name="Record the conversation").click()
    page.get_by_label("Conversation 3: build a good life").check()
    page.get_by_role("group", name="How was the conversation held?").get_by_label("Telephone").check()
    page.get_by_label("What matters to the person").fill("Cooking for herself again.")
    page.get_by_role("button", name="Record the conversation").click()
    page.get_by_role("button", name="Start a needs assessment").click()

    page.get_by_role("link", name="What matters to them, strengths and networks").click()
    page.get_by_role("group", name="How was the assessment carried out?").get_by_label("Face to face").check()
    page.get_by_label("What matters to the person, in their own words").fill("Cooking for myself and my lunch club.")
    _save_task(page)
    page.get_by_role("link", name="Impairment, well-being, capacity and advocacy").click()
    page.get_by_role(
        "group", name="Do the needs arise from, or relate to, a physical or mental impairment or illness?"
    ).get_by_label("Yes").check()
    page.get_by_role(
        "group", name="Is there, or is there likely to be, a significant impact on their well-being?"
    ).get_by_label("Yes").check()
    page.get_by_label("Has capacity to take part and make these decisions").check()
    page.get_by_label("No advocate needed").check()
    _save_task(page)
    page.get_by_role("link", name="What they can and cannot achieve").click()
    page.get_by_role("group", name="Managing and maintaining nutrition").get_by_label(
        "Cannot do it without help, including prompting"
    ).check()
    page.get_by_role(
        "group", name="Making use of necessary facilities or services in the local community"
    ).get_by_label("Can, but it puts their own or other people's health or safety at risk").check()
    _save_task(page)
    page.get_by_role("link", name="Decide eligibility").click()
    page.get_by_label("Yes, I agree").check()
    page.get_by_role("button", name="Confirm the decision").click()
    # The decision letter, sent the way the person chose (by post unless they asked for email).
    page.get_by_role("link", name="Send the letter").click()
    page.get_by_label("By email").check()
    page.get_by_role("button", name="Send the letter").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Letter sent")
    # The decision closed the contact it came from.
    contact = Contact.objects.get(reference=reference)
    assert (contact.status, contact.outcome) == ("closed", "support_planning")


def _budget_and_invitation(page: Page, person: Person) -> str:
    page.get_by_role("link", name="Budgets").click()
    page.get_by_role("link", name="Work out the budget for Mary Seacole").click()
    page.get_by_role("group", name="Is support needed at night?").get_by_label("No (0 points)").check()
    page.get_by_role("group", name="How is the person's unpaid carer managing?").get_by_label(
        "The carer is managing"
    ).check()
    page.get_by_role("button", name="Work out the budget").click()
    expect(page.locator(".govuk-panel")).to_contain_text("a week")
    check_page(page, "whole-journey-budget-staff")
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Invite them to set up an online account").click()
    page.get_by_label("By email").check()
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The link is being emailed to mary@example.com")
    run_queued()  # the background job that emails the link
    link = re.search(r"/set-up-your-account/\S+/", mail.outbox[-1].body)
    assert link is not None
    return link.group(0)


def _set_up_account(page: Page, link: str) -> None:
    page.goto(link)
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1940")
    page.get_by_label("Choose a username").fill("mary.seacole")
    page.get_by_label("Choose a password").fill("jamaica kettle lunch club")
    page.get_by_label("Type the password again").fill("jamaica kettle lunch club")
    page.get_by_role("button", name="Set up my account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello, Mary")
    check_page(page, "whole-journey-person-home")


def _write_the_plan(page: Page, person: Person) -> None:
    today = timezone.localdate()
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Support plans and personal budgets").click()
    page.get_by_role("button", name="Start the plan").click()
    # The plan starts from what matters to her, in her words from the assessment.
    expect(page.get_by_role("heading", name="“Cooking for myself and my lunch club.”")).to_be_visible()
    page.get_by_role("link", name="How each outcome will be met").click()
    page.get_by_label("Cooking for myself and my lunch club.").check()
    page.get_by_label("Personal assistant hours").check()
    page.get_by_label("What the support is").fill("Help to shop and cook")
    page.get_by_label("Who gives it").fill("Grace Jones")
    page.get_by_label("PA's hourly pay").fill("13.00")
    page.get_by_label("How many").fill("20")
    page.get_by_label("How this part of the budget is managed").select_option("direct_payment")
    for day in ("Monday", "Wednesday", "Friday"):
        page.get_by_label(f"{day} afternoon").check()
    _save_plan(page)
    page.get_by_role("link", name="Risks, contingency, start date and the budget").click()
    page.get_by_label("Risks, and how they are managed").fill("Burns: Grace stays while the hob is on")
    page.get_by_label("What happens if something goes wrong").fill("If Grace is ill, my sister comes")
    page.get_by_label("Why the plan costs more or less").fill("Cooking takes longer than the budget allows")
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    _save_plan(page)
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Waiting for approval")


def _approve(page: Page) -> None:
    page.get_by_role("link", name="Plans").first.click()
    page.get_by_role("link", name="Mary Seacole").click()
    page.get_by_role("link", name="Decide whether to approve this plan").click()
    page.get_by_label("Approve the plan").check()
    page.get_by_label("Reasons").fill("Meets Mary's outcome at a fair cost")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Approved")


def _assess_what_she_pays(page: Page) -> None:
    page.get_by_role("link", name="People waiting for a financial assessment").click()
    check_page(page, "whole-journey-finance-waiting")
    page.get_by_role("link", name="Mary Seacole").click()
    page.get_by_label("State Pension (weekly)").fill("230.25")
    page.get_by_label("Private or work pension (weekly)").fill("80")
    page.get_by_role("button", name="Work out the contribution").click()
    # A figure it uses is not confirmed for 2026/27: the letter is held, and the officer confirms the figure.
    expect(page.get_by_role("heading", level=1)).to_have_text("This letter cannot be sent yet")
    page.get_by_role("link", name="Check and confirm the 2026/27 charging figures").click()
    page.get_by_label("Where you checked it: Guarantee for a single person of pension credit age").fill(
        "LAC(DHSC)(2026)1, annex, table 2"
    )
    page.get_by_role("button", name="Save the figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("its letter has gone to the person")


def _set_up_and_pay(worker: Page, finance: Page) -> None:
    today = timezone.localdate()
    worker.get_by_role("link", name="Set up the direct payment").click()
    worker.get_by_label("Name on the account").fill("M SEACOLE")
    worker.get_by_label("Sort code").fill("30-94-57")
    worker.get_by_label("Account number").fill("12345678")
    worker.locator("#id_agreed_on-day").fill(str(today.day))
    worker.locator("#id_agreed_on-month").fill(str(today.month))
    worker.locator("#id_agreed_on-year").fill(str(today.year))
    worker.get_by_role("button", name="Set up the direct payment").click()
    expect(worker.get_by_role("heading", level=1)).to_contain_text("Direct payment DP")
    finance.get_by_role("link", name="Direct payments").first.click()
    finance.get_by_role("button", name="Pay what is due today").click()
    expect(finance.get_by_role("heading", level=1)).to_contain_text("Pay what is due by")
    run_queued()  # the worker runs it; the page shows the result when it reloads
    finance.reload()
    expect(finance.locator(".govuk-summary-list")).to_contain_text("1 payment made")


def test_from_asking_for_help_to_reading_ones_own_budget_plan_and_money(
    page: Page, new_context, social_worker, team_manager, finance_officer, settings, tmp_path
):
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"
    reference = _refer_herself(page)

    worker = new_context().new_page()
    sign_in(worker, "social_worker")
    _assess(worker, reference)
    person = Person.objects.get(last_name="Seacole")
    link = _budget_and_invitation(worker, person)
    _set_up_account(page, link)

    _write_the_plan(worker, person)
    manager = new_context().new_page()
    sign_in(manager, "team_manager")
    _approve(manager)

    finance = new_context().new_page()
    sign_in(finance, "finance_officer")
    _assess_what_she_pays(finance)
    worker.goto(f"/plans/{SupportPlan.objects.get(person=person).pk}/")
    _set_up_and_pay(worker, finance)

    # Mary reads it all herself: her letters, her budget, what she pays, her plan and her money.
    page.goto("/")
    letters = page.locator("main")
    for letter in ("decision", "indicative budget", "What you pay"):
        expect(letters).to_contain_text(re.compile(letter, re.IGNORECASE))
    check_page(page, "whole-journey-person-letters")
    page.get_by_role("link", name="My budget").click()
    expect(page.locator(".govuk-panel")).to_contain_text("a week")
    check_page(page, "whole-journey-person-budget")
    page.get_by_role("link", name="What I pay").click()
    expect(page.get_by_text("You pay £68.80 a week", exact=True)).to_be_visible()  # 230.25 + 80 − 241.45
    check_page(page, "whole-journey-person-pays")
    page.get_by_role("link", name="My plan").click()
    expect(page.get_by_text("Cooking for myself and my lunch club.").first).to_be_visible()
    check_page(page, "whole-journey-person-plan")
    page.get_by_role("link", name="My money").click()
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("My next payment")
    # Paid, but no statement from her bank yet: what is in the account is not known, so it is not said.
    expect(summary).to_contain_text("Not known yet: we have not had a statement from your bank")
    check_page(page, "whole-journey-person-money")
