"""Every page works without JavaScript: a worker adds a person with JavaScript turned off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ownway.people.models import Person

from .fixtures import NewContext
from .helpers import check_page, sign_in, visit
from .test_people import fill_new_person

pytestmark = pytest.mark.browser


@pytest.fixture
def page_without_javascript(new_context: NewContext) -> Page:
    return new_context(java_script_enabled=False).new_page()


def test_add_a_person_without_javascript(page_without_javascript: Page, social_worker, person):
    page = page_without_javascript
    sign_in(page, "social_worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sam")
    assert page.evaluate("() => document.body.classList.contains('js-enabled')") is False
    check_page(page, "nojs-home")

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="People").click()
    page.get_by_label("Search for a person").fill("lovelace")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    check_page(page, "nojs-search-results")

    visit(page, "/people/new/", "nojs-person-create")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Enter a first name")).to_have_attribute("href", "#id_first_name")
    check_page(page, "nojs-person-create-errors")

    fill_new_person(page, first_name="Noor", last_name="Inayat Khan", born=("1", "1", "1954"))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noor Inayat Khan")
    created = Person.objects.get(first_name="Noor")
    expect(page).to_have_url(re.compile(rf"/people/{created.pk}/$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Record created for Noor Inayat Khan")
    check_page(page, "nojs-person-created")

    # Signing out is a form too, so it needs no JavaScript either.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
