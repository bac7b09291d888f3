"""Who may call the API: bearer tokens for systems, and the browser session of signed-in staff."""

import pytest
from django.test import Client
from django.utils import timezone

from ownway.accounts.models import ApiToken, AuditEvent
from ownway.accounts.services import api_token_create, api_token_revoke
from ownway.people import events


def _bearer(secret: str) -> Client:
    return Client(headers={"authorization": f"Bearer {secret}"})


def test_a_valid_token_acts_as_its_user(social_worker, person):
    token, secret = api_token_create(actor=None, user=social_worker, name="Finance system")
    response = _bearer(secret).get(f"/api/v1/people/{person.pk}")
    assert response.status_code == 200
    assert response.json()["full_name"] == "Ada Lovelace"
    token.refresh_from_db()
    assert token.last_used_at is not None
    viewed = AuditEvent.objects.get(action=events.PERSON_VIEWED, person_id=person.pk)
    assert viewed.actor == social_worker
    assert viewed.via == "api"
    assert viewed.path == f"/api/v1/people/{person.pk}"


def test_me_says_who_the_token_acts_as(social_worker, api_client):
    response = api_client(social_worker).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json() == {
        "username": "social_worker",
        "name": "Sam Social",
        "role": "social_worker",
        "role_label": "Social worker",
        "team": "North locality",
    }


def test_a_revoked_token_is_refused(social_worker, administrator, person):
    token, secret = api_token_create(actor=None, user=social_worker, name="Old system")
    api_token_revoke(actor=administrator, token=token)
    response = _bearer(secret).get(f"/api/v1/people/{person.pk}")
    assert response.status_code == 401
    assert "not accepted" in response.json()["detail"]


def test_an_unknown_token_is_refused(person):
    response = _bearer("ow_this-token-was-never-made").get(f"/api/v1/people/{person.pk}")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("The API token was not accepted")
    assert response["WWW-Authenticate"] == 'Bearer realm="Ownway API"'


def test_a_token_of_an_account_that_was_closed_is_refused(social_worker, person):
    _token, secret = api_token_create(actor=None, user=social_worker, name="Finance system")
    social_worker.is_active = False
    social_worker.save()
    assert _bearer(secret).get(f"/api/v1/people/{person.pk}").status_code == 401


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer ", "Token ow_abc", "Basic dXNlcjpwYXNz"])
def test_missing_or_malformed_credentials_are_refused(client, person, header):
    headers = {"authorization": header} if header else {}
    response = client.get(f"/api/v1/people/{person.pk}", headers=headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"]


def test_no_credentials_at_all_explains_how_to_authenticate(client):
    response = client.post("/api/v1/people", data={}, content_type="application/json")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert "sign in" in response.json()["detail"]


def test_only_the_digest_of_a_token_is_stored(social_worker):
    token, secret = api_token_create(actor=None, user=social_worker, name="Finance system")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.digest, stored.prefix, stored.name)
    assert len(stored.digest) == 64


def test_a_signed_in_browser_can_use_the_api(social_worker_client, person):
    response = social_worker_client.get(f"/api/v1/people/{person.pk}")
    assert response.status_code == 200


def test_a_browser_session_needs_the_csrf_token_for_changes(social_worker):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(social_worker)
    body = {"first_name": "Mary", "last_name": "Seacole", "date_of_birth": "1945-11-23"}
    refused = browser.post("/api/v1/people", data=body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    browser.get("/api/v1/docs")  # the docs page sets the CSRF cookie, as any page does
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post("/api/v1/people", data=body, content_type="application/json", headers={"X-CSRFToken": csrf})
    assert accepted.status_code == 201


def test_a_token_needs_no_csrf_token(social_worker, api_client):
    client = api_client(social_worker)
    client.handler.enforce_csrf_checks = True
    body = {"first_name": "Mary", "last_name": "Seacole", "date_of_birth": "1945-11-23"}
    assert client.post("/api/v1/people", data=body, content_type="application/json").status_code == 201


def test_a_bad_token_is_refused_even_from_a_signed_in_browser(social_worker_client, person):
    response = social_worker_client.get(f"/api/v1/people/{person.pk}", headers={"authorization": "Bearer ow_wrong"})
    assert response.status_code == 401


def test_the_token_wins_over_the_session(social_worker_client, broker, other_team_person):
    # Signed in as a social worker, but the request carries a broker's token: it acts as the broker.
    _token, secret = api_token_create(actor=None, user=broker, name="Brokerage system")
    response = social_worker_client.get(
        f"/api/v1/people/{other_team_person.pk}", headers={"authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 200


def test_tokens_are_checked_by_the_stored_digest_not_the_prefix(social_worker, person):
    _token, secret = api_token_create(actor=None, user=social_worker, name="Finance system")
    forged = secret[:8] + "x" * (len(secret) - 8)
    assert _bearer(forged).get(f"/api/v1/people/{person.pk}").status_code == 401


def test_last_used_is_not_written_on_every_request(social_worker, person, django_assert_num_queries):
    token, secret = api_token_create(actor=None, user=social_worker, name="Finance system")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    client = _bearer(secret)
    # Each request reads the token with its user, then what it asked for (the team; the code list):
    # nothing writes to the token again within the minute.
    with django_assert_num_queries(4):
        assert client.get("/api/v1/me").status_code == 200
        assert client.get("/api/v1/code-lists/gender").status_code == 200
