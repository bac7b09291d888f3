"""A provider raises a safeguarding concern from its portal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.ui.forms import add_service_errors

from .channels import concern_raise_by_provider
from .forms import ProviderConcernForm
from .permissions import SafeguardingAction, user_can


@require_http_methods(["GET", "POST"])
def provider_raise_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user_can(user, SafeguardingAction.RAISE_AS_PROVIDER):
        raise PermissionDenied("Only care providers listed in the directory can raise a concern here")
    organisation = user.directory_provider.organization
    form = ProviderConcernForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = concern_raise_by_provider(actor=user, organisation=organisation.name, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Thank you: your reference is {concern.reference}. The safeguarding team will decide what to do by "
                "the end of the next working day.",
            )
            return redirect("safeguarding:provider_raise")
    return render(
        request,
        "safeguarding/provider_raise.html",
        {"form": form, "organisation": organisation, "title": "Tell us you are worried an adult is being abused"},
    )
