"""The safeguarding team's pages for large-scale enquiries (into a care home or another provider): the list, opening
one about a directory service, and one enquiry with every adult's concern linked to it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.accounts.requests import signed_in_user as _user
from ownway.directory.models import Service
from ownway.ui.forms import add_service_errors
from ownway.ui.listing import paged_list

from . import events
from .forms_large_scale import LargeScaleCloseForm, LargeScaleLinkForm, LargeScaleOpenForm, ServiceSearchForm
from .large_scale import large_scale_close, large_scale_link, large_scale_open
from .models import LargeScaleEnquiry
from .permissions import SafeguardingAction, in_safeguarding_team, user_can
from .selectors import concerns_by_references

#: Services shown for one search when opening an enquiry.
SEARCH_RESULTS = 20
PAGE = 50


def _team_member(request: HttpRequest) -> User:
    """The signed-in member of the safeguarding team; anyone else is refused (large-scale enquiries name every
    adult involved)."""
    user = _user(request)
    if not (user_can(user, SafeguardingAction.WORK) and in_safeguarding_team(user)):
        raise PermissionDenied("Large-scale enquiries are for the safeguarding team")
    return user


def large_scale_list_view(request: HttpRequest) -> HttpResponse:
    _team_member(request)
    enquiries = LargeScaleEnquiry.objects.select_related("service", "organization").annotate(adults=Count("concerns"))
    lists = {
        "open": paged_list(request, enquiries.filter(closed_on__isnull=True).order_by("-opened_on", "-pk"), (),
                           per_page=PAGE, page_key="page"),
        "closed": paged_list(request, enquiries.filter(closed_on__isnull=False).order_by("-closed_on", "-pk"), (),
                             per_page=PAGE, page_key="closed_page"),
    }  # fmt: skip
    return render(request, "safeguarding/large_scale_list.html", {"lists": lists, "title": "Large-scale enquiries"})


@require_http_methods(["GET", "POST"])
def large_scale_new_view(request: HttpRequest) -> HttpResponse:
    """Search the directory for the service (GET ``q``), choose it, name the enquiry and open it."""
    user = _team_member(request)
    search = ServiceSearchForm(request.GET or None)
    found: list[Service] = []
    if search.is_valid() and search.cleaned_data["q"].strip():
        found = list(
            Service.objects.filter(name__icontains=search.cleaned_data["q"].strip())
            .select_related("organization")
            .order_by("name", "id")[:SEARCH_RESULTS]
        )
    form = LargeScaleOpenForm(request.POST or None)
    chosen = None
    if request.method == "POST" and form.is_valid():
        chosen = Service.objects.filter(pk=form.cleaned_data["service"]).first()
        if chosen is None:
            form.add_error("service", "That service is not in the directory: search for it again")
        else:
            try:
                enquiry = large_scale_open(
                    actor=user, name=form.cleaned_data["name"], service=chosen, opened_on=form.cleaned_data["opened_on"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Opened the enquiry: {enquiry.name}")
                return redirect("safeguarding:large_scale", pk=enquiry.pk)
    return render(
        request,
        "safeguarding/large_scale_new.html",
        {"search": search, "found": found, "form": form, "title": "Open a large-scale enquiry"},
    )


@require_http_methods(["GET", "POST"])
def large_scale_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One enquiry: the service, and each adult's concern linked to it (every read audited); link more, or close."""
    user = _team_member(request)
    enquiry = LargeScaleEnquiry.objects.select_related("service", "organization").filter(pk=pk).first()
    if enquiry is None:
        raise Http404("No such enquiry")
    action = request.POST.get("action", "")
    link_form = LargeScaleLinkForm(request.POST if action == "link" else None, prefix="link")
    close_form = LargeScaleCloseForm(request.POST if action == "close" else None, prefix="close")
    if request.method == "POST":
        if action == "link" and link_form.is_valid():
            concerns, missing = concerns_by_references(link_form.cleaned_data["references"])
            if missing:
                named = ", ".join(m[:12] for m in missing[:5])
                link_form.add_error("references", f"No concern has the reference {named}")
            else:
                try:
                    linked = large_scale_link(actor=user, enquiry=enquiry, concerns=concerns)
                except ValidationError as error:
                    add_service_errors(link_form, error, {"concerns": "references"})
                else:
                    messages.success(request, f"Linked {linked} concern{'s' if linked != 1 else ''}")
                    return redirect("safeguarding:large_scale", pk=enquiry.pk)
        elif action == "close" and close_form.is_valid():
            try:
                large_scale_close(actor=user, enquiry=enquiry, closed_on=close_form.cleaned_data["closed_on"])
            except ValidationError as error:
                add_service_errors(close_form, error)
            else:
                messages.success(request, "Closed the enquiry")
                return redirect("safeguarding:large_scale", pk=enquiry.pk)
        elif action not in ("link", "close"):
            messages.error(request, "Choose to link concerns or to close the enquiry")
    adults = paged_list(
        request,
        enquiry.concerns.select_related("person", "worker", "enquiry").order_by("received_at", "pk"),
        (),
        per_page=PAGE,
    )
    audit_record(actor=user, action=events.LARGE_SCALE_VIEWED, subject=enquiry)
    audit_shown(actor=user, action=events.CONCERNS_LISTED, shown=[(c, c.person_id) for c in adults.items])
    return render(
        request,
        "safeguarding/large_scale.html",
        {
            "enquiry": enquiry,
            "concerns": adults,
            "link_form": link_form,
            "close_form": close_form,
            "title": enquiry.name,
        },
    )
