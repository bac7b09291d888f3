"""The complexity of a person's need and who runs a day service, set on their pages with who and when, and
counted in the commissioner's Tables 4 to 6."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services, services_classify
from ownway.dayops.figures import cohort_figures
from ownway.dayops.models import DayService, NeedComplexity

TODAY = timezone.localdate()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_worker_classifies_a_persons_need_and_the_table_counts_it(worker, person, centre):
    services_classify.provision_set(actor=UserFactory(role=Role.BROKER), service=centre, provision="internal")
    services.placement_make(actor=worker, person=person, service=centre, days=["MO"], session="full_day",
                            starts_on=TODAY - dt.timedelta(days=7))  # fmt: skip
    assert cohort_figures(TODAY).internal_complexity.get("complex", 0) == 0
    with pytest.raises(ValidationError) as refused:
        services_classify.complexity_set(actor=worker, person=person, complexity="extreme",
                                         classified_on=TODAY + dt.timedelta(days=1))  # fmt: skip
    assert set(refused.value.message_dict) == {"complexity", "classified_on"}
    assert not NeedComplexity.objects.exists()
    record = services_classify.complexity_set(actor=worker, person=person, complexity="complex", classified_on=TODAY)
    assert (record.recorded_by, record.recorded_at.date()) == (worker, TODAY)
    assert cohort_figures(TODAY).internal_complexity["complex"] == 1
    services_classify.complexity_set(actor=worker, person=person, complexity="moderate", classified_on=TODAY)
    assert NeedComplexity.objects.get().complexity == "moderate"
    assert services_classify.complexity_set(actor=worker, person=person, complexity="not_classified",
                                            classified_on=TODAY) is None  # fmt: skip
    assert not NeedComplexity.objects.exists()
    assert AuditEvent.objects.filter(action="dayops.complexity_set").count() == 3
    with pytest.raises(PermissionDenied):
        services_classify.complexity_set(actor=UserFactory(role=Role.BROKER), person=person, complexity="complex",
                                         classified_on=TODAY)  # fmt: skip


def test_a_broker_says_who_runs_a_service_and_it_becomes_a_day_service(worker, person, centre):
    broker = UserFactory(role=Role.BROKER)
    with pytest.raises(ValidationError):
        services_classify.provision_set(actor=broker, service=centre, provision="private")
    made = services_classify.provision_set(actor=broker, service=centre, provision="external")
    assert (made.provision, made.provision_set_by, made.provision_set_at.date()) == ("external", broker, TODAY)
    services_classify.provision_set(actor=broker, service=centre, provision="third_sector")
    assert DayService.objects.get().provision == "third_sector"
    with pytest.raises(PermissionDenied):
        services_classify.provision_set(actor=worker, service=centre, provision="internal")


def test_the_pages_show_who_set_them_and_when(worker, person, centre):
    client = _client(worker)
    url = reverse("dayops:complexity", kwargs={"person_pk": person.pk})
    assert url in client.get(reverse("dayops:person", kwargs={"person_pk": person.pk})).content.decode()
    assert "Choose how complex their need is" in client.post(url, {}).content.decode()
    day = {"classified_on-day": str(TODAY.day), "classified_on-month": str(TODAY.month),
           "classified_on-year": str(TODAY.year)}  # fmt: skip
    assert client.post(url, {"complexity": "substantial"} | day).status_code == 302
    page = client.get(reverse("dayops:person", kwargs={"person_pk": person.pk})).content.decode()
    assert "Substantial" in page
    assert f"recorded by {worker.get_full_name() or worker.username}" in page

    broker = UserFactory(role=Role.BROKER, first_name="Bea", last_name="Broker")
    client = _client(broker)
    url = reverse("dayops:provision", kwargs={"pk": centre.pk})
    assert url in client.get(reverse("dayops:service", kwargs={"pk": centre.pk})).content.decode()
    assert "Not yet one of the council" in client.get(url).content.decode()
    assert "Choose who runs the service" in client.post(url, {"provision": "nobody"}).content.decode()
    assert client.post(url, {"provision": "internal"}).status_code == 302
    page = client.get(reverse("dayops:service", kwargs={"pk": centre.pk})).content.decode()
    assert "Run by: internal (run by the council) (set by Bea Broker" in page
    assert _client(worker).get(url).status_code == 403
