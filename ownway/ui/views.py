"""The pages every part of the site shares: the answers for a page that is not there and for a server error."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def not_found_view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ui/404.html", {"title": "Page not found"}, status=404)


def server_error_view(request: HttpRequest) -> HttpResponse:
    # No words explained: the page must not depend on the database that may be what failed (ownway.ui.explain).
    context = {"title": "Sorry, there is a problem with the service", "explain_terms": False}
    return render(request, "ui/500.html", context, status=500)
