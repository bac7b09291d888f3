"""Person pages: search, the person summary, create and edit, carers, and who has looked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import signed_in_user as _user
from ownway.ui.forms import add_service_errors
from ownway.ui.listing import Column, paged_and_sorted

from .forms import CaringRelationshipForm, CitizenDetailsForm, PersonForm, SearchForm
from .panels import record_panels_for
from .permissions import PersonAction, user_can, user_can_for
from .selectors import (
    PersonNotFound,
    PersonQuery,
    cared_for_by,
    carers_of,
    caseload_list_for_user,
    person_audit_trail_for_user,
    person_get_for_user,
    person_possible_duplicates,
    person_search_page_for_user,
)
from .services import caring_relationship_create, person_create, person_update


def _open(request: HttpRequest, pk: int):
    try:
        return person_get_for_user(user=_user(request), pk=pk)
    except PersonNotFound:
        raise Http404("No such person") from None


@login_required
def search_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user_can(user, PersonAction.SEARCH):
        raise PermissionDenied("You cannot search person records")
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid() and form.cleaned_data["q"]:
        number = request.GET.get("page", "1")
        page = person_search_page_for_user(
            user=user, query=PersonQuery(text=form.cleaned_data["q"]), page=int(number) if number.isdigit() else 1
        )
    return render(
        request,
        "people/search.html",
        {"form": form, "page": page, "title": "Find a person", "can_create": user_can(user, PersonAction.CREATE)},
    )


#: The columns of a caseload, and how each sorts.
CASELOAD_COLUMNS = [
    Column("Name", "name", ("last_name", "first_name")),
    Column("Reference", "reference", ("reference",)),
    Column("Date of birth", "born", ("date_of_birth",)),
    Column("Primary support reason", "reason", ("primary_support_reason__label", "last_name", "first_name")),
    Column("Named worker", "worker", ("named_worker__last_name", "named_worker__first_name", "last_name")),
    Column("Team", "team", ("team__name", "last_name", "first_name")),
]


@login_required
def caseload_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    named_only = request.GET.get("show") == "mine"
    people = caseload_list_for_user(user=user, named_only=named_only)
    listing = paged_and_sorted(request, people, CASELOAD_COLUMNS, default="name")
    title = (
        "People you are named worker for"
        if named_only
        else ("Everyone on the council's records" if user.works_council_wide else "Your team's caseload")
    )
    return render(request, "people/caseload.html", {"listing": listing, "title": title, "named_only": named_only})


@login_required
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _open(request, pk)
    return render(
        request,
        "people/person.html",
        {
            "person": person,
            "title": person.full_name,
            "carers": carers_of(person),
            "cared_for": cared_for_by(person),
            "can_edit": user_can_for(user, PersonAction.EDIT, person),
            "can_view_audit": user_can(user, PersonAction.VIEW_AUDIT),
            "is_self": user.person_id == person.pk,
            "panels": record_panels_for(user=user, person=person),
        },
    )


@login_required
def me_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.person_id is None:
        raise Http404("Your account is not linked to a person record")
    return redirect("people:person", pk=user.person_id)


def _duplicate_check(request: HttpRequest, form: PersonForm, exclude_pk: int | None = None) -> list:
    data = form.cleaned_data
    if data.get("confirm_not_duplicate") or request.POST.get("confirm_not_duplicate") == "on":
        return []
    return person_possible_duplicates(
        user=_user(request),
        first_name=data["first_name"],
        last_name=data["last_name"],
        date_of_birth=data["date_of_birth"],
        nhs_number=data.get("nhs_number", ""),
        exclude_pk=exclude_pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user_can(user, PersonAction.CREATE):
        raise PermissionDenied("You cannot create person records")
    form = PersonForm(
        request.POST if request.method == "POST" else None,
        initial={"team": user.team_id if user.holds_caseload else None},
        team_id=user.team_id if user.holds_caseload else None,
    )
    duplicates = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicate_check(request, form)
        if not duplicates:
            try:
                person = person_create(actor=user, data=form.to_person_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Record created for {person.full_name} ({person.reference})")
                return redirect("people:person", pk=person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "duplicates": duplicates, "title": "Add a person", "person": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _open(request, pk)
    if not user_can_for(user, PersonAction.EDIT, person):
        raise PermissionDenied("You cannot change this person's record")
    citizen = user.role == "citizen"
    form: PersonForm
    if citizen:
        form = CitizenDetailsForm(
            request.POST if request.method == "POST" else None, initial=PersonForm.initial_from(person), person=person
        )
    else:
        form = PersonForm(
            request.POST if request.method == "POST" else None,
            initial=PersonForm.initial_from(person),
            team_id=person.team_id,
        )
    duplicates = []
    if request.method == "POST" and form.is_valid():
        duplicates = [] if citizen else _duplicate_check(request, form, exclude_pk=person.pk)
        if not duplicates:
            try:
                person_update(actor=user, person=person, data=form.to_person_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Your details have been saved" if citizen else "Changes saved")
                return redirect("people:person", pk=person.pk)
    title = "Change your details" if citizen else f"Change {person.full_name}'s details"
    return render(
        request, "people/person_form.html", {"form": form, "duplicates": duplicates, "title": title, "person": person}
    )


@login_required
@require_http_methods(["GET", "POST"])
def carer_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _open(request, pk)
    if not user_can_for(user, PersonAction.EDIT, person) or user.role == "citizen":
        raise PermissionDenied("You cannot change this person's record")
    form = CaringRelationshipForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            caring_relationship_create(
                actor=user,
                carer=form.cleaned_data["carer_reference"],
                cared_for=person,
                relationship=form.cleaned_data["relationship"],
                hours_per_week=form.cleaned_data["hours_per_week"],
                lives_with=form.cleaned_data["lives_with"],
                started_on=form.cleaned_data["started_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error, rename={"carer": "carer_reference"})
        else:
            messages.success(request, "Carer added")
            return redirect("people:person", pk=person.pk)
    return render(request, "people/carer_form.html", {"form": form, "person": person, "title": "Add a carer"})


@login_required
def audit_trail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _open(request, pk)
    events = person_audit_trail_for_user(user=user, person=person)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "people/audit_trail.html",
        {"person": person, "page": page, "title": f"Who has looked at {person.full_name}'s record"},
    )
