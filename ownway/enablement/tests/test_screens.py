"""The enablement manager's screens: referrals, starting an episode, goals, the visit plan and the workforce."""

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.enablement import events, services
from ownway.enablement.models import Episode, Referral, ReferralStatus, Rota, RotaVisit
from ownway.frontdoor.models import Contact
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()
#: The date of birth of the people the factories make.
BORN = dt.date(1950, 6, 4)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def _errors(page: str) -> list[str]:
    """The messages of a page's error summary."""
    return re.findall(r'<li>\s*<a href="#[^"]*">(.*?)</a>', page, re.S)


def _referral_post(**extra: str) -> dict[str, str]:
    data = {
        "person_reference": "",
        "contact_reference": "",
        "source": "hospital_discharge",
        "reason": "Home from hospital after a fall; wants to manage the stairs again",
        **_date("received_on", TODAY),
        **_date("date_of_birth", BORN),
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
    # The contact's sequel is enablement: it is closed with it, and no longer waits at the front door.
    contact.refresh_from_db()
    assert (contact.status, contact.outcome) == ("closed", "reablement")
    assert AuditEvent.objects.filter(action="frontdoor.contact_closed", subject_id=str(contact.pk)).exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "Enter the person's Ownway reference, or a front-door contact's"),
        (
            {"person_reference": "P9999999"},
            "There is no record you can open with the reference P9999999: check it and the date of birth",
        ),
        (
            {"contact_reference": "C9999999"},
            "There is no record you can open with the reference C9999999: check it and the date of birth",
        ),
        (
            {
                "person_reference": "P0000123",
                "date_of_birth-day": "",
                "date_of_birth-month": "",
                "date_of_birth-year": "",
            },
            "Enter their date of birth",
        ),
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


def test_a_person_outside_the_team_is_referred_with_their_reference_and_date_of_birth(manager):
    """Enablement takes referrals from every team: the reference and date of birth together find the person."""
    elsewhere = PersonFactory(reference="P0000456", team=TeamFactory(name="South locality"))
    response = _client(manager).post(reverse("enablement:referrals"), _referral_post(person_reference="P0000456"))
    assert response.status_code == 302
    assert Referral.objects.get().person == elsewhere


@pytest.mark.parametrize("field", ["person_reference", "contact_reference"])
def test_a_reference_with_another_date_of_birth_is_answered_as_a_reference_no_one_has(manager, person, field):
    """Trying references tells no one which exist or whose they are; a wrong guess at a record is audited."""
    Contact.objects.create(
        reference="C0000047", person=person, first_name="A", last_name="B", source="self", reason="x",
        received_at=timezone.now(), team=TeamFactory(name="South locality"),
    )  # fmt: skip
    reference = "P0000123" if field == "person_reference" else "C0000047"
    wrong = _referral_post(**{field: reference}, **_date("date_of_birth", BORN + dt.timedelta(days=1)))
    nobody = _referral_post(**{field: reference[0] + "9999999"}, **_date("date_of_birth", BORN))
    client = _client(manager)
    answers = [html.unescape(client.post(reverse("enablement:referrals"), data).text) for data in (wrong, nobody)]
    assert _errors(answers[0]) == [
        f"There is no record you can open with the reference {reference}: check it and the date of birth"
    ]
    assert person.full_name not in answers[0]
    assert _errors(answers[0].replace(reference, "REF")) == _errors(answers[1].replace(reference[0] + "9999999", "REF"))
    assert not Referral.objects.exists()
    assert AuditEvent.objects.filter(action="accounts.access_refused", actor=manager, person_id=person.pk).count() == 1


def test_an_unlinked_contact_at_another_teams_front_door_is_not_named(manager):
    Contact.objects.create(
        reference="C0000048", first_name="A", last_name="B", source="self", reason="x", received_at=timezone.now(),
        team=TeamFactory(name="South locality"),
    )  # fmt: skip
    response = _client(manager).post(reverse("enablement:referrals"), _referral_post(contact_reference="C0000048"))
    text = html.unescape(response.text)
    assert "There is no record you can open with the reference C0000048: check it and the date of birth" in text
    assert "not yet linked" not in text


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


