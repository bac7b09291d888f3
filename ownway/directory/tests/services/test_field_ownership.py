"""Who owns each field: what a feed gives is replaced by its next import; what was added or changed here (a
provider's change approved by a broker, a broker's own edit) survives it, and where both changed a field the
local value is kept and the conflict listed for a broker. An import can be previewed before it is applied."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ownway.directory.importer import read_source
from ownway.directory.models import CostOption, Feed, Schedule, Service, ServiceStatus
from ownway.directory.services import (
    CostData,
    RowEdits,
    SessionData,
    directory_import,
    feed_import,
    service_change_approve,
    service_change_propose,
)

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"


@pytest.fixture
def own_service(provider_org):
    return Service.objects.filter(organization=provider_org).order_by("name").first()


def test_a_reimport_keeps_sessions_costs_and_ages_added_by_a_provider_and_approved(provider, broker, own_service, feed):
    change = service_change_propose(
        actor=provider,
        service=own_service,
        proposed={"minimum_age": 50},
        sessions=RowEdits(added=(SessionData("SU", dt.time(14, 0), dt.time(16, 0)),)),
        costs=RowEdits(added=(CostData("Lunch", Decimal("3.50"), "extra", "session"),)),
    )
    service_change_approve(actor=broker, change=change)
    feed_sessions = Schedule.objects.filter(service=own_service, from_feed=True).count()
    report = directory_import(actor=None, payload=copy.deepcopy(feed), source="test")
    assert report.conflicts == []
    own_service.refresh_from_db()
    assert own_service.minimum_age == 50
    assert Schedule.objects.filter(service=own_service, byday="SU", from_feed=False).exists()
    assert Schedule.objects.filter(service=own_service, from_feed=True).count() == feed_sessions
    assert CostOption.objects.filter(service=own_service, option="Lunch", amount=Decimal("3.50")).exists()
    assert "SU" in own_service.days


def test_a_field_changed_here_and_in_the_feed_keeps_the_local_value_and_lists_the_conflict(
    provider, broker, own_service, feed
):
    change = service_change_propose(actor=provider, service=own_service, proposed={"name": "Saturday art club"})
    service_change_approve(actor=broker, change=change)
    record = next(s for s in feed["services"] if s["id"] == str(own_service.pk))
    feed_name = record["name"]
    record["name"] = "Art club (new name)"
    record["description"] = "Painting and drawing, all welcome."
    report = directory_import(actor=None, payload=feed, source="test")
    own_service.refresh_from_db()
    assert own_service.name == "Saturday art club"
    assert own_service.description == "Painting and drawing, all welcome."  # not changed here: the feed's
    what = f"Service {own_service.pk} (Art club (new name))"
    assert report.conflicts == [(what, "Name", "Saturday art club", "Art club (new name)")]
    assert feed_name != "Art club (new name)"
    # Listed on the service until a broker resolves it.
    assert [(c["field"], c["here"], c["feed"]) for c in own_service.feed_conflicts] == [
        ("name", "Saturday art club", "Art club (new name)")
    ]


def test_a_summary_feed_reimport_keeps_local_work_and_lists_conflicts(broker):
    payload = read_source(str(FEEDS / "oruk-1x-placecube-summary.json"))
    directory_import(actor=None, payload=payload, source="pc")
    cafe = Service.objects.get(feed_record_id="2071")
    Service.objects.filter(pk=cafe.pk).update(minimum_age=60, attending_access="Booking needed")
    Schedule.objects.create(service=cafe, freq="WEEKLY", byday="TU", opens_at=dt.time(10), closes_at=dt.time(12))
    CostOption.objects.create(service=cafe, option="Session", amount=Decimal("3.00"))
    changed = copy.deepcopy(payload)
    changed[0]["attending_access"] = "Referral"
    changed[0]["name"] = "Memory Café"
    report = directory_import(actor=None, payload=changed, source="pc")
    cafe.refresh_from_db()
    assert (cafe.name, cafe.minimum_age, cafe.attending_access) == ("Memory Café", 60, "Booking needed")
    assert report.conflicts == [("Service 2071 (Memory Café)", "How to get a place", "Booking needed", "Referral")]
    assert cafe.days == "TU"
    assert (cafe.cost_from, cafe.is_free) == (Decimal("3.00"), False)
    assert ("change", "Service 2071 (Memory Café)", "Name") in report.changes


def test_a_preview_lists_what_would_be_added_changed_and_removed_and_writes_nothing(db, tmp_path):
    payload = read_source(str(FEEDS / "oruk-1x-placecube-summary.json"))
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(payload))
    registered = Feed.objects.create(name="Council", source=str(path))
    feed_import(actor=None, feed=registered)
    changed = copy.deepcopy(payload)
    changed[1]["name"] = "Talking Therapies online"
    del changed[4]
    changed.append({**payload[0], "id": "2099", "name": "New group"})
    path.write_text(json.dumps(changed))
    preview = feed_import(actor=None, feed=registered, preview=True)
    assert sorted((action, what) for action, what, _ in preview.changes) == [
        ("add", "Service 2099 (New group)"),
        ("change", "Service 2072 (Talking Therapies online)"),
        ("remove", f"Service {Service.objects.get(feed_record_id='2075').pk} (Chair-based exercise)"),
    ]
    assert not Service.objects.filter(feed_record_id="2099").exists()
    assert Service.objects.get(feed_record_id="2075").status == ServiceStatus.ACTIVE
    registered.refresh_from_db()
    assert registered.last_summary.startswith("5 services added")  # the preview is not an import
    report = feed_import(actor=None, feed=registered)
    assert (report.created, report.updated, report.removed) == (1, 4, 1)
    assert Service.objects.get(feed_record_id="2075").status == ServiceStatus.INACTIVE
