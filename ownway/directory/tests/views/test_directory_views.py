"""Directory pages: search and service pages for anyone, provider self-service, broker review and shortlists."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from ownway.directory.forms import SearchForm
from ownway.directory.models import ChangeStatus, Service, ServiceChange, Shortlist, TaxonomyTerm
from ownway.directory.rules.assurance import check_assurance
from ownway.directory.rules.geo import METRES_PER_MILE, haversine_m
from ownway.directory.selectors import service_search
from ownway.directory.views import _result_rows
from ownway.ui.tests.html_forms import form_fields


def results(params):
    """The rows the search page shows for these parameters (Jinja2 responses carry no context)."""
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    form = SearchForm(data)
    assert form.is_valid(), form.errors
    search = form.to_search()
    return _result_rows(list(service_search(search=search)), search)


def art_group():
    return Service.objects.get(name="Saturday art group")


def test_search_page_without_a_search(client, db):
    response = client.get("/directory/")
    assert response.status_code == 200
    assert "Find support and things to do" in response.content.decode()


def test_citizen_finds_an_accessible_saturday_art_group_within_3_miles(client, directory):
    service = art_group()
    location = service.service_at_locations.get().location
    arts = TaxonomyTerm.objects.get(taxonomy__name="Interests", code="arts")
    features = list(location.accessibility.values_list("feature", flat=True))
    params = {
        "interest": str(arts.pk),
        "postcode": location.postcode,
        "distance": "3",
        "day": "SA",
        "access": features[:1],
        "sort": "distance",
    }
    response = client.get("/directory/", params)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Saturday art group" in page
    assert "£5.50 a session" in page  # £4.00 + £1.50 materials: the full cost
    rows = results(params)
    assert rows[0]["service"] == service
    assert rows[0]["stale"] == check_assurance(service.assured_date, timezone.localdate()).stale
    assert rows[0]["distance"] == "less than 0.1 miles"
    for row in rows:
        here = row["location"]
        assert haversine_m(location.latitude, location.longitude, here.latitude, here.longitude) <= 3 * METRES_PER_MILE
        assert any("SA" in w.days for w in row["when"]) or any(w.weekend for w in row["when"])


def test_search_errors_are_specific(client, db):
    page = client.get("/directory/", {"postcode": "B99 9ZZ", "max_cost": "lots"}).content.decode()
    assert "We cannot find B99 9ZZ" in page
    assert "The most you want to pay must be an amount in pounds, like 12.50" in page
    page = client.get("/directory/", {"sort": "distance"}).content.decode()
    assert "Enter a postcode to sort by distance" in page


def test_free_only_and_max_cost(client, directory):
    free = results({"free_only": "on"})
    assert len(free) == Service.objects.filter(is_free=True).count()
    assert all(r["cost"].is_free for r in free)
    cheap = results({"max_cost": "5"})
    assert cheap
    assert all(r["cost"].cost_from <= 5 for r in cheap)
    assert f"{len(cheap)} results" in client.get("/directory/", {"max_cost": "5"}).content.decode()


def test_evenings_and_weekends(client, directory):
    rows = results({"evenings": "on"})
    assert rows
    assert all(any(w.evening for w in r["when"]) for r in rows)
    rows = results({"weekends": "on"})
    assert all(any(w.weekend for w in r["when"]) for r in rows)


def test_service_page_shows_what_a_person_needs_to_choose(client, directory):
    service = Service.objects.get(name="Day opportunities centre")
    page = client.get(f"/directory/services/{service.pk}/").content.decode()
    for text in [
        "What it is",
        "When",
        "Full cost",
        "£68.30 a session",
        "Where",
        "Accessibility",
        "Getting there",
        "Quality and checks",
        "CQC rating",
        "Every Monday, Tuesday, Wednesday, Thursday and Friday",
    ]:
        assert text in page, text


def test_unknown_service_is_404(client, db):
    assert client.get("/directory/services/6f1c9a52-4c1e-4a53-9a70-0d3c8d1f2a10/").status_code == 404


def test_search_query_count_is_pinned(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/directory/", {"q": "group"})


def test_provider_changes_a_listing_and_a_broker_approves_it(provider, provider_org, broker, client):
    service = Service.objects.filter(organization=provider_org).order_by("name").first()
    client.force_login(provider)
    listing = client.get("/directory/your-entries/").content.decode()
    assert service.name in listing
    form = client.get(f"/directory/your-entries/{service.pk}/change/")
    assert form.status_code == 200
    data = form_fields(form.text, "service-change")  # the form as the page fills it
    data["sessions-0-days"] = ["SA", "SU"]
    data["sessions-0-opens_at"] = ["10:00"]
    data["sessions-0-closes_at"] = ["14:00"]
    data["name"] = [service.name + " (weekends)"]
    response = client.post(f"/directory/your-entries/{service.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()
    change = ServiceChange.objects.get()
    assert change.status == ChangeStatus.PENDING

    client.force_login(broker)
    queue = client.get("/directory/review/").content.decode()
    assert service.name in queue
    review = client.get(f"/directory/review/{change.pk}/").content.decode()
    assert "(weekends)" in review
    assert "Every Saturday and Sunday, 10am to 2pm" in review
    assert "<del" in review
    assert "<ins" in review
    missing = client.post(f"/directory/review/{change.pk}/", {})
    assert "Select whether to approve the change or send it back" in missing.content.decode()
    assert client.post(f"/directory/review/{change.pk}/", {"decision": "approve"}).status_code == 302
    service.refresh_from_db()
    assert service.name.endswith("(weekends)")
    assert service.cost_from is not None


def test_provider_change_form_errors(provider, provider_org, client):
    service = Service.objects.filter(organization=provider_org).first()
    client.force_login(provider)
    url = f"/directory/your-entries/{service.pk}/change/"
    data = form_fields(client.get(url).text, "service-change")
    data.update({"name": [""], "sessions-0-days": [], "sessions-0-opens_at": ["14:00"]})
    data.update({"sessions-0-closes_at": ["10:00"], "costs-0-amount": ["-2"]})
    page = client.post(url, data).content.decode()
    assert "This field is required" in page or "Enter" in page
    assert "Session 1: select the days it runs" in page
    assert "Session 1: the finishing time must be after the starting time" in page
    assert "Cost 1: the cost must be £0 or more" in page


def test_others_cannot_use_provider_or_review_pages(client, social_worker, provider_org, provider):
    service = Service.objects.exclude(organization=provider_org).first()
    client.force_login(provider)
    assert client.get(f"/directory/your-entries/{service.pk}/change/").status_code == 403
    assert client.get("/directory/review/").status_code == 403
    client.force_login(social_worker)
    assert client.get("/directory/your-entries/").status_code == 403


def test_broker_shortlist_pages(broker_client, person, directory):
    page = broker_client.get(f"/directory/shortlists/person/{person.pk}/")
    assert page.status_code == 200
    response = broker_client.post(
        f"/directory/shortlists/person/{person.pk}/", {"action": "create", "new-purpose": "Art at weekends"}
    )
    shortlist = Shortlist.objects.get()
    assert response.status_code == 302
    found = broker_client.get(f"/directory/shortlists/{shortlist.pk}/", {"q": "art group"})
    assert "Saturday art group" in found.content.decode()
    service = art_group()
    broker_client.post(f"/directory/shortlists/{shortlist.pk}/", {"action": "add", "service": str(service.pk)})
    broker_client.post(
        f"/directory/shortlists/{shortlist.pk}/",
        {"action": "choose", "choice-service": str(service.pk), "choice-reason": "I love painting"},
    )
    shortlist.refresh_from_db()
    assert shortlist.chosen == service
    assert "chose" in broker_client.get(f"/directory/shortlists/{shortlist.pk}/").content.decode()


def test_shortlists_need_access_to_the_person(social_worker_client, other_team_person, broker_client):
    assert social_worker_client.get(f"/directory/shortlists/person/{other_team_person.pk}/").status_code == 403


def test_most_to_pay_that_is_not_a_real_amount_is_explained_not_a_server_error(client, directory):
    for typed in ("1e309", "NaN", "Infinity", "9" * 5000, "12.345", "-0"):
        response = client.get("/directory/", {"max_cost": typed})
        assert response.status_code == 200, typed
        assert "There is a problem" in response.content.decode(), typed
    page = client.get("/directory/", {"max_cost": "1e309"}).content.decode()
    assert "The most you want to pay must be an amount in pounds, like 12.50" in page
    page = client.get("/directory/", {"max_cost": "20000"}).content.decode()
    assert "The most you want to pay must be £10,000 or less" in page


def test_most_to_pay_is_read_as_people_type_it(client, directory):
    assert results({"max_cost": " £ 5 "}) == results({"max_cost": "5.00"})
    page = client.get("/directory/", {"max_cost": "£1,000"}).content.decode()
    assert "There is a problem" not in page


def test_provider_price_and_ages_out_of_range_are_explained(provider, provider_org, client):
    service = Service.objects.filter(organization=provider_org).first()
    client.force_login(provider)
    url = f"/directory/your-entries/{service.pk}/change/"
    data = form_fields(client.get(url).text, "service-change")
    data.update({"name": ["Art"], "costs-0-amount": ["1e309"], "minimum_age": ["1e309"], "capacity": ["NaN"]})
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cost 1: the cost must be an amount in pounds, like 12.50" in page
    assert "The youngest age must be a whole number" in page
    assert "Places per session must be a whole number" in page
    assert not ServiceChange.objects.filter(service=service).exists()


def _without_nonce(html: str) -> str:
    """A page without its Content-Security-Policy nonce, which is new for every response."""
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


def test_search_with_a_page_number_that_is_not_one_shows_the_first_page(client, directory):
    first = _without_nonce(client.get("/directory/", {"q": "group"}).content.decode())
    for page in ("²", "9" * 5000, "99999999999999999999999"):
        response = client.get("/directory/", {"q": "group", "page": page})
        assert response.status_code == 200, page
        assert _without_nonce(response.content.decode()) == first


def test_a_change_proposed_before_the_entry_changed_is_not_published_over_it_without_the_broker_seeing_both(
    provider, provider_org, broker, client, feed
):
    from ownway.directory.services import directory_import
    from ownway.ui.tests.stale import refused_stale_save, version_on_page

    service = Service.objects.filter(organization=provider_org).order_by("name").first()
    client.force_login(provider)
    url = f"/directory/your-entries/{service.pk}/change/"
    data = form_fields(client.get(url).text, "service-change")
    data["name"] = ["Art club (weekends)"]
    response = client.post(url, data)
    assert response.status_code == 302
    change = ServiceChange.objects.get()
    # While the change waits, the council's feed is imported again with a new description.
    record = next(s for s in feed["services"] if s["id"] == str(service.pk))
    record["description"] = "Now at the library on Saturdays"
    directory_import(actor=None, payload=feed, source="test")

    client.force_login(broker)
    refused = client.post(f"/directory/review/{change.pk}/", {"decision": "approve"})
    text, table = refused_stale_save(refused, "directory entry")
    assert "Now at the library on Saturdays" in table  # published now
    assert "Art club (weekends)" not in Service.objects.get(pk=service.pk).name
    # Having seen both, the broker publishes it over the entry as it is now.
    again = client.post(
        f"/directory/review/{change.pk}/", {"decision": "approve", "lock_version": version_on_page(text)}
    )
    assert again.status_code == 302
    assert Service.objects.get(pk=service.pk).name == "Art club (weekends)"


def test_a_provider_proposing_from_a_form_shown_before_the_entry_changed_is_refused(
    provider, provider_org, client, feed
):
    from ownway.directory.services import directory_import
    from ownway.ui.tests.stale import refused_stale_save

    service = Service.objects.filter(organization=provider_org).order_by("name").first()
    client.force_login(provider)
    url = f"/directory/your-entries/{service.pk}/change/"
    data = form_fields(client.get(url).text, "service-change")  # as the form was shown, with its version
    record = next(s for s in feed["services"] if s["id"] == str(service.pk))
    record["name"] = "Saturday art (renamed by the council)"
    directory_import(actor=None, payload=feed, source="test")
    data["name"] = ["Art club (weekends)"]
    response = client.post(url, data)
    _page, table = refused_stale_save(response, "directory entry")
    assert "Saturday art (renamed by the council)" in table
    assert "Art club (weekends)" in table
    assert not ServiceChange.objects.exists()


def test_stale_entries_are_paged_and_sorted_never_confirmed_first(client, broker, directory):
    from markupsafe import escape

    from ownway.directory.selectors import stale_services

    stale = stale_services(today=timezone.localdate())
    never = stale.first()
    Service.objects.filter(pk=never.pk).update(assured_date=None)
    client.force_login(broker)
    oldest_first = client.get("/directory/review/").text
    assert 'aria-sort="ascending"' in oldest_first
    table = oldest_first.rsplit("entries out of date", 1)[1]
    assert table.index(str(escape(never.name))) < table.index("</tbody>")
    assert "Never" in table.split("</tr>")[1]  # the first row: an entry never confirmed
    newest_first = client.get("/directory/review/", {"sort": "confirmed", "order": "desc"}).text
    assert "Never" not in newest_first.rsplit("entries out of date", 1)[1].split("</tr>")[1]
    by_name = client.get("/directory/review/", {"sort": "service"}).text.rsplit("entries out of date", 1)[1]
    first_name = sorted(stale.values_list("name", flat=True))[0]
    assert str(escape(first_name)) in by_name.split("</tr>")[1]


@pytest.mark.parametrize("service", ["abc", "1e309", "-1", "9" * 5000, "\x00", ""])
def test_a_tampered_service_on_a_shortlist_is_a_message_not_an_error(broker_client, person, directory, service):
    broker_client.post(f"/directory/shortlists/person/{person.pk}/", {"action": "create", "new-purpose": "Art"})
    shortlist = Shortlist.objects.get()
    response = broker_client.post(f"/directory/shortlists/{shortlist.pk}/", {"action": "add", "service": service})
    assert response.status_code == 302
    page = broker_client.get(response["Location"]).content.decode()
    assert "That service is no longer in the directory: search again" in page
    assert not shortlist.entries.exists()


def test_a_shortlist_note_is_kept_without_control_characters_and_sized(broker, person, directory):
    from django.core.exceptions import ValidationError

    from ownway.directory.services import shortlist_add, shortlist_create

    shortlist = shortlist_create(actor=broker, person=person, purpose="Art")
    service = art_group()
    with pytest.raises(ValidationError, match="The note must be 500 characters or fewer"):
        shortlist_add(actor=broker, shortlist=shortlist, service=service, note="x" * 501)
    entry = shortlist_add(actor=broker, shortlist=shortlist, service=service, note="She\x00 likes\nwatercolour")
    assert entry.note == "She  likes\nwatercolour"


LONG_EMAIL = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".com"  # 260 characters, well formed


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "https://example.com/" + "a" * 600, "Website must be 500 characters or fewer"),
        ("email", LONG_EMAIL, "Email must be 254 characters or fewer"),
    ],
)
def test_a_provider_change_longer_than_an_entry_holds_is_a_message(
    client, provider, provider_org, field, value, message
):
    service = Service.objects.filter(organization=provider_org).order_by("name").first()
    client.force_login(provider)
    url = f"/directory/your-entries/{service.pk}/change/"
    data = {**form_fields(client.get(url).text, "service-change"), field: [value]}
    changes = ServiceChange.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ServiceChange.objects.count() == changes


def test_the_change_service_refuses_details_longer_than_an_entry_holds(provider, provider_org):
    from django.core.exceptions import ValidationError

    from ownway.directory.services import service_change_propose

    service = Service.objects.filter(organization=provider_org).order_by("name").first()
    with pytest.raises(ValidationError) as raised:
        service_change_propose(
            actor=provider, service=service,
            proposed={"name": "x" * 256, "url": "https://example.com/" + "a" * 600, "email": LONG_EMAIL},
        )  # fmt: skip
    assert raised.value.message_dict == {
        "name": ["Name must be 255 characters or fewer"],
        "url": ["Website must be 500 characters or fewer"],
        "email": ["Email must be 254 characters or fewer"],
    }
