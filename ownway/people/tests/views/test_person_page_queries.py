"""The person page asks the database the same number of times however many carers, and people cared for, a
record has, and asks whether the user may see the person once (with the record), whatever its panels ask."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ownway.people.models import CaringRelationship
from ownway.people.tests.factories import PersonFactory

#: The session and the user (2); the record with whether you see it, its code values (when it has any), and its opening
#: written (1 + 1 + 3); carers and the people cared for (2), whether you may open their records and their names shown
#: written (1 + 3); the panels (budget, financial assessment, assessments, day opportunities, reviews, safeguarding,
#: complaints, surveys: 8), and whether you are in the safeguarding team (1, kept for the request); whether the person
#: has an account or an open invitation (2); the carers' panel (the current caring relationships, the carers' offers of
#: an assessment, their carers' assessments and their contingency plans: 4; whether you may change each carer's record
#: is kept from the carers' look above); the carer's breaks and consents panel (1). At most twenty-eight, however many
#: carers; before the policies kept their answers for the request, the page asked whether you see the person once for
#: each panel, and carers and the people cared for apart.
MOST = 28


def _link(person, team, count: int) -> None:
    for _ in range(count):
        CaringRelationship.objects.create(carer=PersonFactory(team=team), cared_for=person, relationship="parent")
        CaringRelationship.objects.create(
            carer=person, cared_for=PersonFactory(team=team), relationship="friend_or_neighbour"
        )


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries]


@pytest.mark.django_db
def test_the_person_page_does_not_ask_more_with_more_carers(social_worker_client, person, team):
    url = f"/people/{person.pk}/"
    _link(person, team, 1)
    few = _queries(social_worker_client, url)
    _link(person, team, 19)
    many = _queries(social_worker_client, url)
    assert len(many) == len(few) <= MOST
    assert "Ada Lovelace" in social_worker_client.get(url).content.decode()


@pytest.mark.django_db
def test_the_person_page_asks_once_whether_you_see_the_person(social_worker_client, person, team):
    _link(person, team, 3)
    queries = _queries(social_worker_client, f"/people/{person.pk}/")
    # The record itself (with whether you see it) and whether you may open each carer's: no other look at people.
    assert len([sql for sql in queries if 'FROM "people_person"' in sql.split("WHERE")[0]]) == 2


@pytest.mark.django_db
def test_a_citizen_s_own_record_asks_no_more_with_more_carers(citizen_client, citizen, person, team):
    url = f"/people/{person.pk}/"
    _link(person, team, 1)
    few = _queries(citizen_client, url)
    _link(person, team, 19)
    assert len(_queries(citizen_client, url)) == len(few) <= MOST
