"""A tiny council, built in the test, whose Client Level Data extract is worked out by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ownway.assessments.models import Assessment, AssessmentStatus, EligibilityDetermination
from ownway.enablement.models import Episode, EpisodeStatus, STS002aSequel
from ownway.frontdoor.models import Contact, ContactStatus, Conversation
from ownway.people.models import Person
from ownway.people.tests.factories import PersonFactory, code
from ownway.planning import services as planning
from ownway.planning.tests.factories import draft_plan
from ownway.reviews.models import Review, ReviewStatus

PERIOD_START, PERIOD_END = dt.date(2026, 4, 1), dt.date(2027, 3, 31)


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def described(**extra) -> Person:
    """A person with every detail CLD asks for recorded."""
    defaults = {
        "nhs_number": "9434765919", "gender": code("gender", "female"), "ethnicity": code("ethnicity", "white_british"),
        "primary_support_reason": code("primary_support_reason", "physical_personal_care"),
        "accommodation_status": code("accommodation_status", "owner_occupier"),
        "employment_status": code("employment_status", "not_seeking_retired"), "has_unpaid_carer": "yes",
        "postcode": "B1 1BB", "date_of_birth": dt.date(1950, 6, 4),
    }  # fmt: skip
    defaults.update(extra)
    return PersonFactory(**defaults)


@dataclass
class SmallCity:
    ada: Person
    ben: Person
    contact: Contact
    conversation: Conversation
    assessment: Assessment
    episode: Episode
    review: Review
    lines: list


def build(social_worker, team_manager, person_team) -> SmallCity:
    ada = described(first_name="Ada", last_name="Lovelace", reference="P0000001", team=person_team)
    ben = described(
        first_name="Ben", last_name="Okafor", reference="P0000002", nhs_number="4010232137", team=person_team,
        gender=code("gender", "male"), ethnicity=code("ethnicity", "black_african"),
        primary_support_reason=code("primary_support_reason", "learning_disability"),
        employment_status=code("employment_status", "paid_under_16"), has_unpaid_carer="no",
        date_of_birth=dt.date(1990, 1, 15),
        accommodation_status=code("accommodation_status", "supported_accommodation"),
    )  # fmt: skip

    # The front door: Ada's contact, from hospital, with a first conversation, closed to an assessment. The
    # conversation was recorded before Ownway asked how it was held: its Method of Assessment is blank.
    contact = Contact.objects.create(
        reference="C0000001", person=ada, first_name="Ada", last_name="Lovelace", source="hospital_discharge",
        route_of_access="discharge_from_hospital", reason="Home from hospital", received_at=moment(dt.date(2026, 4, 2)),
        status=ContactStatus.CLOSED, outcome="assessment", closed_at=moment(dt.date(2026, 4, 10)),
    )  # fmt: skip
    conversation = Conversation.objects.create(
        contact=contact, kind="listen_and_connect", held_on=dt.date(2026, 4, 5), recorded_by=social_worker
    )
    # Not in the extract: a contact closed before the period, one still open, one never linked to a record.
    Contact.objects.create(
        person=ben, first_name="Ben", last_name="Okafor", source="self", reason="Earlier", status=ContactStatus.CLOSED,
        received_at=moment(dt.date(2026, 3, 2)), outcome="nfa_information", closed_at=moment(dt.date(2026, 3, 30)),
    )  # fmt: skip
    Contact.objects.create(person=ben, first_name="Ben", last_name="Okafor", source="self", reason="Open",
                           received_at=moment(dt.date(2026, 6, 2)))  # fmt: skip
    Contact.objects.create(
        first_name="No", last_name="Record", source="self", reason="Unlinked", status=ContactStatus.CLOSED,
        received_at=moment(dt.date(2026, 6, 2)), outcome="nfa_information", closed_at=moment(dt.date(2026, 6, 3)),
    )  # fmt: skip

    # Ada's needs assessment, completed and found eligible; one of Ben's still in progress (not in the extract).
    assessment = Assessment.objects.create(
        person=ada, contact=contact, assessor=social_worker, started_on=dt.date(2026, 4, 11),
        completed_on=dt.date(2026, 4, 15), status=AssessmentStatus.COMPLETED, method="face_to_face",
    )  # fmt: skip
    EligibilityDetermination.objects.create(
        assessment=assessment, rule_eligible=True, rule_reasons=[], rule_outcomes_not_achieved=[], eligible=True,
        decided_by=social_worker,
    )  # fmt: skip
    Assessment.objects.create(person=ben, assessor=social_worker, started_on=dt.date(2026, 5, 1))

    # Ada's plan, from 20 April 2026: PA hours and a choir by direct payment, and her sister's help (unpaid).
    ada.named_worker = social_worker
    ada.save(update_fields=["named_worker"])
    plan, version = draft_plan(social_worker, ada)
    planning.plan_submit(actor=social_worker, version=version)
    budget = planning.plan_approve(actor=team_manager, version=version, reasons="Meets Ada's outcomes")
    lines = list(budget.lines.select_related("plan_line").order_by("id"))

    # Ben's four weeks of enablement, in May, ended with no further services.
    episode = Episode.objects.create(
        person=ben, team=person_team, start_date=dt.date(2026, 5, 1), planned_end_date=dt.date(2026, 6, 11),
        ended_on=dt.date(2026, 5, 29), outcome=STS002aSequel.NO_SERVICES_OTHER, status=EpisodeStatus.ENDED,
        latitude=Decimal("52.48"), longitude=Decimal("-1.89"), created_by=team_manager,
    )  # fmt: skip

    # Ada's first review, held on 1 June 2026 with her alone: nothing to change.
    review = Review.objects.create(
        person=ada, plan=plan, version=version, reason="planned", due_on=dt.date(2026, 6, 8),
        opens_on=dt.date(2026, 6, 1), due_explanation="First review", status=ReviewStatus.DONE,
        held_on=dt.date(2026, 6, 1), method="person", decision="no_change", decision_reasons="All well",
        reviewer=social_worker,
    )  # fmt: skip
    Review.objects.filter(pk=review.pk).update(created_at=moment(dt.date(2026, 5, 20)))
    return SmallCity(ada, ben, contact, conversation, assessment, episode, review, lines)
