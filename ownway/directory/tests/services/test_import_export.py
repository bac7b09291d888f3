"""Importing ORUK feeds (upsert by id, HTML to text, every rejection listed) and exporting the directory."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from ownway.accounts.models import AuditEvent
from ownway.directory import events
from ownway.directory.models import Accessibility, CostOption, Location, Schedule, Service
from ownway.directory.selectors import directory_export
from ownway.directory.services import directory_import

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


def a_service(**overrides):
    record = {
        "id": SERVICE_ID,
        "name": "Community <b>Counselling</b>",
        "description": (
            "<p>Counselling by trained professionals.</p><p>Tea &amp; biscuits.</p><script>alert(1)</script>"
        ),
        "status": "active",
        "organization": {"id": ORG_ID, "name": "Example Org", "description": "A charity"},
        "minimum_age": 18,
        "schedules": [
            {
                "id": "11111111-1111-4111-8111-111111111111",
                "freq": "WEEKLY",
                "byday": "SA",
                "opens_at": "10:00",
                "closes_at": "12:00",
            }
        ],
        "cost_options": [{"id": "22222222-2222-4222-8222-222222222222", "option": "Standard", "amount": 5.5}],
        "service_at_locations": [
            {
                "id": "33333333-3333-4333-8333-333333333333",
                "location": {
                    "id": "44444444-4444-4444-8444-444444444444",
                    "location_type": "physical",
                    "name": "Library",
                    "addresses": [
                        {
                            "id": "55555555-5555-4555-8555-555555555555",
                            "address_1": "1 High Street",
                            "city": "Birmingham",
                            "state_province": "West Midlands",
                            "postal_code": "b1 1bb",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {
                            "id": "66666666-6666-4666-8666-666666666666",
                            "description": "Changing Places toilet with hoist",
                        }
                    ],
                },
            }
        ],
    }
    record.update(overrides)
    return record


def test_imports_a_service_with_html_cleaned_to_text(db):
    report = directory_import(actor=None, payload=[a_service()], source="test")
    assert report.created == 1
    assert report.rejected == []
    service = Service.objects.get(pk=SERVICE_ID)
    assert service.name == "Community Counselling"
    assert service.description == "Counselling by trained professionals.\n\nTea & biscuits."
    assert "alert" not in service.description
    assert service.cost_from == Decimal("5.50")
    assert not service.is_free


def test_control_characters_in_a_feed_are_taken_out_of_what_is_kept_and_what_is_said(db):
    """A NUL cannot be stored on PostgreSQL, in a column or in the feed's list of what it rejected."""
    feed = [
        a_service(name="Community\x00Counselling", description="Tea\x07 and biscuits\nevery week"),
        a_service(id="not\x00a-uuid", name="Bro\x00ken"),
    ]
    report = directory_import(actor=None, payload=feed, source="test")
    service = Service.objects.get(pk=SERVICE_ID)
    assert service.name == "Community Counselling"
    assert service.description == "Tea and biscuits\nevery week"
    assert report.rejected == [("Service not a-uuid (Bro ken)", "its id 'not a-uuid' is not a UUID")]


def test_location_gets_its_postcode_and_position_from_the_real_postcode(db):
    directory_import(actor=None, payload=[a_service()], source="test")
    location = Location.objects.get()
    assert location.postcode == "B1 1BB"
    # B1 1BB is in central Birmingham (Code-Point Open).
    assert location.latitude == pytest.approx(52.4804, abs=0.001)
    assert location.longitude == pytest.approx(-1.9034, abs=0.001)
    assert Accessibility.objects.get().feature == "changing_places"


def test_upserts_by_id_and_drops_children_no_longer_in_the_feed(db):
    directory_import(actor=None, payload=[a_service()], source="test")
    changed = a_service(
        name="Counselling",
        schedules=[],
        cost_options=[{"id": "77777777-7777-4777-8777-777777777777", "option": "Free", "amount": 0}],
    )
    report = directory_import(actor=None, payload={"contents": [changed]}, source="test")
    assert (report.created, report.updated) == (0, 1)
    assert Service.objects.get().name == "Counselling"
    assert Schedule.objects.count() == 0
    assert list(CostOption.objects.values_list("option", flat=True)) == ["Free"]
    assert Service.objects.get().is_free


def test_every_rejected_record_is_listed_with_its_reason_and_the_rest_kept(db):
    bad_schedule = {"id": "88888888-8888-4888-8888-888888888888", "byday": "Saturdays"}
    payload = [
        a_service(schedules=[a_service()["schedules"][0], bad_schedule]),
        {"id": "not-a-uuid", "name": "Broken", "status": "active"},
        {"id": "99999999-9999-4999-8999-999999999999", "name": "No status"},
        {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "Odd", "status": "open"},
        {
            "id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
            "name": "Ages",
            "status": "active",
            "minimum_age": 65,
            "maximum_age": 18,
        },
        {
            "id": "cccccccc-cccc-4ccc-8ccc-cccccccccccc",
            "name": "Pricey",
            "status": "active",
            "cost_options": [{"id": "dddddddd-dddd-4ddd-8ddd-dddddddddddd", "amount": -4}],
        },
        "just a string",
    ]
    report = directory_import(actor=None, payload=payload, source="test")
    reasons = dict(report.rejected)
    assert report.created == 2  # the first service (without its bad schedule) and "Pricey" (without its cost)
    assert len(report.rejected) == 7
    assert (
        "is not an iCalendar day" in reasons[f"Schedule 88888888-8888-4888-8888-888888888888 of service {SERVICE_ID}"]
    )
    assert reasons["Service not-a-uuid (Broken)"] == "its id 'not-a-uuid' is not a UUID"
    assert reasons["Service 99999999-9999-4999-8999-999999999999 (No status)"] == "it has no status"
    assert "is not one of active" in reasons["Service aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa (Odd)"]
    assert "above its maximum_age" in reasons["Service bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb (Ages)"]
    assert "not a cost of £0 or more" in next(r for w, r in report.rejected if w.startswith("Cost option"))
    assert reasons["Service (not an object)"] == "it is not an object"
    assert Schedule.objects.count() == 1


