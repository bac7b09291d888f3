"""The service navigation: what each role sees in the header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from ownway.accounts.roles import CASEWORK_ROLES


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    """The header links for the signed-in user, marking the current section as active."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    # Each item: its text, its link, and the start of the paths that belong to its section.
    items: list[tuple[str, str, str]] = [("Home", reverse("ui:home"), "")]
    if user.is_council_staff and user.role != "commissioner":
        items.append(("People", reverse("people:search"), reverse("people:search")))
    if user.role in CASEWORK_ROLES or user.role == "administrator":
        items.append(("Front door", reverse("frontdoor:contacts"), reverse("frontdoor:contacts")))
    if user.is_council_staff and user.role != "commissioner":
        items.append(("Assessments", reverse("assessments:worklist"), reverse("assessments:worklist")))
    if user.role in ("enablement_manager", "enablement_worker", "commissioner", "administrator"):
        items.append(("Enablement", reverse("enablement:home"), reverse("enablement:home")))
    if user.role == "citizen" and user.person_id:
        # "My details" links to /people/me/, which redirects to the citizen's own record: the record's
        # pages are the section.
        items.append(("My details", reverse("people:me"), reverse("people:person", kwargs={"pk": user.person_id})))
    if user.role == "administrator":
        items.append(("Accounts", reverse("accounts:user_list"), reverse("accounts:user_list")))
    path = request.path
    result = []
    for text, href, section in items:
        current = path in (href, section)
        active = current or (bool(section) and path.startswith(section))
        result.append({"text": text, "href": href, "active": active, "current": current})
    return result
