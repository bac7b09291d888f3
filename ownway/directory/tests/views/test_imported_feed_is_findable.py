"""A council's real-shaped feed (ORUK 1.x summary shape), imported as a council would: every accepted service is
found on the directory's search page by its name and by who it is for, and no page claims what the feed did not
give (no venue, no cost)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse

from ownway.directory.models import Feed, Service
from ownway.directory.services import feed_import

FEED = Path(__file__).resolve().parent.parent / "data" / "feeds" / "oruk-1x-placecube-summary.json"


@pytest.fixture
def imported(db, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(FEED.read_text())
    feed_import(actor=None, feed=Feed.objects.create(name="Council directory", source=str(path)))
    return json.loads(FEED.read_text())


def _found(client, query: str) -> str:
    response = client.get(reverse("directory:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_every_imported_service_is_found_by_its_name(client, imported):
    names = list(Service.objects.values_list("name", flat=True))
    assert len(names) == len(imported)
    for name in names:
        page = _found(client, name)
        assert "0 results" not in page, name
        assert name.replace("'", "&#39;") in page, name


@pytest.mark.parametrize(("audience", "expected"), [
    ("carers", {"Memory Café at St Mary's", "Carers' advice line"}),
    ("older people", {"Memory Café at St Mary's", "Men's Shed Kings Heath", "Chair-based exercise"}),
])  # fmt: skip
def test_imported_services_are_found_by_who_they_are_for(client, imported, audience, expected):
    page = _found(client, audience)
    for name in expected:
        assert name.replace("'", "&#39;") in page, name


def test_a_service_the_feed_gave_no_cost_or_venue_for_says_so(client, imported):
    line = Service.objects.get(name="Carers' advice line")  # no fees, by phone
    page = client.get(reverse("directory:service", kwargs={"pk": line.pk})).content.decode()
    assert "Cost: ask the provider" in page or "ask the provider" in page.lower()
    assert ">Free<" not in page
    assert "This service has no venue" not in page
    # Free only where the feed says so.
    free = _found(client, "talking therapy")
    assert "Talking Therapies" in free
    response = client.get(reverse("directory:search"), {"q": "carers advice", "free_only": "on"})
    assert "Carers&#39; advice line" not in response.content.decode()
