"""Person records in a real browser: finding, opening, adding, duplicates, refusals, the audit trail
and a citizen's own details."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ownway.accounts import events as account_events
from ownway.accounts.models import AuditEvent
from ownway.people import events
from ownway.people.models import Person

from .helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def fill_new_person(page: Page, *, first_name: str, last_name: str, born: tuple[str, str, str]) -> None:
    """Fill in the fields a new record needs, as a worker would."""
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("Last name").fill(last_name)
    date_of_birth = page.get_by_role("group", name="Date of birth", exact=True)
    for part, value in zip(("Day", "Month", "Year"), born, strict=True):
        date_of_birth.get_by_label(part).fill(value)
    page.get_by_label("NHS number (optional)").fill("401 023 2137")
    page.get_by_label("Address line 1").fill("12 Spring Hill")
    page.get_by_label("Town or city").fill("Birmingham")
    page.get_by_label("Postcode").fill("b18 7ab")
    page.get_by_role("group", name="Does the person have an unpaid carer?").get_by_label("No", exact=True).check()


def test_social_worker_finds_opens_and_adds_people(page: Page, social_worker, person):
    sign_in(page, "social_worker")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="People").click()
    check_page(page, "search")
    page.get_by_label("Search for a person").fill("love")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("table")).to_contain_text("1 person found")
    check_page(page, "search-results")

    page.get_by_role("link", name="Ada Lovelace").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(person.display_name)
    expect(page.get_by_text("Primary support reason")).to_be_visible()
    check_page(page, "person")
    assert AuditEvent.objects.filter(action=events.PERSON_VIEWED, person_id=person.pk, actor=social_worker).exists()

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="People").click()
    page.get_by_role("link", name="Add a person who is not on the system").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    check_page(page, "person-create")

    # Saving with nothing filled in: the error summary says what is missing and takes the focus.
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    for message in ("Enter a first name", "Enter a last name", "Enter date of birth"):
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Add a person"))
    check_page(page, "person-create-errors")
    summary.get_by_role("link", name="Enter a first name").click()
    expect(page.get_by_label("First name")).to_be_focused()

    # A date that is not real gets its own message.
    fill_new_person(page, first_name="Mary", last_name="Seacole", born=("31", "2", "1945"))
    page.get_by_role("button", name="Save").click()
    expect(summary).to_contain_text("Date of birth must be a real date")
    check_page(page, "person-create-date-error")

    page.get_by_role("group", name="Date of birth", exact=True).get_by_label("Day").fill("23")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mary Seacole")
    created = Person.objects.get(first_name="Mary", last_name="Seacole")
    expect(page.get_by_role("alert")).to_contain_text(f"Record created for Mary Seacole ({created.reference})")
    expect(page).to_have_url(re.compile(rf"/people/{created.pk}/$"))
    assert created.postcode == "B18 7AB"
    assert created.team == social_worker.team
    check_page(page, "person-created")


def test_duplicate_warning(page: Page, social_worker, person):
    sign_in(page, "social_worker")
    page.goto("/people/new/")
    born = person.date_of_birth
    fill_new_person(page, first_name="ada", last_name="LOVELACE", born=(str(born.day), str(born.month), str(born.year)))
    page.get_by_role("button", name="Save").click()
    warning = page.locator("#duplicates")
    expect(warning).to_contain_text("This may be someone who already has a record")
    expect(warning.get_by_role("link", name=re.compile(r"^Ada Lovelace, born"))).to_be_visible()
    expect(warning).to_contain_text("has the same name and date of birth")
    check_page(page, "person-create-duplicate")
    assert Person.objects.filter(last_name__iexact="lovelace").count() == 1

    page.get_by_label("I have checked, and this is a different person").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Record created for ada LOVELACE")
    assert Person.objects.filter(last_name__iexact="lovelace").count() == 2


def test_another_teams_person_is_refused(page: Page, social_worker, other_team_person):
    sign_in(page, "social_worker")
    response = page.goto(f"/people/{other_team_person.pk}/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    expect(page.locator("main")).not_to_contain_text("Babbage")
    check_page(page, "person-refused")
    assert AuditEvent.objects.filter(
        action=account_events.ACCESS_REFUSED, actor=social_worker, person_id=other_team_person.pk
    ).exists()


def test_team_manager_sees_who_has_looked(page: Page, team_manager, social_worker, person, new_context):
    # A social worker opens the record first, in their own browser.
    worker_page = new_context().new_page()
    sign_in(worker_page, "social_worker")
    worker_page.goto(f"/people/{person.pk}/")

    sign_in(page, "team_manager")
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="See who has looked at or changed this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at or changed this record")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Sam Social")
    expect(table).to_contain_text("Tara Manager")
    check_page(page, "audit-trail")


def test_social_worker_cannot_see_who_has_looked(page: Page, social_worker, person):
    sign_in(page, "social_worker")
    page.goto(f"/people/{person.pk}/")
    expect(page.get_by_role("link", name="See who has looked at or changed this record")).to_have_count(0)
    response = page.goto(f"/people/{person.pk}/history/")
    assert response is not None
    assert response.status == 403
    check_page(page, "audit-trail-refused")


def test_citizen_sees_only_their_own_details_and_changes_their_phone(page: Page, citizen, person, other_team_person):
    sign_in(page, "citizen")
    nav = page.get_by_role("navigation", name="Main menu")
    expect(nav.get_by_role("link", name="People")).to_have_count(0)
    nav.get_by_role("link", name="My details").click()
    expect(page).to_have_url(re.compile(rf"/people/{person.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(person.display_name)
    expect(page.get_by_role("heading", name="Care and support")).to_have_count(0)
    expect(nav.locator(".govuk-service-navigation__item--active")).to_have_text("My details")
    check_page(page, "citizen-details")

    for path in (f"/people/{other_team_person.pk}/", "/people/", "/people/new/", f"/people/{person.pk}/history/"):
        response = page.goto(path)
        assert response is not None
        assert response.status == 403, path
        expect(page.locator("main")).not_to_contain_text("Babbage")

    page.goto(f"/people/{person.pk}/")
    page.get_by_role("button", name="Change your details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your details")
    expect(page.get_by_label("First name")).to_have_count(0)
    check_page(page, "citizen-change-details")
    page.get_by_label("Phone (optional)").fill("0121 496 0000")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Your details have been saved")
    expect(page.get_by_text("0121 496 0000")).to_be_visible()
    check_page(page, "citizen-details-saved")
    person.refresh_from_db()
    assert person.phone == "0121 496 0000"
