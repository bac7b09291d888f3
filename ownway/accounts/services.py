"""Account services: signing in and out (audited), and API tokens for other systems."""

from __future__ import annotations

import secrets

from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from . import events
from .audit import audit_record
from .models import ApiToken, User, token_digest


class LoginFailed(Exception):
    """The username and password did not match an active account."""


def user_login(*, request: HttpRequest, username: str, password: str) -> User:
    """Sign a user in. Failures count towards the lockout (django-axes) and are audited."""
    user = authenticate(request, username=username, password=password)
    if user is None or not isinstance(user, User):
        with transaction.atomic():
            known = User.objects.filter(username=username).first()
            audit_record(actor=known, action=events.LOGIN_FAILED, new={"username": username[:150]})
        raise LoginFailed
    login(request, user)
    with transaction.atomic():
        audit_record(actor=user, action=events.LOGIN)
    return user


def user_logout(*, request: HttpRequest) -> None:
    user = request.user if request.user.is_authenticated else None
    if isinstance(user, User):
        with transaction.atomic():
            audit_record(actor=user, action=events.LOGOUT)
    logout(request)


def api_token_create(*, actor: User | None, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``. Returns the token and its secret, which is never stored or shown again.

    ``actor`` is the administrator making it, or ``None`` when it is made by a management command run
    on the server (``manage.py create_api_token``), which is audited as the system.
    """
    if actor is not None and not actor.is_superuser and actor.role != "administrator":
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Only administrators can make API tokens")
    if not name.strip():
        from django.core.exceptions import ValidationError

        raise ValidationError({"name": ["Enter what system will use this token"]})
    secret = "ow_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name.strip(), prefix=secret[:8], digest=token_digest(secret))
        audit_record(actor=actor, action=events.API_TOKEN_CREATED, subject=token, new={"user": user.pk, "name": name})
    return token, secret


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if not actor.is_superuser and actor.role != "administrator":
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Only administrators can revoke API tokens")
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action=events.API_TOKEN_REVOKED, subject=token)
    return token


def api_token_authenticate(secret: str) -> User | None:
    """The active user a token belongs to, or ``None`` for an unknown or revoked token."""
    if not secret or not secret.startswith("ow_"):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(secret), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
