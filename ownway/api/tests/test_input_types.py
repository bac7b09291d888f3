"""Input is taken only in the JSON types the OpenAPI document gives, and numbers only when finite and in range.

Pydantic on its own reads a body leniently: `0` as false, `0` as the date 1970-01-01, `"5"` as 5. The
document says a field is a boolean, a date or an integer, so anything else is refused with a 422 that
names the field, and nothing is saved.
"""

import json

import pytest

from ownway.people.models import Person

ADULT = {
    "arises_from_impairment_or_illness": True,
    "significant_impact_on_wellbeing": True,
    "outcomes": [],
}


def _post(client, url, body):
    raw = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data=raw, content_type="application/json")


@pytest.mark.parametrize("value", [0, 1, "true", "yes", None])
def test_a_boolean_must_be_true_or_false(api_client, social_worker, value):
    response = _post(api_client(social_worker), "/api/v1/eligibility/adult", {**ADULT, "needs_fluctuate": value})
    assert response.status_code == 422
    assert response.json()["errors"] == {"needs_fluctuate": ["Needs fluctuate must be true or false"]}


def test_a_date_must_be_an_iso_date_not_a_number(api_client, social_worker):
    body = {"first_name": "Mary", "last_name": "Seacole", "date_of_birth": 0}
    response = _post(api_client(social_worker), "/api/v1/people", body)
    assert response.status_code == 422
    assert response.json()["errors"]["date_of_birth"] == [
        "Enter the date of birth as a real date in the format YYYY-MM-DD, like 1957-03-27"
    ]
    assert not Person.objects.exists()


@pytest.mark.parametrize("value", ["5", 5.0, True])
def test_an_id_must_be_a_whole_number(api_client, social_worker, value):
    response = _post(api_client(social_worker), "/api/v1/assessments", {"person_id": value})
    assert response.status_code == 422
    assert response.json()["errors"] == {"person_id": ["Person ID must be a whole number"]}


@pytest.mark.parametrize("raw", ["1e309", "-1e309", "NaN", "Infinity"])
def test_a_number_that_is_not_finite_is_refused(api_client, finance_officer, raw):
    body = '{"age": 70, "weekly_cost_of_care": ' + raw + "}"
    response = _post(api_client(finance_officer), "/api/v1/charging/calculate", body)
    assert response.status_code == 422
    assert response.json()["errors"] == {"weekly_cost_of_care": ["Weekly cost of care must be a number"]}


@pytest.mark.parametrize("field", ["employment_allowance_available", "insurance_annual", "payroll_fee_annual"])
def test_pa_cost_allowances_are_bounded(api_client, social_worker, field):
    body = {"hourly_rate": 15, "hours_per_week": 10, field: 10**18}
    response = _post(api_client(social_worker), "/api/v1/direct-payments/pa-costs", body)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (f"/api/v1/people/{10**20}", "person_id"),
        (f"/api/v1/people/{10**20}/carers", "person_id"),
        (f"/api/v1/assessments/{10**20}", "assessment_id"),
        (f"/api/v1/support-plans/1?version={10**18}", "version"),
        (f"/api/v1/people?q=ada&page={10**18}", "page"),
        ("/api/v1/people/0", "person_id"),
    ],
)
def test_ids_and_pages_out_of_range_are_refused(api_client, administrator, url, field):
    response = api_client(administrator).get(url)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


def test_an_id_in_a_body_out_of_range_is_refused(api_client, social_worker):
    body = {"first_name": "A", "last_name": "B", "reason": "Help", "source": "self", "person_id": 10**20}
    response = _post(api_client(social_worker), "/api/v1/contacts", body)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["person_id"]


NUL = "\x00"


@pytest.mark.parametrize(
    ("method", "url", "body", "field"),
    [
        ("post", "/api/v1/people", {"first_name": f"Mary{NUL}", "last_name": "Seacole", "date_of_birth": "1950-01-01"},
         "first_name"),
        ("post", "/api/v1/contacts", {"first_name": "Mary", "last_name": "Seacole", "reason": f"Help{NUL}",
                                      "source": "self"}, "reason"),
        ("post", "/api/v1/ras/calculate", {"answers": {f"q{NUL}": "a"}}, "answers"),
    ],
)  # fmt: skip
def test_a_nul_character_in_a_body_is_refused_by_field_and_nothing_is_saved(
    api_client, social_worker, method, url, body, field
):
    """PostgreSQL cannot store a NUL; no one types one. The field that holds it is named."""
    response = _post(api_client(social_worker), url, body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert "must not contain a NUL character" in errors[field][0]
    assert not Person.objects.filter(last_name="Seacole").exists()


def test_a_nul_character_in_a_query_is_refused(api_client, social_worker):
    response = api_client(social_worker).get("/api/v1/people", {"q": f"Mary{NUL}"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"q": ["Q must not contain a NUL character (\\u0000)"]}
