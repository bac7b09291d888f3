"""Pages to record what the commissioner's Tables 5 and 6 count: the complexity of a person's need at day services,
and who runs a day service; each shows who set it and when."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.directory.models import Service
from ownway.ui.forms import add_service_errors

from . import services_classify
from .forms import ComplexityForm, ProvisionForm
from .models import DayService, NeedComplexity
from .permissions import DayopsAction, user_can
from .views import _person_for


@require_http_methods(["GET", "POST"])
def complexity_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """The complexity of the person's need at day services: what it is now, who recorded it and when, and a form
    to change it (or say it is not classified)."""
    user, person = _person_for(request, person_pk, DayopsAction.DECIDE_TIER, "You cannot classify this person's need")
    current = NeedComplexity.objects.filter(person=person).select_related("recorded_by").first()
    initial = {"complexity": current.complexity if current else "", "classified_on": timezone.localdate()}
    form = ComplexityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record = services_classify.complexity_set(actor=user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            said = record.get_complexity_display().lower() if record else "not classified"
            messages.success(request, f"{person.full_name}'s need is recorded as {said}")
            return redirect("dayops:person", person_pk=person.pk)
    return render(
        request,
        "dayops/complexity.html",
        {"title": f"Complexity of need: {person.full_name}", "person": person, "form": form, "current": current},
    )


@require_http_methods(["GET", "POST"])
def provision_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Who runs a day service (the council, an external provider or the third sector), who said so and when, and
    a form to change it."""
    user = _user(request)
    if not user_can(user, DayopsAction.SERVICE_PROVISION):
        raise PermissionDenied("You cannot say who runs day services")
    service = Service.objects.filter(pk=pk).first()
    if service is None:
        raise Http404("No such service")
    current = DayService.objects.filter(service=service).select_related("provision_set_by").first()
    form = ProvisionForm(request.POST if request.method == "POST" else None,
                         initial={"provision": current.provision if current else ""})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            made = services_classify.provision_set(actor=user, service=service, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{service.name}: {made.get_provision_display().lower()}")
            return redirect("dayops:service", pk=service.pk)
    return render(
        request,
        "dayops/provision.html",
        {"title": f"Who runs {service.name}", "service": service, "form": form, "current": current},
    )
