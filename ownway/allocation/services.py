"""Writing RAS versions, indicative budgets and appeals: one transaction each, validated, audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.assessments.models import Assessment, AssessmentStatus
from ownway.core.money import format_money
from ownway.core.numbers import NumberError, parse_money
from ownway.core.workflow import transition
from ownway.people.models import Person
from ownway.people.selectors import not_a_carer, person_is_carer

from . import events
from .letters import appeal_letter_send, budget_letter_send
from .models import AppealStatus, BudgetAppeal, IndicativeBudget, PlanCostSample, RasModelVersion, RasVersionStatus
from .permissions import BudgetAction, may_decide, user_can, user_can_for
from .rules.calibration import Sample
from .rules.ras import AnswersError, ModelError, calculate, model_from_data
from .selectors import ras_model_active

#: The most a weekly budget may be: far above any real package, and within what the budget's column holds.
MAX_WEEKLY_BUDGET = Decimal("100000")


def appeal_days() -> int:
    """Days within which an appeal must be decided (``OWNWAY_BUDGET_APPEAL_DAYS``, 28 unless the council sets it)."""
    return int(settings.OWNWAY_BUDGET_APPEAL_DAYS)


def ras_version_create(
    *, actor: User | None, name: str, definition: dict[str, Any], notes: str = "", activate: bool = False
) -> RasModelVersion:
    """A new version of the RAS from a definition (checked in full before anything is saved)."""
    if actor is not None and not user_can(actor, BudgetAction.MANAGE_VERSIONS):
        raise PermissionDenied("Only commissioners and administrators change the RAS")
    if not name.strip():
        raise ValidationError({"name": ["Give the version a name"]})
    with transaction.atomic():
        number = (RasModelVersion.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
        definition = {**definition, "version": number}
        try:
            model_from_data(definition)
        except ModelError as error:
            raise ValidationError({"definition": error.problems}) from error
        version = RasModelVersion.objects.create(
            number=number, name=name.strip(), definition=definition, notes=notes, created_by=actor
        )
        audit_record(actor=actor, action=events.RAS_VERSION_CREATED, subject=version, new={"number": number})
        if activate:
            ras_version_activate(actor=actor, version=version)
    return version


#: How a version of the Resource Allocation System is named when a change to it is refused.
RAS_VERSION = "version of the Resource Allocation System"


def ras_version_activate(*, actor: User | None, version: RasModelVersion) -> RasModelVersion:
    """Put a version into use; the one in use before is retired (budgets keep the version they came from)."""
    if actor is not None and not user_can(actor, BudgetAction.MANAGE_VERSIONS):
        raise PermissionDenied("Only commissioners and administrators change the RAS")
    with transaction.atomic():
        current = RasModelVersion.objects.select_for_update().filter(status=RasVersionStatus.ACTIVE).first()
        if current is not None and current.pk == version.pk:
            return current
        if current is not None:
            transition(
                current,
                allowed_from=[RasVersionStatus.ACTIVE],
                to=RasVersionStatus.RETIRED,
                action="retire it",
                what=RAS_VERSION,
            )
        transition(
            version,
            allowed_from=[RasVersionStatus.DRAFT, RasVersionStatus.RETIRED],
            to=RasVersionStatus.ACTIVE,
            action="put it into use",
            what=RAS_VERSION,
        )
        version.activated_at = timezone.now()
        version.save(update_fields=["status", "activated_at"])
        audit_record(
            actor=actor,
            action=events.RAS_VERSION_ACTIVATED,
            subject=version,
            old={"number": current.number if current else None},
            new={"number": version.number},
        )
    return version


def indicative_budget_calculate(
    *, actor: User, person: Person, answers: dict[str, str], assessment: Assessment | None = None
) -> IndicativeBudget:
    """Work out a person's indicative budget with the RAS in use, keep it with its explanation, and tell the
    person (:func:`~.letters.budget_letter_send`: the letter goes the way they chose)."""
    if not user_can_for(actor, BudgetAction.CALCULATE, person):
        raise PermissionDenied("You cannot work out a budget for this person")
    if assessment is not None:
        if assessment.person_id != person.pk:
            raise ValidationError({"assessment": ["The assessment is about someone else"]})
        if assessment.status != AssessmentStatus.COMPLETED:
            raise ValidationError({"assessment": ["Decide eligibility before working out the budget"]})
        if assessment.is_carers and not person_is_carer(person):
            raise ValidationError({"assessment": [not_a_carer(person, "A carer's budget")]})
        decision = assessment.determinations.order_by("-decided_at", "-id").first()
        if decision is None or not decision.eligible:
            raise ValidationError({"assessment": ["The assessment did not find eligible needs, so there is no budget"]})
    with transaction.atomic():
        version, model = ras_model_active()
        try:
            result = calculate(model, answers)
        except AnswersError as error:
            raise ValidationError({k: [v] for k, v in error.problems.items()}) from error
        budget = IndicativeBudget.objects.create(
            person=person,
            assessment=assessment,
            ras_version=version,
            answers=dict(answers),
            points=result.points,
            weekly_amount=result.weekly,
            band=result.band,
            areas=[
                {
                    "domain": a.domain,
                    "name": a.name,
                    "points": a.points,
                    "amount": str(a.amount),
                    "sentence": a.sentence,
                }
                for a in result.areas
            ],
            explanation=result.explanation,
            calculated_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.BUDGET_CALCULATED,
            subject=budget,
            person=person,
            new={"weekly": str(result.weekly), "points": result.points, "ras_version": version.number},
        )
        budget_letter_send(actor=actor, budget=budget)
    return budget


def budget_appeal_raise(*, actor: User, budget: IndicativeBudget, reasons: str) -> BudgetAppeal:
    """Ask for the budget to be reconsidered; it is due for a decision within the set time."""
    if not user_can_for(actor, BudgetAction.APPEAL, budget):
        raise PermissionDenied("You cannot ask for this budget to be reconsidered")
    if not reasons.strip():
        raise ValidationError({"reasons": ["Tell us why you think the budget is not right"]})
    if len(reasons) > 5000:
        raise ValidationError({"reasons": ["Reasons must be 5,000 characters or fewer"]})
    with transaction.atomic():
        locked = IndicativeBudget.objects.select_for_update().get(pk=budget.pk)
        if locked.appeals.filter(status=AppealStatus.OPEN).exists():
            raise ValidationError({"reasons": ["You have already asked for this budget to be reconsidered"]})
        if IndicativeBudget.objects.filter(person_id=locked.person_id, calculated_at__gt=locked.calculated_at).exists():
            raise ValidationError({"reasons": ["There is a newer budget: ask about that one"]})
        appeal = BudgetAppeal.objects.create(
            budget=locked,
            person_id=locked.person_id,
            raised_by=actor,
            reasons=reasons.strip(),
            due_on=timezone.localdate() + dt.timedelta(days=appeal_days()),
        )
        audit_record(
            actor=actor,
            action=events.APPEAL_RAISED,
            subject=appeal,
            person=locked.person,
            new={"due_on": appeal.due_on.isoformat()},
        )
    return appeal


def budget_appeal_decide(
    *,
    actor: User,
    appeal: BudgetAppeal,
    upheld: bool,
    reasons: str,
    revised_weekly_amount: Decimal | str | None = None,
) -> BudgetAppeal:
    """Decide an appeal (by someone other than the assessor), recording the outcome and reasons, and tell the
    person the answer (:func:`~.letters.appeal_letter_send`).

    When the appeal is upheld the decider gives the reconsidered weekly amount, kept as a new budget
    that names the appeal, so the original stays as it was.
    """
    if not may_decide(actor, appeal):
        raise PermissionDenied("Someone other than the assessor, who may see this person, must decide")
    problems: dict[str, list[str]] = {}
    if not reasons.strip():
        problems["reasons"] = ["Explain the decision: the person will read it"]
    amount: Decimal | None = None
    if upheld:
        try:
            amount = parse_money(
                revised_weekly_amount,
                low=Decimal("0.01"),
                high=MAX_WEEKLY_BUDGET,
                subject="The reconsidered budget",
            )
        except NumberError as error:
            problems["revised_weekly_amount"] = [str(error)]
        else:
            if amount == appeal.budget.weekly_amount:
                problems["revised_weekly_amount"] = ["The reconsidered budget is the same: choose 'not changed'"]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        locked = transition(
            appeal,
            allowed_from=[AppealStatus.OPEN],
            to=AppealStatus.UPHELD if upheld else AppealStatus.NOT_UPHELD,
            action="decide it",
            what="request to reconsider the budget",
            queryset=BudgetAppeal.objects.select_related("budget"),
        )
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.outcome_reasons = reasons.strip()
        locked.revised_weekly_amount = amount
        locked.save()
        if amount is not None:
            old = locked.budget
            IndicativeBudget.objects.create(
                person_id=old.person_id,
                assessment=old.assessment,
                ras_version=old.ras_version,
                answers=old.answers,
                points=old.points,
                weekly_amount=amount,
                band=_band(old, amount),
                areas=old.areas,
                explanation=(
                    "Your indicative personal budget was reconsidered and is now "
                    f"{format_money(amount, whole_pounds=True)} a week "
                    f"(it was {format_money(old.weekly_amount, whole_pounds=True)}), "
                    f"because: {locked.outcome_reasons}\n{old.explanation}"
                ),
                revised_by_appeal=locked,
                calculated_by=actor,
            )
        audit_record(
            actor=actor,
            action=events.APPEAL_DECIDED,
            subject=locked,
            person=appeal.person,
            new={"status": locked.status, "revised_weekly_amount": str(amount) if amount else None},
        )
        appeal_letter_send(actor=actor, appeal=locked)
    return locked


def _band(budget: IndicativeBudget, amount: Decimal) -> str:
    from .rules.ras import band_for

    return band_for(amount, model_from_data(budget.ras_version.definition).bands)


def plan_costs_load(*, actor: User | None, samples: list[tuple[Sample, str, str]], source: str) -> int:
    """Replace the support-plan costs used for calibration with these (need score, cost, age band, group)."""
    if actor is not None and not user_can(actor, BudgetAction.CALIBRATE):
        raise PermissionDenied("Only commissioners and administrators calibrate the RAS")
    with transaction.atomic():
        PlanCostSample.objects.all().delete()
        PlanCostSample.objects.bulk_create(
            PlanCostSample(points=s.points, weekly_cost=s.weekly_cost, age_band=a, client_group=g, source=source)
            for s, a, g in samples
        )
        audit_record(actor=actor, action=events.PLAN_COSTS_LOADED, new={"rows": len(samples), "source": source})
    return len(samples)
