"""Facts about a request that every app's views need: the signed-in user, typed, and the client's address."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

from .models import User


def signed_in_user(request: HttpRequest) -> User:
    """The user of a request that sign-in (``LoginRequiredMiddleware``) has let through (never an anonymous user)."""
    assert isinstance(request.user, User)
    return request.user


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent the request, as far as it can be trusted.

    Each of the ``OWNWAY_PROXY_HOPS`` reverse proxies in front of the service appends the address it
    received the request from to ``X-Forwarded-For``, so the client is the Nth entry from the right;
    anything further left was written by the client and may be forged. With no proxies (the default)
    the header is ignored. A request with fewer entries came in part way along the chain, so every entry
    it holds was written by one of the proxies and the leftmost is the client. An entry that is not an
    address is not trusted: the address that connected is used instead.

    The audit trail, the limit on the public referral form and the sign-in lockout (django-axes, through
    ``AXES_CLIENT_IP_CALLABLE``) all use this, so they agree on who the client is.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.OWNWAY_PROXY_HOPS
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if hops > 0 else ""
    if not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    return _address(entries[-min(hops, len(entries))]) or remote
