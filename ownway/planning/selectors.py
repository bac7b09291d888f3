"""Reading support plans and personal budgets, only as far as the reader may, each opening audited."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from ownway.accounts import events as account_events
from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.numbers import parse_uuid
from ownway.directory.models import Service, ServiceStatus, Shortlist
from ownway.directory.rules.cost import CostLine
from ownway.directory.selectors import DirectorySearch, ResultPage, result_page, service_search

from . import events
from .models import (
    BudgetSplit,
    BudgetStatus,
    PersonalBudget,
    PlanDecision,
    PlanLine,
    PlanStatus,
    PlanVersion,
    SupportPlan,
)
from .permissions import PlanAction, people_for, user_can, user_can_for
from .rules.approval import Approver
from .rules.costs import BudgetComparison, compare_with_indicative
from .rules.directory_cost import DirectoryLineCost, line_cost_from_directory
from .rules.management import budget_management_summary
from .rules.splits import Split, split_on, splits_in_force
from .rules.timetable import Timetable, build_timetable


def plan_get_for_user(*, user: User, pk: int, downloaded_as: str = "") -> SupportPlan:
    """One plan, if the user may read the person's plans. The opening (or the refusal) is audited.

    With ``downloaded_as`` (``"plain"`` or ``"easy_read"``), taking the plan away as a PDF is audited too.
    """
    plan = SupportPlan.objects.select_related("person", "assessment", "worker").filter(pk=pk).first()
    if plan is None:
        raise Http404("No such support plan")
    allowed = user_can_for(user, PlanAction.VIEW, plan.person)
    with transaction.atomic():
        audit_record(
            actor=user,
            action=events.PLAN_VIEWED if allowed else account_events.ACCESS_REFUSED,
            subject=plan,
            person=plan.person,
        )
        if allowed and downloaded_as:
            _audit_downloaded(user, plan, downloaded_as)
    if not allowed:
        raise PermissionDenied("You cannot see this support plan")
    return plan


def _audit_downloaded(user: User, plan: SupportPlan, downloaded_as: str) -> None:
    audit_record(
        actor=user, action=events.PLAN_DOWNLOADED, subject=plan, person=plan.person, new={"version": downloaded_as}
    )


def version_get_for_user(*, user: User, pk: int, action: PlanAction = PlanAction.VIEW) -> PlanVersion:
    """A version of a plan the user may see (the opening is audited), and, for ``PlanAction.WRITE`` or an
    approval, may also do that to: the forms that change a plan are shown only to those who may save them."""
    version = PlanVersion.objects.filter(pk=pk).first()
    if version is None:
        raise Http404("No such version of a support plan")
    version.plan = plan_get_for_user(user=user, pk=version.plan_id)
    if action != PlanAction.VIEW and not user_can_for(user, action, version.plan.person):
        raise PermissionDenied(
            "You cannot write this person's support plan"
            if action == PlanAction.WRITE
            else "You do not approve support plans for this person"
        )
    return version


def personal_budget_get_for_user(*, user: User, pk: int) -> PersonalBudget:
    """A personal budget, found through its plan: the plan is opened (and the opening audited) as
    :func:`plan_get_for_user` opens it, so a budget is never read by its ID alone."""
    budget = PersonalBudget.objects.select_related("version", "person").filter(pk=pk).first()
    if budget is None:
        raise Http404("No such budget")
    budget.version.plan = plan_get_for_user(user=user, pk=budget.version.plan_id)
    return budget


def personal_budget_of(version: PlanVersion) -> PersonalBudget | None:
    """The personal budget of a version of a plan already opened through :func:`plan_get_for_user`."""
    return PersonalBudget.objects.filter(version=version).first()


def line_get_for_user(*, user: User, pk: int) -> PlanLine:
    """A line of a plan, with its version, if the user may read the person's plans (opened as the plan is)."""
    line = PlanLine.objects.select_related("outcome").filter(pk=pk).first()
    if line is None:
        raise Http404("No such line in a support plan")
    line.version = version_get_for_user(user=user, pk=line.version_id)
    return line


