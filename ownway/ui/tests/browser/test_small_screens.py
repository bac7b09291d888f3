"""Pages reflow on a phone-sized screen, 320 pixels wide (WCAG 1.4.10): nothing makes the page
scroll sideways; a wide table scrolls inside its own box, which a keyboard can scroll too."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .fixtures import NewContext
from .helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def _page_scrolls_sideways(page: Page) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"))


def test_pages_reflow_at_320_pixels(new_context: NewContext, team_manager, person):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(page, "team_manager")
    pages = {
        "home": "/",
        "search-results": "/people/?q=lovelace",
        "caseload": "/people/caseload/",
        "person": f"/people/{person.pk}/",
        "person-create": "/people/new/",
        "audit-trail": f"/people/{person.pk}/history/",
    }
    for name, path in pages.items():
        page.goto(path)
        assert not _page_scrolls_sideways(page), f"{path} scrolls sideways at 320 pixels"
        check_page(page, f"narrow-{name}")

    page.goto("/people/?q=lovelace")
    table_box = page.get_by_role("region", name="1 person found")
    table_box.focus()
    expect(table_box).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.ownway-table-scroll').scrollLeft > 0")


def test_the_persons_plan_and_money_pages_reflow_at_320_pixels(
    new_context: NewContext, person, citizen, social_worker, team_manager, finance_officer
):
    """The plan as the worker and the person read it, the direct payment and the financial assessment, at 320
    pixels wide: the assessment is recorded after the plan was approved and a payment made, so the budget's splits,
    the payment's changes and the contribution owed for days already paid are all shown."""
    import datetime as dt
    from decimal import Decimal

    from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
    from ownway.charging.services import financial_assessment_record
    from ownway.payments.services import payment_run
    from ownway.payments.tests.factories import agreement_for

    agreement = agreement_for(social_worker, team_manager, person)
    budget = agreement.budget
    payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))
    assessment = financial_assessment_record(
        actor=finance_officer,
        person=person,
        circumstances=Circumstances(
            age=70, weekly_cost_of_care=Decimal("300"), incomes=(Income(IncomeKind.STATE_PENSION, Decimal("230.25")),)
        ),
    )
    staff = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(staff, "team_manager")
    for name, path in {
        "plan": f"/plans/{budget.version.plan_id}/",
        "direct-payment": f"/direct-payments/{agreement.pk}/",
        "financial-assessment": f"/money/{assessment.pk}/",
    }.items():
        staff.goto(path)
        width = staff.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} pixels wide at 320 pixels"
        check_page(staff, f"narrow-{name}")
    own = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(own, "citizen")
    for name, path in {
        "my-plan": "/my-plan/",
        "my-plan-easy-read": "/my-plan/easy-read/",
        "my-money": "/my-money/",
    }.items():
        own.goto(path)
        width = own.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} pixels wide at 320 pixels"
        check_page(own, f"narrow-{name}")
