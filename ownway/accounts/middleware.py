from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import Origin, origin_scope
from .policy import policy_cache_scope
from .requests import client_ip


class RequestContextMiddleware:
    """Gives every request an id and records where it came from, for the audit trail; keeps the permission
    policies' answers for the length of the request (:mod:`ownway.accounts.policy`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = str(uuid.uuid4())
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
