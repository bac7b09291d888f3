"""The JSON API under /api/v1/ (built with Django Ninja, which publishes the OpenAPI document).

The API answers callers that are not signed in itself (401, in JSON, from :mod:`ownway.api.auth`), so its
addresses are marked ``login_not_required``: the site's sign-in middleware would send them to the sign-in page.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path

from .api import api


@login_not_required
def unknown_address(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/v1/ answers in JSON too, not with the HTML "page not found"."""
    return JsonResponse(
        {"detail": "There is nothing at this address. The endpoints are listed at /api/v1/docs."}, status=404
    )


def own_sign_in(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Mark each view under ``patterns`` as answering callers who are not signed in itself."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            own_sign_in(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)
    return patterns


api_patterns, api_app_name, api_namespace = api.urls
urlpatterns = [
    path("", (own_sign_in(api_patterns), api_app_name, api_namespace)),
    re_path(r"^(?P<rest>.*)$", unknown_address),
]
