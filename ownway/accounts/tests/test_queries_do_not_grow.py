"""The main page of each role asks the database the same number of questions whatever the size of the council.

Each test measures a page on a small council, makes the council larger (more people, more open work, more
workers, more services) and measures it again: a page whose count grows with the data reads row by row
somewhere, and at the size of a large council (150,000 people) that is what makes it slow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.assessments.services import assessment_start
from ownway.frontdoor.models import ContactSource
from ownway.frontdoor.services import ContactData, contact_allocate, contact_create
from ownway.people.tests.factories import PersonFactory, code


def _queries(request: Callable[[], object]) -> int:
    request()  # once first, so that what is read once a process (content types, the site's settings) is read
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert getattr(response, "status_code", 200) == 200, response
    return len(captured.captured_queries)


def _grow(team, worker, manager, size: int, start: int) -> None:
    """``size`` more people on the team's caseload (Smiths among them), each with open work, and more workers."""
    today = timezone.localdate()
    for n in range(start, start + size):
        person = PersonFactory(
            team=team,
            first_name=f"Jo{n}",
            last_name="Smith" if n % 2 else "Smithson",
            named_worker=worker if n % 3 == 0 else None,
            primary_support_reason=code("primary_support_reason", "learning_disability"),
        )
        assessment_start(actor=worker, person=person, started_on=today - dt.timedelta(days=n % 50))
        contact = contact_create(
            actor=manager,
            data=ContactData(first_name=f"Ann{n}", last_name="Smith", reason="Falls", source=ContactSource.GP,
                             team=team),
        )  # fmt: skip
        if n % 2:
            contact_allocate(actor=manager, contact=contact, worker=worker)
        UserFactory(username=f"member{n}", role=Role.SOCIAL_WORKER, team=team, first_name=f"M{n}")


@pytest.fixture
def grow(team, social_worker, team_manager):
    def more(size: int, start: int = 0) -> None:
        _grow(team, social_worker, team_manager, size, start)

    return more


@pytest.mark.parametrize(
    ("who", "address"),
    [
        ("social_worker", "/people/?q=smi"),
        ("social_worker", "/people/?q=jo+smith"),
        ("social_worker", "/people/caseload/"),
        ("social_worker", "/assessments/my-work/"),
        ("social_worker", "/"),
        ("team_manager", "/assessments/team/"),
        ("team_manager", "/"),
        ("commissioner", "/"),
    ],
)
def test_a_page_asks_as_many_questions_for_a_large_council_as_for_a_small_one(request, grow, who, address):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    grow(3)
    small = _queries(lambda: client.get(address))
    grow(40, start=3)
    assert _queries(lambda: client.get(address)) == small


def test_the_api_people_search_asks_as_many_questions_for_many_people_as_for_few(grow, social_worker, api_client):
    client = api_client(social_worker)
    grow(3)
    small = _queries(lambda: client.get("/api/v1/people", {"q": "smith"}))
    grow(40, start=3)
    assert _queries(lambda: client.get("/api/v1/people", {"q": "smith"})) == small


def test_the_directory_search_asks_as_many_questions_for_many_services_as_for_few(client, db):
    from ownway.directory.demo import build_feed
    from ownway.directory.services import directory_import

    # Both more than a page of results (a page that is not full needs no count: one question fewer).
    directory_import(actor=None, payload=build_feed(services=45, seed=7), source="small")
    small = _queries(lambda: client.get("/directory/", {"q": "support"}))
    assert "45 results" in client.get("/directory/", {"q": "support"}).content.decode()
    directory_import(actor=None, payload=build_feed(services=180, seed=8), source="large")
    assert _queries(lambda: client.get("/directory/", {"q": "support"})) == small
