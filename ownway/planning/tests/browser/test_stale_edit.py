"""A save made after someone else's, in a real browser: refused, both shown, nothing typed lost; checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.planning import services
from ownway.planning.models import PlanVersion
from ownway.planning.tests.factories import draft_plan
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_a_stale_save_of_the_plan_shows_both_and_keeps_what_was_typed(page: Page, person, social_worker, team_manager):
    _plan, version = draft_plan(social_worker, person)
    sign_in(page, "social_worker")
    page.goto(f"/plans/version/{version.pk}/details/")
    page.get_by_label("Risks, and how they are managed").fill("None known")
    page.get_by_label("Yes, the support really started on this date").check()  # the plan started in April 2026
    # Meanwhile the team manager saves the same part of the plan.
    services.plan_version_update(actor=team_manager, version=PlanVersion.objects.get(pk=version.pk), risks="Falls")
    page.get_by_role("button", name="Save and return to the plan").click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Someone else changed this support plan")
    table = page.locator("#stale-edit")
    expect(table).to_contain_text("Falls")
    expect(table).to_contain_text("None known")
    expect(page.get_by_label("Risks, and how they are managed")).to_have_value("None known")
    check_page(page, "plan-stale-edit")
    page.get_by_label("Yes, the support really started on this date").check()
    page.get_by_role("button", name="Save and return to the plan").click()
    page.wait_for_load_state("load")
    assert PlanVersion.objects.get(pk=version.pk).risks == "None known"
