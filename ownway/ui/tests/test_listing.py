"""Lists that can grow: a page at a time, sorted by the column the reader picks, with the query kept."""

from __future__ import annotations

from django.test import RequestFactory

from ownway.accounts.models import Team
from ownway.accounts.tests.factories import TeamFactory
from ownway.ui.listing import Column, paged_and_sorted

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
