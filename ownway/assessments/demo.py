"""Casework for the demo city: contacts at the front door and assessments at every stage.

Made through the real services (so every rule, check and audit event applies), with dates spread
over the last few months so that worklists, the 28-day target and the decision letters have something
to show. The same seed gives the same casework.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import CASEWORK_ROLES, Role
from ownway.frontdoor.models import ContactSource, ConversationKind, EventOutcome, RouteOfAccess
from ownway.frontdoor.services import (
    ContactData,
    ConversationData,
    contact_allocate,
    contact_close,
    contact_create,
    conversation_record,
)
from ownway.people.demo.generator import CARER_PSR
from ownway.people.models import CodeValue, Person

from .models import Assessment, AssessmentKind, MethodOfAssessment
from .rules.eligibility import AdultOutcome, CarerOutcome
from .services import assessment_record_outcome, assessment_start, assessment_update, eligibility_determine

_REASONS = (
    "I have had two falls this month and I am frightened to go upstairs.",
    "Mum is not eating properly since Dad died and she will not go out.",
    "I am leaving hospital on Friday after a stroke and need help at home.",
    "My son has a learning disability and has finished college; he wants something to do in the day.",
    "I look after my wife who has dementia and I am exhausted.",
    "I cannot manage the bath any more and I would like to get out to see people.",
    "Since my operation I cannot cook or do my shopping.",
    "I want to find work but I need support with travel and with my anxiety.",
)
_WHAT_MATTERS = (
    "Staying in my own home, my garden, and seeing my grandchildren.",
    "Getting back to church on Sundays and the lunch club on Wednesdays.",
    "Doing things for myself again, and not being a burden to my daughter.",
    "Having something to do in the day with people my own age.",
)
_SOURCES = (
    ContactSource.SELF, ContactSource.FAMILY_OR_FRIEND, ContactSource.GP, ContactSource.HOSPITAL_DISCHARGE,
    ContactSource.OTHER_PROFESSIONAL,
)  # fmt: skip
_CLOSED_OUTCOMES = (
    EventOutcome.NFA_INFORMATION, EventOutcome.NFA_INFORMATION, EventOutcome.NFA_INFORMATION,
    EventOutcome.REABLEMENT, EventOutcome.ASSESSMENT, EventOutcome.NFA_SELF_FUNDED, EventOutcome.NFA_DECLINED,
)  # fmt: skip


@dataclass
class CaseworkSummary:
    contacts_open: int = 0
    contacts_closed: int = 0
    assessments_in_progress: int = 0
    assessments_completed: int = 0

    def lines(self) -> list[str]:
        return [
            f"front door: {self.contacts_open:,} open contacts, {self.contacts_closed:,} closed with their outcome",
            f"assessments: {self.assessments_in_progress:,} in progress, "
            f"{self.assessments_completed:,} completed with an eligibility decision",
        ]


def _received(rng: random.Random, days_ago: int) -> dt.datetime:
    today = timezone.localtime()
    moment = today - dt.timedelta(days=days_ago, hours=rng.randint(0, 6), minutes=rng.randint(0, 59))
    return min(moment, today)


#: One contact (and one assessment) for about this many people on a team's caseload: about 12 a team in the demo
#: city of 20,192 people, and five times as many in a city five times its size, so that worklists grow as a real
#: council's do.
PEOPLE_PER_CONTACT = 150


def casework_for_team(caseload: int, per_team: int | None = None) -> int:
    """How many contacts (and assessments) :func:`generate_casework` makes for a team with this many people:
    ``per_team`` when given, else one for every :data:`PEOPLE_PER_CONTACT` people, at least two."""
    if per_team is not None:
        return per_team
    return max(2, round(caseload / PEOPLE_PER_CONTACT))


def generate_casework(*, seed: int, per_team: int | None = None) -> CaseworkSummary:
    """For each team that holds a caseload: contacts, open and closed, and assessments, as many as the size of
    its caseload calls for (:func:`casework_for_team`; ``per_team`` each when given).

    Assessments in progress come from contacts (so timeliness counts from first contact), a third of
    them past the 28-day target; completed ones carry the rule's decision, confirmed by the worker.
    """
    rng = random.Random(seed)
    summary = CaseworkSummary()
    carer_reasons = set(CodeValue.objects.filter(code=CARER_PSR).values_list("pk", flat=True))
    teams = Team.objects.filter(members__role=Role.TEAM_MANAGER).distinct().order_by("name")
    for team in teams:
        manager = User.objects.filter(team=team, role=Role.TEAM_MANAGER).order_by("pk").first()
        workers = list(
            User.objects.filter(team=team, role__in=CASEWORK_ROLES - {Role.TEAM_MANAGER}, is_active=True).order_by("pk")
        )
        if manager is None or not workers:
            continue
        count = casework_for_team(Person.objects.filter(team=team).count(), per_team)
        people = list(Person.objects.filter(team=team).order_by("pk")[: count * 4])
        if not people:
            continue
        rng.shuffle(people)
        for i in range(count):
            person = people[i % len(people)] if i % 2 == 0 else None
            days_ago = rng.randint(0, 20)
            contact = contact_create(
                actor=manager,
                data=ContactData(
                    first_name=person.first_name if person else rng.choice(("Mary", "John", "Aisha", "Tomasz")),
                    last_name=person.last_name if person else rng.choice(("Seacole", "Khan", "Nowak", "Brown")),
                    date_of_birth=person.date_of_birth if person else None,
                    postcode=person.postcode if person else "",
                    reason=rng.choice(_REASONS),
                    source=rng.choice(_SOURCES),
                    route_of_access=RouteOfAccess.COMMUNITY,
                    received_at=_received(rng, days_ago),
                    person=person,
                    team=team,
                ),
            )
            if i % 3:
                contact_allocate(actor=manager, contact=contact, worker=workers[i % len(workers)])
                conversation_record(
                    actor=workers[i % len(workers)],
                    contact=contact,
                    data=ConversationData(
                        kind=ConversationKind.LISTEN_AND_CONNECT,
                        held_on=timezone.localdate(contact.received_at),
                        method=_CONVERSATION_METHODS[contact.pk % len(_CONVERSATION_METHODS)],
                        what_matters=rng.choice(_WHAT_MATTERS),
                    ),
                )
            if i % 4 == 3:
                contact_close(actor=manager, contact=contact, outcome=rng.choice(_CLOSED_OUTCOMES))
                summary.contacts_closed += 1
            else:
                summary.contacts_open += 1
        # Assessments: some in progress (a third of them overdue), some completed. A carer gets a carer's
        # assessment (Care Act 2014 s.10), everyone else a needs assessment (s.9).
        for j, person in enumerate(people[count : count * 2]):
            worker = workers[j % len(workers)]
            overdue = j % 3 == 0
            started = timezone.localdate() - dt.timedelta(days=rng.randint(30, 60) if overdue else rng.randint(1, 25))
            carer = person.primary_support_reason_id in carer_reasons
            assessment = assessment_start(
                actor=worker,
                person=person,
                started_on=started,
                kind=AssessmentKind.CARER if carer else AssessmentKind.NEEDS,
            )
            (_answer_as_carer if carer else _answer)(assessment, worker, rng)
            if j % 2:
                eligibility_determine(actor=worker, assessment=assessment)
                Assessment.objects.filter(pk=assessment.pk).update(
                    completed_on=min(started + dt.timedelta(days=rng.randint(5, 40)), timezone.localdate())
                )
                summary.assessments_completed += 1
            else:
                summary.assessments_in_progress += 1
    return summary


#: How the demo's assessments and conversations were carried out, in turn (not drawn from the city's random
#: numbers, so that adding them changed nothing else the city holds): most assessments face to face, most first
#: conversations by telephone.
_ASSESSMENT_METHODS = (
    MethodOfAssessment.FACE_TO_FACE, MethodOfAssessment.FACE_TO_FACE, MethodOfAssessment.TELEPHONE,
    MethodOfAssessment.FACE_TO_FACE, MethodOfAssessment.VIDEO_CALL,
)  # fmt: skip
_CONVERSATION_METHODS = (
    MethodOfAssessment.TELEPHONE, MethodOfAssessment.TELEPHONE, MethodOfAssessment.FACE_TO_FACE,
    MethodOfAssessment.TELEPHONE, MethodOfAssessment.VIDEO_CALL,
)  # fmt: skip


def _answer(assessment: Assessment, worker: User, rng: random.Random) -> None:
    assessment_update(
        actor=worker,
        assessment=assessment,
        answers={
            "method": _ASSESSMENT_METHODS[assessment.pk % len(_ASSESSMENT_METHODS)],
            "own_words": rng.choice(_WHAT_MATTERS),
            "strengths": "Good sense of humour; knows the area well; keen gardener.",
            "arises_from_impairment_or_illness": True,
            "significant_impact_on_wellbeing": rng.random() < 0.8,
            "wellbeing_impact": "Lonelier since stopping going out; losing confidence.",
        },
    )
    for outcome in rng.sample(list(AdultOutcome)[:9], k=rng.randint(1, 4)):
        assessment_record_outcome(
            actor=worker,
            assessment=assessment,
            outcome=outcome.value,
            unable_without_assistance=rng.random() < 0.6,
            significant_pain_distress_or_anxiety=rng.random() < 0.3,
        )


_CARERS_WORDS = (
    "Getting a full night's sleep, and an afternoon a week that is mine.",
    "Keeping my job while I look after Mum.",
    "Seeing my friends again, and singing with the choir.",
)


def _answer_as_carer(assessment: Assessment, worker: User, rng: random.Random) -> None:
    """A carer's assessment: the conditions of reg 3(1) and 3(2), and some of the outcomes of reg 3(2)(b)."""
    assessment_update(
        actor=worker,
        assessment=assessment,
        answers={
            "method": _ASSESSMENT_METHODS[assessment.pk % len(_ASSESSMENT_METHODS)],
            "own_words": rng.choice(_CARERS_WORDS),
            "strengths": "Knows what works for the person they care for; a good friend nearby.",
            "arises_from_providing_necessary_care": True,
            "health_deteriorating_or_at_risk": rng.random() < 0.5,
            "significant_impact_on_wellbeing": rng.random() < 0.8,
            "wellbeing_impact": "Tired all the time and has stopped seeing friends.",
        },
    )
    for outcome in rng.sample(list(CarerOutcome), k=rng.randint(1, 3)):
        assessment_record_outcome(
            actor=worker,
            assessment=assessment,
            outcome=outcome.value,
            unable_without_assistance=rng.random() < 0.6,
            significant_pain_distress_or_anxiety=rng.random() < 0.4,
        )
