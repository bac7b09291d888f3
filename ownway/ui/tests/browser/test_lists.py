"""Lists that grow, in a real browser: searched by name whatever the accents, sorted by a column header, a page
at a time, on a 320-pixel screen as on a wide one, every page checked with axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.frontdoor.models import ContactSource
from ownway.frontdoor.services import ContactData, contact_create_from_referral

from .fixtures import NewContext
from .helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def _fits(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} pixels wide"


@pytest.mark.parametrize("width", [320, 1024])
def test_accounts_and_contacts_are_searched_sorted_and_paged(new_context: NewContext, administrator, team, width):
    UserFactory(username="zoe.ob", first_name="Zoë", last_name="Ní Bhriain-Øster", role=Role.BROKER)
    for n in range(52):
        UserFactory(username=f"worker{n:02d}", first_name="Worker", last_name=f"Number {n:02d}", team=team)
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    sign_in(page, "administrator")
    page.goto("/accounts/")
    expect(page.locator(".govuk-pagination")).to_be_visible()
    _fits(page)
    check_page(page, f"accounts-{width}")
    page.get_by_role("link", name=re.compile(r"Username\W+sort ascending")).click()
    expect(page.get_by_role("columnheader", name=re.compile(r"Username\W+sort descending"))).to_have_attribute(
        "aria-sort", "ascending"
    )
    page.get_by_label("Find an account").fill("bhriain")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("region", name="1 account found")).to_contain_text("Zoë Ní Bhriain-Øster")
    _fits(page)
    check_page(page, f"accounts-found-{width}")


def test_open_contacts_are_found_and_sorted(new_context: NewContext, social_worker, team):
    for first, last in (("Zoë", "Ní Bhriain-Øster"), ("Ada", "Seacole")):
        contact = contact_create_from_referral(
            data=ContactData(first_name=first, last_name=last, reason="Needs help", source=ContactSource.SELF)
        )
        contact.team = team
        contact.save(update_fields=["team"])
    page = new_context(viewport={"width": 320, "height": 800}).new_page()
    sign_in(page, "social_worker")
    page.goto("/front-door/")
    page.get_by_role("link", name=re.compile(r"Received\W+sort descending")).click()
    expect(page.get_by_role("columnheader", name=re.compile(r"Received\W+sort ascending"))).to_have_attribute(
        "aria-sort", "descending"
    )
    page.get_by_label("Find an open contact").fill("zoe")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("region", name="1 open contact found")).to_contain_text("Zoë Ní Bhriain-Øster")
    _fits(page)
    check_page(page, "contacts-found")
