"""Safeguarding pages: the public form to raise a concern, the team's worklist, a concern and its s.42 decision,
and an enquiry from Making Safeguarding Personal to its closure."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.requests import client_ip
from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import financial_year
from ownway.core.numbers import parse_id
from ownway.core.versioning import StaleEdit
from ownway.people.selectors import PersonNotFound, person_get_for_user
from ownway.ui.forms import add_form_error, add_service_errors, add_version_field, edited_version
from ownway.ui.listing import paged_list

from .forms import (
    ActionForm,
    AllocateForm,
    CloseForm,
    ConcernForm,
    DecisionForm,
    DisclosureForm,
    LinkPersonForm,
    PersonalForm,
    ReviewRequestForm,
    RiskForm,
    StaffConcernForm,
)
from .links import concern_prefill
from .models import ConcernStatus, EnquiryStatus
from .permissions import SafeguardingAction, in_safeguarding_team, user_can
from .sac import YearNotUnderstood, build_return, year_named
from .selectors import (
    ConcernNotFound,
    ReadRefused,
    concern_get_for_user,
    enquiry_get_for_user,
    worklist_for_user,
    worklist_shown,
)
from .services import (
    alleged_disclosure,
    concern_allocate,
    concern_client_hash,
    concern_flood_state,
    concern_link_person,
    concern_raise_for_person,
    concern_raise_public,
    concern_release,
    concern_review_request,
    countdown_text,
    decision_record,
    enquiry_action_add,
    enquiry_action_done,
    enquiry_close,
    enquiry_personal,
    enquiry_risks,
    values,
)

_SENT_SESSION_KEY = "safeguarding_concern_reference"
#: Rows of each of the worklist's lists on one page.
WORKLIST_PAGE = 50


# --- The public form -----------------------------------------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def report_view(request: HttpRequest) -> HttpResponse:
    """Anyone may tell the council they are worried an adult is being abused or neglected, and stay anonymous."""
    form = ConcernForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        client_hash = concern_client_hash(client_ip(request) or "unknown")
        if concern_flood_state(client_hash=client_hash) == "refuse":
            return render(request, "safeguarding/report_too_many.html", {"title": "Please phone us"}, status=429)
        if form.is_bot:
            request.session[_SENT_SESSION_KEY] = ""
            return redirect("report_abuse:sent")
        if form.is_valid():
            try:
                concern = concern_raise_public(data=form.to_data(), client_hash=client_hash)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session[_SENT_SESSION_KEY] = concern.reference
                return redirect("report_abuse:sent")
    explained = {v.code: v for v in values("risk_type")}
    return render(
        request,
        "safeguarding/report.html",
        {
            "form": form,
            "explained": explained,
            "title": "Tell us you are worried an adult is being abused or neglected",
        },
    )


@login_not_required
def report_easy_read_view(request: HttpRequest) -> HttpResponse:
    return render(request, "safeguarding/report_easy_read.html", {"title": "Tell us if someone is being hurt"})


@login_not_required
def report_sent_view(request: HttpRequest) -> HttpResponse:
    if _SENT_SESSION_KEY not in request.session:
        return redirect("report_abuse:start")
    return render(
        request,
        "safeguarding/report_sent.html",
        {"reference": request.session[_SENT_SESSION_KEY], "title": "Thank you for telling us"},
    )


# --- Staff ---------------------------------------------------------------------------------------------------


def worklist_view(request: HttpRequest) -> HttpResponse:
    """The open concerns and enquiries the user may see, soonest due first: each of the three lists (to decide,
    held back, open enquiries) a page at a time, so the page stays quick however many are open."""
    user = _user(request)
    if not user_can(user, SafeguardingAction.VIEW):
        raise PermissionDenied("You cannot see safeguarding work")
    open_concerns = worklist_for_user(user=user)
    new = open_concerns.filter(status=ConcernStatus.NEW)
    lists = {
        "to_decide": paged_list(request, new.filter(held_back=False), (), per_page=WORKLIST_PAGE, page_key="page"),
        "held_back": paged_list(request, new.filter(held_back=True), (), per_page=WORKLIST_PAGE, page_key="held_page"),
        "enquiries": paged_list(
            request, open_concerns.filter(status=ConcernStatus.ENQUIRY), (), per_page=WORKLIST_PAGE,
            page_key="enquiries_page",
        ),
    }  # fmt: skip
    concerns = [c for listing in lists.values() for c in listing.items]
    worklist_shown(user=user, concerns=concerns)
    now = timezone.now()
    return render(
        request,
        "safeguarding/worklist.html",
        {
            **{
                name: [
                    {
                        "concern": c,
                        "overdue": c.decision_due_at < now,
                        "countdown": countdown_text(c.decision_due_at, now),
                    }
                    for c in listing.items
                ]
                for name, listing in lists.items()
            },
            "lists": lists,
            "in_team": in_safeguarding_team(user),
            "title": "Safeguarding worklist",
        },
    )


@require_http_methods(["GET", "POST"])
def raise_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff raise a concern from a person's record."""
    user = _user(request)
    if not user_can(user, SafeguardingAction.RAISE):
        raise PermissionDenied("You cannot raise a safeguarding concern here")
    try:
        person = person_get_for_user(user=user, pk=pk)
    except PersonNotFound:
        raise Http404("No such person") from None
    initial = concern_prefill(user=user, person_id=person.pk, query=request.GET) if request.method == "GET" else {}
    form = StaffConcernForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            concern = concern_raise_for_person(actor=user, person=person, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Safeguarding concern {concern.reference} raised: the safeguarding team will decide on it"
            )
            return redirect("people:person", pk=person.pk)
    return render(
        request,
        "safeguarding/raise.html",
        {"form": form, "person": person, "title": f"Raise a safeguarding concern about {person.full_name}"},
    )


