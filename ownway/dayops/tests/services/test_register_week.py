"""A week of a service's register marked at once: all of it saved, or none of it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services, services_attend
from ownway.dayops.models import Attendance
from ownway.dayops.selectors_attend import register_week_for_user
from ownway.directory.models import ProviderAccount
from ownway.people.tests.factories import PersonFactory

from ..conftest import day_centre

TODAY = timezone.localdate()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 7)


@pytest.fixture
def placed(worker, team, centre):
    ann = services.placement_make(actor=worker, person=PersonFactory(team=team, first_name="Ann"), service=centre,
                                  days=["MO", "WE"], session="morning", starts_on=MONDAY)  # fmt: skip
    bea = services.placement_make(actor=worker, person=PersonFactory(team=team, first_name="Bea"), service=centre,
                                  days=["WE", "FR"], session="morning", starts_on=MONDAY)  # fmt: skip
    return ann, bea


def _provider(service):
    user = UserFactory(role=Role.PROVIDER, team=None)
    ProviderAccount.objects.create(user=user, organization=service.organization)
    return user


def test_the_week_shows_each_day_with_who_is_placed(worker, placed, centre):
    ann, bea = placed
    week = register_week_for_user(user=worker, service=centre, week_start=MONDAY, session="morning", today=TODAY)
    assert [(d.date.weekday(), [p for p, _ in d.rows]) for d in week.days] == [(0, [ann]), (2, [ann, bea]), (4, [bea])]
    assert len(week.placements) == 4


def test_the_provider_marks_the_whole_week(placed, centre):
    ann, bea = placed
    provider = _provider(centre)
    wed = MONDAY + dt.timedelta(days=2)
    count = services_attend.register_mark_week(
        actor=provider,
        service=centre,
        week_start=MONDAY,
        session="morning",
        marks={MONDAY: {ann.pk: "attended"}, wed: {ann.pk: "holiday", bea.pk: "attended"},
               MONDAY + dt.timedelta(days=4): {bea.pk: "no_transport"}},
    )  # fmt: skip
    assert count == 4
    assert Attendance.objects.get(placement=ann, date=wed).absence_reason == "holiday"
    assert Attendance.objects.count() == 4


def test_one_bad_day_saves_nothing_and_names_the_day(worker, placed, centre):
    ann, bea = placed
    with pytest.raises(ValidationError) as refused:
        services_attend.register_mark_week(actor=worker, service=centre, week_start=MONDAY, session="morning",
                                           marks={MONDAY: {ann.pk: "attended"}, MONDAY + dt.timedelta(days=1):
                                                  {bea.pk: "attended"}})  # fmt: skip
    assert "Tuesday" in str(refused.value)
    assert not Attendance.objects.exists()
    with pytest.raises(ValidationError, match="not in this week"):
        services_attend.register_mark_week(actor=worker, service=centre, week_start=MONDAY, session="morning",
                                           marks={MONDAY + dt.timedelta(days=7): {ann.pk: "attended"}})  # fmt: skip


def test_days_not_yet_come_are_refused(worker, team):
    centre = day_centre("Every day centre", days="MO,TU,WE,TH,FR,SA,SU")
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    p = services.placement_make(actor=worker, person=PersonFactory(team=team), service=centre,
                                days=["MO", "TU", "WE", "TH", "FR", "SA", "SU"], session="morning",
                                starts_on=monday)  # fmt: skip
    tomorrow = TODAY + dt.timedelta(days=1)
    if tomorrow - monday >= dt.timedelta(days=7):
        pytest.skip("today is the last day of its week")
    with pytest.raises(ValidationError, match="it has not come"):
        services_attend.register_mark_week(actor=worker, service=centre, week_start=monday, session="morning",
                                           marks={tomorrow: {p.pk: "attended"}})  # fmt: skip
    assert not Attendance.objects.exists()


def test_a_provider_sees_and_marks_only_its_own_services(placed, centre):
    stranger = _provider(day_centre("Southside hub", organization="Southside Trust"))
    with pytest.raises(PermissionDenied):
        register_week_for_user(user=stranger, service=centre, week_start=MONDAY, session="morning", today=TODAY)
    with pytest.raises(PermissionDenied):
        services_attend.register_mark_week(actor=stranger, service=centre, week_start=MONDAY, session="morning",
                                           marks={MONDAY: {placed[0].pk: "attended"}})  # fmt: skip
    assert not Attendance.objects.exists()
