"""Sending surveys and recording the answers.

* **Sending.** A person is asked to answer "Your support and your budget" once their personal budget has run
  for the council's time (``OWNWAY_SURVEY_AFTER_PLAN_DAYS``, 182 days unless the council sets it; the daily
  schedule in :mod:`.tasks`), and "How things are for you" after each review held (a follower of the review,
  :data:`ownway.reviews.followers.REVIEW_HELD`). Each is once a round: once for each plan, once for each review
  (the database holds it to that too). The survey goes on the person's own pages and by letter, the way they
  chose (:func:`ownway.people.services.letter_send`), with the printable survey attached.
* **Answering.** Online by the person, or by a carer for the person they care for; or keyed in by a worker
  from a paper survey, or as the person answered with them. The channel is recorded, and whether easy read
  was used. Every answer must be one the question offers; any question may be left out (POET let people skip
  questions), but not all of them. Answers are given once: a second set is refused, and the first stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.dates import format_date
from ownway.people.models import Person
from ownway.people.services import letter_send
from ownway.planning.models import BudgetStatus, PersonalBudget
from ownway.reviews.followers import ReviewHeld

from . import events
from .letters import survey_pdfs
from .models import Answer, Channel, InvitationReason, Survey, SurveyInvitation, SurveyResponse, SurveyVersion
from .permissions import SurveyAction, user_can_for

#: How many people are asked in one transaction by the daily job.
BATCH = 500


def survey_after_plan_days() -> int:
    return int(settings.OWNWAY_SURVEY_AFTER_PLAN_DAYS)


def current_version(survey_key: str) -> SurveyVersion:
    return SurveyVersion.objects.select_related("survey").get(survey__key=survey_key, is_current=True)


def survey_invite(
    *, actor: User | None, person: Person, survey_key: str, round: str, reason: str, today: dt.date | None = None
) -> SurveyInvitation | None:
    """Ask the person to answer the survey for this round, on their pages and by letter; nothing if they have
    already been asked this round or have died. In the caller's transaction (or its own)."""
    today = today or timezone.localdate()
    if person.date_of_death is not None:
        return None
    version = current_version(survey_key)
    survey = version.survey
    with transaction.atomic():
        if SurveyInvitation.objects.filter(person=person, survey=survey, round=round).exists():
            return None
        invitation = SurveyInvitation.objects.create(
            person=person, survey=survey, version=version, round=round, reason=reason, sent_on=today
        )
        invitation.letter = letter_send(
            actor=actor,
            person=person,
            about=f"Tell us how it is going: {survey.name.lower()}",
            opening="We would like to know how your care and support is going for you. You can answer online, "
            "on the paper survey with this letter, or with your worker.",
            page=reverse("my_surveys:answer", kwargs={"pk": invitation.pk}),
            pdf=reverse("my_surveys:pdf", kwargs={"pk": invitation.pk}),
            easy_read_pdf=reverse("my_surveys:easy_read_pdf", kwargs={"pk": invitation.pk}),
            pdfs=survey_pdfs,
            subject=invitation,
        )
        invitation.save(update_fields=["letter"])
        audit_record(
            actor=actor, action=events.SURVEY_SENT, subject=invitation, person=person,
            new={"survey": survey.key, "round": round, "reason": reason},
        )  # fmt: skip
    return invitation


