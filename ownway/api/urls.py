"""The addresses of an API built with Django Ninja: its operations, its OpenAPI document and docs, and a JSON
"nothing here" for any other address under it.

The API answers callers that are not signed in itself (401, in JSON, from :mod:`ownway.api.auth`), so its
addresses are marked ``login_not_required``: the site's sign-in middleware would send them to the sign-in page.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path
from ninja import NinjaAPI


@login_not_required
def unknown_address(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under the API answers in JSON too, not with the HTML "page not found"."""
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


def api_urlpatterns(api: NinjaAPI) -> list[URLPattern | URLResolver]:
    """The URL patterns to include where the API is mounted."""
    patterns, app_name, namespace = api.urls
    return [
        path("", (own_sign_in(patterns), app_name, namespace)),
        re_path(r"^(?P<rest>.*)$", unknown_address),
    ]