# --- goals and the visit plan -----------------------------------------------------------------------------


@pytest.fixture
def episode(manager, referral):
    return services.episode_start(
        actor=manager,
        referral=referral,
        start_date=TODAY,
        planned_end_date=TODAY + dt.timedelta(days=42),
        latitude=Decimal("52.480000"),
        longitude=Decimal("-1.900000"),
    )


def _visit_post(**extra: str) -> dict[str, str]:
    data = {
        "action": "visit",
        "visit-preferred_start": "08:30",
        "visit-window_minutes": "30",
        "visit-duration_minutes": "45",
        "visit-workers_needed": "1",
        "visit-skill": "personal care",
        "visit-follows": "",
        "visit-min_gap_minutes": "",
        "visit-max_gap_minutes": "",
    }
    data.update(extra)
    return data


def test_manager_adds_a_goal_in_the_persons_words(manager, episode):
    client = _client(manager)
    url = reverse("enablement:episode", kwargs={"pk": episode.pk})
    assert "Add a goal" in client.get(url).text
    response = client.post(
        url,
        {"action": "goal", "goal-in_own_words": "I want to get up the stairs", "goal-measure": "Climbs 14 stairs"},
    )
    assert response.status_code == 302
    goal = episode.goals.get()
    assert goal.in_own_words == "I want to get up the stairs"
    assert goal.measure == "Climbs 14 stairs"
    assert AuditEvent.objects.filter(action=events.GOAL_ADDED, subject_id=str(goal.pk)).exists()
    assert "I want to get up the stairs" in client.get(url).text


def test_a_goal_without_how_we_will_know_is_refused(manager, episode):
    response = _client(manager).post(
        reverse("enablement:episode", kwargs={"pk": episode.pk}),
        {"action": "goal", "goal-in_own_words": "Cook my own tea", "goal-measure": ""},
    )
    assert response.status_code == 200
    assert "Say how you will both know the goal is met" in html.unescape(response.text)
    assert not episode.goals.exists()


def test_manager_adds_a_visit_and_one_that_follows_it(manager, episode):
    client = _client(manager)
    url = reverse("enablement:episode", kwargs={"pk": episode.pk})
    assert client.post(url, _visit_post()).status_code == 302
    first = episode.planned_visits.get()
    assert (first.preferred_start, first.duration_minutes, first.workers_needed) == (dt.time(8, 30), 45, 1)
    response = client.post(
        url,
        _visit_post(
            **{
                "visit-preferred_start": "09:45",
                "visit-workers_needed": "2",
                "visit-skill": "medication",
                "visit-follows": str(first.pk),
                "visit-min_gap_minutes": "30",
                "visit-max_gap_minutes": "60",
            }
        ),
    )
    assert response.status_code == 302
    second = episode.planned_visits.exclude(pk=first.pk).get()
    assert second.follows == first
    assert (second.min_gap_minutes, second.max_gap_minutes, second.workers_needed) == (30, 60, 2)
    assert "The 08:30 visit, 30 to 60 minutes after" in client.get(url).text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"visit-preferred_start": "8 in the morning"}, "Enter the time of the visit on the 24-hour clock"),
        ({"visit-duration_minutes": "300"}, "Length of the visit must be 240 minutes or fewer"),
        ({"visit-duration_minutes": ""}, "Enter how long the visit lasts"),
        ({"visit-window_minutes": "-5"}, "Window either way must be 0 minutes or more"),
        ({"visit-workers_needed": "3"}, "Select a valid choice"),
    ],
)
def test_a_bad_visit_says_what_is_wrong_and_saves_nothing(manager, episode, extra, message):
    response = _client(manager).post(reverse("enablement:episode", kwargs={"pk": episode.pk}), _visit_post(**extra))
    assert response.status_code == 200
    assert message in html.unescape(response.text)
    assert not episode.planned_visits.exists()


