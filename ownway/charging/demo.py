"""Contributions for the demo city: financial assessments of people with an indicative budget.

Recorded through the real service (:func:`financial_assessment_record`), by the demo finance officer,
so the rules, checks and audit trail all apply. The weekly cost of care is the person's latest
indicative budget. **The money is synthetic**: incomes and savings are drawn at random (seeded) in
realistic shapes for the person's age, at 2025/26 benefit rates (DWP benefit and pension rates
2025 to 2026): the full new State Pension £230.25; Pension Credit's guarantee £227.10; Attendance
Allowance £73.90 or £110.40; PIP daily living £73.90 or £110.40 and mobility £29.20 or £77.05;
Universal Credit's standard allowance £92.34 a week, or £190.02 with the health element; some have
disability-related costs of £5 to £30 a week. About one pensioner in six has savings
above the upper capital limit (a share made up for the demo). The demo citizen always has one.

**The figures are confirmed for the demonstration only** (:func:`confirm_demo_figures`): the software ships the
year's figures marked "not confirmed" where only secondary sources were found, and no contribution letter goes
to a person while it uses one. So that the demo citizen can read their letter, the demonstration council's
finance officer confirms the figures of the year in force as they stand, through the same service as the
figures page, with a source that says so (:data:`DEMO_SOURCE`). A real council checks each figure against the
DHSC local authority circular instead.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.allocation.models import IndicativeBudget
from ownway.core.money import format_money, pounds
from ownway.people.models import Person

from .models import AssessmentStatus, FinancialAssessment
from .rules.contribution import Circumstances, Income, IncomeKind
from .selectors import NoRuleSet, rule_set_for
from .services import charging_rule_set_save, financial_assessment_record

#: The source recorded for each figure the demonstration council confirms, so that nobody takes them for official.
DEMO_SOURCE = (
    "confirmed for the demonstration council only (the Ownway demo), as the software ships it: not checked against "
    "the DHSC circular"
)

#: State Pension age, for the shape of a person's income.
_PENSION_AGE = 66


def _d(value: float) -> Decimal:
    return pounds(str(value))


@dataclass
class ContributionsSummary:
    assessed: int = 0
    free_of_charge: int = 0
    full_cost: int = 0
    total_weekly: Decimal = Decimal("0.00")
    skipped: int = 0

    def lines(self) -> list[str]:
        part = self.assessed - self.free_of_charge - self.full_cost
        return [
            f"contributions: {self.assessed:,} financial assessments ({self.free_of_charge:,} pay nothing, "
            f"{part:,} pay part of the cost, {self.full_cost:,} the full cost: "
            f"{format_money(self.total_weekly)} a week in all)"
            + (f"; {self.skipped:,} could not be recorded" if self.skipped else "")
        ]


def _demo_finance_officer() -> User | None:
    finance = User.objects.filter(role=Role.FINANCE_OFFICER, is_active=True)
    return finance.filter(username="finance_officer").first() or finance.order_by("pk").first()


def confirm_demo_figures() -> list[str]:
    """The demonstration council's finance officer confirms, as they stand, the figures of the year in force that
    are not confirmed and have a value, through :func:`charging_rule_set_save` (as the figures page does), with
    :data:`DEMO_SOURCE` as their source. A figure the software does not hold stays not set, and marked: nothing is
    made up. Run before any contribution is worked out, so none is held back. What was done, as lines."""
    officer = _demo_finance_officer()
    try:
        record = rule_set_for(on=timezone.localdate())
    except NoRuleSet as error:
        return [f"charging figures: none confirmed ({error})"]
    if officer is None:
        return ["charging figures: none confirmed (the demo council has no finance officer)"]
    marks = record.figures.get("unconfirmed") or {}
    confirm = {name: DEMO_SOURCE for name in marks if record.figures.get(name) is not None}
    if confirm:
        charging_rule_set_save(actor=officer, year=record.year, starts_on=record.starts_on, figures={},
                               confirm=confirm, expected_version=record.lock_version)  # fmt: skip
    unset = len(marks) - len(confirm)
    return [
        f"charging figures: the finance officer confirmed the {record.year} charging figures for the demonstration "
        f"({len(confirm)} figures as the software ships them, not checked against the DHSC circular"
        + (f"; {unset} not held, so still to set)" if unset else ")")
    ]


def _capital(rng: random.Random, pensioner: bool) -> Decimal:
    """Savings: most people have little; some fall between the limits (tariff income); some are above."""
    draw = rng.random()
    if draw < (0.18 if pensioner else 0.03):
        return _d(rng.uniform(23_500, 90_000))
    if draw < (0.45 if pensioner else 0.10):
        return _d(rng.uniform(14_250, 23_250))
    return _d(rng.uniform(0, 9_000) if pensioner else rng.uniform(0, 3_000))


def synthetic_circumstances(*, age: int, weekly_cost_of_care: Decimal, rng: random.Random) -> Circumstances:
    """A plausible financial situation for someone of this age (synthetic: see the module's note)."""
    incomes: list[Income] = []
    housing = _d(rng.choice((0, 0, 0, 22.40, 28.75, 31.10)))  # council tax, or rent net of Housing Benefit
    if age >= _PENSION_AGE:
        if rng.random() < 0.7:
            incomes.append(Income(IncomeKind.STATE_PENSION, _d(230.25)))
        else:
            incomes.append(Income(IncomeKind.STATE_PENSION, _d(176.45)))
            incomes.append(Income(IncomeKind.PENSION_CREDIT, _d(50.65)))
        if rng.random() < 0.5:
            incomes.append(Income(IncomeKind.PRIVATE_PENSION, _d(rng.uniform(20, 180))))
        if rng.random() < 0.7:
            incomes.append(Income(IncomeKind.ATTENDANCE_ALLOWANCE, _d(rng.choice((73.90, 110.40)))))
        disability_costs = _d(rng.uniform(5, 30)) if len(incomes) > 1 and rng.random() < 0.5 else Decimal("0.00")
        return Circumstances(age=age, weekly_cost_of_care=weekly_cost_of_care, incomes=tuple(incomes),
                             capital=_capital(rng, True), housing_costs=housing,
                             disability_related_expenditure=disability_costs)  # fmt: skip
    daily_living = rng.choice((0.0, 73.90, 110.40, 110.40))
    # Universal Credit's standard allowance alone, or with the health element (limited capability for work).
    incomes.append(Income(IncomeKind.UNIVERSAL_CREDIT, _d(rng.choice((92.34, 190.02, 190.02)))))
    if daily_living:
        incomes.append(Income(IncomeKind.PIP_DAILY_LIVING, _d(daily_living)))
    if rng.random() < 0.6:
        incomes.append(Income(IncomeKind.PIP_MOBILITY, _d(rng.choice((29.20, 77.05)))))
    if age >= 25 and rng.random() < 0.15:
        incomes.append(Income(IncomeKind.EARNINGS, _d(rng.uniform(40, 160))))
    return Circumstances(
        age=age,
        weekly_cost_of_care=weekly_cost_of_care,
        incomes=tuple(incomes),
        capital=_capital(rng, False),
        disability_premium=bool(daily_living),
        enhanced_disability_premium=daily_living == 110.40,
        housing_costs=housing,
        disability_related_expenditure=_d(rng.uniform(5, 30)) if daily_living and rng.random() < 0.5 else Decimal("0"),
    )


def generate_contributions(*, seed: int, share: float = 0.7) -> ContributionsSummary:
    """Financial assessments for ``share`` of the people with a budget and none yet (always the demo citizen)."""
    rng = random.Random(seed * 31 + 7)
    summary = ContributionsSummary()
    officer = _demo_finance_officer()
    if officer is None:
        return summary
    citizen_person = User.objects.filter(username="citizen").values_list("person_id", flat=True).first()
    assessed = FinancialAssessment.objects.filter(status=AssessmentStatus.CURRENT).values_list("person_id", flat=True)
    latest: dict[int, Decimal] = {}
    for person_id, weekly in (
        IndicativeBudget.objects.exclude(person_id__in=assessed)
        .order_by("person_id", "-calculated_at", "-id")
        .values_list("person_id", "weekly_amount")
    ):
        latest.setdefault(person_id, weekly)
    today = timezone.localdate()
    for person in Person.objects.filter(pk__in=latest).order_by("pk"):
        if person.pk != citizen_person and rng.random() > share:
            continue
        circumstances = synthetic_circumstances(
            age=person.age_on(today), weekly_cost_of_care=latest[person.pk], rng=rng
        )
        try:
            fa = financial_assessment_record(actor=officer, person=person, circumstances=circumstances)
        except (PermissionDenied, ValidationError):
            summary.skipped += 1
            continue
        summary.assessed += 1
        summary.free_of_charge += fa.weekly_contribution == 0
        summary.full_cost += fa.full_cost_payer
        summary.total_weekly += fa.weekly_contribution
    return summary


def generate_money(*, seed: int) -> list[str]:
    """Budgets, plan costs for calibration, then contributions: after ``generate_casework``. What was made, as lines."""
    from ownway.allocation.demo import generate_budgets

    lines = generate_budgets(seed=seed).lines()
    return lines + generate_contributions(seed=seed).lines()
