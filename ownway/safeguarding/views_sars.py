"""The safeguarding lead's pages for Safeguarding Adults Reviews (Care Act 2014 s.44): the list, a new one, one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.requests import signed_in_user as _user
from ownway.ui.forms import add_service_errors

from .forms_sars import SarForm
from .models import SafeguardingAdultsReview
from .permissions import SafeguardingAction, in_safeguarding_team, user_can
from .sars import SAR_VIEWED, sar_save


def _lead(request: HttpRequest) -> User:
    """The signed-in safeguarding lead (a team manager in the safeguarding team); anyone else is refused."""
    user = _user(request)
    if not (user_can(user, SafeguardingAction.FIGURES) and in_safeguarding_team(user)):
        raise PermissionDenied("Safeguarding Adults Reviews are recorded by the safeguarding lead")
    return user


def sars_view(request: HttpRequest) -> HttpResponse:
    _lead(request)
    reviews = list(SafeguardingAdultsReview.objects.select_related("person").order_by("-started_on", "-pk")[:500])
    return render(request, "safeguarding/sars.html", {"reviews": reviews, "title": "Safeguarding Adults Reviews"})


@require_http_methods(["GET", "POST"])
def sar_new_view(request: HttpRequest) -> HttpResponse:
    user = _lead(request)
    form = SarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = sar_save(actor=user, data=form.data_for_service())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Recorded the review: {review.title}")
            return redirect("safeguarding:sar", pk=review.pk)
    return render(request, "safeguarding/sar_form.html", {"form": form, "title": "Record a Safeguarding Adults Review"})


@require_http_methods(["GET", "POST"])
def sar_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _lead(request)
    review = SafeguardingAdultsReview.objects.select_related("person").filter(pk=pk).first()
    if review is None:
        raise Http404("No such review")
    form = SarForm(request.POST or None, initial=SarForm.initial_for(review))
    if request.method == "POST" and form.is_valid():
        try:
            sar_save(actor=user, data=form.data_for_service(), review=review)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved the review")
            return redirect("safeguarding:sar", pk=review.pk)
    if request.method == "GET":
        audit_record(actor=user, action=SAR_VIEWED, subject=review, person=review.person)
    return render(
        request,
        "safeguarding/sar.html",
        {"review": review, "concerns": list(review.concerns.order_by("pk")), "form": form, "title": review.title},
    )