def test_a_feed_that_is_not_a_feed_is_refused_whole(db):
    with pytest.raises(ValidationError, match="not a list of services"):
        directory_import(actor=None, payload="hello", source="test")


def test_only_brokers_and_administrators_import(social_worker, broker):
    with pytest.raises(PermissionDenied):
        directory_import(actor=social_worker, payload=[], source="test")
    directory_import(actor=broker, payload=[a_service()], source="test")
    event = AuditEvent.objects.get(action=events.DIRECTORY_IMPORTED)
    assert event.actor == broker
    assert event.new["created"] == 1


def test_export_reimports_without_loss(directory):
    exported = json.loads(json.dumps(directory_export()))
    assert len(exported["services"]) == 40
    before = {
        s.pk: (s.name, s.cost_from, s.is_free, s.kind, s.suits_specialist, s.search_text) for s in Service.objects.all()
    }
    report = directory_import(actor=None, payload=exported, source="export")
    assert report.rejected == []
    assert report.updated == 40
    assert report.taxonomies == 4
    after = {
        s.pk: (s.name, s.cost_from, s.is_free, s.kind, s.suits_specialist, s.search_text) for s in Service.objects.all()
    }
    assert after == before
    again = json.loads(json.dumps(directory_export()))["services"]
    strip = [{k: v for k, v in s.items() if k != "last_modified"} for s in again]
    assert strip == [{k: v for k, v in s.items() if k != "last_modified"} for s in exported["services"]]


def test_export_validates_against_the_schemata(directory, oruk_schema):
    validator = oruk_schema("service.json")
    for service in directory_export()["services"]:
        assert not list(validator.iter_errors(json.loads(json.dumps(service))))


def test_import_and_export_commands(tmp_path, db):
    source = tmp_path / "feed.json"
    source.write_text(json.dumps({"total_items": 1, "contents": [a_service(), {"id": "x", "name": "y"}]}))
    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        call_command("import_oruk", str(source), stdout=handle)
    text = out.read_text()
    assert "1 services added, 0 updated" in text
    assert "rejected Service x (y): its id 'x' is not a UUID" in text
    target = tmp_path / "export.json"
    call_command("export_oruk", "--output", str(target), stdout=out.open("w"))
    assert json.loads(target.read_text())["services"][0]["id"] == SERVICE_ID


def test_the_official_oruk_examples_import(db, oruk_schema):
    """The ORUK 3.0 specification's own example service and service at location, as published."""
    from ownway.directory.tests.conftest import SCHEMATA

    examples = SCHEMATA.parent / "examples"
    service = json.loads((examples / "service_full.json").read_text())
    report = directory_import(actor=None, payload=service, source="service_full.json")
    assert report.created == 1
    # The specification's example location has latitude 100 (an illustrative value): that one part is
    # rejected, with its reason, and the rest of the service is kept.
    assert report.rejected == [
        (
            "Service at location e94c9f38-1e8f-4564-91d4-d53501ab1765 of service ac148810-d857-441c-9679-408f346de14b",
            "its latitude 100.0 is outside -90 to 90",
        )
    ]
    imported = Service.objects.get(pk=service["id"])
    assert imported.name == service["name"]
    assert imported.minimum_age == service["minimum_age"]
    listing = json.loads((examples / "service_list.json").read_text())
    report = directory_import(actor=None, payload=listing, source="service_list.json")
    assert report.updated == 1
    exported = directory_export()["services"][0]
    assert not list(oruk_schema("service.json").iter_errors(json.loads(json.dumps(exported))))


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("minimum_age", "NaN", "its minimum_age 'NaN' is not an age in whole years"),
        ("minimum_age", float("inf"), "its minimum_age 'inf' is not an age in whole years"),
        ("maximum_age", "1e309", "its maximum_age '1e309' is not an age in whole years"),
        ("maximum_age", 10**5000, "its maximum_age is not an age in whole years"),
    ],
    ids=["NaN", "inf", "1e309", "10^5000"],
)
def test_a_feed_number_that_is_not_finite_is_rejected_with_its_reason(db, field, value, reason):
    report = directory_import(actor=None, payload=[a_service(**{field: value})], source="test")
    assert report.rejected == [(f"Service {SERVICE_ID} (Community <b>Counselling</b>)", reason)]
    assert not Service.objects.exists()


@pytest.mark.parametrize("amount", ["NaN", "1e309", float("inf"), 10**30, "12.345"], ids=str)
def test_a_cost_that_is_not_a_real_price_is_rejected_and_the_service_kept(db, amount):
    record = a_service(cost_options=[{"id": "22222222-2222-4222-8222-222222222222", "amount": amount}])
    report = directory_import(actor=None, payload=[record], source="test")
    assert [where for where, _reason in report.rejected] == [
        f"Cost option 22222222-2222-4222-8222-222222222222 of service {SERVICE_ID}"
    ]
    assert Service.objects.exists()
    assert not CostOption.objects.exists()
