"""The week's register on a phone, and the absences to follow up, as a provider and a worker use them."""

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services
from ownway.dayops.models import AbsenceAlert, Attendance
from ownway.directory.models import ProviderAccount

from .conftest import day_centre

TODAY = timezone.localdate()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 7)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_provider_marks_the_weeks_register_in_one_form(worker, person, centre):
    placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO", "TU", "WE"],
                                        session="morning", starts_on=MONDAY)  # fmt: skip
    provider = UserFactory(role=Role.PROVIDER, team=None)
    ProviderAccount.objects.create(user=provider, organization=centre.organization)
    client = _client(provider)
    url = (
        reverse("dayops:register_week", kwargs={"pk": centre.pk})
        + f"?week={MONDAY + dt.timedelta(days=3)}&session=morning"
    )
    page = client.get(url).content.decode()
    assert f"Register for the week of {MONDAY.day}" in page
    assert page.count(person.full_name) >= 3
    assert "<select" in page
    assert "<script" not in page.split("<main")[1].split("</main>")[0]
    names = [f"m{MONDAY + dt.timedelta(days=n):%Y%m%d}_{placement.pk}" for n in range(3)]
    response = client.post(url, {names[0]: "unexplained", names[1]: "unexplained", names[2]: "unexplained"})
    assert response.status_code == 302
    assert Attendance.objects.filter(placement=placement).count() == 3
    assert "Absent: no reason given" in client.get(url).content.decode()
    # The worker sees the alert on the home page and follows it up.
    worker_client = _client(worker)
    home = worker_client.get(reverse("home:home")).content.decode()
    assert "Day-service absences to follow up" in home
    assert "(1 for people you are the named worker for, 1 for your team)" in home
    alerts = reverse("dayops:absence_alerts")
    page = worker_client.get(alerts + "?whose=mine").content.decode()
    assert person.full_name in page
    assert "3 absences" in page
    alert = AbsenceAlert.objects.get()
    response = worker_client.post(alerts, {"alert": str(alert.pk), "note": ""})
    assert "Say what you did to follow up the absences" in response.content.decode()
    response = worker_client.post(alerts, {"alert": str(alert.pk), "note": "Visited: she is fine, back next week"})
    assert response.status_code == 302
    assert "No absences to follow up" in worker_client.get(alerts).content.decode()


def test_a_bad_mark_on_the_week_saves_nothing(worker, person, centre):
    placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO", "TU"],
                                        session="morning", starts_on=MONDAY)  # fmt: skip
    client = _client(worker)
    url = reverse("dayops:register_week", kwargs={"pk": centre.pk}) + f"?week={MONDAY}&session=morning"
    response = client.post(url, {f"m{MONDAY:%Y%m%d}_{placement.pk}": "attended",
                                 f"m{MONDAY + dt.timedelta(days=1):%Y%m%d}_{placement.pk}": "asleep"})  # fmt: skip
    assert response.status_code == 200
    assert f"Choose whether {person.full_name} came" in response.content.decode()
    assert not Attendance.objects.exists()


def test_another_providers_week_is_refused(worker, person, centre):
    services.placement_make(actor=worker, person=person, service=centre, days=["MO"], session="morning",
                            starts_on=MONDAY)  # fmt: skip
    stranger = UserFactory(role=Role.PROVIDER, team=None)
    ProviderAccount.objects.create(
        user=stranger, organization=day_centre("Elsewhere", organization="Other").organization
    )
    url = reverse("dayops:register_week", kwargs={"pk": centre.pk})
    assert _client(stranger).get(url).status_code == 403
    assert _client(stranger).post(url, {}).status_code == 403
    assert person.full_name not in _client(stranger).get(reverse("dayops:registers")).content.decode()


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_a_broker_changes_then_ends_a_placement_on_its_page(worker, broker, team, person, centre):
    from ownway.dayops.models import Placement

    start = TODAY - dt.timedelta(days=TODAY.weekday() + 14)
    placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO"], session="morning",
                                        starts_on=start)  # fmt: skip
    other = services.placement_make(actor=worker, person=team_person(team), service=centre, days=["TU"],
                                    session="morning", starts_on=start)  # fmt: skip
    waiting = team_person(team, "Cas")
    for p in (team_person(team), team_person(team)):
        services.placement_make(actor=worker, person=p, service=centre, days=["TU"], session="afternoon",
                                starts_on=start)  # fmt: skip
    services.placement_make(actor=worker, person=team_person(team), service=centre, days=["TU"], session="morning",
                            starts_on=start)  # fmt: skip
    services.waiting_list_join(actor=worker, person=waiting, service=centre, days=["TU"], session="morning",
                               wanted_from=start)  # fmt: skip
    client = _client(broker)
    base = reverse("dayops:placement_change", kwargs={"person_pk": person.pk})
    assert "Northfield day centre: Monday (morning)" in client.get(base).content.decode()
    url = f"{base}?placement={placement.pk}"
    assert "New days or part of the day" in client.get(url).content.decode()
    # Tuesday afternoons are full: a full day on Tuesday is refused, with nothing saved.
    form = {"action": "change", "change-days": ["TU"], "change-session": "full_day", "change-reason": "x"}
    response = client.post(url, form | _date("change-takes_effect", TODAY))
    assert "The Tuesday afternoon session at Northfield day centre is full" in response.content.decode()
    assert Placement.objects.filter(person=person).count() == 1
    response = client.post(url, form | {"change-days": ["WE"]} | _date("change-takes_effect", TODAY))
    assert response.status_code == 302
    new = Placement.objects.get(person=person, days="WE")
    # The other person on Tuesday mornings leaves: the first waiting is offered the place.
    other_url = reverse("dayops:placement_change", kwargs={"person_pk": other.person_id}) + f"?placement={other.pk}"
    response = client.post(other_url, {"action": "end", "end-reason": "Moved away"} | _date("end-ends_on", TODAY),
                           follow=True)  # fmt: skip
    page = response.content.decode()
    assert f"for {waiting.full_name}, number 1 on its waiting list" in page
    assert waiting.full_name in client.get(reverse("dayops:places_free")).content.decode()
    history = client.get(f"{base}?placement={new.pk}").content.decode()
    assert "Days or part of the day changed" in history


def team_person(team, first_name="Someone"):
    from ownway.people.tests.factories import PersonFactory

    return PersonFactory(team=team, first_name=first_name)
