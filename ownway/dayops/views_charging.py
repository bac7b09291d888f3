"""Day-service charging pages: the council's prices (the finance team), and a person's weekly charges statement."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import format_date
from ownway.core.versioning import StaleEdit
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import add_service_errors, add_version_field, edited_version, show_stale_edit

from . import services_charging
from .forms_charging import ChargeRatesForm
from .models import DayChargeRates, SessionPart
from .permissions import DayopsAction, user_can, user_can_for
from .selectors_charging import charge_rates_list, weekly_charges_for_user
from .services_attend import week_of
from .views import _register_day


def _initial(record: DayChargeRates | None, effective_from: dt.date) -> dict[str, object]:
    if record is None:
        return {"effective_from": effective_from}
    return {name: getattr(record, name) for name in services_charging.PRICE_FIELDS} | {
        "effective_from": effective_from,
        "chargeable_absences": record.chargeable,
        "decided": record.decided,
    }


@require_http_methods(["GET", "POST"])
def charge_rates_view(request: HttpRequest) -> HttpResponse:
    """The council's prices for a day-service session and its extras, each set from a date, and a form to set
    prices from a new date or (``?from=`` a set's date) to correct a set."""
    user = _user(request)
    if not user_can(user, DayopsAction.SET_PRICES):
        raise PermissionDenied("You cannot set the council's day-service prices")
    sets = list(charge_rates_list(user=user))
    chosen = next((r for r in sets if str(r.effective_from) == request.GET.get("from", "")), None)
    today = timezone.localdate()
    latest = next((r for r in sets if r.effective_from <= today), sets[0] if sets else None)
    initial = _initial(chosen, chosen.effective_from) if chosen else _initial(latest, today)
    form = ChargeRatesForm(request.POST if request.method == "POST" else None, initial=initial)
    if chosen is not None:
        add_version_field(form, chosen.lock_version)
    if request.method == "POST" and form.is_valid():
        version = edited_version(form)
        data = form.cleaned_data
        try:
            record = services_charging.day_charge_rates_save(
                actor=user,
                effective_from=data["effective_from"],
                prices={name: data[name] for name in services_charging.PRICE_FIELDS},
                chargeable_absences=data["chargeable_absences"],
                decided=data["decided"],
                expected_version=version,
            )
        except StaleEdit as error:
            saved = DayChargeRates.objects.get(effective_from=data["effective_from"])
            show_stale_edit(form, error, _initial(saved, saved.effective_from))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Day-service prices saved from {format_date(record.effective_from)}")
            return redirect("dayops:charge_rates")
    return render(
        request,
        "dayops/charging/rates.html",
        {"title": "Day-service prices", "sets": sets, "form": form, "chosen": chosen, "today": today},
    )


def charges_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """A person's day-service charges for a week (``?week=`` any day of it): each register line, what it costs and
    why, the cost of the week, their assessed contribution, and what they pay."""
    user = _user(request)
    person = person_get_for_user(user=user, pk=person_pk)
    if not user_can_for(user, DayopsAction.CHARGES, person):
        raise PermissionDenied("You cannot see this person's day-service charges")
    week_start = week_of(_register_day(request.GET.get("week")))
    charges = weekly_charges_for_user(user=user, person=person, week_start=week_start)
    here = reverse("dayops:charges", kwargs={"person_pk": person.pk})
    return render(
        request,
        "dayops/charging/statement.html",
        {
            "title": f"Day-service charges: {person.full_name}",
            "person": person,
            "charges": charges,
            "here": here,
            "previous": week_start - dt.timedelta(days=7),
            "following": week_start + dt.timedelta(days=7),
            "session_labels": dict(SessionPart.choices),
        },
    )
