"""Every page and API answer that shows named people writes them to the audit trail: one row for each
person shown, so that each person's trail lists the lists they were seen in, at a bounded cost."""

from __future__ import annotations

import pytest

from ownway.accounts import events as account_events
from ownway.accounts.models import AuditEvent
from ownway.accounts.tests.trail import people_shown
from ownway.people import events
from ownway.people.models import CaringRelationship
from ownway.people.tests.factories import PersonFactory


def test_the_caseload_page_writes_each_person_it_shows(social_worker_client, social_worker, person, team):
    others = [PersonFactory(last_name=f"Zed{n}", team=team) for n in range(3)]
    social_worker_client.get("/people/caseload/")
    assert people_shown(events.CASELOAD_VIEWED, social_worker) == sorted([person.pk, *(p.pk for p in others)])


def test_the_caseload_audits_only_the_pagepeople_shown(
    social_worker_client, social_worker, team, django_assert_max_num_queries
):
    people = [PersonFactory(last_name=f"Person{n:03d}", team=team) for n in range(60)]
    social_worker_client.get("/people/caseload/?page=2")
    assert people_shown(events.CASELOAD_VIEWED, social_worker) == sorted(p.pk for p in people[50:])


def test_the_caseload_page_costs_the_same_however_many_people(social_worker_client, team, django_assert_num_queries):
    def look() -> None:
        # session and user; count; page; the audit rows, in one insert (in a savepoint)
        with django_assert_num_queries(7):
            assert social_worker_client.get("/people/caseload/").status_code == 200

    PersonFactory(team=team)
    look()
    for _ in range(30):
        PersonFactory(team=team)
    look()


def test_an_empty_list_still_records_the_look(social_worker_client, social_worker):
    social_worker_client.get("/people/caseload/?show=mine")
    assert people_shown(events.CASELOAD_VIEWED, social_worker) == [None]


def test_the_staff_home_page_writes_the_people_it_lists(social_worker_client, social_worker, person):
    person.named_worker = social_worker
    person.save()
    body = social_worker_client.get("/").content.decode()
    assert "Ada Lovelace" in body
    assert people_shown(events.NAMED_PEOPLE_LISTED, social_worker) == [person.pk]


def test_search_results_write_each_person_found(social_worker_client, social_worker, person, team):
    twin = PersonFactory(first_name="Adam", last_name="Lovelace", team=team)
    social_worker_client.get("/people/?q=lovelace")
    assert people_shown(events.PEOPLE_SEARCHED, social_worker) == sorted([person.pk, twin.pk])
    assert {e.new["query"] for e in AuditEvent.objects.filter(action=events.PEOPLE_SEARCHED)} == {"lovelace"}


def test_api_search_results_write_each_person_found(api_client, social_worker, person):
    api_client(social_worker).get("/api/v1/people", {"q": "lovelace"})
    assert people_shown(events.PEOPLE_SEARCHED, social_worker) == [person.pk]


def test_the_person_page_writes_their_carers_and_those_they_care_for(social_worker_client, social_worker, person, team):
    carer = PersonFactory(first_name="Annabella", last_name="Byron", team=team)
    cared_for = PersonFactory(first_name="Ada", last_name="King", team=team)
    CaringRelationship.objects.create(carer=carer, cared_for=person, relationship="parent")
    CaringRelationship.objects.create(carer=person, cared_for=cared_for, relationship="child")
    social_worker_client.get(f"/people/{person.pk}/")
    assert people_shown(events.CARERS_SHOWN, social_worker) == sorted([carer.pk, cared_for.pk])
    assert people_shown(events.PERSON_VIEWED, social_worker) == [person.pk]


def test_the_api_list_of_carers_writes_each_carer(api_client, citizen, person, team):
    carer = PersonFactory(first_name="Annabella", last_name="Byron", team=team)
    CaringRelationship.objects.create(carer=carer, cared_for=person, relationship="parent")
    api_client(citizen).get(f"/api/v1/people/{person.pk}/carers")
    assert people_shown(events.CARERS_SHOWN, citizen) == [carer.pk]


def test_possible_duplicates_shown_are_written(social_worker_client, social_worker, person, other_team_person):
    from ownway.people.tests.views.test_person_views import _valid_form

    person.nhs_number = "4010232137"
    person.save()
    other_team_person.first_name, other_team_person.last_name = "Mary", "Seacole"
    other_team_person.date_of_birth = person.date_of_birth
    other_team_person.save()
    born = person.date_of_birth
    form = _valid_form(
        **{
            "date_of_birth-day": str(born.day),
            "date_of_birth-month": str(born.month),
            "date_of_birth-year": str(born.year),
        }
    )
    social_worker_client.post("/people/new/", form)
    # The record the worker may open is shown, and written; the other team's is reported without details.
    assert people_shown(events.DUPLICATES_SHOWN, social_worker) == [person.pk]


def test_the_list_of_accounts_writes_the_people_whose_accounts_it_shows(administrator_client, administrator, citizen):
    administrator_client.get("/accounts/")
    assert people_shown(account_events.ACCOUNTS_LISTED, administrator) == [citizen.person_id]


@pytest.mark.parametrize("path", ["/people/caseload/", "/people/?q=lovelace", "/"])
def test_the_trail_of_a_person_shows_the_lists_they_were_seen_in(
    path, social_worker_client, team_manager_client, person, social_worker
):
    person.named_worker = social_worker
    person.save()
    social_worker_client.get(path)
    body = team_manager_client.get(f"/people/{person.pk}/history/").content.decode()
    assert "Sam Social (Social worker)" in body