def test_a_following_visit_needs_its_gaps_shortest_first(manager, episode):
    client = _client(manager)
    url = reverse("enablement:episode", kwargs={"pk": episode.pk})
    client.post(url, _visit_post())
    first = episode.planned_visits.get()
    response = client.post(
        url,
        _visit_post(**{"visit-follows": str(first.pk), "visit-min_gap_minutes": "60", "visit-max_gap_minutes": "30"}),
    )
    assert "Give the shortest and longest gap after the earlier visit, shortest first" in response.text
    assert episode.planned_visits.count() == 1


def test_manager_changes_and_removes_a_visit(manager, episode):
    client = _client(manager)
    first = services.planned_visit_add(
        actor=manager, episode=episode, preferred_start=dt.time(8, 0), duration_minutes=30
    )
    later = services.planned_visit_add(
        actor=manager,
        episode=episode,
        preferred_start=dt.time(9, 0),
        duration_minutes=20,
        follows=first,
        min_gap_minutes=15,
        max_gap_minutes=45,
    )
    url = reverse("enablement:planned_visit", kwargs={"pk": episode.pk, "visit_pk": first.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="08:00"' in page.text
    changed = dict(_visit_post(**{"visit-preferred_start": "07:45", "visit-duration_minutes": "40"}).items())
    changed["action"] = "change"
    assert client.post(url, changed).status_code == 302
    first.refresh_from_db()
    assert (first.preferred_start, first.duration_minutes) == (dt.time(7, 45), 40)
    event = AuditEvent.objects.get(action=events.VISIT_PLAN_CHANGED)
    assert event.old["duration_minutes"] == 30
    assert event.new["duration_minutes"] == 40

    assert client.post(url, {"action": "remove"}).status_code == 302
    assert not episode.planned_visits.filter(pk=first.pk).exists()
    later.refresh_from_db()
    assert later.follows is None
    assert later.min_gap_minutes is None
    assert AuditEvent.objects.filter(action=events.VISIT_PLAN_REMOVED).exists()


def test_a_visit_cannot_follow_a_visit_that_follows_it(manager, episode):
    first = services.planned_visit_add(
        actor=manager, episode=episode, preferred_start=dt.time(8, 0), duration_minutes=30
    )
    later = services.planned_visit_add(
        actor=manager,
        episode=episode,
        preferred_start=dt.time(9, 0),
        duration_minutes=20,
        follows=first,
        min_gap_minutes=15,
        max_gap_minutes=45,
    )
    url = reverse("enablement:planned_visit", kwargs={"pk": episode.pk, "visit_pk": first.pk})
    data = _visit_post(**{"visit-follows": str(later.pk), "visit-min_gap_minutes": "0", "visit-max_gap_minutes": "30"})
    data["action"] = "change"
    response = _client(manager).post(url, data)
    assert "A visit cannot follow itself, or a visit that comes after it" in response.text
    first.refresh_from_db()
    assert first.follows is None


def test_a_visit_on_a_rota_is_not_removed(manager, episode, enablement_team):
    visit = services.planned_visit_add(
        actor=manager, episode=episode, preferred_start=dt.time(8, 0), duration_minutes=30
    )
    rota = Rota.objects.create(team=enablement_team, date=TODAY, created_by=manager)
    RotaVisit.objects.create(rota=rota, planned_visit=visit, unplaced_reason="Nobody on shift")
    url = reverse("enablement:planned_visit", kwargs={"pk": episode.pk, "visit_pk": visit.pk})
    response = _client(manager).post(url, {"action": "remove"})
    assert response.status_code == 200
    assert f"This visit is on the rota for {TODAY:%-d %B %Y}" in response.text
    assert episode.planned_visits.filter(pk=visit.pk).exists()


def test_workers_see_the_plan_but_cannot_change_it(episode, enablement_team):
    worker = _client(UserFactory(role=Role.ENABLEMENT_WORKER, team=enablement_team))
    url = reverse("enablement:episode", kwargs={"pk": episode.pk})
    page = worker.get(url)
    assert page.status_code == 200
    assert "Add a goal" not in page.text
    assert "Add a visit to the plan" not in page.text
    response = worker.post(url, {"action": "goal", "goal-in_own_words": "x", "goal-measure": "y"})
    assert response.status_code == 403
    assert worker.post(url, _visit_post()).status_code == 403
    assert not episode.goals.exists()
    assert not episode.planned_visits.exists()
    visit = services.planned_visit_add(
        actor=episode.created_by, episode=episode, preferred_start=dt.time(8, 0), duration_minutes=30
    )
    visit_url = reverse("enablement:planned_visit", kwargs={"pk": episode.pk, "visit_pk": visit.pk})
    assert worker.post(visit_url, {"action": "remove"}).status_code == 403
    assert episode.planned_visits.filter(pk=visit.pk).exists()


def test_another_teams_manager_cannot_change_the_plan(episode, other_team):
    other = _client(UserFactory(role=Role.ENABLEMENT_MANAGER, team=other_team))
    url = reverse("enablement:episode", kwargs={"pk": episode.pk})
    assert other.post(url, _visit_post()).status_code == 403
    assert not episode.planned_visits.exists()


# --- the workforce ----------------------------------------------------------------------------------------


@pytest.fixture
def worker(manager, enablement_team):
    user = UserFactory(username="amira", first_name="Amira", last_name="Khan", role=Role.ENABLEMENT_WORKER)
    return services.worker_profile_save(
        actor=manager,
        user=user,
        data=services.WorkerData(
            team=enablement_team,
            area="North",
            skills=["personal care"],
            latitude=Decimal("52.500000"),
            longitude=Decimal("-1.900000"),
            contracted_hours=Decimal("30.0"),
        ),
    )


def _shift_post(day: dt.date, **extra: str) -> dict[str, str]:
    data = {
        "action": "shift",
        **_date("shift-date", day),
        "shift-kind": "day",
        "shift-starts": "07:00",
        "shift-ends": "14:30",
        "shift-break_minutes": "30",
    }
    data.update(extra)
    return data


def test_the_workforce_page_links_to_each_worker(manager, worker):
    page = _client(manager).get(reverse("enablement:workforce", kwargs={"day": TODAY.isoformat()}))
    assert reverse("enablement:worker", kwargs={"pk": worker.pk}) in page.text


def test_manager_changes_a_workers_skills_area_home_base_and_hours(manager, worker):
    client = _client(manager)
    url = reverse("enablement:worker", kwargs={"pk": worker.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "action": "profile",
            "profile-area": "City centre",
            "profile-skills": ["personal care", "medication"],
            "profile-postcode": "b1 1bb",
            "profile-contracted_hours": "37.5",
        },
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.area == "City centre"
    assert worker.skills == ["medication", "personal care"]
    assert worker.contracted_hours == Decimal("37.5")
    assert 52 < worker.latitude < 53
    assert worker.latitude != Decimal("52.500000")
    # A blank postcode keeps the home base as it is.
    before = (worker.latitude, worker.longitude)
    client.post(
        url,
        {"action": "profile", "profile-area": "City centre", "profile-postcode": "", "profile-contracted_hours": "20"},
    )
    worker.refresh_from_db()
    assert (worker.latitude, worker.longitude) == before
    assert worker.skills == []
    assert worker.contracted_hours == Decimal("20.0")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"profile-contracted_hours": "60"}, "Contracted hours are at most 48 a week"),
        ({"profile-contracted_hours": "lots"}, "Enter the contracted hours as a number, like 37.5"),
        ({"profile-area": ""}, "Enter the area the worker covers"),
        ({"profile-postcode": "ZZ9 9ZZ"}, "We could not find the postcode ZZ9 9ZZ"),
        ({"profile-skills": ["juggling"]}, "Select a valid choice"),
    ],
)
def test_bad_worker_details_say_what_is_wrong_and_change_nothing(manager, worker, extra, message):
    data = {"action": "profile", "profile-area": "East", "profile-postcode": "", "profile-contracted_hours": "37.5"}
    data.update(extra)
    response = _client(manager).post(reverse("enablement:worker", kwargs={"pk": worker.pk}), data)
    assert response.status_code == 200
    assert message in html.unescape(response.text)
    worker.refresh_from_db()
    assert (worker.area, worker.contracted_hours) == ("North", Decimal("30.0"))


