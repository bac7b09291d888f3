"""Three absences in a row with no reason given alert the named worker, until followed up or explained."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services, services_attend
from ownway.dayops.models import AbsenceAlert
from ownway.dayops.selectors_attend import absence_alert_counts, absence_alerts_for_user
from ownway.dayops.services_attend import Run, unexplained_runs
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 21)  # a Monday three weeks gone
D = [MONDAY + dt.timedelta(days=n) for n in range(21)]


@pytest.fixture
def placement(worker, person, centre):
    return services.placement_make(actor=worker, person=person, service=centre, days=["MO", "TU", "WE", "TH", "FR"],
                                   session="full_day", starts_on=MONDAY - dt.timedelta(days=7))  # fmt: skip


def _mark(actor, placement, day, mark):
    services.register_mark(actor=actor, service=placement.service, date=day, session="full_day",
                           marks={placement.pk: mark})  # fmt: skip


def test_runs_of_unexplained_absences():
    u, a, ill = ("absent", "unexplained"), ("attended", ""), ("absent", "ill")
    marks = [(D[0], *u), (D[1], *u), (D[2], *a), (D[3], *u), (D[4], *u), (D[7], *u), (D[8], *ill), (D[9], *u)]
    # Mon, Tue unexplained; Wed came; Thu, Fri, next Mon unexplained (three in a row: the weekend has no session).
    assert unexplained_runs(marks) == [Run(D[3], D[7], 3)]
    assert unexplained_runs(marks, at_least=2) == [Run(D[0], D[1], 2), Run(D[3], D[7], 3)]
    assert unexplained_runs([]) == []


def test_the_third_absence_in_a_row_alerts_the_named_worker_and_team(worker, manager, person, placement):
    _mark(worker, placement, D[0], "unexplained")
    _mark(worker, placement, D[1], "unexplained")
    assert not AbsenceAlert.objects.exists()
    _mark(worker, placement, D[2], "unexplained")
    alert = AbsenceAlert.objects.get()
    assert (alert.person, alert.first_absence, alert.last_absence, alert.absences) == (person, D[0], D[2], 3)
    assert list(absence_alerts_for_user(user=worker, mine=True)) == [alert]
    assert absence_alert_counts(user=worker) == (1, 1)
    assert absence_alert_counts(user=manager) == (0, 1)  # the team's, not named worker
    # A fourth absence is the same run: no second alert.
    _mark(worker, placement, D[3], "unexplained")
    alert.refresh_from_db()
    assert (AbsenceAlert.objects.count(), alert.absences, alert.last_absence) == (1, 4, D[3])
    assert AuditEvent.objects.filter(action="dayops.absence_alert_raised").count() == 1


def test_a_reason_given_later_explains_it_and_it_leaves_the_list(worker, placement):
    for day in D[:3]:
        _mark(worker, placement, day, "unexplained")
    _mark(worker, placement, D[1], "hospital")  # the provider learns she was in hospital on Tuesday
    alert = AbsenceAlert.objects.get()
    assert alert.status == "explained"
    assert absence_alert_counts(user=worker) == (0, 0)


def test_absences_with_reasons_or_a_day_attended_between_do_not_alert(worker, placement):
    for day, mark in zip(D[:5], ["unexplained", "unexplained", "ill", "unexplained", "attended"], strict=True):
        _mark(worker, placement, day, mark)
    assert not AbsenceAlert.objects.exists()


def test_an_old_run_marked_late_does_not_alert_when_they_have_come_since(worker, placement):
    _mark(worker, placement, D[7], "attended")
    for day in D[:3]:
        _mark(worker, placement, day, "unexplained")
    assert not AbsenceAlert.objects.exists()


def test_the_worker_follows_it_up_and_it_stays_closed_for_that_run(worker, placement):
    for day in D[:3]:
        _mark(worker, placement, day, "unexplained")
    alert = AbsenceAlert.objects.get()
    with pytest.raises(ValidationError, match="Say what you did"):
        services_attend.absence_alert_handle(actor=worker, alert=alert, note="   ")
    services_attend.absence_alert_handle(actor=worker, alert=alert, note="Rang her sister: she has a cold")
    alert.refresh_from_db()
    assert (alert.status, alert.note, alert.closed_by) == ("handled", "Rang her sister: she has a cold", worker)
    _mark(worker, placement, D[3], "unexplained")
    assert AbsenceAlert.objects.get().status == "handled"
    # She comes, then misses three more: a new alert.
    _mark(worker, placement, D[4], "attended")
    for day in D[7:10]:
        _mark(worker, placement, day, "unexplained")
    assert AbsenceAlert.objects.filter(status="open").get().first_absence == D[7]


def test_someone_else_cannot_follow_it_up(worker, team, placement):
    for day in D[:3]:
        _mark(worker, placement, day, "unexplained")
    alert = AbsenceAlert.objects.get()
    stranger = UserFactory(role=Role.SOCIAL_WORKER, team=None)
    with pytest.raises(PermissionDenied):
        services_attend.absence_alert_handle(actor=stranger, alert=alert, note="x")
    assert absence_alert_counts(user=stranger) == (0, 0)
    assert absence_alert_counts(user=UserFactory(role=Role.PROVIDER, team=None)) is None


def test_the_provider_marking_raises_the_alert_for_the_worker(worker, team, centre):
    from ownway.directory.models import ProviderAccount

    other = PersonFactory(team=team, named_worker=worker)
    placement = services.placement_make(actor=worker, person=other, service=centre, days=["MO", "TU", "WE"],
                                        session="morning", starts_on=MONDAY)  # fmt: skip
    provider = UserFactory(role=Role.PROVIDER, team=None)
    ProviderAccount.objects.create(user=provider, organization=centre.organization)
    services_attend.register_mark_week(actor=provider, service=centre, week_start=MONDAY, session="morning",
                                       marks={day: {placement.pk: "unexplained"} for day in D[:3]})  # fmt: skip
    assert [a.person for a in absence_alerts_for_user(user=worker, mine=True)] == [other]
