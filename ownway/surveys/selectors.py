"""Reading surveys: a citizen's own (and those of the people they care for), one for a worker to key in, and the
results, which hold counts and shares only."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.people.models import Letter
from ownway.planning.models import BudgetStatus, PersonalBudget

from . import events
from .models import Answer, Survey, SurveyInvitation, SurveyResponse
from .permissions import SurveyAction, user_can, visible_to
from .rules import COMPARISON_SOURCE, HolderRow, ResponseRow, ResultRow, Share, age_band, question_shares, results_by

#: What the allocation app's budget letter is about, as the letters name it.
BUDGET_LETTER = "allocation.IndicativeBudget"
NOT_RECORDED = "Not recorded"
DIMENSIONS = {"team": "Team", "client_group": "Client group (primary support reason)", "age_band": "Age"}


def invitations_for_citizen(*, user: User) -> list[SurveyInvitation]:
    """The surveys sent to the citizen, and to the people they care for, newest first."""
    if not user_can(user, SurveyAction.ANSWER):
        raise PermissionDenied
    return list(visible_to(user).select_related("survey", "person", "response").order_by("-sent_on", "-pk")[:50])


def invitation_for_citizen(*, user: User, pk: int) -> SurveyInvitation:
    """One survey the citizen may answer (their own, or a person's they care for); 404 otherwise."""
    if not user_can(user, SurveyAction.ANSWER):
        raise PermissionDenied
    invitation = visible_to(user).select_related("survey", "version", "person").filter(pk=pk).first()
    if invitation is None:
        raise Http404("No such survey")
    return invitation


def invitation_for_worker(*, user: User, pk: int) -> SurveyInvitation:
    """One survey sent to a person the worker may see; 404 otherwise."""
    if not user_can(user, SurveyAction.KEY_IN):
        raise PermissionDenied
    invitation = visible_to(user).select_related("survey", "version", "person").filter(pk=pk).first()
    if invitation is None:
        raise Http404("No such survey")
    return invitation


def is_answered(invitation: SurveyInvitation) -> SurveyResponse | None:
    return SurveyResponse.objects.filter(invitation=invitation).first()


@dataclass(frozen=True)
class Results:
    survey: Survey | None
    surveys: list[Survey]
    everyone: ResultRow
    by: dict[str, list[ResultRow]]
    #: (question wording, section, share) for each question asked.
    questions: list[tuple[str, str, Share]]
    comparison_source: str


def _groups(team: str | None, psr: str | None, age: int) -> dict[str, str]:
    return {"team": team or "No team", "client_group": psr or NOT_RECORDED, "age_band": age_band(age)}


def survey_results(*, user: User, survey_key: str = "", today: dt.date | None = None) -> Results:
    """The results of every survey answered (or of one survey), by team, client group and age band, and the share
    of budget holders told their budget, from the records. No one's answers are shown, only counts and shares."""
    if not user_can(user, SurveyAction.RESULTS):
        raise PermissionDenied
    today = today or timezone.localdate()
    surveys = list(Survey.objects.order_by("pk"))
    survey = next((s for s in surveys if s.key == survey_key), None)
    responses_qs = SurveyResponse.objects.all()
    if survey is not None:
        responses_qs = responses_qs.filter(invitation__survey=survey)
    people = {
        pk: (team, psr, dob, answered_on)
        for pk, team, psr, dob, answered_on in responses_qs.values_list(
            "pk", "invitation__person__team__name", "invitation__person__primary_support_reason__label",
            "invitation__person__date_of_birth", "answered_on",
        )
    }  # fmt: skip
    answers: dict[int, list[tuple[str, str, str, bool]]] = defaultdict(list)
    rows = Answer.objects.filter(response_id__in=responses_qs.values("pk")).values_list(
        "response_id", "question__section", "question__code", "value", "question__positive"
    )
    for response_id, section, code, value, positive in rows.iterator(chunk_size=5000):
        answers[response_id].append((section, code, value, value in positive))
    responses = [
        ResponseRow(groups=_groups(team, psr, _age(dob, answered_on)), answers=tuple(answers[pk]))
        for pk, (team, psr, dob, answered_on) in people.items()
    ]
    told = Letter.objects.filter(person_id=OuterRef("person_id"), subject_type=BUDGET_LETTER)
    holder_rows = {
        person_id: (team, psr, dob, was_told)
        for person_id, team, psr, dob, was_told in PersonalBudget.objects.filter(
            status=BudgetStatus.CURRENT, person__date_of_death__isnull=True
        )
        .annotate(told=Exists(told))
        .values_list(
            "person_id", "person__team__name", "person__primary_support_reason__label", "person__date_of_birth", "told"
        )
    }
    holders = [
        HolderRow(groups=_groups(team, psr, _age(dob, today)), told=was_told)
        for team, psr, dob, was_told in holder_rows.values()
    ]
    shares = question_shares(responses)
    question_rows = []
    seen: set[str] = set()
    from .models import Question

    current = Question.objects.filter(version__is_current=True).select_related("version__survey")
    if survey is not None:
        current = current.filter(version__survey=survey)
    for question in current.order_by("version__survey_id", "position"):
        if question.code in seen:
            continue
        seen.add(question.code)
        question_rows.append((question.plain, question.get_section_display(), shares.get(question.code, Share(0, 0))))
    audit_record(actor=user, action=events.SURVEY_RESULTS_VIEWED, new={"survey": survey.key if survey else "all"})
    return Results(
        survey=survey,
        surveys=surveys,
        everyone=results_by("all", responses, holders)[0] if (responses or holders) else _empty(),
        by={key: results_by(key, responses, holders) for key in DIMENSIONS},
        questions=question_rows,
        comparison_source=COMPARISON_SOURCE,
    )


def _empty() -> ResultRow:
    nothing = Share(0, 0)
    return ResultRow("Everyone", 0, nothing, nothing, nothing, nothing, nothing)


def _age(born: dt.date, on: dt.date) -> int:
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years
