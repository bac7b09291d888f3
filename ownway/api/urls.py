"""The JSON API under /api/v1/ (built with Django Ninja, which publishes the OpenAPI document)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path

from .api import api


def unknown_address(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/v1/ answers in JSON too, not with the HTML "page not found"."""
    return JsonResponse(
        {"detail": "There is nothing at this address. The endpoints are listed at /api/v1/docs."}, status=404
    )


urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown_address),
]
