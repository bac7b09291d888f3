"""The person endpoints of the JSON API, by role: the same access, checks and audit as the screens."""

import datetime as dt

import pytest
from django.utils import timezone

from ownway.accounts import events as account_events
from ownway.accounts.models import AuditEvent
from ownway.people import events
from ownway.people.models import CaringRelationship, Person
from ownway.people.tests.factories import PersonFactory, code

NEW_PERSON = {
    "first_name": "Mary",
    "last_name": "Seacole",
    "date_of_birth": "1945-11-23",
    "nhs_number": "401 023 2137",
    "postcode": "b18 7ab",
    "gender": "female",
    "ethnicity": "mixed_white_black_caribbean",
    "has_unpaid_carer": "no",
}


def _post(client, body):
    return client.post("/api/v1/people", data=body, content_type="application/json")


def _patch(client, pk, body):
    return client.patch(f"/api/v1/people/{pk}", data=body, content_type="application/json")


# --- Search ----------------------------------------------------------------------------------------


def test_search_finds_only_people_the_worker_may_see(api_client, social_worker, person, other_team_person):
    client = api_client(social_worker)
    found = client.get("/api/v1/people", {"q": "lovelace"}).json()
    assert found["count"] == 1
    assert found["items"][0]["id"] == person.pk
    assert found["items"][0]["team"] == {"id": person.team_id, "name": "North locality"}
    assert client.get("/api/v1/people", {"q": "babbage"}).json()["count"] == 0


def test_search_by_nhs_number_with_spaces(api_client, social_worker, team):
    PersonFactory(first_name="Mary", last_name="Seacole", nhs_number="4010232137", team=team)
    found = api_client(social_worker).get("/api/v1/people", {"q": "401 023 2137"}).json()
    assert [item["full_name"] for item in found["items"]] == ["Mary Seacole"]
    assert found["items"][0]["nhs_number"] == "4010232137"


def test_search_is_paged_with_a_total_count(api_client, social_worker, team):
    for n in range(23):
        PersonFactory(first_name=f"Pat{n:02d}", last_name="Smith", team=team)
    client = api_client(social_worker)
    first = client.get("/api/v1/people", {"q": "smith", "per_page": 10}).json()
    assert (first["count"], first["page"], first["per_page"], first["pages"]) == (23, 1, 10, 3)
    assert [item["first_name"] for item in first["items"]][:2] == ["Pat00", "Pat01"]
    last = client.get("/api/v1/people", {"q": "smith", "per_page": 10, "page": 3}).json()
    assert [item["first_name"] for item in last["items"]] == ["Pat20", "Pat21", "Pat22"]
    beyond = client.get("/api/v1/people", {"q": "smith", "per_page": 10, "page": 9}).json()
    assert beyond["items"] == []
    assert beyond["count"] == 23


def test_search_pages_cost_the_same_number_of_queries_however_many_match(
    social_worker_client, team, django_assert_num_queries
):
    def search():
        # session and user; count; page; the audit entry (in a savepoint)
        with django_assert_num_queries(7):
            assert social_worker_client.get("/api/v1/people", {"q": "smith", "per_page": 50}).status_code == 200

    PersonFactory(last_name="Smith", team=team, primary_support_reason=code("primary_support_reason", "mental_health"))
    search()
    for _ in range(20):
        PersonFactory(last_name="Smith", team=team)
    search()


def test_searches_are_audited(api_client, social_worker, person):
    api_client(social_worker).get("/api/v1/people", {"q": "lovelace"})
    event = AuditEvent.objects.get(action=events.PEOPLE_SEARCHED)
    assert event.actor == social_worker
    assert event.new == {"query": "lovelace", "page": 1, "results": 1}
    assert event.via == "api"


def test_search_needs_something_to_search_for(api_client, social_worker):
    response = api_client(social_worker).get("/api/v1/people")
    assert response.status_code == 422
    assert response.json()["errors"]["q"] == [
        "Enter a name, NHS number, date of birth (like 27/3/1957), postcode or reference to search for"
    ]


