import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher

from ownway.accounts import events
from ownway.accounts.models import AuditEvent

PASSWORD = "correct-horse-battery"


def test_production_settings_hash_with_argon2():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert get_hasher("argon2").algorithm == "argon2"


def test_session_cookie_is_not_readable_by_scripts():
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_sign_in_and_out(client, social_worker):
    response = client.post("/sign-in/", {"username": "social_worker", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action=events.LOGIN, actor=social_worker).exists()
    client.post("/sign-out/")
    assert AuditEvent.objects.filter(action=events.LOGOUT, actor=social_worker).exists()
    assert client.get("/").status_code == 302


def test_sign_out_needs_post(client, social_worker):
    client.force_login(social_worker)
    assert client.get("/sign-out/").status_code == 405


def test_wrong_password(client, social_worker):
    response = client.post("/sign-in/", {"username": "social_worker", "password": "nope"})
    assert response.status_code == 200
    assert "The username or password is not right" in response.content.decode()
    assert AuditEvent.objects.filter(action=events.LOGIN_FAILED).exists()


def test_empty_form_says_what_is_missing(client, db):
    body = client.post("/sign-in/", {}).content.decode()
    assert "Enter your username" in body
    assert "Enter your password" in body


def test_lockout_after_repeated_failures(client, social_worker):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "social_worker", "password": "wrong"})
    response = client.post("/sign-in/", {"username": "social_worker", "password": PASSWORD})
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert AuditEvent.objects.filter(action=events.LOGIN_LOCKED_OUT).exists()
    # Another account from the same address is not locked.


def test_safe_next_only(client, social_worker):
    response = client.post("/sign-in/?next=https://evil.example/", {"username": "social_worker", "password": PASSWORD})
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "role_fixture",
    [
        "social_worker",
        "occupational_therapist",
        "team_manager",
        "broker",
        "finance_officer",
        "enablement_worker",
        "enablement_manager",
        "commissioner",
        "administrator",
        "citizen",
        "provider",
    ],
)
def test_every_role_signs_in_to_its_home(client, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert user.get_role_display() in response.content.decode()


def test_only_administrators_see_accounts(administrator_client, social_worker_client):
    assert administrator_client.get("/accounts/").status_code == 200
    assert social_worker_client.get("/accounts/").status_code == 403


def test_audit_trail_cannot_be_edited_in_the_admin(db, administrator):
    from django.contrib.admin.sites import site

    from ownway.accounts.models import AuditEvent as Model

    model_admin = site._registry[Model]
    assert not model_admin.has_add_permission(None)
    assert not model_admin.has_change_permission(None)
    assert not model_admin.has_delete_permission(None)


def test_changes_in_the_admin_site_are_audited(client, administrator, team):
    administrator.is_staff = True
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    response = client.post(
        f"/admin/accounts/team/{team.pk}/change/",
        {"name": "North locality", "kind": "locality", "area": "North and Sutton", "is_active": "on"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=events.ADMIN_RECORD_SAVED)
    assert event.actor == administrator
    assert event.subject_id == str(team.pk)
    assert event.new == {"area": "North and Sutton"}
