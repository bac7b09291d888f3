"""What the person sees of their days and asks to change, and what their carer sees, only with consent."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.carers.models import CarerConsent
from ownway.carers.services_consent import carer_consent_record
from ownway.dayops import services, services_citizen, services_outcomes
from ownway.dayops.models import ChangeRequestStatus, DayChangeRequest, Placement
from ownway.dayops.selectors_citizen import breaks_for_carer, change_requests_for_user
from ownway.people.services import caring_relationship_create
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)


@pytest.fixture
def placement(worker, person, centre):
    placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO", "WE"],
                                        session="full_day", starts_on=TODAY - dt.timedelta(days=30))  # fmt: skip
    goal = services_outcomes.placement_goal_set(
        actor=worker, placement=placement, kind="friendships", own_words="Make a friend to go to the pictures with",
        set_on=TODAY,
    )  # fmt: skip
    services_outcomes.placement_review_record(actor=worker, placement=placement, reviewed_on=TODAY,
                                              progress={goal.pk: (3, "I met Priya at the art group")})  # fmt: skip
    return placement


@pytest.fixture
def citizen(person):
    return UserFactory(username="ada", role=Role.CITIZEN, team=None, person=person)


@pytest.fixture
def carer(worker, person, team):
    mary = PersonFactory(first_name="Mary", last_name="Somerville", team=team)
    relationship = caring_relationship_create(actor=worker, carer=mary, cared_for=person, relationship="parent",
                                              hours_per_week=Decimal(30))  # fmt: skip
    user = UserFactory(username="mary", role=Role.CITIZEN, team=None, person=mary)
    user.relationship = relationship
    return user


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _when(day):
    return {"wanted_from-day": day.day, "wanted_from-month": day.month, "wanted_from-year": day.year}


def test_the_person_sees_their_days_goals_and_progress_in_plain_english(citizen, placement):
    page = _client(citizen).get(reverse("dayops:my_days")).content.decode()
    assert "You go on Monday and Wednesday, for the full day, since" in page
    assert "“Make a friend to go to the pictures with”" in page
    assert "getting there (3 out of 5). You said: “I met Priya at the art group”" in page
    assert "Ask to change your days at Northfield day centre" in page
    assert AuditEvent.objects.filter(action="dayops.own_days_viewed", person=citizen.person).exists()


def test_asking_to_change_days_changes_nothing_until_the_worker_acts(citizen, worker, placement):
    client = _client(citizen)
    url = reverse("dayops:my_change", kwargs={"pk": placement.pk})
    response = client.post(url, {"days": ["TU", "TH"], "session": "morning", "reason": "I start college on Mondays"}
                           | _when(TOMORROW))  # fmt: skip
    assert response.status_code == 302
    placement.refresh_from_db()
    assert (placement.days, placement.session) == ("MO,WE", "full_day")
    page = client.get(reverse("dayops:my_days")).content.decode()
    assert "Your worker has your request. Your days stay the same until they change them." in page
    # On the worker's list (they are her named worker) and their team's.
    assert [r.placement for r in change_requests_for_user(user=worker, mine=True)] == [placement]
    request = DayChangeRequest.objects.get()
    staff = _client(worker)
    listing = staff.get(reverse("dayops:change_requests") + "?whose=mine").content.decode()
    assert "Tuesday, Thursday (morning)" in listing
    response = staff.post(reverse("dayops:change_request", kwargs={"pk": request.pk}), {"outcome": "declined"})
    assert "Say why the days are not changing" in response.content.decode()
    staff.post(reverse("dayops:change_request", kwargs={"pk": request.pk}),
               {"outcome": "declined", "response": "Tuesday is full: you are on its waiting list"})  # fmt: skip
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.DECLINED
    page = client.get(reverse("dayops:my_days")).content.decode()
    assert "your days are not changing. They said: “Tuesday is full: you are on its waiting list”" in page


def test_a_bad_request_is_refused_with_reasons(citizen, placement):
    with pytest.raises(ValidationError) as refused:
        services_citizen.day_change_request(actor=citizen, placement=placement, days=["MO", "WE"],
                                            session="full_day", wanted_from=TODAY - dt.timedelta(days=1))  # fmt: skip
    assert refused.value.message_dict == {
        "days": ["These are the days you go already: choose the days you want instead"],
        "wanted_from": ["The date you want the change from must be today or later"],
    }
    services_citizen.day_change_request(actor=citizen, placement=placement, days=["TU"], session="morning",
                                        wanted_from=TODAY)  # fmt: skip
    with pytest.raises(ValidationError, match="already asked"):
        services_citizen.day_change_request(actor=citizen, placement=placement, days=["FR"], session="morning",
                                            wanted_from=TODAY)  # fmt: skip
    assert DayChangeRequest.objects.count() == 1


def test_no_one_asks_for_someone_else(placement, team, carer):
    other = UserFactory(role=Role.CITIZEN, team=None, person=PersonFactory(team=team))
    for user in (other, carer):
        with pytest.raises(PermissionDenied):
            services_citizen.day_change_request(actor=user, placement=placement, days=["TU"], session="morning",
                                                wanted_from=TODAY)  # fmt: skip
    assert _client(other).get(reverse("dayops:my_change", kwargs={"pk": placement.pk})).status_code == 404
    assert not DayChangeRequest.objects.exists()


def test_a_carer_sees_the_breaks_only_with_consent_which_the_person_can_withdraw(carer, citizen, worker, placement):
    client = _client(carer)
    page = client.get(reverse("dayops:carer_breaks")).content.decode()
    assert "Ada has not agreed to you seeing their days" in page
    assert "Northfield" not in page
    (breaks,) = breaks_for_carer(user=carer)
    assert not breaks.consented
    assert breaks.days == []
    staff = _client(worker)
    consent_url = reverse("carers:consents", kwargs={"person_pk": placement.person_id})
    response = staff.post(consent_url, {"carer": str(carer.person_id), "covers": ["day_breaks"],
                                        "given_on-day": TODAY.day, "given_on-month": TODAY.month,
                                        "given_on-year": TODAY.year})  # fmt: skip
    assert response.status_code == 302
    (breaks,) = breaks_for_carer(user=carer)
    assert breaks.consented
    assert [(d.day, d.parts) for d in breaks.days if any(d.parts)] == [
        ("Monday", [True, True, False]),
        ("Wednesday", [True, True, False]),
    ]
    page = client.get(reverse("dayops:carer_breaks")).content.decode()
    assert "Each week, you have a break when Ada is out" in page
    assert "Northfield" not in page  # the break is the carer's; where Ada goes is hers
    # Ada stops it herself, on her own page.
    own = _client(citizen)
    assert "Mary Somerville can see which days" in own.get(reverse("dayops:my_days")).content.decode()
    consent = carer.relationship
    standing = CarerConsent.objects.get(relationship=consent, withdrawn_on__isnull=True)
    withdraw = reverse("carers:my_consent_withdraw", kwargs={"pk": standing.pk})
    assert _client(carer).post(withdraw).status_code == 404
    assert own.post(withdraw, {"back": "days"})["Location"] == reverse("dayops:my_days")
    (breaks,) = breaks_for_carer(user=carer)
    assert not breaks.consented
    assert "Mary Somerville cannot see your days" in own.get(reverse("dayops:my_days")).content.decode()


def test_consent_is_recorded_once_and_only_by_the_persons_workers(carer, worker, placement):
    def record(actor):
        return carer_consent_record(actor=actor, cared_for=placement.person, carer=carer.person, covers=["day_breaks"],
                                    given_on=TODAY)  # fmt: skip

    record(worker)
    with pytest.raises(ValidationError, match="already recorded"):
        record(worker)
    for user in (carer, UserFactory(role=Role.BROKER), UserFactory(role=Role.SOCIAL_WORKER, team=None)):
        with pytest.raises(PermissionDenied):
            record(user)


def test_an_ended_placement_is_not_shown_and_cannot_be_changed(citizen, worker, placement):
    Placement.objects.filter(pk=placement.pk).update(ends_on=TODAY - dt.timedelta(days=1))
    page = _client(citizen).get(reverse("dayops:my_days")).content.decode()
    assert "You do not go to any day services at the moment" in page
    assert _client(citizen).get(reverse("dayops:my_change", kwargs={"pk": placement.pk})).status_code == 404


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_pages_ask_as_many_questions_whatever_the_number_of_placements(citizen, carer, worker, placement, team):
    carer_consent_record(actor=worker, cared_for=citizen.person, carer=carer.person, covers=["day_breaks"],
                         given_on=TODAY)  # fmt: skip
    services_citizen.day_change_request(actor=citizen, placement=placement, days=["TU"], session="morning",
                                        wanted_from=TODAY)  # fmt: skip
    pages = [(_client(citizen), reverse("dayops:my_days")), (_client(carer), reverse("dayops:carer_breaks")),
             (_client(worker), reverse("dayops:change_requests"))]  # fmt: skip
    before = [_queries(client, url) for client, url in pages]
    for day in ("TU", "TH", "FR"):
        more = services.placement_make(actor=worker, person=citizen.person, service=placement.service, days=[day],
                                       session="morning", starts_on=TODAY)  # fmt: skip
        services_outcomes.placement_goal_set(actor=worker, placement=more, kind="skills", own_words="Cook",
                                             set_on=TODAY)  # fmt: skip
        services_citizen.day_change_request(actor=citizen, placement=more, days=["SA"], session="morning",
                                            wanted_from=TODAY)  # fmt: skip
        services.placement_make(
            actor=worker, person=PersonFactory(team=team, named_worker=worker), service=placement.service,
            days=[day], session="afternoon", starts_on=TODAY,
        )  # fmt: skip
    assert [_queries(client, url) for client, url in pages] == before


def test_the_person_sees_how_they_get_there(citizen, worker, placement):
    from ownway.dayops import services_transport

    services_transport.travel_set(
        actor=worker, placement=placement, mode="council_fleet", pickup_address="1 High Street, Northfield",
        pickup_postcode="B31 2AA", wheelchair=True, pickup_from=dt.time(8, 30), pickup_until=dt.time(9),
        from_date=placement.starts_on,
    )  # fmt: skip
    page = _client(citizen).get(reverse("dayops:my_days")).content.decode()
    assert (
        "The council's bus picks you up between 8:30am and 9:00am, and takes you home after your session. "
        "There is a space for your wheelchair." in page
    )
