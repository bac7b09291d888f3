"""Reading carers' assessment offers and contingency plans, for the user: only what they may see, audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.assessments.models import Assessment, AssessmentKind
from ownway.people.models import CaringRelationship, Person
from ownway.people.permissions import policy as people_policy

from . import events_offers as events
from .models import CarerAssessmentOffer, ContingencyPlan, ContingencyPlanVersion
from .permissions_offers import CarerAction, user_can, user_can_for


def _current_caring(**where: object) -> QuerySet[CaringRelationship]:
    return CaringRelationship.objects.filter(carer=OuterRef("pk"), ended_on__isnull=True, **where)


def never_offered(people: QuerySet[Person]) -> QuerySet[Person]:
    """Those of ``people`` who care for someone now and have never been offered a carer's assessment, nor had one."""
    return people.filter(
        Exists(_current_caring()),
        ~Exists(CarerAssessmentOffer.objects.filter(carer=OuterRef("pk"))),
        ~Exists(Assessment.objects.filter(person=OuterRef("pk"), kind=AssessmentKind.CARER)),
    )


def _mine(user: User) -> Q:
    """Carers the worker is named worker for, or who care for someone the worker is named worker for."""
    return Q(named_worker=user) | Q(Exists(_current_caring(cared_for__named_worker=user)))


def carers_not_offered_for_user(*, user: User, mine: bool = False) -> QuerySet[Person]:
    """The carers never offered a carer's assessment (Care Act 2014 s.10(1)) among the records the user may open:
    their team's, or with ``mine`` the worker's own. Show a page of them through :func:`carers_not_offered_shown`."""
    if not user_can(user, CarerAction.WORKLIST):
        raise PermissionDenied("You cannot see the carers waiting to be offered an assessment")
    people = never_offered(people_policy.visible(user))
    if mine:
        people = people.filter(_mine(user))
    return people.select_related("named_worker")


@dataclass(frozen=True)
class NotOfferedCounts:
    mine: int
    team: int


def carers_not_offered_counts(*, user: User) -> NotOfferedCounts | None:
    """The home page's counts (``None`` for who has no such list), in one query."""
    if not user_can(user, CarerAction.WORKLIST):
        return None
    counts = never_offered(people_policy.visible(user)).aggregate(
        mine=Count("pk", filter=_mine(user)), team=Count("pk")
    )
    return NotOfferedCounts(**counts)


def carers_not_offered_shown(*, user: User, carers: list[Person]) -> None:
    """Attach to each carer on the page the people they care for now (``caring``, one query), and write each
    carer shown to the audit trail."""
    caring: dict[int, list[CaringRelationship]] = {}
    for rel in CaringRelationship.objects.filter(carer__in=carers, ended_on__isnull=True).select_related("cared_for"):
        caring.setdefault(rel.carer_id, []).append(rel)
    for carer in carers:
        carer.caring = caring.get(carer.pk, [])  # type: ignore[attr-defined]
    with transaction.atomic():
        audit_shown(actor=user, action=events.NOT_OFFERED_LISTED, shown=[(c, c.pk) for c in carers])


@dataclass
class CarerStanding:
    """Where one carer stands with their carer's assessment, for a person's record."""

    relationship: CaringRelationship
    offers: list[CarerAssessmentOffer]
    assessments: list[Assessment]
    contingency: ContingencyPlanVersion | None
    may_offer: bool

    @property
    def latest_offer(self) -> CarerAssessmentOffer | None:
        return self.offers[0] if self.offers else None

    @property
    def waiting_offer(self) -> CarerAssessmentOffer | None:
        return next((o for o in self.offers if o.answer == "waiting"), None)

    @property
    def summary(self) -> str:
        """In words: offered / declined / assessment in progress / done, or never offered."""
        assessment = self.assessments[0] if self.assessments else None
        if assessment is not None:
            if assessment.status == "completed":
                return (
                    f"Carer's assessment done ({assessment.completed_on:%-d %B %Y})"
                    if assessment.completed_on
                    else ("Carer's assessment done")
                )
            return f"Carer's assessment in progress (started {assessment.started_on:%-d %B %Y})"
        offer = self.latest_offer
        if offer is None:
            return "Never offered a carer's assessment"
        if offer.answer == "waiting":
            return (
                f"Offered on {offer.offered_on:%-d %B %Y} ({offer.get_method_display().lower()}), waiting for an answer"
            )
        if offer.answer == "declined":
            return f"Declined on {offer.answered_on:%-d %B %Y}: {offer.declined_reason}"
        return f"Accepted on {offer.answered_on:%-d %B %Y}"


def _latest_versions(relationships: Iterable[CaringRelationship]) -> dict[int, ContingencyPlanVersion]:
    latest: dict[int, ContingencyPlanVersion] = {}
    rows = ContingencyPlanVersion.objects.filter(plan__relationship__in=list(relationships)).select_related("plan")
    for version in rows.order_by("plan_id", "-number"):
        latest.setdefault(version.plan.relationship_id, version)
    return latest


