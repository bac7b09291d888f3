"""The signed-in user of a request, typed, for the views of every app."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


def signed_in_user(request: HttpRequest) -> User:
    """The user of a request that ``login_required`` has let through (never an anonymous user)."""
    assert isinstance(request.user, User)
    return request.user
