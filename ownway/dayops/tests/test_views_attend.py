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
