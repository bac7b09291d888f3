"""Front door pages: the open contacts worklist, recording and opening a contact, and the public referral form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import client_ip
from ownway.accounts.requests import signed_in_user as _user
from ownway.core.numbers import parse_id, parse_uuid
from ownway.core.versioning import StaleEdit
from ownway.directory.geocode import locate_roughly
from ownway.directory.models import Service
from ownway.directory.rules.geo import distance_text
from ownway.directory.selectors import (
    PLACES_PREFETCH,
    DirectorySearch,
    nearest_place,
    result_page,
    service_get,
    service_search_groups,
)
from ownway.people.selectors import PersonNotFound, person_get_for_user, person_possible_duplicates
from ownway.ui.forms import (
    VERSION_FIELD,
    add_form_error,
    add_service_errors,
    add_version_field,
    edited_version,
    show_stale_edit,
)
from ownway.ui.listing import Column, paged_and_sorted, search_text

from .forms import AllocateContactForm, CloseContactForm, ContactForm, ConversationForm, LinkPersonForm, ReferralForm
from .models import STS001_SEQUEL, Contact, ContactStatus
from .permissions import ContactAction, user_can
from .selectors import (
    ContactNotFound,
    contact_get_for_user,
    contacts_shown,
    open_contacts_for_user,
    revisits_due_for_user,
    revisits_shown,
)
from .services import (
    ConversationData,
    contact_allocate,
    contact_close,
    contact_create,
    contact_create_from_referral,
    contact_create_person,
    contact_link_person,
    contact_signpost,
    conversation_record,
    referral_allowed,
    referral_attempt_record,
    referral_client_hash,
)

_SENT_SESSION_KEY = "frontdoor_referral_reference"


#: The columns of the list of open contacts, and how each sorts.
CONTACT_COLUMNS = [
    Column("Reference", "reference", ("reference",)),
    Column("Name", "name", ("last_name", "first_name")),
    Column("Received", "received", ("received_at",)),
    Column("Who made the contact", "source", ("source", "received_at")),
    Column("How", "channel", ("channel", "received_at")),
    Column("Team", "team", ("team__name", "received_at")),
]


def contact_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    query = search_text(request)
    contacts = open_contacts_for_user(user=user, query=query)
    listing = paged_and_sorted(
        request,
        contacts,
        CONTACT_COLUMNS,
        default="received",
        shown=lambda page: contacts_shown(user=user, contacts=page),
    )
    return render(
        request,
        "frontdoor/contacts.html",
        {
            "listing": listing,
            "query": query,
            "title": "Open contacts",
            "can_create": user_can(user, ContactAction.CREATE),
        },
    )


@require_http_methods(["GET", "POST"])
def contact_create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user_can(user, ContactAction.CREATE):
        raise PermissionDenied("You cannot record contacts")
    form = ContactForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.to_contact_data()
        data.team = user.team if user.holds_caseload else None
        try:
            contact = contact_create(actor=user, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Contact {contact.reference} recorded")
            return redirect("frontdoor:contact", pk=contact.pk)
    return render(request, "frontdoor/contact_form.html", {"form": form, "title": "Record a contact"})


@require_http_methods(["GET", "POST"])
def contact_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        contact = contact_get_for_user(user=_user(request), pk=pk)
    except ContactNotFound:
        raise Http404("No such contact") from None
    user = _user(request)
    conversation_form = ConversationForm(prefix="conversation", initial={"held_on": timezone.localdate()})
    close_form = CloseContactForm(prefix="close")
    team_id = contact.team_id or user.team_id
    allocate_form = (
        AllocateContactForm(prefix="allocate", team_id=team_id, initial={"worker": contact.worker_id or user.pk})
        if team_id is not None
        else None
    )
    link_form = LinkPersonForm(prefix="link", user=user)
    action = request.POST.get("action") if request.method == "POST" else None
    signpost_problems: list[dict[str, str]] = []
    if action == "signpost":
        service = _service_chosen(request.POST.get("service", ""))
        if service is None:
            signpost_problems.append({"text": "That service is no longer in the directory", "href": "#find-heading"})
        else:
            try:
                contact_signpost(actor=user, contact=contact, service=service, note=request.POST.get("note", ""))
            except ValidationError as error:
                signpost_problems += [
                    {"text": m, "href": "#find-heading"} for texts in error.message_dict.values() for m in texts
                ]
            else:
                messages.success(request, f"Connected to {service.name}")
                return redirect("frontdoor:contact", pk=contact.pk)
    if action in {"link", "link_match", "create_person"}:
        link_form = LinkPersonForm(request.POST, prefix="link", user=user) if action == "link" else link_form
        # Every way of saying whose record it is carries the contact's version as the page showed it.
        shown = parse_id(request.POST.get(link_form.add_prefix(VERSION_FIELD)))
        try:
            if action == "create_person":
                person = contact_create_person(actor=user, contact=contact, expected_version=shown)
            elif action == "link_match":
                person = person_get_for_user(user=user, pk=parse_id(request.POST.get("person")) or 0)
                contact_link_person(actor=user, contact=contact, person=person, expected_version=shown)
            elif link_form.is_valid():
                person = link_form.cleaned_data["person_reference"]
                contact_link_person(actor=user, contact=contact, person=person, expected_version=shown)
            else:
                person = None
        except PersonNotFound:
            add_form_error(link_form, "That record no longer exists")
        except ValidationError as error:
            add_service_errors(link_form, error, rename={"person": "person_reference"})
        except StaleEdit as error:
            contact.refresh_from_db()
            show_stale_edit(link_form, error, {"person_reference": contact.person.reference if contact.person else ""})
        else:
            if person is not None:
                messages.success(request, f"Contact linked to {person.full_name} ({person.reference})")
                return redirect("frontdoor:contact", pk=contact.pk)
    if action == "allocate" and team_id is not None:
        allocate_form = AllocateContactForm(request.POST, prefix="allocate", team_id=team_id)
        add_version_field(allocate_form, contact.lock_version)
        if allocate_form.is_valid():
            try:
                contact_allocate(
                    actor=user,
                    contact=contact,
                    worker=allocate_form.cleaned_data["worker"],
                    expected_version=edited_version(allocate_form),
                )
            except ValidationError as error:
                add_service_errors(allocate_form, error)
            except StaleEdit as error:
                contact.refresh_from_db()
                show_stale_edit(allocate_form, error, {"worker": contact.worker})
            else:
                messages.success(request, f"Contact given to {allocate_form.cleaned_data['worker'].get_full_name()}")
                return redirect("frontdoor:contact", pk=contact.pk)
    if action == "conversation":
        conversation_form = ConversationForm(request.POST, prefix="conversation")
        if conversation_form.is_valid():
            try:
                conversation_record(
                    actor=user, contact=contact, data=ConversationData(**conversation_form.cleaned_data)
                )
            except ValidationError as error:
                add_service_errors(conversation_form, error)
            else:
                messages.success(request, "Conversation recorded")
                return redirect("frontdoor:contact", pk=contact.pk)
    elif action == "close":
        close_form = CloseContactForm(request.POST, prefix="close")
        add_version_field(close_form, contact.lock_version)
        if close_form.is_valid():
            try:
                contact_close(
                    actor=user,
                    contact=contact,
                    outcome=close_form.cleaned_data["outcome"],
                    expected_version=edited_version(close_form),
                )
            except ValidationError as error:
                add_service_errors(close_form, error)
            except StaleEdit as error:
                contact.refresh_from_db()
                show_stale_edit(close_form, error, {"outcome": contact.outcome})
            else:
                messages.success(request, "Contact closed")
                return redirect("frontdoor:contact", pk=contact.pk)
    for form in (allocate_form, close_form, link_form):
        if form is not None and VERSION_FIELD not in form.fields:
            add_version_field(form, contact.lock_version)
    return render(
        request,
        "frontdoor/contact.html",
        {
            "ContactStatus": ContactStatus,
            "contact": contact,
            "conversations": contact.conversations.select_related("recorded_by"),
            "conversation_form": conversation_form,
            "close_form": close_form,
            "allocate_form": allocate_form,
            "link_form": link_form,
            "signposts": contact.signposts.select_related("service", "recorded_by"),
            "signpost_problems": signpost_problems,
            "finding": _find_in_directory(request, contact),
            "matches": (
                person_possible_duplicates(
                    user=user,
                    first_name=contact.first_name,
                    last_name=contact.last_name,
                    date_of_birth=contact.date_of_birth,
                )
                if contact.person_id is None
                else []
            ),
            "sequel": STS001_SEQUEL.get(contact.outcome) if contact.outcome else None,
            "title": f"Contact {contact.reference}",
        },
    )


def _service_chosen(text: str) -> Service | None:
    """The directory service a form names by its id, or None for an id that is malformed or gone."""
    service_id = parse_uuid(text)
    return service_get(service_id=service_id) if service_id is not None else None


#: How far "near them" reaches when connecting someone to their community: 3 miles.
NEAR_METRES = 4828.0


def _find_in_directory(request: HttpRequest, contact: Contact) -> dict[str, Any]:
    """A directory search from the contact's page (``?find=…&near=1``), to connect the person to what
    is near them: by words, and by distance from the postcode the contact gave. The directory's one search
    (:func:`~ownway.directory.selectors.service_search`), so services offered at no location (online, by phone,
    or a feed that gave no venue) are found too, after the ones nearby when looking near them."""
    text = search_text(request, "find", max_length=200)
    near = request.GET.get("near") == "1"
    found: dict[str, Any] = {
        "text": text, "near": near, "searched": bool(text or near), "results": [], "problem": "", "from": "",
    }  # fmt: skip
    if not found["searched"]:
        return found
    search = DirectorySearch(text=text, sort="distance" if near else "relevance")
    if near:
        point = locate_roughly(contact.postcode) if contact.postcode else None
        if point is None:
            found["problem"] = "We do not know where their postcode is, so we cannot look near them"
            return found
        search.latitude, search.longitude, search.within_m = point.latitude, point.longitude, NEAR_METRES
        found["from"] = point.postcode
    page = result_page(
        service_search_groups(search=search),
        number=1,
        per_page=8,
        select_related=("organization",),
        prefetch_related=PLACES_PREFETCH,
    )
    found["results"] = [
        {
            "service": service,
            "place": nearest_place(service, search),
            "distance": distance_text(d) if (d := getattr(service, "distance_m", None)) is not None else "",
        }
        for service in page.items
    ]
    found["total"] = page.total
    return found


@login_not_required
@require_http_methods(["GET", "POST"])
def referral_view(request: HttpRequest) -> HttpResponse:
    """The public form. Anyone may use it; each address may send a few an hour."""
    form = ReferralForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        client_hash = referral_client_hash(client_ip(request) or "unknown")
        if not referral_allowed(client_hash=client_hash):
            return render(request, "frontdoor/referral_too_many.html", {"title": "Too many requests"}, status=429)
        if form.is_bot:
            # Say nothing that would help an automated sender tell it was caught.
            referral_attempt_record(client_hash=client_hash)
            request.session[_SENT_SESSION_KEY] = ""
            return redirect("refer:sent")
        if form.is_valid():
            try:
                contact = contact_create_from_referral(data=form.to_contact_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                # Only what is sent counts: someone correcting mistakes on the form is never locked out.
                referral_attempt_record(client_hash=client_hash)
                request.session[_SENT_SESSION_KEY] = contact.reference
                return redirect("refer:sent")
    return render(request, "frontdoor/referral.html", {"form": form, "title": "Ask for help from adult social care"})


@login_not_required
def referral_sent_view(request: HttpRequest) -> HttpResponse:
    if _SENT_SESSION_KEY not in request.session:
        return redirect("refer:start")
    reference = request.session[_SENT_SESSION_KEY]
    return render(request, "frontdoor/referral_sent.html", {"reference": reference, "title": "Request sent"})


REVISIT_COLUMNS = [
    Column("Contact", "reference", ("contact__reference",)),
    Column("Person", "name", ("contact__last_name", "contact__first_name")),
    Column("Come back by", "revisit", ("revisit_on",)),
    Column("Worker", "worker", ("contact__worker__last_name",)),
]


@require_http_methods(["GET"])
def revisits_view(request: HttpRequest) -> HttpResponse:
    """The crisis plans due to be revisited: the team's, or (``?whose=mine``) the worker's own."""
    user = _user(request)
    if not user_can(user, ContactAction.VIEW):
        raise PermissionDenied("You cannot see the crisis plans to revisit")
    mine = request.GET.get("whose") == "mine"
    listing = paged_and_sorted(
        request,
        revisits_due_for_user(user=user, mine=mine),
        REVISIT_COLUMNS,
        default="revisit",
        shown=lambda page: revisits_shown(user=user, conversations=page),
    )
    return render(
        request,
        "frontdoor/revisits.html",
        {"title": "Crisis plans to revisit", "listing": listing, "mine": mine, "today": timezone.localdate()},
    )
