"""Survey pages: the citizen's surveys and answering one (plain English or easy read, with a switch), the survey
on paper as a PDF, a worker keying in answers, and the results with their CSV file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ownway.accounts.requests import signed_in_user as _user
from ownway.ui.csv_files import csv_text
from ownway.ui.forms import add_form_error, add_service_errors
from ownway.ui.pdf import pdf_response

from . import selectors, services
from .forms import KeyInForm, SurveyForm
from .letters import survey_pdf
from .models import Channel, SurveyInvitation
from .permissions import SurveyAction, user_can, user_can_for
from .rules import Share


@require_GET
def my_surveys_view(request: HttpRequest) -> HttpResponse:
    """The surveys sent to the citizen, and to anyone they care for."""
    invitations = selectors.invitations_for_citizen(user=_user(request))
    return render(request, "surveys/my_surveys.html", {"title": "Your surveys", "invitations": invitations})


def my_survey_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """Answer a survey online, in plain English or easy read. A survey already answered says so, and a second
    set of answers is refused."""
    user = _user(request)
    invitation = selectors.invitation_for_citizen(user=user, pk=pk)
    answered = selectors.is_answered(invitation)
    questions = list(invitation.version.questions.order_by("position"))
    form = SurveyForm(request.POST if request.method == "POST" else None, questions=questions, easy_read=easy_read)
    page = "my_surveys:answer_easy_read" if easy_read else "my_surveys:answer"
    if request.method == "POST":
        if answered is not None:
            messages.error(request, _answered_words(easy_read))
            return redirect(page, pk=invitation.pk)
        if form.is_valid():
            try:
                services.survey_answer(
                    actor=user, invitation=invitation, answers=form.answers(), channel=Channel.ONLINE,
                    easy_read=easy_read,
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                add_form_error(form, str(error))
            else:
                messages.success(
                    request,
                    "Thank you. We have your answers." if easy_read else "Thank you. Your answers have been sent.",
                )
                return redirect(page, pk=invitation.pk)
    return render(
        request,
        "surveys/my_survey.html",
        {
            "title": invitation.survey.easy_read_name if easy_read else invitation.survey.name,
            "invitation": invitation, "answered": answered, "form": form, "easy_read": easy_read,
            "for_someone_else": invitation.person_id != user.person_id,
        },
    )  # fmt: skip


def _answered_words(easy_read: bool) -> str:
    if easy_read:
        return "You already answered this survey. We keep your first answers."
    return "This survey has already been answered. Thank you: we keep the first answers."


@require_GET
def survey_pdf_view(request: HttpRequest, pk: int, easy_read: bool = False) -> HttpResponse:
    """The survey on paper: the person's own (or a person's they care for), or for a worker who may see the
    person, to print."""
    user = _user(request)
    invitation = SurveyInvitation.objects.select_related("person", "survey", "version").filter(pk=pk).first()
    if invitation is None:
        raise Http404("No such survey")
    allowed = user_can_for(user, SurveyAction.ANSWER, invitation) or user_can_for(user, SurveyAction.KEY_IN, invitation)
    if not allowed:
        if user_can(user, SurveyAction.ANSWER) or user_can(user, SurveyAction.KEY_IN):
            raise Http404("No such survey")
        raise PermissionDenied
    suffix = "-easy-read" if easy_read else ""
    return pdf_response(
        survey_pdf(invitation, easy_read=easy_read), filename=f"survey-{invitation.person.reference}{suffix}.pdf"
    )


def key_in_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A worker records the answers a person gave on paper or with them."""
    user = _user(request)
    invitation = selectors.invitation_for_worker(user=user, pk=pk)
    answered = selectors.is_answered(invitation)
    questions = list(invitation.version.questions.order_by("position"))
    form = KeyInForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST":
        if answered is not None:
            messages.error(request, _answered_words(False))
            return redirect("surveys:key_in", pk=invitation.pk)
        if form.is_valid():
            try:
                services.survey_answer(
                    actor=user, invitation=invitation, answers=form.answers(), channel=form.cleaned_data["channel"],
                    answered_on=form.cleaned_data["answered_on"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The answers from {invitation.person.full_name} are saved.")
                return redirect(reverse("people:person", kwargs={"pk": invitation.person_id}))
    return render(
        request,
        "surveys/key_in.html",
        {"title": f"Record the answers: {invitation.survey.name}", "invitation": invitation, "answered": answered,
         "form": form},
    )  # fmt: skip


def _survey_key(request: HttpRequest) -> str:
    key = request.GET.get("survey", "")
    return key if key in ("poet", "i_statements") else ""


@require_GET
def results_view(request: HttpRequest) -> HttpResponse:
    """The results, by team, client group and age band, with the comparisons the documents give."""
    results = selectors.survey_results(user=_user(request), survey_key=_survey_key(request))
    return render(
        request,
        "surveys/results.html",
        {"title": "Survey results", "results": results, "dimensions": selectors.DIMENSIONS,
         "survey_key": results.survey.key if results.survey else ""},
    )  # fmt: skip


def _cell(share: Share) -> str:
    if share.of == 0:
        return ""
    return "fewer than 5" if not share.shown else str(share.percent)


@require_GET
def results_csv_view(request: HttpRequest) -> HttpResponse:
    """The results as a CSV file: one line for each group, shares as whole percentages, small counts held back."""
    results = selectors.survey_results(user=_user(request), survey_key=_survey_key(request))
    rows: list[list[str]] = [
        ["breakdown", "group", "surveys answered", "control over daily life %", "areas of life better %",
         "process easy %", "I statements always or mostly %", "budget holders told their budget %"],
    ]  # fmt: skip
    for key, label in [("all", "Everyone"), *selectors.DIMENSIONS.items()]:
        for row in [results.everyone] if key == "all" else results.by[key]:
            rows.append([label, row.group, row.answered_words, _cell(row.control), _cell(row.better),
                         _cell(row.easy), _cell(row.agree), _cell(row.told)])  # fmt: skip
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="survey-results.csv"'
    return response
