from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .context import Origin, origin_scope
from .policy import policy_cache_scope
from .requests import client_ip

#: A request id a reverse proxy may pass on (nginx's ``$request_id`` is 32 hexadecimal digits).
_PROXY_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,36}")


def request_id_for(request: HttpRequest) -> str:
    """The request's id: the one the reverse proxy gave it (``X-Request-ID``), when there is a proxy to trust
    (``OWNWAY_PROXY_HOPS``) and the id is a short plain token, so that the proxy's log and Ownway's agree;
    otherwise a new one."""
    if settings.OWNWAY_PROXY_HOPS > 0:
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        if _PROXY_REQUEST_ID.fullmatch(given):
            return given
    return str(uuid.uuid4())


class RequestContextMiddleware:
    """Gives every request an id and records where it came from, for the audit trail and the logs; keeps the
    permission policies' answers for the length of the request (:mod:`ownway.accounts.policy`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request)
        origin = Origin(
            request_id=request_id,
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            path=request.path[:300],
            via="api" if request.path.startswith("/api/") else "web",
        )
        with origin_scope(origin), policy_cache_scope():
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
