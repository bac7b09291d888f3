"""What ``ownway manage check --deploy`` adds to Django's own checks for a council's server."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_is_the_councils(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The demo's secret key is public (it is in the settings file): anyone could sign session cookies and
    password-reset links with it. Django's own check finds it long and varied enough, so it says nothing."""
    if settings.SECRET_KEY == settings.OWNWAY_DEMO_SECRET_KEY:
        return [
            Error(
                "OWNWAY_SECRET_KEY is not set, so the service uses the demo's key, which anyone can read.",
                hint="Set OWNWAY_SECRET_KEY to a long random value kept secret, the same on every app process "
                "(python -c 'import secrets; print(secrets.token_urlsafe(50))').",
                id="ownway.E001",
            )
        ]
    return []