def carer_standings(*, user: User, relationships: list[CaringRelationship]) -> list[CarerStanding]:
    """For each caring relationship (current ones), the carer's offers, carer's assessments and contingency plan,
    in four queries whatever the number of carers. The caller has opened the record they are shown on."""
    current = [r for r in relationships if r.ended_on is None]
    if not current:
        return []
    carer_ids = {r.carer_id for r in current}
    offers: dict[int, list[CarerAssessmentOffer]] = {}
    for offer in CarerAssessmentOffer.objects.filter(carer_id__in=carer_ids).order_by("-offered_on", "-pk"):
        offers.setdefault(offer.carer_id, []).append(offer)
    assessments: dict[int, list[Assessment]] = {}
    for assessment in Assessment.objects.filter(person_id__in=carer_ids, kind=AssessmentKind.CARER).order_by(
        "-started_on", "-pk"
    ):
        assessments.setdefault(assessment.person_id, []).append(assessment)
    contingency = _latest_versions(current)
    return [
        CarerStanding(
            relationship=r,
            offers=offers.get(r.carer_id, []),
            assessments=assessments.get(r.carer_id, []),
            contingency=contingency.get(r.pk),
            may_offer=user_can_for(user, CarerAction.OFFER, Person(pk=r.carer_id)),
        )
        for r in current
    ]


def relationship_get_for_user(*, user: User, pk: int, action: CarerAction) -> CaringRelationship:
    """A caring relationship the user may act on; not found alike when it does not exist and when they may not."""
    relationship = CaringRelationship.objects.select_related("carer", "cared_for").filter(pk=pk).first()
    if relationship is None or not (user_can(user, action) and user_can_for(user, action, relationship)):
        raise Http404("No such carer")
    return relationship


def offer_get_for_user(*, user: User, pk: int) -> CarerAssessmentOffer:
    """An offer whose answer the user may record; not found alike when it does not exist and when they may not."""
    offer = (
        CarerAssessmentOffer.objects.select_related("carer", "relationship", "relationship__cared_for", "offered_by")
        .filter(pk=pk)
        .first()
    )
    if offer is None or not (user_can(user, CarerAction.OFFER) and user_can_for(user, CarerAction.OFFER, offer)):
        raise Http404("No such offer")
    return offer


def contingency_history_for_user(
    *, user: User, relationship: CaringRelationship
) -> tuple[ContingencyPlan | None, list[ContingencyPlanVersion]]:
    """A carer's contingency plan and every version of it, newest first; the reading is audited."""
    if not (
        user_can(user, CarerAction.CONTINGENCY_VIEW) and user_can_for(user, CarerAction.CONTINGENCY_VIEW, relationship)
    ):
        raise Http404("No such contingency plan")
    plan = ContingencyPlan.objects.filter(relationship=relationship).first()
    versions = list(plan.versions.select_related("written_by")) if plan is not None else []
    if plan is not None:
        with transaction.atomic():
            audit_record(actor=user, action=events.CONTINGENCY_VIEWED, subject=plan, person=relationship.carer)
    return plan, versions


def contingency_plans_of_cared_for(*, person: Person) -> list[tuple[CaringRelationship, ContingencyPlanVersion]]:
    """The latest contingency plan of each current carer of ``person`` (the caller has opened the person's plan)."""
    relationships = list(person.carers.filter(ended_on__isnull=True).select_related("carer"))
    latest = _latest_versions(relationships)
    return [(r, latest[r.pk]) for r in relationships if r.pk in latest]


def own_contingency_plans(*, user: User, as_carer: bool) -> list[ContingencyPlanVersion]:
    """The signed-in citizen's own contingency plans, as they stand now: ``as_carer``, those of each person they
    care for (what happens if they cannot carry on); otherwise those their carers have for them. Each plan shown
    is written to the audit trail, on the carer's record."""
    if user.role != Role.CITIZEN or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has contingency plans of their own")
    mine = {"carer_id": user.person_id} if as_carer else {"cared_for_id": user.person_id}
    relationships = list(
        CaringRelationship.objects.filter(ended_on__isnull=True, **mine)
        .select_related("carer", "cared_for")
        .order_by("pk")
    )
    latest = _latest_versions(relationships)
    shown = []
    for relationship in relationships:
        if relationship.pk in latest:
            version = latest[relationship.pk]
            version.plan.relationship = relationship
            shown.append(version)
    if shown:
        with transaction.atomic():
            audit_shown(
                actor=user,
                action=events.CONTINGENCY_VIEWED,
                shown=[(v.plan, v.plan.relationship.carer_id) for v in shown],
            )
    return shown
