"""The enablement manager's screens: referrals, starting an episode, goals, the visit plan and the workforce."""

import datetime as dt
import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.enablement import events, services
from ownway.enablement.models import Episode, Referral, ReferralStatus
from ownway.frontdoor.models import Contact
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def _referral_post(**extra: str) -> dict[str, str]:
    data = {
        "person_reference": "",
        "contact_reference": "",
        "source": "hospital_discharge",
        "reason": "Home from hospital after a fall; wants to manage the stairs again",
        **_date("received_on", TODAY),
    }
    data.update(extra)
    return data


@pytest.fixture
def person(db):
    return PersonFactory(reference="P0000123", postcode="B1 1BB")


@pytest.fixture
def referral(manager, person, enablement_team):
    return services.referral_record(
        actor=manager, person=person, team=enablement_team, source="community", received_on=TODAY, reason="Lost skills"
    )


# --- recording a referral ---------------------------------------------------------------------------------


def test_manager_records_a_referral_by_the_persons_reference(manager, person):
    client = _client(manager)
    url = reverse("enablement:referrals")
    page = client.get(url)
    assert page.status_code == 200
    assert "Record a referral" in page.text
    response = client.post(url, _referral_post(person_reference="p0000123"))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("enablement:start_episode", kwargs={"pk": referral.pk})
    assert referral.person == person
    assert referral.source == "hospital_discharge"
    assert referral.status == ReferralStatus.WAITING
    assert referral.recorded_by == manager
    assert AuditEvent.objects.filter(action=events.REFERRAL_RECORDED, subject_id=str(referral.pk)).exists()
    assert person.full_name in client.get(url).text


def test_manager_records_a_referral_from_a_front_door_contact(manager, person):
    contact = Contact.objects.create(
        reference="C0000045",
        person=person,
        first_name="A",
        last_name="B",
        source="self",
        reason="x",
        received_at=timezone.now(),
    )
    response = _client(manager).post(
        reverse("enablement:referrals"), _referral_post(contact_reference="C0000045", source="crisis_conversation")
    )
    assert response.status_code == 302
    assert Referral.objects.get().person == contact.person


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "Enter the person's Ownway reference, or a front-door contact's"),
        ({"person_reference": "P9999999"}, "No person has the reference P9999999"),
        ({"contact_reference": "C9999999"}, "No front-door contact has the reference C9999999"),
        (
            {"person_reference": "P0000123", "contact_reference": "C0000001"},
            "Give the person's reference or the contact's, not both",
        ),
        ({"person_reference": "P0000123", "source": ""}, "Choose where the referral came from"),
        ({"person_reference": "P0000123", "reason": " "}, "Say why enablement might help"),
        (
            {"person_reference": "P0000123", **_date("received_on", TODAY + dt.timedelta(days=1))},
            "The date the referral was received must be today or in the past",
        ),
    ],
)
def test_a_bad_referral_says_what_is_wrong_and_saves_nothing(manager, person, extra, message):
    response = _client(manager).post(reverse("enablement:referrals"), _referral_post(**extra))
    assert response.status_code == 200
    assert message in html.unescape(response.text)
    assert "govuk-error-summary" in response.text
    assert not Referral.objects.exists()


def test_a_contact_not_yet_linked_to_a_person_is_refused(manager):
    Contact.objects.create(
        reference="C0000046", first_name="A", last_name="B", source="self", reason="x", received_at=timezone.now()
    )
    response = _client(manager).post(reverse("enablement:referrals"), _referral_post(contact_reference="C0000046"))
    assert "Contact C0000046 is not yet linked to a person record" in response.text
    assert not Referral.objects.exists()


@pytest.mark.parametrize("role", [Role.ENABLEMENT_WORKER, Role.SOCIAL_WORKER, Role.COMMISSIONER])
def test_only_enablement_managers_record_referrals(enablement_team, person, role):
    client = _client(UserFactory(role=role, team=enablement_team))
    assert client.get(reverse("enablement:referrals")).status_code == 403
    assert client.post(reverse("enablement:referrals"), _referral_post(person_reference="P0000123")).status_code == 403
    assert not Referral.objects.exists()


# --- starting an episode ----------------------------------------------------------------------------------


def test_manager_starts_an_episode_from_the_referral(manager, referral):
    client = _client(manager)
    url = reverse("enablement:start_episode", kwargs={"pk": referral.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "at most six weeks" in page.text
    assert (TODAY + dt.timedelta(days=42)).strftime("%-d %B %Y") in page.text
    end = TODAY + dt.timedelta(days=42)
    response = client.post(url, {**_date("start_date", TODAY), **_date("planned_end_date", end), "postcode": "b1 1bb"})
    episode = Episode.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("enablement:episode", kwargs={"pk": episode.pk})
    assert episode.planned_end_date == end
    assert episode.referral == referral
    assert 52 < episode.latitude < 53
    assert -2.5 < episode.longitude < -1.5
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.STARTED
    # Once started, the referral is no longer waiting and cannot start a second episode.
    again = client.post(url, {**_date("start_date", TODAY), **_date("planned_end_date", end), "postcode": "B1 1BB"})
    assert "This referral has already been dealt with" in again.text
    assert Episode.objects.count() == 1


@pytest.mark.parametrize(
    ("days", "postcode", "message"),
    [
        (43, "B1 1BB", "Enablement lasts at most six weeks: plan to end by"),
        (-1, "B1 1BB", "The planned end must be on or after the start"),
        (10, "ZZ9 9ZZ", "We could not find the postcode ZZ9 9ZZ"),
        (10, "", "Enter the postcode where the visits happen"),
    ],
)
def test_starting_an_episode_with_bad_input_says_why_and_saves_nothing(manager, referral, days, postcode, message):
    url = reverse("enablement:start_episode", kwargs={"pk": referral.pk})
    end = TODAY + dt.timedelta(days=days)
    response = _client(manager).post(
        url, {**_date("start_date", TODAY), **_date("planned_end_date", end), "postcode": postcode}
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Episode.objects.exists()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WAITING


def test_another_teams_manager_cannot_start_the_episode(referral, other_team):
    other = UserFactory(role=Role.ENABLEMENT_MANAGER, team=other_team)
    url = reverse("enablement:start_episode", kwargs={"pk": referral.pk})
    assert _client(other).get(url).status_code == 403
    assert AuditEvent.objects.filter(action="accounts.access_refused", subject_id=str(referral.pk)).exists()
    worker = UserFactory(role=Role.ENABLEMENT_WORKER, team=referral.team)
    assert _client(worker).post(url, {}).status_code == 403
    assert not Episode.objects.exists()
