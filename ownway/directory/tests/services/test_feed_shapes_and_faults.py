"""Real council feeds: each shape a council meets is read, every field with a home is kept, and no fault in one
record (or one value) loses the rest of the feed; each repair and each record left out is listed with its reason.

The feeds under ``data/feeds/`` are written for these tests in the shapes council directories publish: the
ORUK 1.x "summary" shape of Placecube directories (a bare list), and HSDS 2.x tables.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ownway.directory.importer import (
    AUDIENCE_TAXONOMY,
    HSDS_TABLES,
    ORUK1,
    clean_text,
    clean_url,
    parse_feed,
    read_source,
)
from ownway.directory.models import Attribute, CostOption, Feed, Location, Schedule, Service
from ownway.directory.services import directory_import, feed_import

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"
GOOD = "11111111-1111-4111-8111-111111111111"
ALSO_GOOD = "22222222-2222-4222-8222-222222222222"
BAD = "33333333-3333-4333-8333-333333333333"

pytestmark = pytest.mark.django_db


def summary(**overrides):
    """One service in the ORUK 1.x / Placecube summary shape."""
    record = {
        "id": "501",
        "name": "Lunch club",
        "description": "<p>Hot lunches.</p>",
        "url": "https://lunch.example.org",
        "email": "lunch@example.org",
        "status": "active",
        "fees": "",
        "attending_type": "Venue",
        "attending_access": "Drop-in",
        "organization": {"id": "9", "name": "Lunch Trust", "url": "https://trust.example.org"},
        "pc_metadata": {"date_modified": "2024-05-01T10:00:00Z", "assured_by": "Team"},
        "pc_targetAudience": [{"id": 1, "audienceType": "Older people"}],
    }
    record.update(overrides)
    return record


def oruk3(service_id, **overrides):
    record = {"id": service_id, "name": f"Service {service_id[:4]}", "status": "active"}
    record.update(overrides)
    return record


def reasons(report):
    return dict(report.rejected)


# ---------------------------------------------------------------------------------------------------------
# Shapes
# ---------------------------------------------------------------------------------------------------------


def test_a_placecube_summary_feed_is_read_with_every_field_that_has_a_home():
    payload = read_source(str(FEEDS / "oruk-1x-placecube-summary.json"))
    report = directory_import(actor=None, payload=payload, source="placecube")
    assert report.shape == ORUK1
    assert (report.created, report.rejected) == (5, [])
    cafe = Service.objects.get(name="Memory Café at St Mary's")
    assert cafe.feed_record_id == "2071"
    assert cafe.url == "https://www.stmarysmemorycafe.org.uk"
    assert cafe.organization.website == "http://www.stmarystrust.org.uk"
    assert (cafe.attending_type, cafe.attending_access) == ("Venue", "Drop-in")
    assert cafe.attending_note == "Just come along, no need to book."
    assert cafe.deliverable_type == "Support"
    assert cafe.assured_by == "Community Connect team"
    assert cafe.assured_date == dt.date(2024, 3, 11)
    # The feed's own last change, not the time of the import.
    assert cafe.source_modified == dt.datetime(2024, 3, 11, 15, 42, 10, tzinfo=dt.UTC)
    audiences = set(
        Attribute.objects.filter(link_id=cafe.pk, taxonomy_term__taxonomy__name=AUDIENCE_TAXONOMY).values_list(
            "taxonomy_term__name", flat=True
        )
    )
    assert audiences == {"Older people", "Carers"}
    assert "carers" in cafe.search_text  # findable by who it is for
    # HTML made text once: the link's address kept whole, list items and breaks on lines of their own.
    assert "our cafés page (https://www.example.org/memory?area=13&section=cafes)" in cafe.description
    assert "B13 8DL.\nTea & cake provided." in cafe.description
    assert "- Singing for the brain\n- Reminiscence sessions" in cafe.description
    # The repairs are listed: the addresses that had no "https://".
    notes = [text for what, text in report.repaired]
    assert "its url 'www.stmarysmemorycafe.org.uk' was read as https://www.stmarysmemorycafe.org.uk" in notes
    assert report.unrecognised == {"pc_socialPrescribing": 2}
    assert "(ORUK 1.x feed)" in report.summary


def test_a_cost_described_in_words_is_not_free_and_no_cost_is_unknown_not_free():
    directory_import(actor=None, payload=read_source(str(FEEDS / "oruk-1x-placecube-summary.json")), source="pc")
    cafe = Service.objects.get(name="Memory Café at St Mary's")
    assert cafe.fees == "£3 per session, carers free"
    assert not CostOption.objects.filter(service=cafe).exists()
    assert (cafe.is_free, cafe.cost_from) == (False, None)
    line = Service.objects.get(name="Carers' advice line")  # no fees at all: not known
    assert (line.is_free, line.cost_from) == (False, None)
    online = Service.objects.get(name="Talking Therapies – online")  # "Free": the feed says so
    assert online.is_free
    assert list(online.cost_options.values_list("amount", flat=True)) == [Decimal("0.00")]


def test_a_venue_postcode_in_the_description_is_a_suggestion_never_a_location():
    directory_import(actor=None, payload=read_source(str(FEEDS / "oruk-1x-placecube-summary.json")), source="pc")
    cafe = Service.objects.get(name="Memory Café at St Mary's")
    assert cafe.suggested_postcodes == ["B13 8DL"]
    assert not cafe.service_at_locations.exists()
    assert not Location.objects.exists()
    assert Service.objects.get(name="Men's Shed Kings Heath").suggested_postcodes == ["B14 7SW"]


def test_escaped_markup_stays_text_and_never_becomes_a_tag():
    directory_import(actor=None, payload=read_source(str(FEEDS / "oruk-1x-placecube-summary.json")), source="pc")
    line = Service.objects.get(name="Carers' advice line")
    assert "< script>alert(1)< /script> is shown as text" in line.description
    assert "<script" not in line.description


def test_an_hsds_2_tables_export_is_joined_into_services():
    payload = read_source(str(FEEDS / "hsds-2-tables.json"))
    report = directory_import(actor=None, payload=payload, source="hsds")
    assert report.shape == HSDS_TABLES
    assert (report.created, report.rejected) == (3, [])
    lunch = Service.objects.get(name="Lunch club")
    assert lunch.organization.website == "https://acnorthfield.org.uk"
    assert lunch.minimum_age == 60
    assert lunch.description == "A hot two-course lunch and company.\n\n- Arrive 11:30\n- Lunch at 12:00"
    assert lunch.service_at_locations.get().location.postcode == "B31 2RE"
    assert Schedule.objects.get(service=lunch).byday == "WE"
    assert lunch.contacts.get().phones.get().number == "0121 496 0000"
    assert not lunch.is_free
    digital = Service.objects.get(name="Digital drop-in")
    assert digital.is_free  # "No charge"
    assert digital.url == "https://www.example.gov.uk/libraries/digital"
    assert Service.objects.get(name="Befriending by phone").languages.get().name == "Urdu"
    assert report.unrecognised["application_process"] == 3


def test_the_same_feed_imported_again_updates_and_adds_nothing_twice():
    payload = read_source(str(FEEDS / "oruk-1x-placecube-summary.json"))
    directory_import(actor=None, payload=payload, source="pc")
    report = directory_import(actor=None, payload=payload, source="pc")
    assert (report.created, report.updated, report.rejected) == (0, 5, [])
    assert Service.objects.count() == 5


# ---------------------------------------------------------------------------------------------------------
# Faults: each loses one record or one value, never the feed
# ---------------------------------------------------------------------------------------------------------


def test_two_good_records_and_one_bad_import_two_and_list_the_bad_one_with_its_reason():
    payload = [oruk3(GOOD), oruk3(BAD, schedules=5, name=None), oruk3(ALSO_GOOD)]
    report = directory_import(actor=None, payload=payload, source="test")
    assert report.created == 2
    assert report.rejected == [(f"Service {BAD}", "it has no name")]  # its schedules were never reached


@pytest.mark.parametrize(
    ("given", "read_as"),
    [
        ("www.example.org", "https://www.example.org"),
        ("example.org/page?a=1", "https://example.org/page?a=1"),
        ("http:www.example.org", "http://www.example.org"),
        ("http:/www.example.org", "http://www.example.org"),
        ("https//www.example.org", "https://www.example.org"),
        ("HTTPS://www.example.org", "https://www.example.org"),
        ("https://www.example.org/a?b=1&section=2", "https://www.example.org/a?b=1&section=2"),
    ],
)
def test_a_web_address_written_as_people_write_them_is_repaired(given, read_as):
    assert clean_url(given, "url") == read_as


def test_a_web_address_that_is_not_one_is_left_out_and_the_service_kept():
    report = directory_import(actor=None, payload=[oruk3(GOOD, url="see our leaflet")], source="test")
    assert report.created == 1
    assert Service.objects.get().url == ""
    assert report.repaired == [
        (f"Service {GOOD} (Service 1111)", "its url 'see our leaflet' is not a web address, so its url was left out")
    ]


def test_a_byte_order_mark_is_accepted():
    raw = "\ufeff".encode() + json.dumps([oruk3(GOOD)]).encode()
    report = directory_import(actor=None, payload=parse_feed(raw), source="test")
    assert report.created == 1


def test_nuls_and_lone_surrogates_are_taken_out(db):
    raw = json.dumps([oruk3(GOOD, name="Tea\u0000 club", description="Half \ud83d a character")])
    report = directory_import(actor=None, payload=parse_feed(raw.encode()), source="test")
    assert report.created == 1
    service = Service.objects.get()
    assert (service.name, service.description) == ("Tea club", "Half a character")


def test_a_number_where_a_list_belongs_loses_only_that_list():
    report = directory_import(
        actor=None, payload=[oruk3(GOOD, schedules=5, cost_options="free", contacts={"id": 1})], source="test"
    )
    assert report.created == 1
    assert reasons(report) == {
        f"Schedule list of service {GOOD}": "it is the number 5, not a list",
        f"Cost option list of service {GOOD}": "it is text, not a list",
        f"Contact list of service {GOOD}": "it is an object, not a list",
    }


def test_a_value_of_the_wrong_kind_in_any_field_loses_only_that_record():
    payload = [
        oruk3(GOOD),
        oruk3(BAD, name={"en": "Lunch"}),
        oruk3("44444444-4444-4444-8444-444444444444", organization={"id": ["x"], "name": "Org"}),
        oruk3(ALSO_GOOD, minimum_age=[18]),
    ]
    report = directory_import(actor=None, payload=payload, source="test")
    assert report.created == 1
    assert reasons(report)[f"Service {BAD}"] == "its name is a list or an object, not text"
    assert "is not a UUID" in reasons(report)["Service 44444444-4444-4444-8444-444444444444 (Service 4444)"]
    assert "is not an age" in reasons(report)[f"Service {ALSO_GOOD} (Service 2222)"]


def test_deep_nesting_loses_only_that_record():
    deep = "[" * 100_000 + "]" * 100_000
    raw = f'[{json.dumps(oruk3(GOOD))}, {{"id": "{BAD}", "name": "Deep", "status": "active", "x": {deep}}}]'
    payload = parse_feed(raw.encode())
    report = directory_import(actor=None, payload=payload, source="test")
    assert report.created == 1
    assert report.rejected == [("Service number 2 of the feed", "it is nested more than 24 levels deep")]
    shallow_but_too_deep = [oruk3(GOOD), oruk3(BAD, x=json.loads("[" * 40 + "]" * 40))]
    report = directory_import(actor=None, payload=shallow_but_too_deep, source="test")
    assert reasons(report)["Service number 2 of the feed"] == "it is nested more than 24 levels deep"


def test_a_broken_record_in_a_list_loses_only_that_record():
    raw = f'[{json.dumps(oruk3(GOOD))}, {{"id": "x", "name": }}, {json.dumps(oruk3(ALSO_GOOD))}]'
    report = directory_import(actor=None, payload=parse_feed(raw), source="test")
    assert report.created == 2
    assert report.rejected[0][0] == "Service number 2 of the feed"
    assert report.rejected[0][1].startswith("it is not valid JSON")


def test_duplicate_ids_are_listed_and_the_fuller_record_kept():
    full = summary(description="<p>Hot lunches every Wednesday.</p>")
    empty = {"id": "501", "name": "Lunch club", "status": "active"}
    report = directory_import(actor=None, payload=[full, empty], source="test")
    assert report.created == 1
    assert Service.objects.get().description == "Hot lunches every Wednesday."
    assert report.rejected == [
        (
            "Service 501 (Lunch club)",
            "the feed has another record with the same id, with as many details or more: that one was kept",
        )
    ]
    report = directory_import(actor=None, payload=[empty, full], source="test2")
    assert len(report.rejected) == 1
    assert Service.objects.get(feed_source="test2").description == "Hot lunches every Wednesday."


def test_a_record_of_the_summary_shape_without_an_id_is_listed():
    report = directory_import(actor=None, payload=[summary(), summary(id=None, name="No id")], source="test")
    assert report.created == 1
    assert report.rejected == [("Service None (No id)", "it has no id")]


# ---------------------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("one<br aria-hidden='true'>two", "one\ntwo"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("<a href='https://x.org/?a=1&section=2'>x</a>", "x (https://x.org/?a=1&section=2)"),
        ("<a href='https://x.org'>https://x.org</a>", "https://x.org"),
        ("<a href='mailto:a@x.org'>Email us</a>", "Email us (a@x.org)"),
        ("Tea &amp; cake", "Tea & cake"),
        ("a=1&section=2", "a=1&section=2"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "< script>alert(1)< /script>"),
        ("<script>alert(1)</script>Hello", "Hello"),
        ("<!-- note -->Hello", "Hello"),
        ("£5&nbsp;a session", "£5 a session"),
    ],
)
def test_html_becomes_text_once_keeping_links_and_lists(html, text):
    assert clean_text(html) == text


# ---------------------------------------------------------------------------------------------------------
# The registered feed's report
# ---------------------------------------------------------------------------------------------------------


def test_a_registered_feed_keeps_the_report_of_its_last_import():
    feed = Feed.objects.create(name="Council", source=str(FEEDS / "oruk-1x-placecube-summary.json"))
    feed_import(actor=None, feed=feed)
    feed.refresh_from_db()
    assert feed.last_report["shape"] == ORUK1
    assert feed.last_report["unrecognised"] == {"pc_socialPrescribing": 2}
    assert {"record": "Service 2071 (Memory Café at St Mary's)", "note": (
        "its url 'www.stmarysmemorycafe.org.uk' was read as https://www.stmarysmemorycafe.org.uk"
    )} in feed.last_report["repaired"]  # fmt: skip
    assert feed.last_summary.startswith("5 services added, 0 updated")


def test_an_api_service_whose_full_record_cannot_be_read_loses_only_that_service():
    """A real HTTP server: the list names two services, and one of them answers 404."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from ownway.directory.importer import read_api

    listing = {"total_pages": 1, "contents": [{"id": GOOD}, {"id": BAD}]}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path = self.path.split("?")[0]
            body = {"/services": listing, f"/services/{GOOD}": oruk3(GOOD)}.get(path)
            self.send_response(200 if body else 404)
            self.end_headers()
            self.wfile.write(json.dumps(body).encode() if body else b"Not found")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        payload = read_api(f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
    report = directory_import(actor=None, payload=payload, source="api")
    assert report.created == 1
    assert report.rejected[0][0] == "Service number 2 of the feed"
    assert "its full record could not be read (HTTP Error 404" in report.rejected[0][1]
