"""Placements at day services: days, sessions, capacity, waiting lists and funding through the support plan."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services
from ownway.dayops.models import Funding, Placement, WaitingListEntry, WaitingStatus
from ownway.dayops.selectors import day_opportunity_lines, service_places_for_user
from ownway.people.tests.factories import PersonFactory

from ..conftest import approved_day_line, day_centre

START = dt.date(2026, 6, 1)


def _place(actor, person, service, **changes):
    values = {"days": ["MO", "WE"], "session": "full_day", "starts_on": START} | changes
    return services.placement_make(actor=actor, person=person, service=service, **values)


def test_a_self_funded_placement(worker, person, centre):
    placement = _place(worker, person, centre, days=["WE", "MO"])
    assert (placement.days, placement.funding, placement.plan_line) == ("MO,WE", Funding.SELF_FUNDED, None)
    assert placement.days_text == "Monday, Wednesday"
    assert AuditEvent.objects.filter(action="dayops.placement_made", person=person).count() == 1


def test_a_broker_places_people_from_any_team(broker, person, centre):
    assert _place(broker, person, centre).created_by == broker


def test_someone_who_may_not_see_the_person_cannot_place_them(person, centre):
    for role in (Role.SOCIAL_WORKER, Role.FINANCE_OFFICER, Role.PROVIDER):
        with pytest.raises(PermissionDenied):
            _place(UserFactory(role=role, team=None), person, centre)
    assert not Placement.objects.exists()


def test_beyond_capacity_is_refused_and_a_full_day_takes_a_morning_place(worker, team, centre):
    first, second, third = (PersonFactory(team=team) for _ in range(3))
    _place(worker, first, centre, days=["MO"], session="morning")
    _place(worker, second, centre, days=["MO"], session="full_day")
    with pytest.raises(services.SessionFull) as refused:
        _place(worker, third, centre, days=["MO"], session="morning")
    assert refused.value.message_dict["session"] == [
        f"The Monday morning session at Northfield day centre is full (2 of 2 places taken): you can put "
        f"{third.full_name} on its waiting list"
    ]
    # The afternoon has one place left, the evening is another session.
    assert _place(worker, third, centre, days=["MO"], session="afternoon")
    assert Placement.objects.count() == 3


def test_a_placement_that_ended_frees_its_place(worker, team, centre):
    first, second, third = (PersonFactory(team=team) for _ in range(3))
    _place(worker, first, centre, days=["TU"], ends_on=START + dt.timedelta(days=30))
    _place(worker, second, centre, days=["TU"])
    assert _place(worker, third, centre, days=["TU"], starts_on=START + dt.timedelta(days=31))


def test_a_day_the_service_is_closed_is_refused(worker, person, centre):
    with pytest.raises(ValidationError) as refused:
        _place(worker, person, centre, days=["MO", "SA", "SU"])
    assert refused.value.message_dict["days"] == [
        "Northfield day centre is not open on Saturday and Sunday: it is open on Monday, Tuesday, Wednesday, "
        "Thursday and Friday"
    ]
    with pytest.raises(ValidationError, match="has no evening sessions"):
        _place(worker, person, centre, session="evening")
    assert not Placement.objects.exists()


def test_weekends_and_evenings_where_the_service_runs_them(worker, person):
    club = day_centre("Saturday social club", days="SA,SU", evening=True)
    placement = _place(worker, person, club, days=["SA", "SU"], session="evening")
    assert placement.days_text == "Saturday, Sunday"


def test_a_service_with_no_schedule_is_not_refused_for_its_days(worker, person):
    unknown = day_centre("Allotment group", days="")
    assert _place(worker, person, unknown, days=["SU"], session="evening")


def test_a_service_not_running_is_refused(worker, person, centre):
    centre.status = "temporarily closed"
    centre.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="not taking people: it is temporarily closed"):
        _place(worker, person, centre)


def test_twice_in_one_session_is_refused(worker, person, centre):
    other = day_centre("Southside hub")
    _place(worker, person, centre, days=["MO", "WE"], session="morning")
    with pytest.raises(ValidationError) as refused:
        _place(worker, person, other, days=["WE", "FR"], session="full_day")
    assert refused.value.message_dict["days"] == [
        "Ada Lovelace already goes to Northfield day centre on Wednesday (morning) from 1 June 2026"
    ]
    # Another part of the day, or another day, is fine.
    assert _place(worker, person, other, days=["WE"], session="afternoon")
    assert _place(worker, person, other, days=["FR"], session="full_day")


def test_bad_days_sessions_and_dates_are_refused(worker, person, centre):
    for changes, field in (
        ({"days": []}, "days"),
        ({"days": ["XX"]}, "days"),
        ({"session": "night"}, "session"),
        ({"ends_on": START - dt.timedelta(days=1)}, "ends_on"),
    ):
        with pytest.raises(ValidationError) as refused:
            _place(worker, person, centre, **changes)
        assert field in refused.value.message_dict
    assert not Placement.objects.exists()


def test_the_plans_day_opportunity_line_becomes_the_placement(worker, manager, person, centre):
    line = approved_day_line(worker, manager, person, service=centre)
    assert list(day_opportunity_lines(person=person)) == [line]
    placement = _place(worker, person, centre, plan_line=line, starts_on=dt.date(2026, 4, 20))
    assert placement.funding == Funding.COUNCIL_ARRANGED
    line.refresh_from_db()
    assert line.day_placement == placement
    assert list(day_opportunity_lines(person=person)) == []
    with pytest.raises(ValidationError, match="already has its placement"):
        _place(worker, person, centre, plan_line=line, days=["FR"])


@pytest.mark.parametrize(
    ("management", "funding"),
    [("direct_payment", Funding.DIRECT_PAYMENT), ("isf", Funding.INDIVIDUAL_SERVICE_FUND)],
)
def test_funding_follows_how_the_line_is_managed(worker, manager, person, centre, management, funding):
    line = approved_day_line(worker, manager, person, management=management)
    assert _place(worker, person, centre, plan_line=line).funding == funding


def test_before_the_plan_starts_is_refused(worker, manager, person, centre):
    line = approved_day_line(worker, manager, person)
    with pytest.raises(ValidationError) as refused:
        _place(worker, person, centre, plan_line=line, starts_on=dt.date(2026, 4, 19))
    assert refused.value.message_dict["starts_on"] == [
        "The placement cannot start before the support plan does, on 20 April 2026"
    ]
    assert not Placement.objects.exists()


def test_a_line_for_another_service_or_person_is_refused(worker, manager, person, team, centre):
    line = approved_day_line(worker, manager, person, service=day_centre("Southside hub"))
    with pytest.raises(ValidationError, match="is for Southside hub, not Northfield day centre"):
        _place(worker, person, centre, plan_line=line)
    with pytest.raises(ValidationError, match="someone else's"):
        _place(worker, PersonFactory(team=team), centre, plan_line=line)
    assert not Placement.objects.exists()


def test_a_full_session_offers_a_waiting_list_in_order(worker, team, centre):
    placed = [PersonFactory(team=team) for _ in range(2)]
    for p in placed:
        _place(worker, p, centre, days=["TH"])
    first, second = PersonFactory(team=team), PersonFactory(team=team)
    for p in (first, second):
        services.waiting_list_join(actor=worker, person=p, service=centre, days=["TH"], session="morning",
                                   wanted_from=START)  # fmt: skip
    places = service_places_for_user(user=worker, pk=str(centre.pk), on=START)
    assert [(row.position, row.entry.person) for row in places.waiting] == [(1, first), (2, second)]
    thursday = {(s.day, s.part): s for s in places.sessions}[("TH", "morning")]
    assert (thursday.taken, thursday.vacancies) == (2, 0)
    assert {(s.day, s.part): s for s in places.sessions}[("MO", "morning")].vacancies == 2
    with pytest.raises(ValidationError, match="already on the waiting list"):
        services.waiting_list_join(actor=worker, person=first, service=centre, days=["TH"], session="morning",
                                   wanted_from=START)  # fmt: skip
    with pytest.raises(ValidationError, match="There are places"):
        services.waiting_list_join(actor=worker, person=placed[0], service=centre, days=["MO"], session="morning",
                                   wanted_from=START)  # fmt: skip
    # A place frees up: placing the first in the queue takes them off it.
    Placement.objects.filter(person=placed[0]).update(ends_on=START)
    _place(worker, first, centre, days=["TH"], session="morning", starts_on=START + dt.timedelta(days=3))
    assert WaitingListEntry.objects.get(person=first).status == WaitingStatus.PLACED