def test_search_paging_must_be_sensible(api_client, social_worker):
    response = api_client(social_worker).get("/api/v1/people", {"q": "smith", "page": "0", "per_page": "500"})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "page": ["Page must be 1 or more"],
        "per_page": ["Per page must be 100 or fewer"],
    }


def test_a_broker_searches_the_whole_council(api_client, broker, person, other_team_person):
    found = api_client(broker).get("/api/v1/people", {"q": "babbage"}).json()
    assert [item["id"] for item in found["items"]] == [other_team_person.pk]


@pytest.mark.parametrize("role", ["commissioner", "citizen", "provider"])
def test_roles_without_search_are_refused(api_client, request, role, person):
    response = api_client(request.getfixturevalue(role)).get("/api/v1/people", {"q": "lovelace"})
    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot search person records"}


# --- Opening a record ------------------------------------------------------------------------------


def test_a_worker_opens_their_teams_person_and_the_read_is_audited(api_client, social_worker, person):
    person.ethnicity = code("ethnicity", "asian_pakistani")
    person.nhs_number = "9434765919"
    person.save()
    response = api_client(social_worker).get(f"/api/v1/people/{person.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == person.reference
    assert body["date_of_birth"] == "1950-06-04"
    assert body["ethnicity"] == "asian_pakistani"
    assert body["ethnicity_label"] == "Asian or Asian British – Pakistani"
    assert body["gender"] is None
    assert body["has_unpaid_carer"] == "unknown"
    assert body["has_unpaid_carer_label"] == "Not known"
    assert AuditEvent.objects.filter(action=events.PERSON_VIEWED, actor=social_worker, person_id=person.pk).count() == 1


def test_another_teams_person_is_refused_and_the_refusal_audited(api_client, social_worker, other_team_person):
    response = api_client(social_worker).get(f"/api/v1/people/{other_team_person.pk}")
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have access to this person's record"}
    assert AuditEvent.objects.filter(
        action=account_events.ACCESS_REFUSED, actor=social_worker, person_id=other_team_person.pk, via="api"
    ).exists()
    assert not AuditEvent.objects.filter(action=events.PERSON_VIEWED).exists()


def test_a_named_worker_sees_their_person_in_another_team(api_client, social_worker, other_team_person):
    other_team_person.named_worker = social_worker
    other_team_person.save()
    response = api_client(social_worker).get(f"/api/v1/people/{other_team_person.pk}")
    assert response.status_code == 200
    assert response.json()["named_worker"] == {"id": social_worker.pk, "name": "Sam Social"}


def test_an_unknown_person_is_not_found(api_client, social_worker):
    response = api_client(social_worker).get("/api/v1/people/987654")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no person with ID 987654"}


def test_a_person_id_must_be_a_number(api_client, social_worker):
    response = api_client(social_worker).get("/api/v1/people/lovelace")
    assert response.status_code == 422
    assert response.json()["errors"] == {"person_id": ["Person ID must be a whole number"]}


def test_a_citizen_sees_only_themselves(api_client, citizen, person, other_team_person):
    client = api_client(citizen)
    assert client.get(f"/api/v1/people/{person.pk}").status_code == 200
    assert client.get(f"/api/v1/people/{other_team_person.pk}").status_code == 403
    assert AuditEvent.objects.filter(
        action=account_events.ACCESS_REFUSED, actor=citizen, person_id=other_team_person.pk
    ).exists()


@pytest.mark.parametrize("role", ["commissioner", "provider"])
def test_roles_that_see_no_records(api_client, request, role, person):
    user = request.getfixturevalue(role)
    response = api_client(user).get(f"/api/v1/people/{person.pk}")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action=account_events.ACCESS_REFUSED, actor=user, person_id=person.pk).exists()


# --- Creating a record ------------------------------------------------------------------------------


