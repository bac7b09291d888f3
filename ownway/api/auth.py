"""Who is calling the API: another system with a bearer token, or a member of staff signed in here.

Both act as an Ownway user, under that user's permissions; nothing in the API grants more.

* ``Authorization: Bearer ow_…`` — a token made with ``manage.py create_api_token``. Only its SHA-256
  digest is stored (:func:`ownway.accounts.services.api_token_authenticate`).
* The browser session of someone signed in to Ownway, so staff can try the API from its docs page.
  Changes made this way need the CSRF token (``X-CSRFToken``), as forms do; the docs page sends it.

A request that carries an ``Authorization`` header is judged by that header alone: a wrong or revoked
token is refused even from a signed-in browser, so a system never runs as whoever happens to be
signed in.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from ownway.accounts.models import User
from ownway.accounts.services import api_token_authenticate


class BearerToken(HttpBearer):
    """A bearer token another system sends: ``Authorization: Bearer ow_…``."""

    #: Spelt as the OpenAPI property it becomes.
    openapi_bearerFormat = "ow_…"
    openapi_description = (
        "A token made by a council administrator with `manage.py create_api_token`. It acts as the user it "
        "was made for. Send it as `Authorization: Bearer ow_…`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(token.strip())
        if user is not None:
            # Code that reads request.user (and the audit trail) sees the token's user.
            request.user = user
        return user


class BrowserSession(APIKeyCookie):
    """The session of someone signed in to Ownway in this browser, with CSRF checks on changes."""

    openapi_description = (
        "Sign in to Ownway in this browser to try the API from these pages. Changes need the CSRF token "
        "in an `X-CSRFToken` header; these pages send it for you."
    )

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        if "authorization" in request.headers:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            # Nobody is signed in: answer 401, not a CSRF failure.
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise HttpError(
                403,
                "The CSRF check failed. When you are signed in to Ownway in a browser, send the CSRF token "
                "in an X-CSRFToken header with each change, or use an API token instead.",
            )
        return self.authenticate(request, request.COOKIES.get(self.param_name))

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        return user if isinstance(user, User) and user.is_active else None


def caller(request: HttpRequest) -> User:
    """The user an authenticated API request acts as."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise HttpError(401, "Sign in, or send an API token")
    return user
