"""Person pages: search, the person summary, create and edit, carers, and who has looked."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ownway.accounts.events import describe as describe_action
from ownway.accounts.models import User
from ownway.accounts.requests import signed_in_user as _user
from ownway.core.numbers import parse_page_number
from ownway.ui.forms import add_service_errors
from ownway.ui.listing import Column, paged_and_sorted
from ownway.ui.pdf import pdf_response, render_pdf

from .forms import AccountSetUpForm, CaringRelationshipForm, CitizenDetailsForm, InvitationForm, PersonForm, SearchForm
from .models import AccountInvitation, Person
from .panels import record_panels_for
from .permissions import PersonAction, user_can, user_can_for
from .selectors import (
    PersonNotFound,
    PersonQuery,
    caring_relationships_of,
    caseload_list_for_user,
    caseload_shown,
    letter_get_for_user,
    letters_to_post_page_for_user,
    person_audit_trail_for_user,
    person_get_for_user,
    person_possible_duplicates,
    person_search_page_for_user,
)
from .services import (
    InvitationInvalid,
    account_invitation_for_token,
    account_invitation_send,
    account_set_up,
    caring_relationship_create,
    letter_posted,
    person_create,
    person_update,
)
from .tasks import account_set_up_link


def _open(request: HttpRequest, pk: int):
    try:
        return person_get_for_user(user=_user(request), pk=pk)
    except PersonNotFound:
        raise Http404("No such person") from None


def search_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user_can(user, PersonAction.SEARCH):
        raise PermissionDenied("You cannot search person records")
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid() and form.cleaned_data["q"]:
        page = person_search_page_for_user(
            user=user,
            query=PersonQuery(text=form.cleaned_data["q"]),
            page=parse_page_number(request.GET.get("page")),
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


def caseload_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    named_only = request.GET.get("show") == "mine"
    people = caseload_list_for_user(user=user, named_only=named_only)
    listing = paged_and_sorted(
        request,
        people,
        CASELOAD_COLUMNS,
        default="name",
        shown=lambda page: caseload_shown(user=user, people=page, named_only=named_only),
    )
    title = (
        "People you are named worker for"
        if named_only
        else ("Everyone on the council's records" if user.works_council_wide else "Your team's caseload")
    )
    return render(request, "people/caseload.html", {"listing": listing, "title": title, "named_only": named_only})


def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _open(request, pk)
    carers, cared_for = caring_relationships_of(user=user, person=person)
    return render(
        request,
        "people/person.html",
        {
            "person": person,
            "title": person.full_name,
            "carers": carers,
            "cared_for": cared_for,
            "can_edit": user_can_for(user, PersonAction.EDIT, person),
            "can_view_audit": user_can(user, PersonAction.VIEW_AUDIT),
            "is_self": user.person_id == person.pk,
            "panels": record_panels_for(user=user, person=person),
            "account": _account_status(user, person),
        },
    )


def _account_status(user: User, person: Person) -> dict[str, object] | None:
    """For staff: whether the person has an online account, their open invitation, and whether they may invite."""
    if user.role == "citizen" or not user.is_council_staff:
        return None
    has_account = User.objects.filter(person=person).exists()
    return {
        "has_account": has_account,
        "invitation": None
        if has_account
        else AccountInvitation.objects.filter(person=person, used_at__isnull=True, revoked_at__isnull=True)
        .select_related("email_job")
        .first(),
        "may_invite": not has_account and user_can_for(user, PersonAction.EDIT, person),
    }


def letters_to_post_view(request: HttpRequest) -> HttpResponse:
    """Letters people chose to have by post, waiting to be printed and posted, oldest first."""
    page = letters_to_post_page_for_user(user=_user(request), page=request.GET.get("page"))
    return render(request, "people/letters_to_post.html", {"page": page, "title": "Letters to post"})


@require_POST
def letter_posted_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    try:
        letter = letter_get_for_user(user=user, pk=pk)
    except PersonNotFound:
        raise Http404("No such person") from None
    try:
        letter_posted(actor=user, letter=letter)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Posted: {letter.about}, to {letter.person.full_name}")
    return redirect("people:letters_to_post")


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


@require_http_methods(["GET", "POST"])
def carer_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _open(request, pk)
    if not user_can_for(user, PersonAction.MANAGE, person):
        raise PermissionDenied("You cannot change this person's record")
    form = CaringRelationshipForm(request.POST if request.method == "POST" else None, user=user)
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


def audit_trail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = _open(request, pk)
    events = person_audit_trail_for_user(user=user, person=person)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "people/audit_trail.html",
        {
            "person": person,
            "page": page,
            "describe_action": describe_action,
            "title": f"Who has looked at {person.full_name}'s record",
        },
    )


# --- Online accounts by invitation -------------------------------------------------------------------

#: Where the session holds an invitation letter's link until the worker downloads the letter (once).
_LETTER_SESSION_KEY = "people_invitation_letter"


def _person_to_invite(request: HttpRequest, pk: int) -> Person:
    """A person whose record the signed-in member of staff may change, and so may invite to an online account."""
    user = _user(request)
    person = _open(request, pk)
    if not user_can_for(user, PersonAction.MANAGE, person):
        raise PermissionDenied("You cannot invite this person to set up an account")
    return person


@require_http_methods(["GET", "POST"])
def invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a person a link to set up the online account linked to their record: by email, or a letter to print."""
    user = _user(request)
    person = _person_to_invite(request, pk)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, secret = account_invitation_send(actor=user, person=person, method=form.cleaned_data["method"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if invitation.method == AccountInvitation.Method.EMAIL:
                messages.success(request, f"The link is being emailed to {invitation.sent_to}")
                return redirect("people:person", pk=person.pk)
            # The letter carries the link's secret, which is kept nowhere: it can be printed once, now.
            request.session[_LETTER_SESSION_KEY] = {"person": person.pk, "secret": secret, "invitation": invitation.pk}
            return render(
                request,
                "people/invite_letter_ready.html",
                {"person": person, "invitation": invitation, "title": "Print the letter"},
            )
    return render(
        request,
        "people/invite.html",
        {"person": person, "form": form, "days": settings.OWNWAY_ACCOUNT_INVITATION_DAYS,
         "title": "Invite them to set up an online account"},
    )  # fmt: skip


def invite_letter_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation letter, with its link, as a PDF: once, straight after the invitation was made."""
    person = _person_to_invite(request, pk)
    held = request.session.get(_LETTER_SESSION_KEY)
    if not held or held.get("person") != person.pk:
        # The link's secret is kept nowhere: the letter can be printed only straight after the invitation.
        messages.error(request, "That letter has been printed already: send a new invitation to print another")
        return redirect("people:invite", pk=person.pk)
    del request.session[_LETTER_SESSION_KEY]
    invitation = AccountInvitation.objects.get(pk=held["invitation"])
    pdf = render_pdf(
        "people/invite_letter_pdf.html",
        {"person": person, "invitation": invitation, "link": account_set_up_link(held["secret"]),
         "days": settings.OWNWAY_ACCOUNT_INVITATION_DAYS, "today": timezone.localdate()},
    )  # fmt: skip
    return pdf_response(pdf, filename=f"online-account-{person.reference}.pdf")


@login_not_required
@require_http_methods(["GET", "POST"])
def account_set_up_view(request: HttpRequest, token: str) -> HttpResponse:
    """Public: set up an online account from an invitation's link, then be signed in."""
    try:
        invitation = account_invitation_for_token(token)
    except InvitationInvalid as why:
        return render(request, "people/set_up_refused.html", {"why": str(why), "title": "Set up your account"})
    form = AccountSetUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_set_up(
                secret=token,
                date_of_birth=form.cleaned_data["date_of_birth"],
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except InvitationInvalid as why:
            return render(request, "people/set_up_refused.html", {"why": str(why), "title": "Set up your account"})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Your account is set up. You are signed in.")
            return redirect("home:home")
    return render(
        request,
        "people/set_up.html",
        {"form": form, "name": invitation.person.preferred_name or invitation.person.first_name,
         "title": "Set up your account"},
    )  # fmt: skip
