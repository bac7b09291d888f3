"""Registers and attendance: marked by staff or by the provider of the service, with reasons for absence."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services
from ownway.dayops.models import Attendance
from ownway.dayops.selectors import attendance_rate, attendance_rates_for_person, register_services_for_user
from ownway.directory.models import ProviderAccount
from ownway.people.tests.factories import PersonFactory

from ..conftest import day_centre

TODAY = timezone.localdate()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 7)  # a Monday gone


@pytest.fixture
def placed(worker, team, centre):
    people = [PersonFactory(team=team, first_name=name) for name in ("Ann", "Bea")]
    return [
        services.placement_make(
            actor=worker,
            person=p,
            service=centre,
            days=["MO", "TH"],
            session="full_day",
            starts_on=MONDAY - dt.timedelta(days=28),
        )
        for p in people
    ]


def _provider(service):
    user = UserFactory(role=Role.PROVIDER, team=None)
    ProviderAccount.objects.create(user=user, organization=service.organization)
    return user


def test_the_register_lists_who_is_placed_that_day(placed, centre):
    assert list(services.register_placements(centre, date=MONDAY, session="full_day")) == placed
    assert list(services.register_placements(centre, date=MONDAY + dt.timedelta(days=1), session="full_day")) == []
    assert list(services.register_placements(centre, date=MONDAY, session="morning")) == []


def test_staff_mark_the_register_and_rates_follow(worker, placed, centre):
    ann, bea = placed
    services.register_mark(actor=worker, service=centre, date=MONDAY, session="full_day",
                           marks={ann.pk: "attended", bea.pk: "no_transport"})  # fmt: skip
    services.register_mark(actor=worker, service=centre, date=MONDAY + dt.timedelta(days=3), session="full_day",
                           marks={ann.pk: "attended", bea.pk: "attended"})  # fmt: skip
    absent = Attendance.objects.get(placement=bea, date=MONDAY)
    assert (absent.status, absent.absence_reason) == ("absent", "no_transport")
    rates = attendance_rates_for_person(placements=[ann, bea])
    assert (rates[ann.pk].text, rates[bea.pk].text) == ("2 of 2 sessions (100%)", "1 of 2 sessions (50%)")
    assert attendance_rate(ann.service.day_placements.all()).percent == 75
    assert AuditEvent.objects.filter(action="dayops.register_marked").count() == 4


def test_a_mark_is_corrected_not_doubled(worker, placed, centre):
    ann = placed[0]
    for mark in ("ill", "hospital", "hospital"):
        services.register_mark(actor=worker, service=centre, date=MONDAY, session="full_day", marks={ann.pk: mark})
    assert Attendance.objects.get(placement=ann).absence_reason == "hospital"
    assert AuditEvent.objects.filter(action="dayops.register_marked").count() == 2


def test_the_provider_marks_only_its_own_services(placed, centre):
    provider = _provider(centre)
    services.register_mark(actor=provider, service=centre, date=MONDAY, session="full_day",
                           marks={placed[0].pk: "attended"})  # fmt: skip
    assert list(register_services_for_user(user=provider)) == [centre]
    other = day_centre("Southside hub")
    other.organization = None
    other.save(update_fields=["organization"])
    stranger = UserFactory(role=Role.PROVIDER, team=None)
    with pytest.raises(PermissionDenied):
        services.register_mark(actor=stranger, service=centre, date=MONDAY, session="full_day",
                               marks={placed[1].pk: "attended"})  # fmt: skip
    assert list(register_services_for_user(user=stranger)) == []
    assert Attendance.objects.count() == 1


@pytest.mark.parametrize(
    ("date", "marks", "field"),
    [
        (TODAY + dt.timedelta(days=1), {}, "date"),
        (MONDAY, {"other": "attended"}, "marks"),
        (MONDAY + dt.timedelta(days=1), {0: "attended"}, "marks"),
        (MONDAY, {0: "asleep"}, "p"),
    ],
)
def test_bad_marks_are_refused_and_nothing_saved(worker, placed, centre, date, marks, field):
    ann = placed[0]
    marks = {(ann.pk if key == 0 else 999_999): value for key, value in marks.items()}
    marks[placed[1].pk] = "attended"
    with pytest.raises(ValidationError) as refused:
        services.register_mark(actor=worker, service=centre, date=date, session="full_day", marks=marks)
    assert any(name.startswith(field) for name in refused.value.message_dict)
    assert not Attendance.objects.exists()


def test_who_may_not_mark(placed, centre):
    for role in (Role.FINANCE_OFFICER, Role.COMMISSIONER, Role.CITIZEN, Role.ENABLEMENT_WORKER):
        with pytest.raises(PermissionDenied):
            services.register_mark(actor=UserFactory(role=role, team=None), service=centre, date=MONDAY,
                                   session="full_day", marks={placed[0].pk: "attended"})  # fmt: skip


def test_a_register_is_marked_in_as_many_queries_however_many_people_are_on_it(worker, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def mark(capacity):
        service = day_centre(f"Centre for {capacity}", capacity=capacity)
        placements = [
            services.placement_make(
                actor=worker,
                person=PersonFactory(team=team),
                service=service,
                days=["MO"],
                session="full_day",
                starts_on=MONDAY - dt.timedelta(days=28),
            )
            for _ in range(capacity)
        ]
        with CaptureQueriesContext(connection) as marking:
            services.register_mark(actor=worker, service=service, date=MONDAY, session="full_day",
                                   marks={p.pk: "unexplained" for p in placements})  # fmt: skip
        trail = AuditEvent.objects.filter(action="dayops.register_marked", subject_id__in=[
            str(a.pk) for a in Attendance.objects.filter(placement__in=placements)])  # fmt: skip
        assert sorted(e.person_id for e in trail) == sorted(p.person_id for p in placements)
        assert all(e.new == {"date": MONDAY.isoformat(), "status": "absent", "absence_reason": "unexplained"}
                   for e in trail)  # fmt: skip
        return len(marking)

    assert mark(2) == mark(6)
