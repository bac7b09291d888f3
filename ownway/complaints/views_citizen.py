"""Making a complaint (anyone, signed in or not; anonymously if they wish) and, for a signed-in citizen or
carer, their complaints and our answers, in plain English and easy read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ownway.accounts.audit import audit_record
from ownway.accounts.requests import signed_in_user as _user
from ownway.accounts.roles import Role
from ownway.ui.forms import add_service_errors
from ownway.ui.pdf import pdf_response

from . import events
from .forms import OnlineComplaintForm, PublicComplaintForm
from .letters import letter_pdf, response_letter_of
from .models import Complaint, Status
from .services import complainable_people, complaint_make_online, complaint_make_public

_SENT = "complaint_reference"


def _citizen(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and getattr(user, "role", "") == Role.CITIZEN and user.person_id)


@login_not_required
@require_http_methods(["GET", "POST"])
def complain_view(request: HttpRequest) -> HttpResponse:
    """Make a complaint. A signed-in citizen or carer complains about their own care or the care of the person they
    care for; anyone else on the public form, giving a way to reply or staying anonymous."""
    data = request.POST if request.method == "POST" else None
    people = complainable_people(_user(request)) if _citizen(request) else []
    form: OnlineComplaintForm | PublicComplaintForm
    if people:
        form = OnlineComplaintForm(data, people=people, viewer_person_id=_user(request).person_id)
    else:
        form = PublicComplaintForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            if isinstance(form, OnlineComplaintForm):
                person = next(p for p in people if str(p.pk) == form.cleaned_data["about"])
                complaint = complaint_make_online(actor=_user(request), person=person, data=form.to_data())
            else:
                complaint = complaint_make_public(data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[_SENT] = {
                "reference": complaint.reference, "acknowledge_by": complaint.acknowledge_by.isoformat(),
                "can_reply": complaint.can_reply, "late": complaint.late,
            }  # fmt: skip
            return redirect("complain:sent")
    return render(
        request,
        "complaints/complain.html",
        {"form": form, "signed_in": bool(people), "title": "Make a complaint"},
    )


@login_not_required
def complain_easy_read_view(request: HttpRequest) -> HttpResponse:
    return render(request, "complaints/complain_easy_read.html", {"title": "Tell us if you are not happy"})


@login_not_required
def complain_sent_view(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(_SENT)
    if not isinstance(sent, dict):
        return redirect("complain:start")
    import datetime as dt

    from ownway.core.dates import format_date

    try:
        acknowledge_by = format_date(dt.date.fromisoformat(str(sent.get("acknowledge_by"))))
    except ValueError:
        return redirect("complain:start")
    return render(
        request,
        "complaints/complain_sent.html",
        {"sent": sent, "acknowledge_by": acknowledge_by, "title": "We have your complaint"},
    )


def _own(request: HttpRequest):
    user = _user(request)
    if user.role != Role.CITIZEN or user.person_id is None:
        raise PermissionDenied("These pages are for the person who complained")
    return Complaint.objects.filter(Q(person_id=user.person_id) | Q(made_by_user=user)).select_related("review")


def yours_view(request: HttpRequest) -> HttpResponse:
    """A citizen's complaints: where each is up to, and our answer once sent."""
    complaints = list(_own(request).order_by("-received_on", "-pk")[:50])
    return render(request, "complaints/yours.html", {"complaints": complaints, "Status": Status,
                                                      "title": "Your complaints"})  # fmt: skip


def _answer(request: HttpRequest, pk: int):
    complaint = _own(request).filter(pk=pk).first()
    if complaint is None:
        raise Http404("No such complaint")
    audit_record(actor=_user(request), action=events.COMPLAINT_VIEWED, subject=complaint, person=complaint.person)
    letter = response_letter_of(complaint) if complaint.status == Status.RESPONDED else None
    return complaint, letter


def _response(request: HttpRequest, pk: int, *, easy_read: bool) -> HttpResponse:
    complaint, letter = _answer(request, pk)
    return render(
        request,
        "complaints/response.html",
        {
            "complaint": complaint,
            "Status": Status,
            "easy_read": easy_read,
            "has_letter": letter is not None,
            **(letter.context(easy_read=easy_read) if letter is not None else {}),
            "title": "Your complaint" if not easy_read else "Your complaint (easy read)",
        },
    )


def response_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _response(request, pk, easy_read=False)


def response_easy_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _response(request, pk, easy_read=True)


def _pdf(request: HttpRequest, pk: int, *, easy_read: bool) -> HttpResponse:
    complaint, letter = _answer(request, pk)
    if letter is None:
        raise Http404("There is no answer yet")
    name = f"{'easy-read-' if easy_read else ''}complaint-{complaint.reference}.pdf"
    return pdf_response(letter_pdf(letter, easy_read=easy_read), filename=name)


def response_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf(request, pk, easy_read=False)


def response_easy_read_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf(request, pk, easy_read=True)
