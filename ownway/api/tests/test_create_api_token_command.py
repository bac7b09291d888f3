"""``manage.py create_api_token``."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client

from ownway.accounts import events
from ownway.accounts.models import ApiToken, AuditEvent
from ownway.accounts.services import api_token_create


def _run(*args: str) -> str:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_a_working_token_once(social_worker):
    output = _run("--user", "social_worker", "--name", "Finance system")
    secrets = [line for line in output.splitlines() if line.startswith("ow_")]
    assert len(secrets) == 1
    token = ApiToken.objects.get(user=social_worker)
    assert token.name == "Finance system"
    response = Client(headers={"authorization": f"Bearer {secrets[0]}"}).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "social_worker"


def test_the_command_is_audited_as_the_system(social_worker):
    _run("--user", "social_worker", "--name", "Finance system")
    event = AuditEvent.objects.get(action=events.API_TOKEN_CREATED)
    assert event.actor is None
    assert event.actor_label == "System"
    assert event.via == "command"
    assert event.new == {"user": social_worker.pk, "name": "Finance system"}


def test_an_unknown_user_is_reported(db):
    with pytest.raises(CommandError, match="no account with the username 'nobody'"):
        _run("--user", "nobody", "--name", "Finance system")


def test_an_inactive_user_is_reported(social_worker):
    social_worker.is_active = False
    social_worker.save()
    with pytest.raises(CommandError, match="not active"):
        _run("--user", "social_worker", "--name", "Finance system")
    assert not ApiToken.objects.exists()


def test_a_blank_name_is_reported(social_worker):
    with pytest.raises(CommandError, match="Enter what system will use this token"):
        _run("--user", "social_worker", "--name", "  ")


def test_staff_who_are_not_administrators_still_cannot_make_tokens(social_worker, team_manager):
    with pytest.raises(PermissionDenied):
        api_token_create(actor=team_manager, user=social_worker, name="Finance system")
    assert not ApiToken.objects.exists()


def test_administrators_can_make_tokens(social_worker, administrator):
    _token, secret = api_token_create(actor=administrator, user=social_worker, name="Finance system")
    assert secret.startswith("ow_")
    assert AuditEvent.objects.get(action=events.API_TOKEN_CREATED).actor == administrator
