"""The header's links come from the permission policies: each role sees a link exactly when the permission
matrix lets them open its page, and the link of the page they are on is marked."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from ownway.accounts.tests.test_permission_matrix import PAGES, ROLES
from ownway.home.navigation import LINKS, navigation_for


def _texts(user, path: str = "/") -> list[str]:
    request = RequestFactory().get(path)
    request.user = user
    return [item["text"] for item in navigation_for(request)]


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_a_link_is_shown_exactly_when_the_matrix_lets_the_role_open_its_page(world, db, role):
    user = world.users[role]
    shown = set(_texts(user))
    for link in LINKS:
        allowed = PAGES[link.page].allows(world, role, None)
        assert (link.text in shown) == allowed, f"{role}: {link.text} ({link.page})"


def test_someone_not_signed_in_has_no_links():
    from django.contrib.auth.models import AnonymousUser

    assert _texts(AnonymousUser()) == []


def test_the_section_of_the_page_is_marked(world, db):
    request = RequestFactory().get("/people/caseload/")
    request.user = world.users["social_worker"]
    active = [item["text"] for item in navigation_for(request) if item["active"]]
    assert active == ["People"]
    citizen = world.users["citizen"]
    request = RequestFactory().get(f"/people/{citizen.person_id}/")
    request.user = citizen
    assert [item["text"] for item in navigation_for(request) if item["active"]] == ["My details"]


def test_the_commissioners_home_shows_the_citys_figures_and_when_they_were_counted(commissioner_client, person):
    page = commissioner_client.get("/").content.decode()
    assert "people who use services" in page
    assert "By primary support reason" in page
    assert "Counted at " in page
    assert person.last_name not in page  # counts, never a person


def test_the_commissioners_home_leads_to_the_day_opportunity_figures(commissioner_client):
    page = commissioner_client.get("/").content.decode()
    assert 'href="/day-opportunities/figures/"' in page
