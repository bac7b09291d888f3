"""Enablement in a real browser, as a new rosterer and worker would use it, every page checked with axe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.enablement import demo
from ownway.enablement.models import RotaVisit
from ownway.ui.tests.browser.helpers import PASSWORD, check_page, sign_in

pytestmark = pytest.mark.browser


def test_rosterer_optimises_adjusts_publishes_and_a_worker_sees_their_day(page: Page, new_context, settings):
    settings.OWNWAY_ENABLEMENT_ROTA_SECONDS = 1.0
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    team = demo.enablement_team()
    manager = UserFactory(username="rosterer", role=Role.ENABLEMENT_MANAGER, team=team)
    demo.make_team(manager=manager, team=team, day=tomorrow, workers=4, people=8)

    sign_in(page, "rosterer")
    page.get_by_role("link", name="Enablement").first.click()
    check_page(page, "enablement-home")
    page.get_by_role("link", name="Tomorrow's rota").click()
    check_page(page, "enablement-rota-empty")
    page.get_by_role("button", name="Run the optimiser").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Rota made.")
    check_page(page, "enablement-rota-draft")

    # Adjust one visit by hand: put it first in its own worker's day (a move the checker accepts or refuses).
    page.get_by_role("link", name="Move").first.click()
    check_page(page, "enablement-move")
    page.get_by_label("Place in their day").fill("0")
    page.get_by_role("button", name="Move the visit").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The place in the day is 1 or more")
    check_page(page, "enablement-move-error")
    page.get_by_label("Place in their day").fill("99")
    page.get_by_role("button", name="Move the visit").click()
    if page.locator(".govuk-error-summary").count():
        expect(page.locator(".govuk-error-summary")).to_contain_text("This move breaks a rule")
        page.get_by_role("link", name="Cancel").click()
    else:
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Visit moved")
    page.get_by_role("button", name="Publish the rota").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Rota published")
    check_page(page, "enablement-rota-published")

    page.goto("/enablement/dashboard/")
    expect(page.locator("table").first).to_contain_text("%")
    check_page(page, "enablement-dashboard")

    page.goto("/enablement/episodes/")
    check_page(page, "enablement-episodes")
    page.locator("tbody a").first.click()
    expect(page.get_by_role("heading", level=2, name="Goals, in their words")).to_be_visible()
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write what happened on the visit")
    check_page(page, "enablement-episode-errors")
    page.goto(f"/enablement/workforce/{tomorrow.isoformat()}/")
    check_page(page, "enablement-workforce")

    placed = RotaVisit.objects.filter(worker__isnull=False).select_related("worker__user").first()
    worker = placed.worker.user
    worker.set_password(PASSWORD)
    worker.save()
    phone = new_context(viewport={"width": 375, "height": 740}, is_mobile=True).new_page()
    sign_in(phone, worker.username)
    phone.goto(f"/enablement/my-day/?date={tomorrow.isoformat()}")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("My day")
    expect(phone.locator("main")).to_contain_text(placed.planned_visit.episode.person.full_name)
    check_page(phone, "enablement-my-day-phone")
    phone.get_by_role("link", name="Goals and notes for").first.click()
    phone.get_by_label("What happened on the visit").fill("Made a cup of tea with a little prompting")
    phone.get_by_role("button", name="Save the note").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text("Visit note saved")
    check_page(phone, "enablement-episode-phone")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the worker's day scrolls sideways on a phone ({width}px)"
