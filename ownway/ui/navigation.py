"""The service navigation: what each role sees in the header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from ownway.accounts.roles import CASEWORK_ROLES
from ownway.assessments.worklists import has_team_worklist


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
    if user.role in CASEWORK_ROLES:
        items.append(("My work", reverse("assessments:my_work"), reverse("assessments:my_work")))
    if has_team_worklist(user):
        items.append(("Team", reverse("assessments:team_work"), reverse("assessments:team_work")))
    if user.is_council_staff and user.role != "commissioner":
        items.append(("Assessments", reverse("assessments:worklist"), reverse("assessments:worklist")))
    items.append(("Directory", reverse("directory:search"), reverse("directory:search")))
    if user.role in ("social_worker", "occupational_therapist", "team_manager", "administrator"):
        items.append(("Budgets", reverse("allocation:worklist"), reverse("allocation:worklist")))
    if user.role in ("finance_officer", "administrator"):
        items.append(("Financial assessments", reverse("charging:worklist"), reverse("charging:worklist")))
    if user.role in ("commissioner", "administrator"):
        items.append(("RAS calibration", reverse("allocation:calibration"), reverse("allocation:calibration")))
    if user.role in CASEWORK_ROLES - {"enablement_worker", "enablement_manager"}:
        items.append(("Plans", reverse("planning:approvals"), reverse("planning:approvals")))
    if user.role in {"finance_officer", "broker", "administrator"}:
        items.append(("Direct payments", reverse("payments:list"), reverse("payments:list")))
    if user.role in ("enablement_manager", "enablement_worker", "commissioner", "administrator"):
        items.append(("Enablement", reverse("enablement:home"), reverse("enablement:home")))
    if user.role == "citizen" and user.person_id:
        items.append(("My budget", reverse("allocation:mine"), reverse("allocation:mine")))
        items.append(("What I pay", reverse("charging:mine"), reverse("charging:mine")))
        # "My details" links to /people/me/, which redirects to the citizen's own record: the record's
        # pages are the section.
        items.append(("My details", reverse("people:me"), reverse("people:person", kwargs={"pk": user.person_id})))
        items.append(("Self-assessment", reverse("self_assessment:start"), reverse("self_assessment:start")))
        items.append(("My plan", reverse("my_plan:plan"), reverse("my_plan:plan")))
        items.append(("My money", reverse("my_money:account"), reverse("my_money:account")))
    if user.role == "administrator":
        items.append(("Accounts", reverse("accounts:user_list"), reverse("accounts:user_list")))
        items.append(("Background work", reverse("jobs:list"), reverse("jobs:list")))
    elif user.role == "finance_officer":
        items.append(("Scheduled work", reverse("jobs:schedules"), reverse("jobs:schedules")))
    path = request.path
    # The section is the item whose start of path matches the most of this page's path.
    best = max((len(section) for _, _, section in items if section and path.startswith(section)), default=0)
    result = []
    for text, href, section in items:
        current = path in (href, section)
        active = current or (bool(section) and len(section) == best and path.startswith(section))
        result.append({"text": text, "href": href, "active": active, "current": current})
    return result
