"""Finding day services for a person: suggestions with their reasons, the shortlist and the person's choice."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.directory.models import Service, ServiceStatus
from ownway.directory.permissions import DirectoryAction
from ownway.directory.permissions import user_can as directory_can
from ownway.people.selectors import person_get_for_user

from . import services_match
from .forms_match import MatchForm
from .models import SessionPart
from .permissions import DayopsAction, user_can_for
from .selectors_match import day_services, day_services_matching, open_shortlists
from .services import tier_current


def _place_link(person_pk: int, service: Service, days: list[str], session: str) -> str:
    query = urlencode([("service", str(service.pk)), *(("days", d) for d in days), ("session", session)])
    return f"{reverse('dayops:place', kwargs={'person_pk': person_pk})}?{query}"


@require_http_methods(["GET", "POST"])
def match_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """Suggest day services from what the person wants (a GET form); a broker puts one on the person's shortlist
    with why it was suggested (POST), and the person's choice from a shortlist is placed through the placement
    page."""
    user = _user(request)
    person = person_get_for_user(user=user, pk=person_pk)
    if not user_can_for(user, DayopsAction.PLACE, person):
        raise PermissionDenied("You cannot place this person")
    asked = "session" in request.GET
    form = MatchForm(
        request.GET if asked else None, initial={"session": SessionPart.FULL_DAY, "postcode": person.postcode}
    )
    matches = form.to_ask() if asked and form.is_valid() else None
    result = day_services_matching(user=user, person=person, ask=matches) if matches is not None else None
    open_lists, chosen = open_shortlists(user=user, person=person)
    can_shortlist = directory_can(user, DirectoryAction.BROKER)
    if request.method == "POST":
        if not can_shortlist:
            raise PermissionDenied("You cannot shortlist services")
        back = f"{request.path}?{request.GET.urlencode()}" if request.GET else request.path
        service_pk = _uuid(request.POST.get("service"))
        service = day_services().filter(pk=service_pk, status=ServiceStatus.ACTIVE).first() if service_pk else None
        wanted = {str(s.pk): s for s in open_lists}
        shortlist_pk = request.POST.get("shortlist", "")
        note = [s.match for s in (result.suggestions + result.full if result else []) if s.service == service]
        if service is None:
            messages.error(request, "That day service is not in the directory any more: search again")
            return redirect(back)
        if shortlist_pk and shortlist_pk not in wanted:
            messages.error(request, "That shortlist is closed or is not this person's: choose another")
            return redirect(back)
        try:
            services_match.match_shortlist(
                actor=user,
                person=person,
                service=service,
                note=services_match.match_note(note[0]) if note else "",
                shortlist=wanted.get(shortlist_pk),
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, f"{service.name} is on {person.full_name}'s shortlist")
        return redirect(back)
    days = list(form.cleaned_data.get("days") or []) if matches is not None else []
    session = matches.session if matches is not None else SessionPart.FULL_DAY
    return render(
        request,
        "dayops/match/match.html",
        {
            "title": f"Find day services for {person.full_name}",
            "person": person,
            "form": form,
            "result": result,
            "tier": tier_current(person),
            "open_lists": open_lists,
            "chosen": [(s, _place_link(person.pk, s.chosen, [], SessionPart.FULL_DAY)) for s in chosen if s.chosen],
            "can_shortlist": can_shortlist,
            "place_links": {
                s.service.pk: _place_link(person.pk, s.service, days, session)
                for s in (result.suggestions if result else [])
            },
        },
    )


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None