def plan_surveys_send(*, today: dt.date | None = None) -> int:
    """Ask each person whose personal budget has run for the council's time, and who has not been asked about
    that plan, to answer "Your support and your budget". Safe to run again. Returns how many were asked."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=survey_after_plan_days())
    survey = Survey.objects.get(key="poet")
    asked = 0
    while True:
        asked_rounds = SurveyInvitation.objects.filter(survey=survey, reason=InvitationReason.PLAN).values("round")
        budgets = list(
            PersonalBudget.objects.filter(
                status=BudgetStatus.CURRENT, starts_on__lte=since, person__date_of_death__isnull=True
            )
            .select_related("person", "version")
            .order_by("pk")
        )
        done = set(asked_rounds.values_list("round", flat=True))
        waiting = [b for b in budgets if f"plan:{b.version.plan_id}" not in done][:BATCH]
        if not waiting:
            return asked
        in_batch = 0
        with transaction.atomic():
            for budget in waiting:
                made = survey_invite(
                    actor=None, person=budget.person, survey_key="poet", round=f"plan:{budget.version.plan_id}",
                    reason=InvitationReason.PLAN, today=today,
                )  # fmt: skip
                in_batch += made is not None
        asked += in_batch
        if len(waiting) < BATCH or in_batch == 0:
            return asked


def review_surveys_send(actor: User | None, changes: Sequence[ReviewHeld]) -> None:
    """After a review held, ask the person how things are for them (not when the review ended their support)."""
    people = Person.objects.in_bulk([change.person_id for change in changes])
    for change in changes:
        if change.decision == "end_support" or change.person_id not in people:
            continue
        survey_invite(
            actor=actor, person=people[change.person_id], survey_key="i_statements",
            round=f"review:{change.review_id}", reason=InvitationReason.REVIEW,
        )  # fmt: skip


def _check_answers(invitation: SurveyInvitation, answers: Mapping[str, str]) -> dict[str, str]:
    questions = {q.code: q for q in invitation.version.questions.all()}
    errors: dict[str, list[str]] = {}
    given: dict[str, str] = {}
    for code, value in answers.items():
        if value in ("", None):
            continue
        question = questions.get(code)
        if question is None:
            errors.setdefault("__all__", []).append("An answer was given to a question this survey does not ask")
        elif value not in question.values:
            errors[code] = [f"Choose one of the answers given for: {question.plain}"]
        else:
            given[code] = value
    if not errors and not given:
        errors["__all__"] = ["Answer at least one question before you send the survey"]
    if errors:
        raise ValidationError(errors)
    return given


def survey_answer(
    *,
    actor: User,
    invitation: SurveyInvitation,
    answers: Mapping[str, str],
    channel: str,
    easy_read: bool = False,
    answered_on: dt.date | None = None,
) -> SurveyResponse:
    """Record the answers to a survey, once.

    * Online: the person themselves, or a carer for the person they care for. On paper or with a worker: a
      worker who may see the person keys them in, with the day they were given (not in the future, not before
      the survey was sent).
    * Each answer must be one the question offers; at least one question answered.
    * A survey already answered is refused, saying when; the answers given first stay as they are.
    """
    today = timezone.localdate()
    if channel == Channel.ONLINE:
        if not user_can_for(actor, SurveyAction.ANSWER, invitation):
            raise PermissionDenied("You can only answer a survey sent to you, or to someone you care for")
        answered_on = today
    elif channel in (Channel.PAPER, Channel.WORKER):
        if not user_can_for(actor, SurveyAction.KEY_IN, invitation):
            raise PermissionDenied("You cannot record answers for this person")
        answered_on = answered_on or today
        if answered_on > today:
            raise ValidationError({"answered_on": ["The day the answers were given must be today or in the past"]})
        if answered_on < invitation.sent_on:
            raise ValidationError(
                {
                    "answered_on": [
                        f"The answers cannot be before the survey was sent, on {format_date(invitation.sent_on)}"
                    ]
                }
            )
    else:
        raise ValidationError({"channel": ["Say how the answers were given: on paper or with a worker"]})
    given = _check_answers(invitation, answers)
    questions = {q.code: q for q in invitation.version.questions.all()}
    refused = ValidationError(
        {"__all__": ["This survey has already been answered. Thank you: we keep the first answers."]}
    )
    try:
        with transaction.atomic():
            locked = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
            if SurveyResponse.objects.filter(invitation=locked).exists():
                raise refused
            response = SurveyResponse.objects.create(
                invitation=locked, channel=channel, easy_read=easy_read, answered_on=answered_on,
                recorded_by=actor, on_behalf=channel == Channel.ONLINE and actor.person_id != locked.person_id,
            )  # fmt: skip
            Answer.objects.bulk_create(
                Answer(response=response, question=questions[code], value=value) for code, value in given.items()
            )
            audit_record(
                actor=actor, action=events.SURVEY_ANSWERED, subject=response, person=locked.person,
                new={"channel": channel, "easy_read": easy_read, "answers": len(given),
                     "on_behalf": response.on_behalf},
            )  # fmt: skip
    except IntegrityError:
        raise refused from None
    return response
