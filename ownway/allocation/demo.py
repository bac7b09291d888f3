"""Budgets for the demo city: indicative budgets from the demo's completed assessments, and plan costs.

Budgets are worked out through the real service (:func:`indicative_budget_calculate`), by the worker
who did the assessment, with the answers the assessment's findings suggest; the two questions the
assessment does not answer (support at night, how the carer is managing) are answered from the
person's record with a seeded random draw. The demo citizen always has one, so the citizen and the
demo social worker can follow a budget end to end.

**The support-plan costs are synthetic.** A real council loads its historical plans with
``manage.py calibrate_ras --costs plans.csv``; the demo has none, so :func:`synthetic_plan_costs`
makes them: for a sample of the demo's people, a need score from the RAS in use (answers drawn at
random for people of random severity), and a weekly cost of a piecewise price a little different from
the RAS's own, times log-normal noise. Each row is loaded with the source
``"synthetic demo costs"`` so nobody mistakes them for real ones. The same seed gives the same figures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    EligibilityDetermination,
    MethodOfAssessment,
)
from ownway.assessments.services import (
    assessment_record_outcome,
    assessment_start,
    assessment_update,
    eligibility_determine,
)
from ownway.core import money
from ownway.people.models import HasUnpaidCarer, Person

from .models import IndicativeBudget
from .rules.calibration import Sample, age_band
from .rules.ras import RasModel, calculate
from .selectors import answers_from_assessment, ras_model_active
from .services import indicative_budget_calculate, plan_costs_load

#: Where the demo's plan costs say they came from: never real figures.
SYNTHETIC_SOURCE = "synthetic demo costs (made from the need scores of the demo city with noise; not real plans)"
#: The "historic" price the synthetic plans were bought at, £ a point from each threshold: a little
#: above the default RAS's 6/9/12, so that calibrating against them shows a real, modest change.
_HISTORIC_PRICE = ((0, 6.8), (20, 9.6), (60, 11.5))
#: Spread of a plan's cost about its price (log-normal sigma): plans for the same need vary by about a fifth.
_NOISE = 0.22
#: Every plan has some fixed cost (a review, a managed account), in pounds a week.
_FIXED = 15.0


@dataclass
class BudgetsSummary:
    budgets: int = 0
    skipped: int = 0
    plan_costs: int = 0

    def lines(self) -> list[str]:
        skipped = f" ({self.skipped:,} skipped: the worker could not work one out)" if self.skipped else ""
        return [
            f"budgets: {self.budgets:,} indicative budgets worked out from completed assessments{skipped}",
            f"calibration: {self.plan_costs:,} support-plan costs loaded (synthetic, for the demo)",
        ]


def _answer_index(rng: random.Random, options: int, severity: float) -> int:
    """Which option (0 = least help) for someone whose needs are ``severity`` (0 to 1): a binomial draw."""
    return sum(rng.random() < severity for _ in range(options - 1))


def _other_answers(person: Person, rng: random.Random) -> dict[str, str]:
    """The answers the assessment does not give: support at night, and how the carer is managing."""
    nights = rng.choices(["none", "sometimes", "every_night"], weights=[14, 4, 1 + 3 * person.dementia])[0]
    if person.has_unpaid_carer == HasUnpaidCarer.YES:
        carer = rng.choices(["managing", "needs_breaks", "at_risk"], weights=[5, 4, 1])[0]
    else:
        carer = "no_carer"
    return {"nights": nights, "carer": carer}


def _ensure_demo_citizen_assessed() -> None:
    """Give the demo citizen a completed, eligible needs assessment by the demo social worker, if they have none."""
    citizen = User.objects.filter(username="citizen", role=Role.CITIZEN).select_related("person").first()
    worker = User.objects.filter(username="social_worker", role=Role.SOCIAL_WORKER).first()
    if citizen is None or citizen.person is None or worker is None:
        return
    person = citizen.person
    eligible = EligibilityDetermination.objects.filter(
        assessment__person=person, assessment__status=AssessmentStatus.COMPLETED, eligible=True
    )
    if eligible.exists():
        return
    assessment = assessment_start(actor=worker, person=person, started_on=timezone.localdate())
    assessment_update(
        actor=worker,
        assessment=assessment,
        answers={
            "method": MethodOfAssessment.FACE_TO_FACE,
            "own_words": "I want to keep living at home and get back to my Wednesday lunch club.",
            "arises_from_impairment_or_illness": True,
            "significant_impact_on_wellbeing": True,
            "wellbeing_impact": "Lonely since stopping going out; losing confidence after falls.",
        },
    )
    for outcome, unable in (("personal_hygiene", True), ("nutrition", True), ("community_facilities", False)):
        assessment_record_outcome(
            actor=worker,
            assessment=assessment,
            outcome=outcome,
            unable_without_assistance=unable,
            significant_pain_distress_or_anxiety=not unable,
        )
    eligibility_determine(actor=worker, assessment=assessment)


def _eligible_completed() -> list[Assessment]:
    """Completed needs assessments with a decision that found eligible needs, and no budget yet, oldest first."""
    latest_eligible = EligibilityDetermination.objects.filter(assessment=OuterRef("pk"), eligible=True)
    has_budget = IndicativeBudget.objects.filter(person=OuterRef("person"))
    return list(
        Assessment.objects.filter(status=AssessmentStatus.COMPLETED, kind=AssessmentKind.NEEDS)
        .filter(Exists(latest_eligible))
        .exclude(Exists(has_budget))
        .select_related("person", "assessor")
        .prefetch_related("findings")
        .order_by("completed_on", "pk")
    )


def generate_budgets(*, seed: int, share: float = 0.85) -> BudgetsSummary:
    """Indicative budgets for ``share`` of the people with completed eligible assessments (always the demo citizen)."""
    rng = random.Random(seed)
    summary = BudgetsSummary()
    _ensure_demo_citizen_assessed()
    citizen_person = User.objects.filter(username="citizen").values_list("person_id", flat=True).first()
    _version, model = ras_model_active()
    for assessment in _eligible_completed():
        if assessment.person_id != citizen_person and rng.random() > share:
            continue
        answers = {**answers_from_assessment(model=model, assessment=assessment),
                   **_other_answers(assessment.person, rng)}  # fmt: skip
        try:
            indicative_budget_calculate(
                actor=assessment.assessor, person=assessment.person, answers=answers, assessment=assessment
            )
        except (PermissionDenied, ValidationError):
            summary.skipped += 1
        else:
            summary.budgets += 1
    summary.plan_costs = synthetic_plan_costs(seed=seed)
    return summary


def _historic_cost(points: int, rng: random.Random) -> Decimal:
    pounds = _FIXED
    for i, (start, rate) in enumerate(_HISTORIC_PRICE):
        end = _HISTORIC_PRICE[i + 1][0] if i + 1 < len(_HISTORIC_PRICE) else None
        if points > start:
            pounds += rate * ((min(points, end) if end is not None else points) - start)
    pounds *= rng.lognormvariate(0.0, _NOISE)
    return money.pounds(str(pounds))


def _need_score(model: RasModel, rng: random.Random) -> int:
    """A need score as the RAS gives it, for someone of random severity (most people need a little help)."""
    severity = rng.betavariate(1.6, 2.4)
    answers = {q.code: q.options[_answer_index(rng, len(q.options), severity)].code for q in model.questions}
    return calculate(model, answers).points


def synthetic_plan_costs(*, seed: int, plans: int = 800) -> int:
    """Load ``plans`` synthetic support-plan costs (see the module's note), replacing any loaded before."""
    rng = random.Random(seed * 7919 + 1)
    _version, model = ras_model_active()
    today = timezone.localdate()
    people = list(
        Person.objects.filter(primary_support_reason__isnull=False)
        .order_by("pk")
        .values_list("date_of_birth", "primary_support_reason__label")[: plans * 4]
    )
    if not people:
        return 0
    samples: list[tuple[Sample, str, str]] = []
    for born, group in rng.choices(people, k=plans):  # a small city lends its people to more than one plan
        points = _need_score(model, rng)
        years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        samples.append((Sample(points, _historic_cost(points, rng)), age_band(years), group))
    return plan_costs_load(actor=None, samples=samples, source=SYNTHETIC_SOURCE)
