"""The complaints team's pages: the worklist counting down each deadline, a complaint from acknowledgement to
answer, the response letter, recording a complaint from a person's record, and the yearly report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.audit import audit_record
from ownway.accounts.requests import signed_in_user as _user
from ownway.core.dates import financial_year
from ownway.core.workflow import TransitionRefused
from ownway.people.selectors import PersonNotFound, person_get_for_user
from ownway.reviews.permissions import ReviewAction
from ownway.reviews.permissions import user_can_for as review_can_for
from ownway.safeguarding.permissions import SafeguardingAction
from ownway.safeguarding.permissions import user_can as safeguarding_can
from ownway.ui.forms import add_service_errors, show_transition_refused
from ownway.ui.listing import paged_list
from ownway.ui.pdf import pdf_response

from . import events, rules
from .forms import (
    AcknowledgeForm,
    ConcernForm,
    DeclineForm,
    ExtendForm,
    OmbudsmanForm,
    RespondForm,
    ReviewRequestForm,
    StaffComplaintForm,
)
from .letters import letter_pdf, letter_problems, response_letter_of
from .models import Complaint, Status
from .permissions import ComplaintAction, in_complaints_team, user_can, user_can_for
from .report import YearNotUnderstood, build_report, report_csv, year_named
from .selectors import ComplaintNotFound, ReadRefused, complaint_get_for_user, worklist_for_user, worklist_shown
from .services import (
    complaint_acknowledge,
    complaint_concern_raise,
    complaint_decline_late,
    complaint_extend,
    complaint_ombudsman,
    complaint_record,
    complaint_respond,
    complaint_review_request,
    working_days,
)

WORKLIST_PAGE = 50


def worklist_view(request: HttpRequest) -> HttpResponse:
    """The open complaints the user may see: those to acknowledge (on the list the moment they arrive), then those
    being looked into, each counting down to its deadline in working days."""
    user = _user(request)
    if not user_can(user, ComplaintAction.VIEW):
        raise PermissionDenied("You cannot see complaints")
    open_ = worklist_for_user(user=user)
    lists = {
        "to_acknowledge": paged_list(
            request, open_.filter(status=Status.RECEIVED).order_by("acknowledge_by", "pk"), (),
            per_page=WORKLIST_PAGE, page_key="page",
        ),
        "to_answer": paged_list(
            request, open_.filter(status=Status.ACKNOWLEDGED).order_by("respond_by", "pk"), (),
            per_page=WORKLIST_PAGE, page_key="answer_page",
        ),
    }  # fmt: skip
    shown = [c for listing in lists.values() for c in listing.items]
    worklist_shown(user=user, complaints=shown)
    today = timezone.localdate()
    calendar = working_days()

    def rows(items: list[Complaint], due: str) -> list[dict[str, object]]:
        return [
            {
                "complaint": c,
                "due": getattr(c, due),
                "overdue": getattr(c, due) < today,
                "countdown": rules.countdown(due=getattr(c, due), today=today, calendar=calendar),
            }
            for c in items
        ]

    return render(
        request,
        "complaints/worklist.html",
        {
            "to_acknowledge": rows(lists["to_acknowledge"].items, "acknowledge_by"),
            "to_answer": rows(lists["to_answer"].items, "respond_by"),
            "lists": lists,
            "in_team": in_complaints_team(user),
            "title": "Complaints",
        },
    )


@require_http_methods(["GET", "POST"])
def record_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff record a complaint from a person's record (by phone, letter or in person)."""
    user = _user(request)
    if not user_can(user, ComplaintAction.RECORD):
        raise PermissionDenied("You cannot record a complaint here")
    try:
        person = person_get_for_user(user=user, pk=pk)
    except PersonNotFound:
        raise Http404("No such person") from None
    form = StaffComplaintForm(
        request.POST if request.method == "POST" else None, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            complaint = complaint_record(actor=user, person=person, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Complaint {complaint.reference} recorded: the complaints team acknowledges it by "
                f"{complaint.acknowledge_by:%d/%m/%Y}",
            )
            return redirect("people:person", pk=person.pk)
    return render(
        request,
        "complaints/record.html",
        {"form": form, "person": person, "title": f"Record a complaint about {person.full_name}'s care"},
    )


def _complaint(request: HttpRequest, pk: int) -> Complaint:
    try:
        return complaint_get_for_user(user=_user(request), pk=pk)
    except ComplaintNotFound:
        raise Http404("No such complaint") from None
    except ReadRefused:
        raise PermissionDenied("Only the complaints team and the managers involved see complaints") from None


@require_http_methods(["GET", "POST"])
def complaint_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A complaint: what was said, the clock, and the forms for each next step."""
    complaint = _complaint(request, pk)
    user = _user(request)
    handles = user_can_for(user, ComplaintAction.HANDLE, complaint)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "acknowledge": AcknowledgeForm(request.POST if action == "acknowledge" else None, prefix="ack",
                                       initial={"acknowledged_on": timezone.localdate()}),
        "extend": ExtendForm(request.POST if action == "extend" else None, prefix="extend"),
        "respond": RespondForm(request.POST if action == "respond" else None, prefix="respond"),
        "review": ReviewRequestForm(request.POST if action == "review" else None, prefix="review"),
        "concern": ConcernForm(request.POST if action == "concern" else None, prefix="concern"),
        "ombudsman": OmbudsmanForm(request.POST if action == "ombudsman" else None, prefix="ombudsman"),
        "decline": DeclineForm(request.POST if action == "decline" else None, prefix="decline"),
    }  # fmt: skip
    may_review = complaint.person is not None and review_can_for(user, ReviewAction.HOLD, complaint.person)
    may_concern = complaint.person is not None and safeguarding_can(user, SafeguardingAction.RAISE)
    if action in ("acknowledge", "extend", "respond", "ombudsman", "decline") and not handles:
        raise PermissionDenied("Only the complaints team handles complaints")
    if action == "review" and not may_review:
        raise PermissionDenied("You cannot ask for a review of this person's plan")
    if action == "concern" and not may_concern:
        raise PermissionDenied("You cannot raise a safeguarding concern")
    form = forms.get(action or "")
    if form is not None and form.is_valid():
        try:
            message = _act(request, action or "", form, complaint)
        except TransitionRefused as error:
            show_transition_refused(form, error, request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("complaints:complaint", pk=complaint.pk)
    today = timezone.localdate()
    calendar = working_days()
    return render(
        request,
        "complaints/complaint.html",
        {
            "complaint": complaint,
            "forms": forms,
            "handles": handles,
            "may_review": may_review and complaint.status in (Status.RECEIVED, Status.ACKNOWLEDGED),
            "may_concern": may_concern and complaint.concern_id is None,
            "Status": Status,
            "extensions": list(complaint.extensions.all()[:50]),
            "ack_countdown": rules.countdown(due=complaint.acknowledge_by, today=today, calendar=calendar),
            "respond_countdown": rules.countdown(due=complaint.respond_by, today=today, calendar=calendar),
            "letter_problems": letter_problems(complaint) if complaint.status == Status.RESPONDED else [],
            "title": f"Complaint {complaint.reference}",
        },
    )


def _act(request: HttpRequest, action: str, form, complaint: Complaint) -> str:
    user = _user(request)
    d = form.cleaned_data
    if action == "acknowledge":
        complaint_acknowledge(actor=user, complaint=complaint, data=form.to_data())
        return "Acknowledgement recorded"
    if action == "extend":
        complaint_extend(
            actor=user, complaint=complaint, new_due=d["new_due"], reason=d["reason"], agreed_with=d["agreed_with"],
            agreed=d["agreed"],
        )  # fmt: skip
        return "New response date recorded"
    if action == "respond":
        complaint_respond(actor=user, complaint=complaint, data=form.to_data())
        return "Answer recorded" + (" and the letter sent" if complaint.person_id else "")
    if action == "decline":
        complaint_decline_late(actor=user, complaint=complaint, reason=d["not_taken_reason"])
        return "Recorded that the complaint is not taken, and why"
    if action == "review":
        review = complaint_review_request(actor=user, complaint=complaint, note=d["note"], due_on=d["due_on"])
        return f"Review asked for: due by {review.due_on:%d/%m/%Y}, on the reviewers' worklist now"
    if action == "concern":
        concern = complaint_concern_raise(actor=user, complaint=complaint, what_happened=d["what_happened"])
        return f"Safeguarding concern {concern.reference} raised: the safeguarding team will decide on it"
    complaint_ombudsman(actor=user, complaint=complaint, referred_on=d["referred_on"])
    return "Recorded that it went to the Ombudsman"


def _letter(request: HttpRequest, pk: int):
    complaint = _complaint(request, pk)
    letter = response_letter_of(complaint) if complaint.status == Status.RESPONDED else None
    return complaint, letter


def letter_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The response letter as the person reads it, plain and easy read; or what is missing from it."""
    complaint, letter = _letter(request, pk)
    easy_read = request.GET.get("version") == "easy-read"
    return render(
        request,
        "complaints/letter.html",
        {
            "complaint": complaint,
            "problems": letter_problems(complaint) if letter is None else [],
            "answered": complaint.status == Status.RESPONDED,
            "easy_read": easy_read,
            **(letter.context(easy_read=easy_read) if letter is not None else {}),
            "title": f"Answer to complaint {complaint.reference}",
        },
    )


def letter_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, letter = _letter(request, pk)
    if letter is None:
        raise Http404("This complaint has no letter yet")
    easy_read = request.GET.get("version") == "easy-read"
    name = f"{'easy-read-' if easy_read else ''}complaint-{complaint.reference}.pdf"
    return pdf_response(letter_pdf(letter, easy_read=easy_read), filename=name)


def _report_year(request: HttpRequest):
    user = _user(request)
    if not (user_can(user, ComplaintAction.REPORT) and in_complaints_team(user)):
        raise PermissionDenied("The complaints report is for the complaints team")
    text = request.GET.get("year", "")
    try:
        year = year_named(text) if text else financial_year(timezone.localdate())
        error = ""
    except YearNotUnderstood as problem:
        year, error = financial_year(timezone.localdate()), str(problem)
    audit_record(actor=user, action=events.REPORT_VIEWED, new={"year": year.label})
    return year, error


def report_view(request: HttpRequest) -> HttpResponse:
    """The yearly complaints report (reg 18): the figures from the records."""
    year, error = _report_year(request)
    return render(
        request,
        "complaints/report.html",
        {"year": year, "rows": build_report(year), "error": error, "title": f"Complaints report {year.label}",
         "year_param": year.label.replace("/", "-")},
    )  # fmt: skip


def report_csv_view(request: HttpRequest) -> HttpResponse:
    year, _ = _report_year(request)
    response = HttpResponse(report_csv(year, build_report(year)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="complaints-{year.label.replace("/", "-")}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
