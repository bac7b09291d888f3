"""The service navigation: what each role sees in the header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    """The header links for the signed-in user, marking the current section as active."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items: list[tuple[str, str]] = [("Home", reverse("ui:home"))]
    if user.is_council_staff and user.role != "commissioner":
        items.append(("People", reverse("people:search")))
    if user.role == "citizen" and user.person_id:
        items.append(("My details", reverse("people:me")))
    if user.role == "administrator":
        items.append(("Accounts", reverse("accounts:user_list")))
    path = request.path
    result = []
    for text, href in items:
        active = path == href if href == "/" else path.startswith(href)
        result.append({"text": text, "href": href, "active": active, "current": path == href})
    return result