def plans_for_person(*, user: User, person_id: int) -> QuerySet[SupportPlan]:
    if not people_for(user, PlanAction.VIEW).filter(pk=person_id).exists():
        raise PermissionDenied("You cannot see this person's plans")
    return SupportPlan.objects.filter(person_id=person_id).prefetch_related(
        Prefetch("versions", queryset=PlanVersion.objects.select_related("budget"))
    )


def plans_awaiting_approval_for_user(*, user: User) -> list[PlanVersion]:
    """Versions this user may decide: a team manager sees every one for their people; a worker the small ones.

    Each person shown is written to the audit trail."""
    if not user_can(user, PlanAction.APPROVE_SMALL):
        raise PermissionDenied("You do not approve support plans")
    versions = PlanVersion.objects.filter(
        status=PlanStatus.AWAITING_APPROVAL, plan__person__in=people_for(user, PlanAction.APPROVE_SMALL)
    )
    if not user_can(user, PlanAction.APPROVE_ANY):
        versions = versions.filter(approver=Approver.WORKER)
    waiting = list(versions.select_related("plan__person").order_by("submitted_at", "id"))
    with transaction.atomic():
        audit_shown(actor=user, action=events.APPROVALS_LISTED, shown=[(v, v.plan.person_id) for v in waiting])
    return waiting


def plans_approved_recently_for_user(*, user: User, days: int = 28) -> QuerySet[PlanDecision]:
    """Approvals of the last ``days`` days of plans for people this user approves for, newest first, with who
    approved each."""
    if not user_can(user, PlanAction.APPROVE_SMALL):
        raise PermissionDenied("You do not approve support plans")
    since = timezone.now() - dt.timedelta(days=days)
    return (
        PlanDecision.objects.filter(
            approved=True,
            decided_at__gte=since,
            version__plan__person__in=people_for(user, PlanAction.APPROVE_SMALL),
        )
        .select_related("version__plan__person", "decided_by")
        .order_by("-decided_at", "-id")
    )


@dataclass(frozen=True)
class VersionSummary:
    version: PlanVersion
    comparison: BudgetComparison
    timetable: Timetable
    management: str


def version_summary(version: PlanVersion) -> VersionSummary:
    """The figures and the week of a version the caller has already opened through a selector."""
    lines = list(version.lines.all())
    return VersionSummary(
        version=version,
        comparison=compare_with_indicative(
            line_costs=[line.weekly_cost for line in lines],
            indicative_weekly=version.indicative_budget_weekly,
            reason_for_difference=version.reason_for_difference,
        ),
        timetable=build_timetable(
            (f"{line.description}" + (f" ({line.provider_name})" if line.provider_name else ""), line.timetable)
            for line in lines
        ),
        management=budget_management_summary(line.management for line in lines),
    )


def _first_split(budget: PersonalBudget) -> Split:
    return Split(
        starts_on=budget.starts_on,
        contribution=budget.contribution_weekly,
        council=budget.council_weekly,
        source=budget.contribution_source,
    )


def budget_splits_of(budgets: Iterable[PersonalBudget]) -> dict[int, list[Split]]:
    """Each budget's splits between the council and the person, oldest first, each with the day it ends
    (:func:`~.rules.splits.splits_in_force`), in one query: for budgets the caller has already opened or acts on."""
    chosen = list(budgets)
    later: dict[int, list[Split]] = defaultdict(list)
    for row in BudgetSplit.objects.filter(budget__in=chosen).order_by("id"):
        later[row.budget_id].append(
            Split(
                starts_on=row.starts_on,
                contribution=row.contribution_weekly,
                council=row.council_weekly,
                source=row.source,
                financial_assessment_id=row.financial_assessment_id,
            )
        )
    return {budget.pk: splits_in_force(_first_split(budget), later[budget.pk]) for budget in chosen}


