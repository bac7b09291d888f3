import datetime as dt

import pytest
from django.test import Client

from ownway.accounts import events as account_events
from ownway.accounts.models import AuditEvent
from ownway.people import events
from ownway.people.models import Person


def _valid_form(**overrides):
    data = {
        "first_name": "Mary",
        "last_name": "Seacole",
        "date_of_birth-day": "23",
        "date_of_birth-month": "11",
        "date_of_birth-year": "1945",
        "nhs_number": "401 023 2137",
        "postcode": "b18 7ab",
        "has_unpaid_carer": "no",
        "language": "English",
    }
    data.update(overrides)
    return data


def test_person_page_shows_the_summary(social_worker_client, person):
    response = social_worker_client.get(f"/people/{person.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ada Lovelace" in body
    assert "Primary support reason" in body
    assert AuditEvent.objects.filter(action=events.PERSON_VIEWED, person_id=person.pk).count() == 1


def test_another_teams_person_is_refused_and_audited(social_worker_client, social_worker, other_team_person):
    response = social_worker_client.get(f"/people/{other_team_person.pk}/")
    assert response.status_code == 403
    assert "You do not have access" in response.content.decode()
    assert AuditEvent.objects.filter(
        action=account_events.ACCESS_REFUSED, actor=social_worker, person_id=other_team_person.pk
    ).exists()


def test_unknown_person_is_not_found(social_worker_client):
    assert social_worker_client.get("/people/987654/").status_code == 404


@pytest.mark.parametrize(
    ("role", "method", "url"),
    [
        ("social_worker", "get", "/plans/person/{pk}/"),
        ("social_worker", "post", "/assessments/start/{pk}/"),
        ("finance_officer", "get", "/money/person/{pk}/"),
        ("broker", "get", "/directory/shortlists/person/{pk}/"),
    ],
)
@pytest.mark.parametrize("pk", ["0", "987654", "9" * 30])
def test_every_page_that_opens_a_person_by_id_answers_404_for_an_id_no_record_has(
    request, person, role, method, url, pk
):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    response = getattr(client, method)(url.format(pk=pk))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_anonymous_users_are_sent_to_sign_in(client, person):
    response = client.get(f"/people/{person.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_search_page(social_worker_client, person, other_team_person):
    body = social_worker_client.get("/people/?q=love").content.decode()
    assert f'<a class="govuk-link" href="/people/{person.pk}/">Ada Lovelace</a>' in body
    assert "Babbage" not in social_worker_client.get("/people/?q=babb").content.decode()
    searches = AuditEvent.objects.filter(action=events.PEOPLE_SEARCHED).order_by("id")
    assert [e.new for e in searches] == [
        {"query": "love", "page": 1, "results": 1},
        {"query": "babb", "page": 1, "results": 0},
    ]


def test_create_with_errors_shows_each_field_message_and_saves_nothing(social_worker_client):
    response = social_worker_client.post(
        "/people/new/",
        _valid_form(
            first_name="",
            **{"date_of_birth-year": "2099"},
            nhs_number="1234567890",
            postcode="XX",
            email="not-an-email",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a first name" in body
    assert "Date of birth must be in the past" in body
    assert "the last digit does not match the check digit" in body
    assert "Enter a real postcode" in body
    assert "Enter an email address in the correct format" in body
    assert body.count('href="#id_date_of_birth-day"') == 1
    assert "<title>Error: " in body
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter date of birth"),
        ("12", "", "1950", "Date of birth must include a month"),
        ("31", "2", "1950", "Date of birth must be a real date"),
        ("1", "1", "50", "Year must include 4 numbers"),
        ("x", "1", "1950", "Date of birth must be a real date"),
    ],
)
def test_date_of_birth_messages(social_worker_client, day, month, year, message):
    response = social_worker_client.post(
        "/people/new/",
        _valid_form(**{"date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year}),
    )
    assert message in response.content.decode()


def test_create_then_redirect_to_the_new_record(social_worker_client, social_worker):
    response = social_worker_client.post("/people/new/", _valid_form())
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.pk}/"
    assert person.nhs_number == "4010232137"
    assert person.postcode == "B18 7AB"
    assert person.team == social_worker.team


def test_likely_duplicate_is_warned_before_saving(social_worker_client, person):
    person.nhs_number = "4010232137"
    person.save()
    response = social_worker_client.post("/people/new/", _valid_form())
    body = response.content.decode()
    assert response.status_code == 200
    assert "This may be someone who already has a record" in body
    assert "has the same NHS number" in body
    assert Person.objects.count() == 1
    response = social_worker_client.post("/people/new/", _valid_form(confirm_not_duplicate="on"))
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_edit_saves_and_audits(social_worker_client, person):
    form = _valid_form(first_name="Ada", last_name="Lovelace", phone="0121 496 0000", nhs_number="")
    response = social_worker_client.post(f"/people/{person.pk}/change/", form)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "0121 496 0000"
    assert AuditEvent.objects.filter(action=events.PERSON_UPDATED, person_id=person.pk).exists()


def test_commissioner_sees_no_people(commissioner_client, person):
    assert commissioner_client.get("/people/").status_code == 403
    assert commissioner_client.get(f"/people/{person.pk}/").status_code == 403
    assert commissioner_client.get("/people/new/").status_code == 403


def test_provider_sees_no_people(provider_client, person):
    assert provider_client.get(f"/people/{person.pk}/").status_code == 403


def test_citizen_sees_themselves_and_no_one_else(citizen_client, person, team):
    from ownway.people.tests.factories import PersonFactory

    neighbour = PersonFactory(team=team)
    assert citizen_client.get("/people/me/")["Location"] == f"/people/{person.pk}/"
    body = citizen_client.get(f"/people/{person.pk}/").content.decode()
    assert "Change your details" in body
    assert "Primary support reason" not in body  # the worker's coding is not shown on their own page
    assert citizen_client.get(f"/people/{neighbour.pk}/").status_code == 403
    assert citizen_client.get("/people/").status_code == 403


def test_citizen_changes_their_phone(citizen_client, person):
    response = citizen_client.post(
        f"/people/{person.pk}/change/", {"phone": "07700 900123", "language": "English", "postcode": "B1 1BB"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "07700 900123"


def test_add_carer(social_worker_client, person, team):
    from ownway.people.tests.factories import PersonFactory

    carer = PersonFactory(first_name="Anne", last_name="Isabella", team=team)
    response = social_worker_client.post(
        f"/people/{person.pk}/carers/add/",
        {"carer_reference": carer.reference.lower(), "relationship": "parent", "hours_per_week": "20"},
    )
    assert response.status_code == 302
    assert "Anne Isabella" in social_worker_client.get(f"/people/{person.pk}/").content.decode()


def test_add_carer_with_unknown_reference(social_worker_client, person):
    response = social_worker_client.post(
        f"/people/{person.pk}/carers/add/", {"carer_reference": "P9999999", "relationship": "parent"}
    )
    assert "There is no record you can open with the reference P9999999" in response.content.decode()


def _carer_error(client, person, reference: str) -> str:
    """The error the carer form gives for a reference, with the reference itself taken out."""
    import re

    response = client.post(f"/people/{person.pk}/carers/add/", {"carer_reference": reference, "relationship": "parent"})
    assert response.status_code == 200
    pattern = r'<p id="id_carer_reference-error" class="govuk-error-message">(.*?)</p>'
    messages = re.findall(pattern, response.text, re.S)
    assert len(messages) == 1
    return " ".join(messages[0].replace(reference, "REF").split())


def test_a_carer_from_another_team_cannot_be_linked(social_worker_client, person, other_team_person):
    from ownway.people.models import CaringRelationship

    error = _carer_error(social_worker_client, person, other_team_person.reference)
    assert "There is no record you can open with the reference REF" in error
    assert not CaringRelationship.objects.exists()
    body = social_worker_client.get(f"/people/{person.pk}/").content.decode()
    assert "Charles Babbage" not in body
    # The attempt on the other team's record is on its trail.
    assert AuditEvent.objects.filter(action=account_events.ACCESS_REFUSED, person=other_team_person).exists()


def test_the_refusal_does_not_tell_whether_the_record_exists(social_worker_client, person, other_team_person):
    unknown = f"P{int(other_team_person.pk) + 9_000_000:07d}"
    assert _carer_error(social_worker_client, person, other_team_person.reference) == _carer_error(
        social_worker_client, person, unknown
    )


def test_a_citizen_sees_their_carers_name_but_not_their_date_of_birth(citizen_client, person, team):
    import datetime as dt

    from ownway.people.models import CaringRelationship
    from ownway.people.tests.factories import PersonFactory

    carer = PersonFactory(first_name="Annabella", last_name="Byron", team=team, date_of_birth=dt.date(1952, 5, 17))
    CaringRelationship.objects.create(carer=carer, cared_for=person, relationship="parent")
    body = citizen_client.get(f"/people/{person.pk}/").content.decode()
    assert "Annabella Byron" in body
    assert "17 May 1952" not in body
    assert carer.reference not in body


def test_manager_sees_who_looked(team_manager_client, social_worker_client, person):
    social_worker_client.get(f"/people/{person.pk}/")
    body = team_manager_client.get(f"/people/{person.pk}/history/").content.decode()
    assert "Sam Social (Social worker)" in body
    assert "Looked at a person record" in body


def test_worker_cannot_see_who_looked(social_worker_client, person):
    assert social_worker_client.get(f"/people/{person.pk}/history/").status_code == 403


def test_caseload_lists_the_team_and_no_one_else(
    social_worker_client, social_worker, person, other_team_person, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        body = social_worker_client.get("/people/caseload/").content.decode()
    assert "Ada Lovelace" in body
    assert "Babbage" not in body
    person.named_worker = social_worker
    person.save()
    assert "Ada Lovelace" in social_worker_client.get("/people/caseload/?show=mine").content.decode()


def test_caseload_is_not_for_commissioners(commissioner_client):
    assert commissioner_client.get("/people/caseload/").status_code == 403


def test_a_carer_links_to_their_record_only_for_those_who_may_open_it(social_worker_client, person, team, other_team):
    from ownway.people.models import CaringRelationship
    from ownway.people.tests.factories import PersonFactory

    near = PersonFactory(first_name="Annabella", last_name="Byron", team=team)
    far = PersonFactory(first_name="William", last_name="King", team=other_team)
    CaringRelationship.objects.create(carer=near, cared_for=person, relationship="parent")
    CaringRelationship.objects.create(carer=far, cared_for=person, relationship="spouse_or_partner")
    body = social_worker_client.get(f"/people/{person.pk}/").content.decode()
    assert f'href="/people/{near.pk}/"' in body
    assert "William King" in body
    assert f'href="/people/{far.pk}/"' not in body


def test_citizen_chooses_letters_by_email(citizen_client, person):
    page = citizen_client.get(f"/people/{person.pk}/change/").content.decode()
    assert "How we send you letters" in page
    refused = citizen_client.post(
        f"/people/{person.pk}/change/", {"letters_by": "email", "language": "English", "postcode": "B1 1BB"}
    )
    assert "Enter an email address to have letters sent by email" in refused.content.decode()
    person.refresh_from_db()
    assert person.letters_by == "post"
    response = citizen_client.post(
        f"/people/{person.pk}/change/",
        {"letters_by": "email", "email": "ada@example.com", "language": "English", "postcode": "B1 1BB"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.letters_by == "email"
    citizen_client.post(f"/people/{person.pk}/change/", {"phone": "0121 496 0001", "language": "English"})
    person.refresh_from_db()
    assert person.letters_by == "email"  # left out of a change, the choice stays


@pytest.mark.parametrize("page", ["²", "9" * 5000, "1e309", "-1", "99999999999999999999999"])
def test_search_with_a_page_number_that_is_not_one_shows_the_first_page(social_worker_client, person, page):
    response = social_worker_client.get("/people/", {"q": "love", "page": page})
    assert response.status_code == 200
    assert "Ada Lovelace" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e309", "Hours caring each week must be a number, like 35"),
        ("Infinity", "Hours caring each week must be a number, like 35"),
        ("1,000", "Hours caring each week must be 168 or fewer (there are 168 hours in a week)"),
        ("35.25", "Hours caring each week can have at most one decimal place"),
    ],
)
def test_carer_hours_that_are_not_hours_in_a_week_are_explained(social_worker, typed, message):
    from ownway.people.forms import CaringRelationshipForm

    form = CaringRelationshipForm(
        data={"carer_reference": "P000001", "relationship": "parent", "hours_per_week": typed}, user=social_worker
    )
    form.is_valid()
    assert form.errors["hours_per_week"] == [message]


def test_caseload_is_sorted_by_the_column_chosen_and_keeps_the_filter(social_worker_client, social_worker, team):
    from ownway.people.tests.factories import PersonFactory

    young = PersonFactory(first_name="Young", last_name="Aardvark", date_of_birth=dt.date(2001, 1, 1), team=team)
    old = PersonFactory(first_name="Old", last_name="Zebra", date_of_birth=dt.date(1931, 1, 1), team=team)
    by_name = social_worker_client.get("/people/caseload/").text
    assert by_name.index("Young Aardvark") < by_name.index("Old Zebra")
    oldest_first = social_worker_client.get("/people/caseload/", {"sort": "born"}).text
    assert 'aria-sort="ascending"' in oldest_first
    assert oldest_first.index("Old Zebra") < oldest_first.index("Young Aardvark")
    for p in (young, old):
        p.named_worker = social_worker
        p.save()
    mine = social_worker_client.get("/people/caseload/", {"show": "mine", "sort": "born", "order": "desc"}).text
    assert "show=mine" in mine.split("<thead")[1].split("</thead>")[0]  # sorting keeps "only mine"
    assert mine.index("Young Aardvark") < mine.index("Old Zebra")
