"""The demo city's surveys: a round of surveys the council ran a month ago, so the results page has something to
show. Everyone with a personal budget is asked "Your support and your budget"; others on the teams' caseloads,
up to 60 people in all, are asked "How things are for you". About two in three answer: online when they have an
account (in easy read when their record asks for it), otherwise on paper, keyed in by their worker, or with their
worker. The demo citizen's survey waits for them to answer it. The answers lean the way the national surveys do
(most people say they have enough control over their daily life; most say their budget made things better), drawn
from a seeded random number generator, so the same city gets the same answers. Everything is made through the
services."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import CASEWORK_ROLES, Role
from ownway.people.models import Person
from ownway.planning.models import BudgetStatus, PersonalBudget

from .models import Channel, InvitationReason, SurveyInvitation
from .services import survey_answer, survey_invite

#: How many people the round asks, at most.
ROUND_SIZE = 60
#: The share who answer.
ANSWERED = 0.65
#: How the answers to each scale lean (weights in the order of the scale's answers).
WEIGHTS = {
    "control": [35, 42, 17, 6],
    "told": [72, 18, 10],
    "easy": [25, 33, 18, 12, 7, 5],
    "change": [22, 34, 30, 5, 2, 7],
    "agree": [30, 38, 24, 8],
}


def _worker_for(person: Person, fallback: User | None) -> User | None:
    if person.named_worker is not None and person.named_worker.is_active:
        return person.named_worker
    worker = (
        User.objects.filter(team_id=person.team_id, role__in=CASEWORK_ROLES, is_active=True).order_by("pk").first()
        if person.team_id
        else None
    )
    return worker or fallback


def generate_surveys(*, seed: int = 1, today: dt.date | None = None) -> list[str]:
    """Run the demo's survey round, sent 30 days before ``today``, and answer about two in three; what was made,
    as lines."""
    today = today or timezone.localdate()
    sent_on = today - dt.timedelta(days=30)
    rng = random.Random(seed)
    administrator = User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).order_by("pk").first()
    holders = {
        budget.person_id: budget.version.plan_id
        for budget in PersonalBudget.objects.filter(status=BudgetStatus.CURRENT, person__date_of_death__isnull=True)
        .select_related("version")
        .order_by("pk")
    }
    others = list(
        Person.objects.filter(
            team__isnull=False,
            date_of_death__isnull=True,
            date_of_birth__lte=dt.date(sent_on.year - 18, sent_on.month, min(sent_on.day, 28)),
        )
        .exclude(pk__in=holders)
        .order_by("pk")
        .values_list("pk", flat=True)[:2000]
    )
    chosen = list(holders)[:ROUND_SIZE]
    chosen += rng.sample(others, min(len(others), ROUND_SIZE - len(chosen)))
    people = Person.objects.select_related("named_worker").in_bulk(chosen)
    accounts = {u.person_id: u for u in User.objects.filter(role=Role.CITIZEN, person_id__in=chosen, is_active=True)}
    asked = answered = online = 0
    for person_id in chosen:
        person = people[person_id]
        with transaction.atomic():
            invitation = survey_invite(
                actor=None, person=person, survey_key="poet" if person_id in holders else "i_statements",
                round=f"plan:{holders[person_id]}" if person_id in holders else f"round:{sent_on.year}",
                reason=InvitationReason.PLAN if person_id in holders else InvitationReason.ROUND, today=sent_on,
            )  # fmt: skip
        if invitation is None:
            continue
        asked += 1
        account = accounts.get(person_id)
        if rng.random() > ANSWERED or (account is not None and account.username == "citizen"):
            continue  # the demo citizen's waits for them to answer it, in plain English or easy read
        answers = _answers(invitation, rng)
        answered_on = sent_on + dt.timedelta(days=rng.randint(3, 25))
        if account is not None:
            survey_answer(actor=account, invitation=invitation, answers=answers, channel=Channel.ONLINE,
                          easy_read=person.needs_easy_read or rng.random() < 0.2)  # fmt: skip
            online += 1
        else:
            worker = _worker_for(person, administrator)
            if worker is None:
                continue
            channel = Channel.PAPER if rng.random() < 0.6 else Channel.WORKER
            survey_answer(
                actor=worker, invitation=invitation, answers=answers, channel=channel, answered_on=answered_on
            )
        answered += 1
    return [f"Surveys: {asked} people asked in the round, {answered} answered ({online} online)"]


def _answers(invitation: SurveyInvitation, rng: random.Random) -> dict[str, str]:
    answers = {}
    for question in invitation.version.questions.all():
        if rng.random() < 0.05:
            continue  # left out, as people may
        weights = WEIGHTS.get(question.scale) or [1] * len(question.values)
        answers[question.code] = rng.choices(question.values, weights=weights[: len(question.values)])[0]
    return answers


def clear_surveys(**_signal: Any) -> dict[str, int]:
    """Remove every survey invitation and answer, so the demo city's people can go (``people.demo.builder``'s
    ``city_clearing`` asks for this). The surveys' questions stay. For demo and test databases only."""
    from .models import Answer, SurveyResponse

    with transaction.atomic():
        Answer.objects.all().delete()
        responses = SurveyResponse.objects.all().delete()[0]
        invitations = SurveyInvitation.objects.all().delete()[0]
    return {"survey responses": responses, "surveys sent": invitations}
