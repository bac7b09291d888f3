"""A broker resolves the conflicts between changes made here and a feed, from the feed's page: keep the change made
here, or take the feed's value (which later imports then update again). Each resolution is in the audit trail."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from django.urls import reverse

from ownway.accounts.models import AuditEvent
from ownway.directory import events
from ownway.directory.importer import read_source
from ownway.directory.models import Feed, Service
from ownway.directory.services import ConflictChoice, directory_import, service_conflict_resolve

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"


@pytest.fixture
def conflicted(db, tmp_path):
    """The summary feed imported, the café's "how to get a place" changed here, then the feed changing it too."""
    payload = read_source(str(FEEDS / "oruk-1x-placecube-summary.json"))
    path = tmp_path / "feed.json"
    feed = Feed.objects.create(name="Council directory", source=str(path))
    directory_import(actor=None, payload=payload, source=feed.source)
    cafe = Service.objects.get(feed_record_id="2071")
    Service.objects.filter(pk=cafe.pk).update(attending_access="Booking needed")
    changed = copy.deepcopy(payload)
    changed[0]["attending_access"] = "Referral"
    report = directory_import(actor=None, payload=changed, source=feed.source)
    assert [c[1:] for c in report.conflicts] == [("How to get a place", "Booking needed", "Referral")]
    cafe.refresh_from_db()
    return feed, cafe, changed


def _resolve(client, cafe, choice, feed_value="Referral", field="attending_access"):
    url = reverse("directory:resolve_conflict", kwargs={"pk": cafe.pk})
    return client.post(url, {"field": field, "choice": choice, "feed": feed_value}, follow=True)


def test_the_feeds_page_lists_the_conflict_and_a_broker_takes_the_feeds_value(client, broker, conflicted):
    feed, cafe, changed = conflicted
    client.force_login(broker)
    page = client.get(reverse("directory:feed", kwargs={"pk": feed.pk})).content.decode()
    assert "Conflicts to resolve" in page
    assert "Booking needed" in page
    assert "Take the feed's" in page
    page = _resolve(client, cafe, "feed").content.decode()
    assert "How to get a place, the feed&#39;s value taken" in page
    assert "Conflicts to resolve" not in page
    cafe.refresh_from_db()
    assert (cafe.attending_access, cafe.feed_conflicts) == ("Referral", [])
    event = AuditEvent.objects.get(action=events.FEED_CONFLICT_RESOLVED)
    assert event.old == {"field": "attending_access", "here": "Booking needed", "feed": "Referral"}
    assert event.new == {"field": "attending_access", "kept": "feed", "value": "Referral"}
    assert event.actor_id == broker.pk
    # The field is the feed's again: the next import updates it, with no conflict.
    changed[0]["attending_access"] = "Drop in"
    report = directory_import(actor=None, payload=changed, source=feed.source)
    cafe.refresh_from_db()
    assert (cafe.attending_access, report.conflicts) == ("Drop in", [])


def test_a_broker_keeps_the_change_made_here_and_the_next_import_keeps_it_too(client, broker, conflicted):
    feed, cafe, changed = conflicted
    client.force_login(broker)
    page = _resolve(client, cafe, "here").content.decode()
    assert "How to get a place, the change made here kept" in page
    cafe.refresh_from_db()
    assert (cafe.attending_access, cafe.feed_conflicts) == ("Booking needed", [])
    assert AuditEvent.objects.get(action=events.FEED_CONFLICT_RESOLVED).new["kept"] == "here"
    # The same feed again: kept, and not listed again.
    report = directory_import(actor=None, payload=changed, source=feed.source)
    cafe.refresh_from_db()
    assert (cafe.attending_access, report.conflicts, cafe.feed_conflicts) == ("Booking needed", [], [])
    # The feed changes it again: listed again for a broker.
    changed[0]["attending_access"] = "Drop in"
    directory_import(actor=None, payload=changed, source=feed.source)
    cafe.refresh_from_db()
    assert [(c["field"], c["here"], c["feed"]) for c in cafe.feed_conflicts] == [
        ("attending_access", "Booking needed", "Drop in")
    ]


def test_only_council_editors_resolve_and_nothing_changes_for_others(client, social_worker, provider, conflicted):
    _, cafe, _ = conflicted
    for user in (social_worker, provider):
        client.force_login(user)
        assert _resolve(client, cafe, "feed").status_code == 403
    client.logout()
    response = client.post(reverse("directory:resolve_conflict", kwargs={"pk": cafe.pk}), {"choice": "feed"})
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")
    cafe.refresh_from_db()
    assert cafe.attending_access == "Booking needed"
    assert len(cafe.feed_conflicts) == 1
    assert not AuditEvent.objects.filter(action=events.FEED_CONFLICT_RESOLVED).exists()


@pytest.mark.parametrize(
    ("field", "choice", "feed_value", "message"),
    [
        ("attending_access", "feed", "Something older", "has changed since the page was shown"),
        ("name", "feed", "Referral", "already been resolved"),
        ("lock_version", "feed", "Referral", "already been resolved"),
        ("attending_access", "both", "Referral", "Choose to keep the value changed here or to take the feed"),
        ("\x00" * 500, "", "", "Choose to keep"),
    ],
)
def test_a_stale_resolved_or_tampered_choice_is_a_message_and_changes_nothing(
    client, broker, conflicted, field, choice, feed_value, message
):
    _, cafe, _ = conflicted
    client.force_login(broker)
    response = _resolve(client, cafe, choice, feed_value=feed_value, field=field)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#39;", "'")
    cafe.refresh_from_db()
    assert (cafe.attending_access, len(cafe.feed_conflicts)) == ("Booking needed", 1)


def test_resolving_twice_says_it_is_already_resolved(broker, conflicted):
    _, cafe, _ = conflicted
    service_conflict_resolve(
        actor=broker,
        service=cafe,
        field_name="attending_access",
        choice=ConflictChoice.KEEP_HERE,
        shown_feed="Referral",
    )
    with pytest.raises(Exception, match="already been resolved"):
        service_conflict_resolve(
            actor=broker, service=cafe, field_name="attending_access", choice="feed", shown_feed="Referral"
        )
