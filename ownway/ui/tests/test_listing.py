"""Lists that can grow: a page at a time, sorted by the column the reader picks, with the query kept."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from ownway.accounts.models import Team
from ownway.accounts.tests.factories import TeamFactory
from ownway.ui.listing import Column, paged_and_sorted, search_text

COLUMNS = [Column("Name", "name", ("name",)), Column("Area", "area", ("area", "name")), Column("Kind")]


def _listing(query, per_page=2):
    request = RequestFactory().get("/teams/", query)
    return paged_and_sorted(request, Team.objects.all(), COLUMNS, default="name", per_page=per_page)


def test_a_page_at_a_time_sorted_by_the_chosen_column_either_way(db):
    for name, area in [("Bravo", "North"), ("Alpha", "South"), ("Delta", "East"), ("Charlie", "East")]:
        TeamFactory(name=name, area=area)
    first = _listing({})
    assert [t.name for t in first.items] == ["Alpha", "Bravo"]
    assert (first.sort, first.descending) == ("name", False)
    assert [t.name for t in _listing({"page": "2"}).items] == ["Charlie", "Delta"]
    by_area = _listing({"sort": "area", "order": "desc", "q": "x"})
    assert [t.name for t in by_area.items] == ["Alpha", "Bravo"]
    head = by_area.head()
    assert head[1]["attributes"] == {"aria-sort": "descending"}
    assert "attributes" not in head[0]  # only the sorted column says how it is sorted
    assert "sort=name" in head[0]["html"]
    assert "q=x" in head[0]["html"]
    assert "order=asc" in head[1]["html"]  # pressing the sorted column again turns it round
    assert head[2] == {"text": "Kind"}


def test_pagination_keeps_the_query_and_numbers_the_pages(db):
    for n in range(11):
        TeamFactory(name=f"Team {n:02d}")
    listing = _listing({"page": "3", "q": "Team"}, per_page=1)
    pagination = listing.pagination()
    assert pagination["previous"] == {"href": "?q=Team&page=2"}
    assert pagination["next"] == {"href": "?q=Team&page=4"}
    numbers = [item.get("number") for item in pagination["items"]]
    assert numbers == [1, 2, 3, 4, None, 11]
    assert pagination["items"][2]["current"] is True
    assert _listing({}, per_page=50).pagination() is None


def test_nonsense_in_the_address_gives_the_first_page_in_the_usual_order(db):
    TeamFactory(name="Alpha")
    listing = _listing({"sort": "password", "order": "sideways", "page": "1e309"})
    assert (listing.sort, listing.descending, listing.page.number) == ("name", False, 1)


@pytest.mark.parametrize("page", ["-1", "0", "1e309", "NaN", "9" * 5000])
def test_a_page_number_that_makes_no_sense_gives_the_first_page(db, page):
    for n in range(5):
        TeamFactory(name=f"Team {n}")
    assert _listing({"page": page}).page.number == 1


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("administrator", "/accounts/?q={q}"),
        ("social_worker", "/front-door/?q={q}"),
        ("social_worker", "/direct-payments/?q={q}"),
        ("social_worker", "/directory/personal-assistants/?q={q}"),
        ("social_worker", "/directory/personal-assistants/?area={q}"),
    ],
)
def test_a_search_drops_control_characters_before_the_database_sees_them(request, client, role, url):
    """PostgreSQL refuses a NUL in a query; no one types one, so it is dropped (and not shown back)."""
    client.force_login(request.getfixturevalue(role))
    response = client.get(url.format(q="%00Ada%01"))
    assert response.status_code == 200
    assert "\x00" not in response.content.decode()
    assert "\x01" not in response.content.decode()


def test_search_text_is_trimmed_and_cut_to_its_length():
    request = RequestFactory().get("/", {"q": "  \x00 Ada  Lovelace\x00 ", "area": "B" * 50})
    assert search_text(request) == "Ada  Lovelace"
    assert search_text(request, "area", max_length=10) == "B" * 10
    assert search_text(request, "missing") == ""
