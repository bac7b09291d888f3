"""Changing a placement's days or part of the day, ending it, and offering the place it frees."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services, services_change
from ownway.dayops.models import Attendance, Placement, PlacementChange, PlacementExtras, WaitingListEntry
from ownway.dayops.selectors_attend import placement_history, places_free_for_user
from ownway.people.tests.factories import PersonFactory

from ..conftest import approved_day_line, day_centre

START = dt.date(2026, 6, 1)  # a Monday
TODAY = dt.date(2026, 6, 15)


def _place(actor, person, service, **changes):
    values = {"days": ["MO", "WE"], "session": "full_day", "starts_on": START} | changes
    return services.placement_make(actor=actor, person=person, service=service, **values)


def _change(actor, placement, **changes):
    values = {"days": ["TU", "TH"], "session": "full_day", "takes_effect": TODAY, "reason": "Her job moved"} | changes
    return services_change.placement_change(actor=actor, placement=placement, **values)


def test_a_change_of_days_ends_the_old_pattern_and_starts_the_new_one(worker, person, centre):
    placement = _place(worker, person, centre)
    PlacementExtras.objects.create(placement=placement, transport_there=True, meal=True, updated_by=worker)
    new = _change(worker, placement)
    placement.refresh_from_db()
    assert placement.ends_on == TODAY - dt.timedelta(days=1)
    assert (new.days, new.session, new.starts_on, new.ends_on) == ("TU,TH", "full_day", TODAY, None)
    assert (new.extras.transport_there, new.extras.transport_home, new.extras.meal) == (True, False, True)
    change = PlacementChange.objects.get()
    assert (change.placement, change.successor, change.kind, change.reason) == (placement, new, "changed",
                                                                                "Her job moved")  # fmt: skip
    assert change.old["days"] == "MO,WE"
    assert change.new["days"] == "TU,TH"
    assert placement_history(placement=new) == [change]
    assert AuditEvent.objects.filter(action="dayops.placement_changed", person=person).count() == 1
    # The old one's register stays on Mondays before the change; the new one's on Tuesdays from it.
    assert list(services.register_placements(centre, date=TODAY - dt.timedelta(days=7), session="full_day")) == [
        placement
    ]
    assert list(services.register_placements(centre, date=TODAY + dt.timedelta(days=1), session="full_day")) == [new]
    with pytest.raises(ValidationError, match="change that one instead"):
        _change(worker, placement, days=["FR"])


def test_a_change_from_the_first_day_changes_it_in_place(worker, person, centre):
    placement = _place(worker, person, centre, starts_on=TODAY)
    assert _change(worker, placement, session="morning") == placement
    placement.refresh_from_db()
    assert (placement.days, placement.session) == ("TU,TH", "morning")
    assert Placement.objects.count() == 1


def test_the_support_plan_line_moves_to_the_new_pattern(worker, manager, person, centre):
    line = approved_day_line(worker, manager, person)
    placement = _place(worker, person, centre, plan_line=line, starts_on=dt.date(2026, 4, 20))
    new = _change(worker, placement)
    line.refresh_from_db()
    assert line.day_placement == new
    assert new.funding == placement.funding == "council_arranged"


def test_bad_changes_are_refused_and_nothing_saved(worker, manager, person, team, centre):
    other = day_centre("Southside hub", days="MO,TU,WE,TH,FR")
    _place(worker, person, other, days=["TH"], session="morning")
    placement = _place(worker, person, centre, ends_on=dt.date(2026, 7, 31))
    for _ in range(2):
        _place(worker, PersonFactory(team=team), centre, days=["FR"], session="afternoon")
    cases = [
        ({"days": ["SA"]}, "days", "Northfield day centre is not open on Saturday"),
        ({"days": ["TU", "TH"]}, "days", "Ada Lovelace already goes to Southside hub on Thursday (morning)"),
        ({"days": ["FR"]}, "session", "The Friday afternoon session at Northfield day centre is full (2 of 2 places "
                                      "taken): Ada Lovelace cannot move to it"),
        ({"days": ["MO", "WE"]}, "days", "Nothing has changed"),
        ({"takes_effect": START - dt.timedelta(days=1)}, "takes_effect", "before the placement starts, on 1 June 2026"),
        ({"takes_effect": dt.date(2026, 8, 1)}, "takes_effect", "The placement ends on 31 July 2026"),
        ({"reason": "  "}, "reason", "Say why the placement is changing"),
        ({"session": "evening"}, "session", "has no evening sessions"),
    ]  # fmt: skip
    for changes, field, message in cases:
        with pytest.raises(ValidationError) as refused:
            _change(worker, placement, **({"days": ["TU"]} | changes))
        assert any(message in text for text in refused.value.message_dict[field]), (changes, refused.value)
    assert Placement.objects.filter(person=person).count() == 2
    assert not PlacementChange.objects.exists()


def test_a_change_before_the_plan_starts_is_refused(worker, manager, person, centre):
    line = approved_day_line(worker, manager, person)
    placement = _place(worker, person, centre, plan_line=line, starts_on=dt.date(2026, 4, 20))
    with pytest.raises(ValidationError) as refused:
        _change(worker, placement, takes_effect=dt.date(2026, 4, 1))
    assert refused.value.message_dict["takes_effect"] == [
        "The change cannot take effect before the support plan starts, on 20 April 2026"
    ]


def test_a_change_from_before_a_day_already_marked_is_refused(worker, person, centre):
    placement = _place(worker, person, centre)
    services.register_mark(actor=worker, service=centre, date=dt.date(2026, 6, 3), session="full_day",
                           marks={placement.pk: "attended"})  # fmt: skip
    with pytest.raises(ValidationError, match="already marked for 3 June 2026"):
        _change(worker, placement, takes_effect=dt.date(2026, 6, 2))
    with pytest.raises(ValidationError, match="already marked for 3 June 2026"):
        services_change.placement_set_end(actor=worker, placement=placement, ends_on=dt.date(2026, 6, 2), reason="x")
    assert Attendance.objects.count() == 1


def test_ending_a_placement_frees_the_place_for_the_first_waiting(worker, broker, team, person, centre):
    first = _place(worker, person, centre, days=["MO"], session="morning")
    _place(worker, PersonFactory(team=team), centre, days=["MO"], session="morning")
    waiting = [PersonFactory(team=team, first_name=name) for name in ("Cas", "Dot")]
    for p in waiting:
        services.waiting_list_join(actor=worker, person=p, service=centre, days=["MO"], session="morning",
                                   wanted_from=START)  # fmt: skip
    assert services_change.places_free_offers(services=centre.__class__.objects.all(), today=TODAY) == []
    services_change.placement_set_end(actor=worker, placement=first, ends_on=dt.date(2026, 6, 30),
                                      reason="She has a job on Mondays")  # fmt: skip
    first.refresh_from_db()
    assert first.ends_on == dt.date(2026, 6, 30)
    assert PlacementChange.objects.get().kind == "ended"
    offers = services_change.places_free_offers(services=centre.__class__.objects.all(), today=TODAY)
    # One place, from the day after she leaves, to the first on the list only.
    assert [(o.entry.person, o.position, o.free_from) for o in offers] == [(waiting[0], 1, dt.date(2026, 7, 1))]
    assert "free from 1 July 2026 for Cas" in services_change.describe_offer(offers[0])
    assert [o.entry.person for o in places_free_for_user(user=broker)] == [waiting[0]]
    assert places_free_for_user(user=UserFactory(role=Role.SOCIAL_WORKER, team=None)) == []
    # Placing her takes her off the list, and the offer with it.
    _place(worker, waiting[0], centre, days=["MO"], session="morning", starts_on=dt.date(2026, 7, 1))
    assert WaitingListEntry.objects.get(person=waiting[0]).status == "placed"
    assert services_change.places_free_offers(services=centre.__class__.objects.all(), today=TODAY) == []


def test_moving_the_end_later_needs_a_place_for_the_extra_time(worker, team, person, centre):
    placement = _place(worker, person, centre, days=["MO"], session="morning", ends_on=dt.date(2026, 6, 30))
    for _ in range(2):
        _place(worker, PersonFactory(team=team), centre, days=["MO"], session="morning", starts_on=dt.date(2026, 7, 1))
    with pytest.raises(services.SessionFull, match="Monday morning session"):
        services_change.placement_set_end(actor=worker, placement=placement, ends_on=None, reason="Wants to stay")
    with pytest.raises(ValidationError, match="already ends then"):
        services_change.placement_set_end(actor=worker, placement=placement, ends_on=dt.date(2026, 6, 30), reason="x")
    with pytest.raises(ValidationError, match="cannot be before the placement starts"):
        services_change.placement_set_end(actor=worker, placement=placement, ends_on=dt.date(2026, 5, 1), reason="x")
    placement.refresh_from_db()
    assert placement.ends_on == dt.date(2026, 6, 30)
    assert not PlacementChange.objects.exists()


def test_who_may_not_change_placements(person, worker, centre):
    placement = _place(worker, person, centre)
    for role in (Role.FINANCE_OFFICER, Role.PROVIDER, Role.COMMISSIONER):
        with pytest.raises(PermissionDenied):
            _change(UserFactory(role=role, team=None), placement)
        with pytest.raises(PermissionDenied):
            services_change.placement_set_end(actor=UserFactory(role=role, team=None), placement=placement,
                                              ends_on=TODAY, reason="x")  # fmt: skip
    assert not PlacementChange.objects.exists()