def budget_splits(budget: PersonalBudget) -> list[Split]:
    """A budget's splits over time, oldest first (see :func:`budget_splits_of`)."""
    return budget_splits_of([budget])[budget.pk]


@dataclass(frozen=True)
class BudgetNow:
    """A budget's split in force on a day, and the next one if a change is already known (an uprating from
    April, say): what the person is told they pay."""

    split: Split
    next: Split | None
    splits: list[Split]


def budget_now(budget: PersonalBudget, today: dt.date) -> BudgetNow:
    """The split of a budget the caller has opened, on ``today``, and the one after it."""
    splits = budget_splits(budget)
    now = split_on(splits, today)
    after = [split for split in splits if split.starts_on > max(today, now.starts_on)]
    return BudgetNow(split=now, next=after[0] if after else None, splits=splits)


def current_budget_of_citizen(*, user: User, downloaded_as: str = "") -> PersonalBudget | None:
    """The signed-in citizen's current personal budget, if they have one, with the plan it comes from; when a
    review ended their support (and no other plan has begun), the budget that ended, so their plan page says so.

    Reading their own plan is audited as any reading of a plan is; with ``downloaded_as`` (``"plain"`` or
    ``"easy_read"``), so is taking it away as a PDF.
    """
    if user.role != Role.CITIZEN or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has a budget of their own")
    budgets = PersonalBudget.objects.filter(person_id=user.person_id).select_related("version__plan__person")
    budget = budgets.filter(status=BudgetStatus.CURRENT).first()
    if budget is None:  # a plan whose support a review ended still shows, saying so (PlanVersion.ending)
        budget = (
            budgets.filter(status=BudgetStatus.ENDED, version__status=PlanStatus.APPROVED)
            .order_by("-ends_on", "-pk")
            .first()
        )
    if budget is not None:
        plan = budget.version.plan
        with transaction.atomic():
            audit_record(actor=user, action=events.PLAN_VIEWED, subject=plan, person=plan.person)
            if downloaded_as:
                _audit_downloaded(user, plan, downloaded_as)
    return budget


def plans_of_citizen(*, user: User) -> QuerySet[SupportPlan]:
    if user.role != Role.CITIZEN or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has plans of their own")
    return SupportPlan.objects.filter(person_id=user.person_id).prefetch_related("versions")


DIRECTORY_PAGE_SIZE = 10


def directory_services_chosen(*, version: PlanVersion) -> list[Service]:
    """The services the person chose from a broker's shortlists, newest choice first, still offered.

    For a version the caller has opened with :func:`version_get_for_user`.
    """
    chosen = (
        Shortlist.objects.filter(person_id=version.plan.person_id, chosen__isnull=False)
        .order_by("-chosen_at", "-id")
        .values_list("chosen_id", flat=True)
    )
    order = list(dict.fromkeys(chosen))
    services = Service.objects.filter(pk__in=order, status=ServiceStatus.ACTIVE).select_related("organization")
    found = services.prefetch_related("cost_options").in_bulk()
    return [found[pk] for pk in order if pk in found]


def directory_services_search(*, words: str, page: int) -> ResultPage:
    """A page of active directory services matching the words, best first."""
    return result_page(
        service_search(search=DirectorySearch(text=words)),
        number=page,
        per_page=DIRECTORY_PAGE_SIZE,
        select_related=("organization",),
        prefetch_related=("cost_options",),
    )


def directory_service_for_line(*, service_id: object) -> Service | None:
    """An active directory service, with its costs, to fill a plan line; ``None`` if there is no such service."""
    pk = parse_uuid(service_id)
    if pk is None:
        return None
    return (
        Service.objects.filter(pk=pk, status=ServiceStatus.ACTIVE)
        .select_related("organization")
        .prefetch_related("cost_options")
        .first()
    )


def directory_line_cost(service: Service) -> DirectoryLineCost | None:
    """What a line for this service costs, from its cost options (the service is read with them)."""
    return line_cost_from_directory([CostLine(c.option, c.amount, c.kind, c.per) for c in service.cost_options.all()])