def test_a_worker_creates_a_person(api_client, social_worker):
    response = _post(api_client(social_worker), NEW_PERSON)
    assert response.status_code == 201
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert person.full_name == "Mary Seacole"
    assert person.date_of_birth == dt.date(1945, 11, 23)
    assert body["nhs_number"] == person.nhs_number == "4010232137"
    assert body["postcode"] == "B18 7AB"
    assert body["gender"] == "female"
    assert body["gender_label"] == "Female"
    assert body["ethnicity"] == "mixed_white_black_caribbean"
    assert body["ethnicity_label"]
    assert body["team"] == {"id": social_worker.team_id, "name": "North locality"}
    assert body["reference"].startswith("P")
    event = AuditEvent.objects.get(action=events.PERSON_CREATED)
    assert (event.actor, event.person_id, event.via) == (social_worker, person.pk, "api")


def test_a_person_can_be_allocated_with_a_named_worker(api_client, broker, other_team, social_worker):
    body = {**NEW_PERSON, "team_id": other_team.pk, "named_worker_id": social_worker.pk}
    response = _post(api_client(broker), body)
    assert response.status_code == 201
    assert response.json()["team"]["name"] == "South locality"
    assert response.json()["named_worker"]["name"] == "Sam Social"


def test_bad_details_are_reported_field_by_field_and_nothing_is_saved(api_client, social_worker):
    body = {
        **NEW_PERSON,
        "first_name": "  ",
        "date_of_birth": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        "nhs_number": "401 023 2138",
        "postcode": "12345",
        "gender": "woman",
        "email": "mary-at-example",
        "needs_interpreter": True,
        "language": "",
        "consent_to_share": True,
    }
    response = _post(api_client(social_worker), body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["first_name"] == ["Enter a first name"]
    assert errors["date_of_birth"] == ["Date of birth must be in the past"]
    assert errors["nhs_number"] == ["Enter a real NHS number: the last digit does not match the check digit"]
    assert errors["postcode"]
    assert errors["gender"] == ["Choose a gender from the list at /api/v1/code-lists/gender"]
    assert errors["email"] == ["Enter an email address in the correct format, like name@example.com"]
    assert errors["language"] == ["Enter the language the person needs an interpreter for"]
    assert errors["consent_recorded_on"] == ["Enter the date consent was recorded"]
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(action=events.PERSON_CREATED).exists()


def test_badly_shaped_details_are_reported_in_plain_words(api_client, social_worker):
    body = {
        "first_name": "Mary",
        "date_of_birth": "23/11/1945",
        "autism": "sometimes",
        "title": "x" * 21,
        "has_unpaid_carer": "maybe",
        "frist_name": "Mary",
    }
    response = _post(api_client(social_worker), body)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "last_name": ["Enter a last name"],
        "date_of_birth": ["Enter the date of birth as a real date in the format YYYY-MM-DD, like 1957-03-27"],
        "autism": ["Autism must be true or false"],
        "title": ["Title must be 20 characters or fewer"],
        "has_unpaid_carer": ["Has unpaid carer must be one of 'yes', 'no' or 'unknown'"],
        "frist_name": ["Remove frist_name: it is not a field you can send here"],
    }
    assert not Person.objects.exists()


def test_unknown_team_and_worker_are_reported(api_client, broker, commissioner):
    body = {**NEW_PERSON, "team_id": 999_999, "named_worker_id": commissioner.pk + 1000}
    errors = _post(api_client(broker), body).json()["errors"]
    assert errors["team_id"] == ["Choose a team from the list: there is no active team with ID 999999"]
    assert errors["named_worker_id"][0].startswith("Choose a named worker")