def _concern(request: HttpRequest, pk: int):
    try:
        return concern_get_for_user(user=_user(request), pk=pk)
    except ConcernNotFound:
        raise Http404("No such concern") from None
    except ReadRefused:
        raise PermissionDenied("Only the safeguarding team and the workers involved see safeguarding records") from None


@require_http_methods(["GET", "POST"])
def concern_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A concern: what was raised, who has it, and the s.42 decision (counting down to its deadline)."""
    concern = _concern(request, pk)
    user = _user(request)
    can_work = user_can(user, SafeguardingAction.WORK)
    action = request.POST.get("action") if request.method == "POST" else None
    decision_form = DecisionForm(request.POST if action == "decide" else None, prefix="decision")
    allocate_form = AllocateForm(
        request.POST if action == "allocate" else None, prefix="allocate", team_id=user.team_id
    )
    review_form = ReviewRequestForm(request.POST if action == "review" else None, prefix="review")
    in_team = in_safeguarding_team(user)
    disclosure_form = DisclosureForm(request.POST if action == "disclosure" else None, prefix="disclosure")
    if action == "disclosure" and disclosure_form.is_valid():
        alleged = concern.alleged.filter(pk=disclosure_form.cleaned_data["alleged"]).first()
        if alleged is None:
            add_form_error(disclosure_form, "That person is no longer recorded on this concern")
        else:
            try:
                alleged_disclosure(
                    actor=user,
                    alleged=alleged,
                    disclosure=disclosure_form.cleaned_data["disclosure"],
                    reasons=disclosure_form.cleaned_data["disclosure_reasons"],
                )
            except ValidationError as error:
                add_service_errors(disclosure_form, error)
            else:
                messages.success(request, "Decision on what they are told recorded")
                return redirect("safeguarding:concern", pk=concern.pk)
    link_form = LinkPersonForm(request.POST if action == "link" else None, prefix="link")
    if action == "link" and in_team and link_form.is_valid():
        try:
            person = concern_link_person(actor=user, concern=concern, reference=link_form.cleaned_data["reference"])
        except ValidationError as error:
            add_service_errors(link_form, error)
        else:
            messages.success(request, f"Concern linked to {person.full_name} ({person.reference})")
            return redirect("safeguarding:concern", pk=concern.pk)
    for form in (decision_form, allocate_form):
        add_version_field(form, concern.lock_version)
    if action and not can_work:
        raise PermissionDenied("You cannot work on safeguarding concerns")
    if action == "release" and concern.held_back:
        concern_release(actor=user, concern=concern)
        messages.success(request, "Concern put on the worklist")
        return redirect("safeguarding:concern", pk=concern.pk)
    if action == "allocate" and allocate_form.is_valid():
        try:
            concern_allocate(
                actor=user,
                concern=concern,
                worker=allocate_form.cleaned_data["worker"],
                expected_version=edited_version(allocate_form),
            )
        except StaleEdit as error:
            add_form_error(allocate_form, str(error))
        else:
            messages.success(request, "Concern given to the worker")
            return redirect("safeguarding:concern", pk=concern.pk)
    if action == "decide" and decision_form.is_valid():
        try:
            decision_record(
                actor=user,
                concern=concern,
                data=decision_form.to_data(),
                expected_version=edited_version(decision_form),
            )
        except ValidationError as error:
            add_service_errors(decision_form, error)
        except StaleEdit as error:
            add_form_error(decision_form, str(error))
        else:
            messages.success(request, "Decision recorded")
            if hasattr(concern, "enquiry"):
                return redirect("safeguarding:enquiry", pk=concern.enquiry.pk)
            return redirect("safeguarding:concern", pk=concern.pk)
    if action == "review" and review_form.is_valid():
        try:
            review = concern_review_request(
                actor=user,
                concern=concern,
                note=review_form.cleaned_data["note"],
                due_on=review_form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(review_form, error)
        except PermissionDenied:
            add_form_error(review_form, "You cannot ask for a review of this person's plan: ask their team to")
        else:
            messages.success(request, f"Review asked for, due by {review.due_on:%d %B %Y}")
            return redirect("safeguarding:concern", pk=concern.pk)
    decision = getattr(concern, "decision", None)
    return render(
        request,
        "safeguarding/concern.html",
        {
            "concern": concern,
            "decision": decision,
            "enquiry": getattr(concern, "enquiry", None),
            "alleged": list(concern.alleged.select_related("person", "source")),
            "suspected": list(concern.suspected_types.all()),
            "decision_form": decision_form if decision is None and can_work else None,
            "allocate_form": allocate_form if can_work and concern.status != ConcernStatus.CLOSED else None,
            "review_form": review_form if can_work and concern.person_id is not None else None,
            "link_form": link_form if in_team and concern.person_id is None else None,
            "disclosure_form": disclosure_form if can_work else None,
            "overdue": concern.decision_due_at < timezone.now(),
            "countdown": countdown_text(concern.decision_due_at, timezone.now()),
            "ConcernStatus": ConcernStatus,
            "title": f"Safeguarding concern {concern.reference}",
        },
    )


@require_http_methods(["GET", "POST"])
def enquiry_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An enquiry: what the adult wants, the risks and plan, actions, and closing with the outcomes."""
    user = _user(request)
    try:
        enquiry = enquiry_get_for_user(user=user, pk=pk)
    except ConcernNotFound:
        raise Http404("No such enquiry") from None
    except ReadRefused:
        raise PermissionDenied("Only the safeguarding team and the workers involved see safeguarding records") from None
    can_work = user_can(user, SafeguardingAction.WORK) and enquiry.status == EnquiryStatus.OPEN
    action = request.POST.get("action") if request.method == "POST" else None
    if action and not can_work:
        raise PermissionDenied("This enquiry cannot be changed")
    post = request.POST if request.method == "POST" else None
    personal_form = PersonalForm(
        post if action == "personal" else None,
        prefix="personal",
        initial={
            "msp_asked": enquiry.msp_asked.code if enquiry.msp_asked else "",
            "asked_who": enquiry.asked_who,
            "desired_outcomes": enquiry.desired_outcomes,
            "capacity": enquiry.capacity.code if enquiry.capacity else "",
            "advocacy": enquiry.advocacy,
        },
    )
    risk_form = RiskForm(
        post if action == "risks" else None,
        prefix="risks",
        initial={
            "risk_types": [v.code for v in enquiry.risk_types.all()],
            "location": enquiry.location.code if enquiry.location else "",
            "sources": [v.code for v in enquiry.sources.all()],
            "risk_assessment": enquiry.risk_assessment,
            "protection_plan": enquiry.protection_plan,
        },
    )
    action_form = ActionForm(post if action == "add_action" else None, prefix="action")
    close_form = CloseForm(post if action == "close" else None, prefix="close")
    add_version_field(close_form, enquiry.lock_version)
    done = False
    try:
        if action == "personal" and personal_form.is_valid():
            enquiry_personal(actor=user, enquiry=enquiry, data=personal_form.to_data())
            done = True
        elif action == "risks" and risk_form.is_valid():
            enquiry_risks(actor=user, enquiry=enquiry, data=risk_form.to_data())
            done = True
        elif action == "add_action" and action_form.is_valid():
            d = action_form.cleaned_data
            enquiry_action_add(
                actor=user,
                enquiry=enquiry,
                what=d["what"],
                due_on=d["due_on"],
                owner=d["owner"],
                organisation=d["organisation"],
            )
            done = True
        elif action == "action_done":
            found = enquiry.actions.filter(pk=parse_id(request.POST.get("item")) or 0).first()
            if found is not None and found.done_on is None:
                enquiry_action_done(actor=user, action=found)
            done = True
        elif action == "close" and close_form.is_valid():
            enquiry_close(
                actor=user, enquiry=enquiry, data=close_form.to_data(), expected_version=edited_version(close_form)
            )
            done = True
    except ValidationError as error:
        form = {"personal": personal_form, "risks": risk_form, "add_action": action_form}.get(action or "", close_form)
        add_service_errors(form, error)
    except StaleEdit as error:
        add_form_error(close_form, str(error))
    if done:
        messages.success(request, "Enquiry closed" if action == "close" else "Saved")
        return redirect("safeguarding:enquiry", pk=enquiry.pk)
    return render(
        request,
        "safeguarding/enquiry.html",
        {
            "enquiry": enquiry,
            "concern": enquiry.concern,
            "actions": list(enquiry.actions.select_related("owner")),
            "risk_types": list(enquiry.risk_types.all()),
            "sources": list(enquiry.sources.all()),
            "can_work": can_work,
            "personal_form": personal_form,
            "risk_form": risk_form,
            "action_form": action_form,
            "close_form": close_form,
            "title": f"{enquiry.get_kind_display()} {enquiry.concern.reference}",
        },
    )


def figures_view(request: HttpRequest) -> HttpResponse:
    """The yearly Safeguarding Adults Collection's tables, as the command writes them, for the safeguarding lead."""
    user = _user(request)
    if not (user_can(user, SafeguardingAction.FIGURES) and in_safeguarding_team(user)):
        raise PermissionDenied("The return's figures are for the safeguarding lead")
    year = financial_year(timezone.localdate())
    problem = ""
    asked = request.GET.get("year", "")[:20]
    if asked:
        try:
            year = year_named(asked)
        except YearNotUnderstood as error:
            problem = str(error)
    built = build_return(year)
    return render(
        request,
        "safeguarding/figures.html",
        {
            "built": built,
            "year_text": year.label.replace("/", "-"),
            "problem": problem,
            "title": f"Safeguarding Adults Collection {year.label}",
        },
    )
