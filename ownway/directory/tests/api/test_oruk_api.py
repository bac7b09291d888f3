"""The Open Referral UK 3.0 API: every response checked against the official schemata."""

from __future__ import annotations

import re

import pytest

from ownway.directory.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def check_page(body, validator):
    assert set(body) == PAGE_KEYS
    assert isinstance(body["total_items"], int)
    assert body["empty"] == (not body["contents"])
    for item in body["contents"]:
        errors = sorted(validator.iter_errors(item), key=str)
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def check_one(body, validator):
    errors = sorted(validator.iter_errors(body), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_root(client, db):
    response = client.get("/oruk/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["version"] == "HSDS-UK-3.0"
    assert set(response.json()) == {"version", "profile", "openapi_url"}


def test_services_list_and_each_service(client, directory, oruk_schema):
    body = client.get("/oruk/services", {"per_page": 10}).json()
    assert body["total_items"] == 40
    assert body["total_pages"] == 4
    assert body["first_page"]
    assert not body["last_page"]
    check_page(body, oruk_schema("service.json"))
    full = oruk_schema("service.json")
    for item in body["contents"]:
        response = client.get(f"/oruk/services/{item['id']}")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        service = response.json()
        check_one(service, full)
        assert service["cost_options"]
        assert service["schedules"]
        assert service["service_at_locations"]


def test_last_page_and_past_the_end(client, directory, oruk_schema):
    body = client.get("/oruk/services", {"per_page": 10, "page": 4}).json()
    assert body["last_page"]
    assert len(body["contents"]) == 10
    past = client.get("/oruk/services", {"per_page": 10, "page": 9}).json()
    assert past["empty"]
    assert past["contents"] == []


def test_search_and_filters(client, directory, oruk_schema):
    validator = oruk_schema("service.json")
    art = client.get("/oruk/services", {"search": "art group"}).json()
    check_page(art, validator)
    assert art["total_items"] >= 1
    # Whole words, stemmed ("arts" is "art"), not parts of words ("party" is not "art").
    words = {str(s.pk): set(re.findall(r"\w+", s.search_text)) for s in Service.objects.all()}
    matching = {pk for pk, have in words.items() if {"art", "arts"} & have and {"group", "groups"} & have}
    assert {s["id"] for s in art["contents"]} == matching
    first = art["contents"][0]["name"].lower()
    assert "art" in first
    assert "group" in first
    saturday = client.get("/oruk/services", {"day": "SA"}).json()
    assert saturday["total_items"] == Service.objects.filter(schedules__byday__contains="SA").distinct().count()
    evening = client.get("/oruk/services", {"start_time": "18:00"}).json()
    check_page(evening, validator)
    assert evening["total_items"] == Service.objects.filter(schedules__opens_at__gte="18:00").distinct().count()
    early = client.get("/oruk/services", {"end_time": "12:30"}).json()
    assert early["total_items"] == Service.objects.filter(schedules__closes_at__lte="12:30").distinct().count()
    ages = client.get("/oruk/services", {"minimum_age": 18}).json()
    assert ages["total_items"] == 40
    assert client.get("/oruk/services", {"minimum_age": 19}).json()["total_items"] == 0


def test_taxonomy_term_filter(client, directory):
    term = TaxonomyTerm.objects.get(taxonomy__name="Interests", code="arts")
    body = client.get("/oruk/services", {"taxonomy_term_id": str(term.pk)}).json()
    assert body["total_items"] > 0
    for item in body["contents"]:
        full = client.get(f"/oruk/services/{item['id']}").json()
        assert str(term.pk) in [a["taxonomy_term_id"] for a in full["attributes"]]
    by_taxonomy = client.get("/oruk/services", {"taxonomy_id": str(term.taxonomy_id)}).json()
    assert by_taxonomy["total_items"] == 40


def test_service_at_locations_near_a_postcode(client, directory, oruk_schema):
    validator = oruk_schema("service_at_location.json")
    sal = ServiceAtLocation.objects.select_related("location").first()
    near = client.get(
        "/oruk/service_at_locations", {"postcode": sal.location.postcode, "proximity": 1000, "per_page": 50}
    ).json()
    check_page(near, validator)
    ids = [item["id"] for item in near["contents"]]
    assert str(sal.pk) in ids
    assert ids[0] == str(sal.pk) or near["contents"][0]["location"]["latitude"] == sal.location.latitude
    everywhere = client.get("/oruk/service_at_locations", {"postcode": sal.location.postcode, "proximity": 100_000})
    assert everywhere.json()["total_items"] == 40
    full = client.get(f"/oruk/service_at_locations/{sal.pk}")
    assert full.status_code == 200
    body = full.json()
    check_one(body, validator)
    check_one(body["service"], oruk_schema("service.json"))


def test_taxonomies_and_terms(client, directory, oruk_schema):
    taxonomies = client.get("/oruk/taxonomies").json()
    check_page(taxonomies, oruk_schema("taxonomy.json"))
    assert taxonomies["total_items"] == Taxonomy.objects.count()
    one = client.get(f"/oruk/taxonomies/{taxonomies['contents'][0]['id']}").json()
    check_one(one, oruk_schema("taxonomy.json"))
    assert one["taxonomy_terms"]
    terms = client.get("/oruk/taxonomy_terms", {"per_page": 5}).json()
    check_page(terms, oruk_schema("taxonomy_term.json"))
    term = client.get(f"/oruk/taxonomy_terms/{terms['contents'][0]['id']}").json()
    check_one(term, oruk_schema("taxonomy_term.json"))


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/oruk/services", {"page": "x"}, "page must be a whole number"),
        ("/oruk/services", {"per_page": "1000"}, "per_page must be a whole number from 1 to 200"),
        ("/oruk/services", {"taxonomy_term_id": "nope"}, "taxonomy_term_id must be a UUID"),
        ("/oruk/services", {"day": "Blursday"}, "day must be a day of the week"),
        ("/oruk/services", {"start_time": "teatime"}, "start_time must be a time"),
        ("/oruk/service_at_locations", {"postcode": "ZZ99 9ZZ"}, "postcode is not a UK postcode"),
        ("/oruk/service_at_locations", {"proximity": "100"}, "proximity needs a postcode"),
    ],
)
def test_bad_parameters_are_explained(client, db, path, params, message):
    response = client.get(path, params)
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert message in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/oruk/services/not-a-uuid",
        "/oruk/services/6f1c9a52-4c1e-4a53-9a70-0d3c8d1f2a10",
        "/oruk/service_at_locations/x",
        "/oruk/taxonomies/x",
        "/oruk/taxonomy_terms/x",
    ],
)
def test_unknown_ids_are_404_with_cors(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"


def test_preflight_and_writes(client, db):
    assert client.options("/oruk/services")["Access-Control-Allow-Origin"] == "*"
    assert client.post("/oruk/services").status_code == 405


def test_list_query_count_does_not_grow_with_the_page(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/oruk/services", {"per_page": 40})


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "1e309"}, "page must be a whole number from 1 to 100,000"),
        ({"page": "nan"}, "page must be a whole number from 1 to 100,000"),
        ({"page": "inf"}, "page must be a whole number from 1 to 100,000"),
        ({"page": "9" * 5000}, "page must be a whole number from 1 to 100,000"),
        ({"page": "²"}, "page must be a whole number from 1 to 100,000"),
        ({"page": "2.5"}, "page must be a whole number from 1 to 100,000"),
        ({"page": "100001"}, "page must be a whole number from 1 to 100,000"),
        ({"per_page": "-1"}, "per_page must be a whole number from 1 to 200"),
        ({"minimum_age": "1e309"}, "minimum_age must be a whole number from 0 to 150"),
        ({"maximum_age": "NaN"}, "maximum_age must be a whole number from 0 to 150"),
    ],
)
def test_numbers_out_of_range_or_not_finite_are_400_not_500(client, db, params, message):
    response = client.get("/oruk/services", params)
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {"detail": message}


def test_proximity_that_is_not_finite_is_400(client, directory):
    postcode = ServiceAtLocation.objects.select_related("location").first().location.postcode
    response = client.get("/oruk/service_at_locations", {"postcode": postcode, "proximity": "1e309"})
    assert response.status_code == 400
    assert response.json() == {"detail": "proximity must be a whole number from 1 to 1,000,000"}