def test_manager_sets_a_day_shift_and_a_night_shift(manager, worker):
    client = _client(manager)
    url = reverse("enablement:worker", kwargs={"pk": worker.pk})
    tomorrow = TODAY + dt.timedelta(days=1)
    assert client.post(url, _shift_post(tomorrow)).status_code == 302
    shift = worker.shifts.get()
    assert (shift.date, shift.starts, shift.ends, shift.break_minutes) == (tomorrow, dt.time(7), dt.time(14, 30), 30)
    assert AuditEvent.objects.filter(action=events.SHIFT_SET, subject_id=str(shift.pk)).exists()
    night = {"shift-kind": "night", "shift-starts": "22:00", "shift-ends": "07:00", "shift-break_minutes": "45"}
    assert client.post(url, _shift_post(tomorrow, **night)).status_code == 302
    shift = worker.shifts.get()
    assert (shift.kind, shift.starts, shift.ends, shift.break_minutes) == ("night", dt.time(22), dt.time(7), 45)
    assert "night shift 22:00 to 07:00" in client.get(url).text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"shift-ends": "06:00"}, "A day shift ends after it starts"),
        ({"shift-starts": "seven"}, "Enter the start like 07:00"),
        ({"shift-break_minutes": "120"}, "Break must be 90 minutes or fewer"),
        ({"shift-kind": ""}, "Choose a day or a night shift"),
        ({"shift-date-month": "13"}, "The day of the shift must be a real date"),
    ],
)
def test_a_bad_shift_says_what_is_wrong_and_saves_nothing(manager, worker, extra, message):
    response = _client(manager).post(
        reverse("enablement:worker", kwargs={"pk": worker.pk}), _shift_post(TODAY + dt.timedelta(days=1), **extra)
    )
    assert response.status_code == 200
    assert message in html.unescape(response.text)
    assert not worker.shifts.exists()


