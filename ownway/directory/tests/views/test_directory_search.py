"""The directory's search on real feeds (issue 13): everything findable, nothing claimed that the feed did not say,
whole-word ranked search, evenings or weekends, languages, and the ORUK root for people and programs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ownway.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    Postcode,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from ownway.directory.selectors import DirectorySearch, service_search
from ownway.directory.services import service_refresh_search
from ownway.directory.taxonomies import CLIENT_GROUPS

pytestmark = pytest.mark.django_db


def make(name, description="", *, costs=(), sessions=(), languages=(), audience=None, place=None, phone=""):
    """A service as a feed might give it: often with no location, no cost options and no audience."""
    service = Service.objects.create(name=name, description=description)
    for amount in costs:
        CostOption.objects.create(service=service, option="Standard", amount=amount)
    for byday, opens, closes in sessions:
        Schedule.objects.create(service=service, freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes)
    for language in languages:
        Language.objects.create(service=service, name=language)
    if audience is not None:
        Attribute.objects.create(taxonomy_term=audience, link_type="service", link_id=service.pk)
    if place is not None:
        lat, lon = place
        location = Location.objects.create(name=f"{name} hall", latitude=lat, longitude=lon, postcode="B1 1AA")
        ServiceAtLocation.objects.create(service=service, location=location)
    if phone:
        Phone.objects.create(contact=Contact.objects.create(service=service, name="Enquiries"), number=phone)
    service_refresh_search(service=service)
    service.refresh_from_db()
    return service


def names(**search):
    return [s.name for s in service_search(search=DirectorySearch(**search))]


def test_a_service_without_a_location_is_found_by_name_audience_time_and_cost():
    carers = TaxonomyTerm.objects.filter(taxonomy__name=CLIENT_GROUPS).first()
    online = make(
        "Carers online café", "Meet other carers by video.", costs=[Decimal("0")], audience=carers,
        sessions=[("TU", dt.time(19), dt.time(20, 30))],
    )  # fmt: skip
    assert not online.has_location
    assert names(text="carers online café") == [online.name]
    assert names(client_group_ids=[carers.pk]) == [online.name]
    assert names(evenings=True) == [online.name]
    assert names(free_only=True) == [online.name]
    assert names(max_cost=Decimal("2")) == [online.name]


def test_the_search_page_finds_a_service_without_a_location_and_says_how_to_get_in_touch(client):
    make("Befriending by phone", "A weekly call for people who live alone.", phone="0121 496 0001")
    page = client.get("/directory/", {"q": "befriending"}).content.decode()
    assert "1 result" in page
    assert "Befriending by phone" in page
    assert "No venue given" in page
    assert "0121 496 0001" in page


def test_near_a_postcode_places_come_first_by_distance_then_services_offered_anywhere():
    near = make("Walking group near", place=(52.4800, -1.9000))
    further = make("Walking group further", place=(52.4900, -1.9000))
    make("Walking group far away", place=(53.4800, -1.9000))
    anywhere = make("Walking group online")
    search = DirectorySearch(text="walking", latitude=52.4800, longitude=-1.9000, within_m=5000, sort="distance")
    found = list(service_search(search=search))
    assert [s.name for s in found] == [near.name, further.name, anywhere.name]
    assert [s.anywhere for s in found] == [0, 0, 1]
    assert found[0].distance_m < found[1].distance_m
    assert found[2].distance_m is None


def test_the_page_says_services_offered_anywhere_come_after_those_nearby(client):
    Postcode.objects.create(postcode="B1 1AA", latitude=52.48, longitude=-1.90, source="test")
    make("Art group online", "Painting together by video.")
    make("Art group in town", place=(52.481, -1.90))
    page = client.get("/directory/", {"q": "art", "postcode": "B1 1AA", "distance": "3"}).content.decode()
    assert "2 results" in page
    assert "Available anywhere, online or by phone" in page
    assert page.index("Art group in town") < page.index("Available anywhere") < page.index("Art group online")


def test_walk_finds_walking_but_men_does_not_find_dementia_mental_or_women():
    walking = make("Walking football", "Gentle walking football for older people.")
    men = make("Men's shed", "Woodwork and a cuppa for men.")
    for name in ["Dementia café", "Mental health drop-in", "Women's group"]:
        make(name, "A friendly group.")
    assert names(text="walk") == [walking.name]
    assert names(text="men") == [men.name]


def test_an_exact_name_comes_first():
    make("Lunch club", "Lunch club lunch club: a lunch club with lunch, every lunch time, lunch.")
    exact = make("Lunch", "A hot meal.")
    assert names(text="lunch")[0] == exact.name
    assert names(text="LUNCH ")[0] == exact.name


def test_words_are_not_fts_operators():
    make("Arts and crafts", "Painting.")
    for text in ['"', "art*", "NOT art", "art OR", "(art", "a:b", "NEAR(art craft)", "^art", "-art"]:
        names(text=text)  # no error


def test_evenings_and_weekends_together_give_either():
    evening = make("Evening choir", sessions=[("WE", dt.time(19), dt.time(21))])
    weekend = make("Saturday walk", sessions=[("SA", dt.time(10), dt.time(12))])
    make("Weekday morning", sessions=[("MO", dt.time(10), dt.time(12))])
    assert set(names(evenings=True, weekends=True)) == {evening.name, weekend.name}
    assert names(evenings=True, weekends=True, days=["SA"]) == [weekend.name]


def test_no_cost_options_is_ask_the_provider_and_not_free(client):
    unknown = make("Craft club", "Crafts.")
    free = make("Free craft club", "Crafts.", costs=[Decimal("0")])
    assert not unknown.is_free
    assert unknown.cost_from is None
    assert names(free_only=True) == [free.name]
    assert names(max_cost=Decimal("100")) == [free.name]
    page = client.get(f"/directory/services/{unknown.pk}/").content.decode()
    assert "Cost: ask the provider" in page
    assert ">Free<" not in page
    assert "Who it is for" in page
    assert "Everyone" not in page
    assert "has no venue" not in page
    assert "The entry gives no venue" in page
    results = client.get("/directory/", {"q": "craft"}).content.decode()
    assert "Ask the provider" in results


def test_languages_spoken_are_searchable():
    urdu = make("Carers' support", "Support for carers.", languages=["Urdu", "English"])
    make("Carers' group", "A group for carers.", languages=["English"])
    assert names(text="urdu") == [urdu.name]
    assert names(text="carers urdu") == [urdu.name]


def test_the_oruk_root_answers_a_browser_with_a_page_and_a_program_with_json(client):
    page = client.get("/oruk/", headers={"accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert '<html lang="en"' in html
    assert "<title>" in html
    assert "/oruk/services" in html
    program = client.get("/oruk/", headers={"accept": "application/json"})
    assert program.json()["version"] == "HSDS-UK-3.0"
    assert client.get("/oruk/").json()["version"] == "HSDS-UK-3.0"


def test_the_oruk_api_never_sends_a_tag(client):
    service = make("<b>Bold</b> club", "Come &lt;script&gt;alert(1)&lt;/script&gt; <i>along</i>.")
    body = client.get(f"/oruk/services/{service.pk}").content.decode()
    assert "<b>" not in body
    assert "<script" not in body
    assert "<i>" not in body
    listing = client.get("/oruk/services").content.decode()
    assert "<b>" not in listing


def test_a_page_counts_results_up_to_a_limit_and_then_says_there_are_more():
    from ownway.directory.selectors import result_page

    for number in range(5):
        make(f"Walking group {number}", "A walk in the park.")
    qs = service_search(search=DirectorySearch(text="walking"))
    exact = result_page(qs, number=1, per_page=2)
    assert (exact.total, exact.more, exact.num_pages, exact.has_next) == (5, False, 3, True)
    capped = result_page(qs, number=1, per_page=2, count_limit=3)
    assert (len(capped.items), capped.total, capped.more, capped.has_next) == (2, 3, True, True)
    last = result_page(qs, number=3, per_page=2, count_limit=3)
    assert (len(last.items), last.total, last.more, last.has_next) == (1, 5, False, False)
    enough = result_page(qs, number=1, per_page=2, count_limit=10)
    assert (enough.total, enough.more) == (5, False)


def test_the_search_page_says_more_than_when_the_count_stops(client, monkeypatch):
    from ownway.directory import views

    monkeypatch.setattr(views, "COUNT_LIMIT", 2)
    monkeypatch.setattr(views, "PER_PAGE", 2)
    for number in range(5):
        make(f"Walking group {number}", "A walk in the park.")
    page = client.get("/directory/", {"q": "walking"}).content.decode()
    assert "More than 2 results" in page


@pytest.mark.parametrize("sort", ["distance", "relevance"])
@pytest.mark.parametrize("text", ["walking", "Walking", ""])
def test_a_search_near_a_postcode_read_in_groups_pages_as_the_one_search_orders(sort, text):
    """A page near a postcode reads the exact name, the places nearby and the services offered anywhere as groups
    (so the database never sorts every service offered anywhere for a page of places): every page, its total and
    whether there are more are those of the one search."""
    from django.db import connection

    from ownway.directory.selectors import _service_search, result_page, service_search_groups

    for number in range(4):
        make(f"Walking group {number}", "A walk in the park.", place=(52.48 + number / 1000, -1.90))
        make(f"Walking online {number}", "A walk, with a video call.")
    make("Walking", "Walking for all.")  # an exact name, offered anywhere: first of all
    make("Walking far away", "A walk.", place=(53.48, -1.90))
    search = DirectorySearch(text=text, latitude=52.48, longitude=-1.90, within_m=5000, sort=sort)
    whole = list(service_search(search=search))
    assert len(whole) == 9
    assert (whole[0].name == "Walking") is bool(text)
    # Read in groups on PostgreSQL; the grouping is the same code on SQLite, which the search page reads in one.
    assert len(service_search_groups(search=search)) == (1 if connection.vendor == "sqlite" else 3 if text else 2)
    groups = _service_search(search, grouped=True)
    assert len(groups) == (3 if text else 2)
    for per_page in (1, 2, 4, 20):
        for count_limit in (None, 3, 100):
            for number in range(1, 12):
                page = result_page(groups, number=number, per_page=per_page, count_limit=count_limit)
                one = result_page(
                    service_search(search=search), number=number, per_page=per_page, count_limit=count_limit
                )
                assert [s.pk for s in page.items] == [s.pk for s in one.items]
                assert [s.distance_m for s in page.items] == [s.distance_m for s in one.items]
                assert [s.anywhere for s in page.items] == [s.anywhere for s in one.items]
                assert (page.total, page.more) == (one.total, one.more), (per_page, count_limit, number)
