"""Signing in and out in a real browser, for every role, and the lockout after wrong passwords."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from ownway.accounts import events
from ownway.accounts.models import AuditEvent

from .helpers import check_page, sign_in, visit

pytestmark = pytest.mark.browser

#: Each role's fixture, and something only that kind of home page says.
ROLE_HOMES = [
    ("social_worker", "Find a person"),
    ("occupational_therapist", "Find a person"),
    ("team_manager", "Find a person"),
    ("broker", "people on the council's records"),
    ("finance_officer", "people on the council's records"),
    ("enablement_worker", "Find a person"),
    ("enablement_manager", "Find a person"),
    ("commissioner", "You see counts, never individual people's records"),
    ("administrator", "Manage accounts"),
    ("citizen", "This is your own space"),
    ("provider", "You are signed in for Friendly Day Services Ltd"),
]


def test_sign_in_page(page: Page, db):
    visit(page, "/sign-in/", "sign-in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Ownway")
    expect(page).to_have_title("Sign in – Ownway – Ownway City Council")


def test_public_pages(page: Page, db):
    visit(page, "/accessibility/", "accessibility-statement")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    page.get_by_role("link", name="Privacy").click()
    check_page(page, "privacy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy")
    response = page.goto("/no-such-page/")
    assert response is not None
    assert response.status == 404
    check_page(page, "not-found")


def test_sign_in_with_nothing_typed_shows_the_errors(page: Page, db):
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Enter your username")).to_be_visible()
    expect(summary.get_by_role("link", name="Enter your password")).to_be_visible()
    expect(page).to_have_title("Error: Sign in – Ownway – Ownway City Council")
    check_page(page, "sign-in-errors")
    summary.get_by_role("link", name="Enter your username").click()
    expect(page.get_by_label("Username")).to_be_focused()


@pytest.mark.parametrize(("role", "home_text"), ROLE_HOMES)
def test_each_role_signs_in_and_lands_on_home(page: Page, request, role: str, home_text: str):
    user = request.getfixturevalue(role)
    sign_in(page, user.username)
    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {user.first_name or user.username}")
    expect(page.get_by_text(home_text)).to_be_visible()
    expect(page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Home")).to_be_visible()
    check_page(page, f"home-{role}")
    assert AuditEvent.objects.filter(action=events.LOGIN, actor=user).count() == 1


def test_sign_out(page: Page, social_worker):
    sign_in(page, "social_worker")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    check_page(page, "signed-out")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))


def test_wrong_password_then_lockout(page: Page, social_worker):
    for attempt in range(1, settings.AXES_FAILURE_LIMIT):
        sign_in(page, "social_worker", password=f"wrong-{attempt}")
        expect(page.locator(".govuk-error-summary")).to_contain_text("The username or password is not right")
        if attempt == 1:
            check_page(page, "sign-in-wrong-password")
    response_statuses: list[int] = []
    page.on("response", lambda response: response_statuses.append(response.status))
    sign_in(page, "social_worker", password="wrong-again")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")
    assert 429 in response_statuses
    check_page(page, "locked-out")
    # Even the right password is refused now.
    sign_in(page, "social_worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")
    assert AuditEvent.objects.filter(action=events.LOGIN_LOCKED_OUT).exists()
    assert not AuditEvent.objects.filter(action=events.LOGIN, actor=social_worker).exists()