def test_leave_removes_shifts_in_it_and_blocks_new_ones(manager, worker):
    client = _client(manager)
    url = reverse("enablement:worker", kwargs={"pk": worker.pk})
    first, last = TODAY + dt.timedelta(days=2), TODAY + dt.timedelta(days=4)
    client.post(url, _shift_post(first + dt.timedelta(days=1)))
    response = client.post(
        url,
        {
            "action": "leave",
            **_date("leave-first_day", first),
            **_date("leave-last_day", last),
            "leave-reason": "Annual leave",
        },
    )
    assert response.status_code == 302
    leave = worker.leave.get()
    assert (leave.first_day, leave.last_day) == (first, last)
    assert not worker.shifts.exists()
    refused = client.post(url, _shift_post(first))
    assert "The worker is on leave that day" in refused.text
    assert not worker.shifts.exists()


def test_leave_ending_before_it_starts_is_refused(manager, worker):
    response = _client(manager).post(
        reverse("enablement:worker", kwargs={"pk": worker.pk}),
        {
            "action": "leave",
            **_date("leave-first_day", TODAY + dt.timedelta(days=5)),
            **_date("leave-last_day", TODAY + dt.timedelta(days=3)),
            "leave-reason": "Annual leave",
        },
    )
    assert "The last day of leave must be on or after the first" in response.text
    assert not worker.leave.exists()


@pytest.mark.parametrize("role", [Role.ENABLEMENT_WORKER, Role.COMMISSIONER, Role.SOCIAL_WORKER])
def test_only_the_teams_manager_edits_the_workforce(worker, enablement_team, other_team, role):
    url = reverse("enablement:worker", kwargs={"pk": worker.pk})
    for user in (
        UserFactory(role=role, team=enablement_team),
        UserFactory(role=Role.ENABLEMENT_MANAGER, team=other_team),
    ):
        client = _client(user)
        assert client.get(url).status_code == 403
        assert client.post(url, _shift_post(TODAY + dt.timedelta(days=1))).status_code == 403
    assert not worker.shifts.exists()
