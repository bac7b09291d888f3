"""Choosing a service from the directory for a plan line, in a real browser, every page checked with axe."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from ownway.planning import services
from ownway.planning.models import PlanLine
from ownway.planning.tests.factories import directory_service
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_a_line_from_the_directory(page: Page, person, social_worker):
    plan = services.support_plan_start(actor=social_worker, person=person)
    version = plan.versions.get()
    services.plan_outcome_add(actor=social_worker, version=version, own_words="I want to sing with other people")
    directory_service("Community choir", costs=(("Standard", "8.50", "price", "session"),))
    sign_in(page, "social_worker")
    page.goto(reverse("planning:line", kwargs={"pk": version.pk}))
    page.get_by_role("link", name="Choose a service from the directory").click()
    check_page(page, "plan-directory")
    page.get_by_label("Search the directory of services").fill("choir")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 service found for “choir”")).to_be_visible()
    check_page(page, "plan-directory-results")
    page.get_by_role("link", name=re.compile(r"^Use this service\s*: Community choir$")).click()
    expect(page.get_by_label("What the support is")).to_have_value("Community choir")
    expect(page.get_by_label("Cost of one unit")).to_have_value("8.50")
    check_page(page, "plan-line-from-directory")
    page.get_by_label("How this part of the budget is managed").select_option("direct_payment")
    page.get_by_role("button", name="Save and return to the plan").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Support plan, version 1")
    expect(page.get_by_text("Community choir – Friendly Day Services: £8.50 a week")).to_be_visible()
    assert PlanLine.objects.get(version=version).directory_service.name == "Community choir"
