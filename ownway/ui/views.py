from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ownway.accounts.models import User
from ownway.assessments.selectors import letters_of_citizen
from ownway.people.permissions import PersonAction, user_can, visible_to
from ownway.people.selectors import named_people_recent_for_user, population_summary_for_user


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """Each role's starting page: what they can do, and the size of what they look after."""
    user = request.user
    assert isinstance(user, User)
    context: dict[str, object] = {"title": "Home"}
    if user_can(user, PersonAction.SEARCH):
        caseload = visible_to(user)
        context["caseload_count"] = caseload.count()
        context["named_count"] = caseload.filter(named_worker=user).count()
        context["recent"] = named_people_recent_for_user(user=user)
    context["can_create"] = user_can(user, PersonAction.CREATE)
    if user.role == "citizen" and user.person_id:
        context["letters"] = list(letters_of_citizen(user=user)[:10])
    if user.role == "commissioner":
        context["summary"] = population_summary_for_user(user=user)
    return render(request, "ui/home.html", context)


def accessibility_view(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/accessibility.html", {"title": "Accessibility statement"})


def privacy_view(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/privacy.html", {"title": "Privacy"})


def not_found_view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ui/404.html", {"title": "Page not found"}, status=404)


def server_error_view(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/500.html", {"title": "Sorry, there is a problem with the service"}, status=500)
