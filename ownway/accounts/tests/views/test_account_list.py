"""The list of accounts: found by any part of a name whatever its accents, a page at a time, sorted by column."""

from __future__ import annotations

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory


def test_accounts_are_found_by_each_part_of_a_name_whatever_the_accents(administrator_client, db):
    UserFactory(username="zoe.ob", first_name="Zoë", last_name="Ní Bhriain-Øster", role=Role.BROKER)
    UserFactory(username="sam.s", first_name="Sam", last_name="Smith")
    for query in ("Zoe", "bhriain", "OSTER", "zoe.ob"):
        page = administrator_client.get("/accounts/", {"q": query}).text
        assert "Zoë" in page, query
        assert "sam.s" not in page, query
    assert "1 account found" in administrator_client.get("/accounts/", {"q": "Bhriain"}).text
    assert "No accounts match" in administrator_client.get("/accounts/", {"q": "Nobody"}).text


def test_accounts_are_paged_and_sorted(administrator_client, db):
    for n in range(55):
        UserFactory(username=f"worker{n:02d}", first_name="Worker", last_name=f"Number {n:02d}")
    first = administrator_client.get("/accounts/").text
    assert 'class="govuk-pagination' in first
    assert first.count('<tr class="govuk-table__row">') == 1 + 50  # the header row and a page of 50
    by_username = administrator_client.get("/accounts/", {"sort": "username", "order": "desc"}).text
    assert 'aria-sort="descending"' in by_username
    assert by_username.index("worker54") < by_username.index("worker53")
    second = administrator_client.get("/accounts/", {"sort": "username", "page": "2"}).text
    assert "worker54" in second
    assert "worker00" not in second