def test_a_body_that_is_not_json_is_refused(api_client, social_worker):
    response = api_client(social_worker).post("/api/v1/people", data="first_name=Mary", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body must be valid JSON"
    assert not Person.objects.exists()


def test_an_empty_body_asks_for_the_required_fields(api_client, social_worker):
    response = api_client(social_worker).post("/api/v1/people", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "first_name": ["Enter a first name"],
        "last_name": ["Enter a last name"],
        "date_of_birth": ["Enter a date of birth"],
    }


@pytest.mark.parametrize("role", ["commissioner", "citizen", "provider", "finance_officer"])
def test_roles_that_cannot_create_are_refused_before_anything_is_checked(api_client, request, role, person):
    # Even a likely duplicate is not reported: the refusal comes first, so nothing is revealed.
    body = {**NEW_PERSON, "first_name": "Ada", "last_name": "Lovelace", "date_of_birth": "1950-06-04"}
    response = _post(api_client(request.getfixturevalue(role)), body)
    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot create person records"}
    assert Person.objects.count() == 1


def test_a_likely_duplicate_is_reported_and_not_saved(api_client, social_worker, person):
    person.nhs_number = "4010232137"
    person.save()
    response = _post(api_client(social_worker), NEW_PERSON)
    assert response.status_code == 409
    body = response.json()
    assert "confirm_not_duplicate" in body["detail"]
    assert body["duplicates"] == [
        {
            "reason": "has the same NHS number",
            "description": f"{person.reference} Ada Lovelace, born 1950-06-04, has the same NHS number",
            "person": {
                "id": person.pk,
                "reference": person.reference,
                "full_name": "Ada Lovelace",
                "date_of_birth": "1950-06-04",
            },
        }
    ]
    assert Person.objects.count() == 1


def test_a_duplicate_the_worker_cannot_see_is_reported_without_details(api_client, social_worker, other_team_person):
    body = {**NEW_PERSON, "first_name": "charles", "last_name": "BABBAGE", "date_of_birth": "1950-06-04"}
    response = _post(api_client(social_worker), body)
    assert response.status_code == 409
    [duplicate] = response.json()["duplicates"]
    assert duplicate["person"] is None
    assert duplicate["reason"] == "has the same name and date of birth"
    assert "Babbage" not in response.content.decode()


def test_a_confirmed_different_person_is_saved(api_client, social_worker, person):
    body = {**NEW_PERSON, "first_name": "Ada", "last_name": "Lovelace", "date_of_birth": "1950-06-04"}
    client = api_client(social_worker)
    assert _post(client, body).status_code == 409
    response = _post(client, {**body, "confirm_not_duplicate": True})
    assert response.status_code == 201
    assert Person.objects.filter(first_name="Ada", last_name="Lovelace").count() == 2


# --- Changing a record -------------------------------------------------------------------------------


def test_a_worker_changes_only_the_fields_sent(api_client, social_worker, person):
    person.gender = code("gender", "female")
    person.save()
    response = _patch(
        api_client(social_worker),
        person.pk,
        {
            "phone": "0121 303 1234",
            "accommodation_status": "tenant_social",
            "gender": None,
            "nhs_number": "943 476 5919",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["phone"] == "0121 303 1234"
    assert body["accommodation_status"] == "tenant_social"
    assert body["accommodation_status_label"]
    assert body["gender"] is None
    person.refresh_from_db()
    assert (person.phone, person.nhs_number, person.first_name) == ("0121 303 1234", "9434765919", "Ada")
    event = AuditEvent.objects.get(action=events.PERSON_UPDATED)
    assert event.actor == social_worker
    assert event.old["phone"] == ""
    assert event.new["phone"] == "0121 303 1234"
    assert "first_name" not in event.new


def test_bad_changes_are_reported_and_nothing_changes(api_client, social_worker, person):
    before = Person.objects.get(pk=person.pk)
    response = _patch(
        api_client(social_worker),
        person.pk,
        {"phone": "0121 303 1234", "date_of_death": "1940-01-01", "employment_status": "astronaut"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "employment_status": ["Choose an employment status from the list at /api/v1/code-lists/employment_status"],
        "date_of_death": ["Date of death must be after the date of birth"],
    }
    after = Person.objects.get(pk=person.pk)
    assert (after.phone, after.date_of_death, after.updated_at) == (before.phone, None, before.updated_at)
    assert not AuditEvent.objects.filter(action=events.PERSON_UPDATED).exists()


def test_an_unchanged_retired_code_can_be_sent_back(api_client, social_worker, person):
    retired = code("accommodation_status", "night_shelter")
    person.accommodation_status = retired
    person.save()
    retired.is_active = False
    retired.save()
    client = api_client(social_worker)
    record = client.get(f"/api/v1/people/{person.pk}").json()
    response = _patch(client, person.pk, {"accommodation_status": record["accommodation_status"], "phone": "0121"})
    assert response.status_code == 200
    assert response.json()["accommodation_status"] == "night_shelter"
    # A retired value cannot be newly chosen.
    other = PersonFactory(team=person.team)
    response = _patch(client, other.pk, {"accommodation_status": "night_shelter"})
    assert response.status_code == 422


def test_a_required_field_cannot_be_cleared(api_client, social_worker, person):
    response = _patch(api_client(social_worker), person.pk, {"last_name": "", "date_of_birth": None})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["date_of_birth"][0].startswith("Enter the date of birth")


def test_a_worker_cannot_change_another_teams_person(api_client, social_worker, other_team_person):
    response = _patch(api_client(social_worker), other_team_person.pk, {"phone": "0121"})
    assert response.status_code == 403
    other_team_person.refresh_from_db()
    assert other_team_person.phone == ""
    assert AuditEvent.objects.filter(action=account_events.ACCESS_REFUSED, person_id=other_team_person.pk).exists()


def test_a_broker_may_read_but_not_change(api_client, broker, person):
    response = _patch(api_client(broker), person.pk, {"phone": "0121"})
    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot change this person's record"}


def test_a_citizen_changes_their_own_contact_details(api_client, citizen, person):
    response = _patch(api_client(citizen), person.pk, {"mobile": "07700 900123", "needs_large_print": True})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.mobile == "07700 900123"
    assert person.needs_large_print is True


def test_a_citizen_cannot_change_what_their_worker_records(api_client, citizen, person):
    response = _patch(api_client(citizen), person.pk, {"mobile": "07700 900123", "gender": "male", "team_id": None})
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert "gender" in detail
    assert "team ID" in detail
    person.refresh_from_db()
    assert person.mobile == ""


def test_a_change_of_identity_is_checked_for_duplicates(api_client, social_worker, person, team):
    twin = PersonFactory(first_name="Ada", last_name="Byron", date_of_birth=dt.date(1950, 6, 4), team=team)
    client = api_client(social_worker)
    response = _patch(client, twin.pk, {"last_name": "Lovelace"})
    assert response.status_code == 409
    assert response.json()["duplicates"][0]["person"]["id"] == person.pk
    twin.refresh_from_db()
    assert twin.last_name == "Byron"
    assert _patch(client, twin.pk, {"last_name": "Lovelace", "confirm_not_duplicate": True}).status_code == 200
    # Other changes to a record with a twin are not held up.
    assert _patch(client, twin.pk, {"phone": "0121"}).status_code == 200


# --- Carers --------------------------------------------------------------------------------------------


def test_a_persons_carers(api_client, social_worker, person, team):
    carer = PersonFactory(first_name="Annabella", last_name="Byron", team=team)
    former = PersonFactory(first_name="William", last_name="King", team=team)
    CaringRelationship.objects.create(
        carer=carer, cared_for=person, relationship="parent", hours_per_week="35.5", lives_with=True
    )
    CaringRelationship.objects.create(
        carer=former, cared_for=person, relationship="spouse_or_partner", ended_on=dt.date(2024, 1, 31)
    )
    response = api_client(social_worker).get(f"/api/v1/people/{person.pk}/carers")
    assert response.status_code == 200
    current, ended = response.json()
    assert current["carer"]["full_name"] == "Annabella Byron"
    assert (current["relationship"], current["relationship_label"]) == ("parent", "Parent")
    assert current["hours_per_week"] == 35.5
    assert current["lives_with"] is True
    assert current["is_current"] is True
    assert ended["ended_on"] == "2024-01-31"
    assert ended["is_current"] is False
    assert AuditEvent.objects.filter(action=events.PERSON_VIEWED, person_id=person.pk).exists()


def test_a_citizen_sees_their_carers_name_but_not_their_date_of_birth(api_client, citizen, person, team):
    carer = PersonFactory(first_name="Annabella", last_name="Byron", team=team, date_of_birth=dt.date(1952, 5, 17))
    CaringRelationship.objects.create(carer=carer, cared_for=person, relationship="parent")
    response = api_client(citizen).get(f"/api/v1/people/{person.pk}/carers")
    assert response.status_code == 200
    (shown,) = response.json()
    assert shown["carer"] == {"id": None, "reference": None, "full_name": "Annabella Byron", "date_of_birth": None}
    assert shown["relationship_label"] == "Parent"
    assert "1952" not in response.text


def test_a_carer_the_worker_may_not_open_is_shown_by_name_only(api_client, social_worker, person, other_team_person):
    # Recorded before linking needed access to the carer's record, or the carer has since moved team.
    CaringRelationship.objects.create(carer=other_team_person, cared_for=person, relationship="spouse_or_partner")
    response = api_client(social_worker).get(f"/api/v1/people/{person.pk}/carers")
    (shown,) = response.json()
    assert shown["carer"]["full_name"] == "Charles Babbage"
    assert shown["carer"]["date_of_birth"] is None
    assert shown["carer"]["reference"] is None


def test_a_carer_the_worker_may_open_is_shown_in_full(api_client, social_worker, person, team):
    carer = PersonFactory(first_name="Annabella", last_name="Byron", team=team, date_of_birth=dt.date(1952, 5, 17))
    CaringRelationship.objects.create(carer=carer, cared_for=person, relationship="parent")
    (shown,) = api_client(social_worker).get(f"/api/v1/people/{person.pk}/carers").json()
    assert shown["carer"] == {
        "id": carer.pk,
        "reference": carer.reference,
        "full_name": "Annabella Byron",
        "date_of_birth": "1952-05-17",
    }


def test_another_teams_carers_are_refused(api_client, social_worker, other_team_person):
    response = api_client(social_worker).get(f"/api/v1/people/{other_team_person.pk}/carers")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action=account_events.ACCESS_REFUSED, person_id=other_team_person.pk).exists()


# --- Code lists ----------------------------------------------------------------------------------------


def test_all_code_lists(api_client, commissioner):
    response = api_client(commissioner).get("/api/v1/code-lists")
    assert response.status_code == 200
    lists = {item["name"]: item for item in response.json()}
    assert set(lists) == {"gender", "ethnicity", "primary_support_reason", "accommodation_status", "employment_status"}
    assert len(lists["ethnicity"]["values"]) == 21
    pakistani = next(v for v in lists["ethnicity"]["values"] if v["code"] == "asian_pakistani")
    assert pakistani["label"] == "Asian or Asian British – Pakistani"
    assert pakistani["active"] is True


def test_one_code_list(api_client, social_worker):
    response = api_client(social_worker).get("/api/v1/code-lists/gender")
    assert response.status_code == 200
    assert [value["code"] for value in response.json()["values"]] == ["male", "female", "other", "unknown"]


def test_an_unknown_code_list(api_client, social_worker):
    response = api_client(social_worker).get("/api/v1/code-lists/shoe_size")
    assert response.status_code == 404
    assert "gender, ethnicity" in response.json()["detail"]


def test_code_lists_need_authentication(client, db):
    assert client.get("/api/v1/code-lists").status_code == 401
