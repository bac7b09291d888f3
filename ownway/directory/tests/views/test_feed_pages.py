"""The council officer's pages for feeds: the preview of the next import (counts and a paged list), the import
itself, the last import's report; and the suggested venue a broker may accept on a service's page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse

from ownway.directory.models import Feed, Service
from ownway.directory.services import feed_import
from ownway.jobs.models import Job, JobStatus
from ownway.jobs.worker import run_queued

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"


@pytest.fixture
def registered(db, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text((FEEDS / "oruk-1x-placecube-summary.json").read_text())
    return Feed.objects.create(name="Council directory", source=str(path))


def test_an_officer_previews_the_import_then_applies_it(client, broker, registered):
    client.force_login(broker)
    page = client.get(reverse("directory:feeds")).content.decode()
    assert "Council directory" in page
    assert "Not imported yet" in page
    url = reverse("directory:feed", kwargs={"pk": registered.pk})
    response = client.post(url, {"action": "preview"})
    job = Job.objects.get(task_path="ownway.directory.tasks.feed_preview_job")
    assert response.url == f"{url}?preview={job.pk}"  # the request only started it: the feed is read in the background
    page = client.get(response.url).content.decode()
    assert "Reading the feed to work out what the next import would add" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    run_queued()
    page = client.get(response.url).content.decode()
    assert "would add 5 services, change 0 and withdraw 0" in page
    assert "Memory Café at St Mary&#39;s" in page
    assert 'http-equiv="refresh"' not in page
    assert not Service.objects.exists()
    response = client.post(url, follow=True)
    assert "the import has started in the background" in response.content.decode()
    assert not Service.objects.exists()  # the request only started it
    run_queued()
    assert Service.objects.count() == 5
    page = client.get(url).content.decode()
    assert "ORUK 1.x" in page
    assert "pc_socialPrescribing" in page  # a field the directory does not import, with its count
    assert "was read as https://www.stmarysmemorycafe.org.uk" in page


def test_a_large_preview_keeps_only_the_first_changes_but_counts_them_all(client, broker, registered, monkeypatch):
    monkeypatch.setattr("ownway.directory.tasks.PREVIEW_CHANGES_KEPT", 2)
    client.force_login(broker)
    url = reverse("directory:feed", kwargs={"pk": registered.pk})
    response = client.post(url, {"action": "preview"})
    run_queued()
    result = Job.objects.get(task_path="ownway.directory.tasks.feed_preview_job").result
    assert len(result["preview"]["changes"]) == 2
    assert result["preview"]["count"]["add"] == 5
    page = client.get(response.url).content.decode()
    assert "would add 5 services" in page
    assert "The first 2 of the 5 changes are listed" in page


def test_a_feed_that_cannot_be_read_says_so_on_its_page(client, broker, db):
    feed = Feed.objects.create(name="Gone", source="/nonexistent/feed.json")
    client.force_login(broker)
    url = reverse("directory:feed", kwargs={"pk": feed.pk})
    response = client.post(url, {"action": "preview"})
    run_queued()
    page = client.get(response.url + "&page=x").content.decode()
    assert "The feed could not be read" in page
    assert "Could not read /nonexistent/feed.json" in page
    assert Job.objects.get().status == JobStatus.DONE  # an answer for the officer, not a failure to retry


@pytest.mark.parametrize("preview", ["1", "x", "\x00", "9" * 500, "00000000-0000-0000-0000-000000000000"])
def test_a_preview_that_is_not_this_feeds_shows_only_the_button(client, broker, registered, preview):
    client.force_login(broker)
    page = client.get(reverse("directory:feed", kwargs={"pk": registered.pk}), {"preview": preview})
    assert page.status_code == 200
    assert "Preview what the next import would add" in page.content.decode()


def test_a_preview_is_shown_only_on_its_own_feeds_page_and_only_to_officers(client, broker, social_worker, registered):
    other = Feed.objects.create(name="Other", source=registered.source)
    client.force_login(broker)
    response = client.post(reverse("directory:feed", kwargs={"pk": registered.pk}), {"action": "preview"})
    run_queued()
    job = Job.objects.get()
    page = client.get(reverse("directory:feed", kwargs={"pk": other.pk}), {"preview": str(job.pk)}).content.decode()
    assert "Importing the feed now would add" not in page
    client.force_login(social_worker)
    assert client.get(response.url).status_code == 403
    assert (
        client.post(reverse("directory:feed", kwargs={"pk": registered.pk}), {"action": "preview"}).status_code == 403
    )
    assert Job.objects.count() == 1


def test_a_broker_adds_the_suggested_venue_and_the_service_is_found_by_distance(client, broker, registered):
    feed_import(actor=None, feed=registered)
    cafe = Service.objects.get(feed_record_id="2071")
    client.force_login(broker)
    page = client.get(reverse("directory:service", kwargs={"pk": cafe.pk})).content.decode()
    assert "Add B13 8DL as the venue" in page
    client.post(reverse("directory:accept_venue", kwargs={"pk": cafe.pk}), {"postcode": "B13 8DL"})
    cafe.refresh_from_db()
    sal = cafe.service_at_locations.get()
    assert (sal.location.postcode, sal.from_feed, cafe.suggested_postcodes) == ("B13 8DL", False, [])
    assert sal.latitude is not None  # in the search rows, so a search by distance finds it
    # The next import of the feed keeps the venue added here.
    feed_import(actor=None, feed=registered)
    assert cafe.service_at_locations.count() == 1
    response = client.post(reverse("directory:accept_venue", kwargs={"pk": cafe.pk}), {"postcode": "B1 1BB"})
    assert response.status_code == 302
    assert cafe.service_at_locations.count() == 1


def test_only_council_editors_accept_a_venue(client, social_worker, registered):
    feed_import(actor=None, feed=registered)
    cafe = Service.objects.get(feed_record_id="2071")
    client.force_login(social_worker)
    page = client.get(reverse("directory:service", kwargs={"pk": cafe.pk})).content.decode()
    assert "as the venue" not in page
    response = client.post(reverse("directory:accept_venue", kwargs={"pk": cafe.pk}), {"postcode": "B13 8DL"})
    assert response.status_code == 403
    assert json.dumps(Service.objects.get(pk=cafe.pk).suggested_postcodes) == '["B13 8DL"]'
