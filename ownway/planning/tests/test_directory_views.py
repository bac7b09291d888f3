"""Choosing a service from the directory for a plan line: search by words, the person's choices first."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ownway.directory.models import Shortlist
from ownway.planning import services
from ownway.planning.models import PlanLine
from ownway.planning.tests.factories import directory_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(social_worker, person):
    plan = services.support_plan_start(actor=social_worker, person=person)
    version = plan.versions.get()
    services.plan_outcome_add(actor=social_worker, version=version, own_words="I want to sing with other people")
    return version


def _page(client, version, **query):
    response = client.get(reverse("planning:directory", kwargs={"pk": version.pk}), query)
    assert response.status_code == 200
    return response.content.decode()


def test_search_by_words_finds_active_services_with_their_cost(social_worker_client, version):
    directory_service("Community choir", costs=(("Standard", "8.50", "price", "session"),))
    directory_service("Gardening club", costs=())
    directory_service("Old choir", status="defunct")
    text = _page(social_worker_client, version, q="choir")
    assert "1 service found for “choir”" in text
    assert "Community choir" in text
    assert "£8.50 a session" in text
    assert "Gardening club" not in text
    assert "Old choir" not in text
    assert "No cost given in the directory" in _page(social_worker_client, version, q="gardening")


def test_no_words_no_search(social_worker_client, version):
    directory_service("Community choir")
    assert "found for" not in _page(social_worker_client, version)


def test_results_come_a_page_at_a_time(social_worker_client, version):
    for number in range(12):
        directory_service(f"Walking group {number:02d}", costs=())
    first = _page(social_worker_client, version, q="walking")
    assert "12 services found" in first
    assert first.count("Use this service") == 10
    assert "page=2" in first
    assert _page(social_worker_client, version, q="walking", page="2").count("Use this service") == 2


def test_the_services_the_person_chose_come_first(social_worker_client, broker, person, version):
    chosen = directory_service("Tuesday lunch club", organization="Age Friendly")
    directory_service("Tuesday lunch club two")
    Shortlist.objects.create(
        person=person, created_by=broker, purpose="Company at lunch", chosen=chosen, chosen_at=timezone.now()
    )
    Shortlist.objects.create(person=person, created_by=broker, purpose="Not chosen yet")
    text = _page(social_worker_client, version)
    assert f"Services {person.full_name} chose" in text
    assert "Tuesday lunch club" in text
    assert text.count("Use this service") == 1


def test_the_line_is_filled_from_the_service_and_saved_with_it(social_worker_client, version):
    service = directory_service(
        "Community choir",
        costs=(("Standard", "8.50", "price", "session"), ("Tea", "1.00", "extra", "session")),
    )
    url = reverse("planning:line", kwargs={"pk": version.pk})
    form = social_worker_client.get(url, {"service": str(service.pk)}).content.decode()
    assert 'value="Community choir"' in form
    assert 'value="Friendly Day Services"' in form
    assert 'value="9.50"' in form
    assert "filled in from the directory" in form
    outcome = version.outcomes.get()
    response = social_worker_client.post(
        url,
        {
            "directory_service": str(service.pk),
            "outcome": outcome.pk,
            "kind": "service",
            "description": "Community choir",
            "provider_name": "Friendly Day Services",
            "unit": "session",
            "unit_cost": "9.50",
            "units": "1",
            "frequency": "weekly",
            "management": "direct_payment",
        },
    )
    assert response.status_code == 302
    line = PlanLine.objects.get(version=version)
    assert line.directory_service == service
    assert line.weekly_cost == Decimal("9.50")


def test_an_unknown_service_is_not_found(social_worker_client, version):
    url = reverse("planning:line", kwargs={"pk": version.pk})
    assert social_worker_client.get(url, {"service": "not-a-uuid"}).status_code == 404
    assert social_worker_client.get(url, {"service": "6f1c1d2e-0000-4000-8000-00000000ffff"}).status_code == 404


def test_a_service_no_longer_offered_cannot_be_used(social_worker, version):
    service = directory_service("Closed club", status="inactive")
    with pytest.raises(ValidationError) as error:
        services.plan_line_add(
            actor=social_worker, outcome=version.outcomes.get(), kind="service", description="Closed club",
            directory_service=service, unit_cost=Decimal("5.00"), units=Decimal(1), management="direct_payment",
        )  # fmt: skip
    assert "not offered in the directory now" in str(error.value)
    assert not PlanLine.objects.filter(version=version).exists()


def test_someone_who_may_not_see_the_plan_cannot_use_the_page(provider_client, version):
    assert provider_client.get(reverse("planning:directory", kwargs={"pk": version.pk})).status_code == 403
