"""The directory in a real browser, checked with axe on every page: the journeys of the issue's "done when"."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.directory.models import Service, ServiceChange
from ownway.ui.tests.browser.fixtures import NewContext
from ownway.ui.tests.browser.helpers import check_page, sign_in, visit

pytestmark = pytest.mark.browser


def test_citizen_finds_an_accessible_saturday_art_group_within_3_miles(new_context: NewContext, directory):
    # Without JavaScript, and without signing in: the search is a plain form.
    page = new_context(java_script_enabled=False).new_page()
    art = Service.objects.get(name="Saturday art group")
    location = art.service_at_locations.get().location
    feature = location.accessibility.exclude(feature="").values_list("feature", flat=True).first()

    visit(page, "/directory/", "directory-search-start")
    page.get_by_label("Arts and crafts").check()
    page.get_by_label("Postcode").fill(location.postcode)
    page.get_by_label("Distance").select_option("3")
    page.get_by_label("Saturday").check()
    label = {
        "step_free": "Step-free access",
        "accessible_toilet": "Accessible toilet",
        "hearing_loop": "Hearing loop",
        "accessible_parking": "Blue Badge parking",
        "quiet_space": "Quiet space",
        "changing_places": "Changing Places toilet (hoist and adult-sized changing bench)",
        "bsl": "British Sign Language (BSL) users welcome",
    }[feature]
    page.get_by_label(label, exact=True).check()
    page.get_by_label("Nearest first").check()
    page.get_by_role("button", name="Search").click()
    check_page(page, "directory-search-results")
    result = page.get_by_role("link", name="Saturday art group")
    expect(result).to_be_visible()
    expect(page.locator(".ownway-results li").first).to_contain_text("£5.50 a session")

    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saturday art group")
    expect(page.get_by_text("Every Saturday, 10am to 12:30pm")).to_be_visible()
    expect(page.get_by_text("£5.50 a session", exact=True)).to_be_visible()
    expect(page.get_by_text("plus Materials £1.50")).to_be_visible()
    check_page(page, "directory-service")


def test_search_errors_are_shown_the_govuk_way(page: Page, db):
    visit(page, "/directory/?postcode=B99+9ZZ&max_cost=lots", "directory-search-errors")
    expect(page.locator(".govuk-error-summary")).to_contain_text("We cannot find B99 9ZZ")


def test_provider_updates_a_listing_and_a_broker_approves_it(new_context: NewContext, provider_org, broker):
    service = Service.objects.filter(organization=provider_org).order_by("name").first()
    provider_page = new_context().new_page()
    sign_in(provider_page, "provider")
    visit(provider_page, "/directory/your-entries/", "directory-provider-entries")
    provider_page.get_by_role("link", name=f"Change {service.name}", exact=True).click()
    check_page(provider_page, "directory-provider-change")
    provider_page.get_by_label("Notice to people").fill("We now also meet on Sunday evenings")
    sessions = service.schedules.count()
    # A new session of its own, added without touching the published ones ("Add a session" works without
    # JavaScript: the page comes back with an empty row).
    provider_page.get_by_role("button", name="Add a session").click()
    new = sessions + 1
    provider_page.get_by_role("group", name=f"Session {new}: days it runs").get_by_label("Sunday").check()
    provider_page.get_by_label(f"Session {new}: starts at").fill("18:30")
    provider_page.get_by_label(f"Session {new}: finishes at").fill("20:30")
    check_page(provider_page, "directory-provider-change-new-session")
    provider_page.get_by_role("button", name="Send the change for review").click()
    expect(provider_page.get_by_text("Change sent")).to_be_visible()
    check_page(provider_page, "directory-provider-sent")

    broker_page = new_context().new_page()
    sign_in(broker_page, "broker")
    visit(broker_page, "/directory/review/", "directory-review-list")
    broker_page.get_by_role("link", name=service.name, exact=True).first.click()
    expect(broker_page.locator("ins").first).to_be_visible()
    expect(broker_page.get_by_role("cell", name="When it runs: a session added")).to_be_visible()
    expect(broker_page.get_by_text("Every Sunday, 6:30pm to 8:30pm")).to_be_visible()
    check_page(broker_page, "directory-review-change")
    broker_page.get_by_label("Approve and publish").check()
    broker_page.get_by_role("button", name="Save decision").click()
    expect(broker_page.get_by_text("change published")).to_be_visible()
    assert ServiceChange.objects.get().status == "approved"

    visit(provider_page, f"/directory/services/{service.pk}/", "directory-service-updated")
    expect(provider_page.get_by_text("We now also meet on Sunday evenings")).to_be_visible()


def test_broker_keeps_the_register_of_personal_assistants(page: Page, broker):
    sign_in(page, "broker")
    visit(page, "/directory/personal-assistants/", "directory-personal-assistants")
    page.get_by_label("Name", exact=True).fill("Jo Bloggs")
    page.get_by_label("Phone number").fill("07700 900123")
    page.get_by_label("What they do well, in their own words").fill("Cooking and going to the gym")
    page.get_by_label("Postcode districts they work in").fill("B13, B14")
    page.get_by_label("When they are free").fill("Saturdays and weekday evenings")
    page.get_by_label("Hourly rate").fill("14.50")
    page.get_by_role("button", name="Add to the register").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("only be listed if they agree")
    check_page(page, "directory-personal-assistants-errors")
    page.get_by_label("They have agreed to be listed").check()
    page.get_by_role("button", name="Add to the register").click()
    expect(page.get_by_role("heading", name="Jo Bloggs")).to_be_visible()
    check_page(page, "directory-personal-assistants-listed")
