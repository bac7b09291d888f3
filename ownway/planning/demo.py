"""Support plans and a direct payment for the demo city, so the journey can be tried end to end.

The demo citizen gets an approved plan (PA hours, a community group, help from family), a personal
budget, a direct payment that has been paid, and a statement matched to the plan, so that "My plan"
and "My money" have something to show. Two other people on the demo social worker's caseload (never
carers) get plans of their own waiting for approval, and the demo citizen's carer a carer's plan. Each
plan's reason for costing what it does is made from its own lines. Everything is made through the
services (each checked and audited).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.money import format_money
from ownway.payments import services as payments
from ownway.payments.rules.schedule import period_containing
from ownway.people.demo.generator import CARER_PSR
from ownway.people.models import Person

from . import services
from .models import LineKind, PlanVersion, SupportPlan
from .rules.approval import Approver


@dataclass
class PlansSummary:
    made: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return self.made or ["No support plans made (no demo citizen or worker)"]


@dataclass(frozen=True)
class _Line:
    """One line of a demo plan, for :func:`_write`: the outcome it meets (by position) and the line's fields."""

    outcome: int
    fields: dict[str, Any]


def _hours(units: Decimal) -> str:
    return f"{units.normalize():f} hours"


def _reason(version: PlanVersion) -> str:
    """Why the plan costs what it does, made from its own lines, so the words always say what the lines say."""
    paid = [line for line in version.lines.all() if line.is_paid]
    parts = [
        f"{_hours(line.units)} a week of a personal assistant ({line.description.lower()})"
        if line.kind == LineKind.PA_HOURS
        else f"{line.description.lower()} ({format_money(line.weekly_cost)} a week)"
        for line in paid
    ]
    unpaid = [line.provider_name or line.description for line in version.lines.all() if not line.is_paid]
    text = "The plan pays for " + "; ".join(parts) if parts else "Nothing in the plan is paid for"
    if unpaid:
        text += f". Unpaid help from {', '.join(unpaid)} costs nothing"
    return text


def _write(
    worker: User,
    person: Person,
    *,
    outcomes: tuple[str, ...],
    lines: tuple[_Line, ...],
    indicative: str,
    contribution: str,
    written_with: str,
    risks: str,
    contingency: str,
    starts_on: dt.date,
    submit: bool = True,
) -> SupportPlan:
    """A plan made through the services as a worker writes one with the person: outcomes, lines, the rest."""
    plan = services.support_plan_start(
        actor=worker,
        person=person,
        indicative_budget_weekly=Decimal(indicative),
        indicative_budget_source="Indicative budget agreed at assessment",
        contribution_weekly=Decimal(contribution),
        contribution_source="Financial assessment",
    )
    version = plan.versions.get()
    met = [services.plan_outcome_add(actor=worker, version=version, own_words=words) for words in outcomes]
    for line in lines:
        services.plan_line_add(actor=worker, outcome=met[line.outcome], **line.fields)
    services.plan_version_update(
        actor=worker, version=version, written_with=written_with, risks=risks, contingency=contingency,
        reason_for_difference=_reason(version), starts_on=starts_on, confirm_start=True,
    )  # fmt: skip
    if submit:
        services.plan_submit(actor=worker, version=version)
    return plan


def _get_up_and_sing(worker: User, person: Person, *, starts_on: dt.date, pa_hours: str) -> SupportPlan:
    """The demo citizen's plan: PA hours in the mornings, a community choir, and a lift from family."""
    weekdays = ["mon-morning", "tue-morning", "wed-morning", "thu-morning", "fri-morning"]
    return _write(
        worker, person,
        outcomes=("I want to be up, dressed and out by ten", "I want to sing with other people again"),
        lines=(
            _Line(0, {"kind": "pa_hours", "description": "Help to get up, washed and dressed",
                      "provider_name": "Ann Lee", "pa_hourly_rate": Decimal("13.00"), "units": Decimal(pa_hours),
                      "management": "direct_payment",
                      "service_type": "Long Term Support: Community", "service_component": "Direct Payment",
                      "timetable": weekdays}),
            _Line(1, {"kind": "service", "description": "Community choir on Thursday evenings",
                      "provider_name": "Canal Arts Collective", "unit": "session", "unit_cost": Decimal("8.50"),
                      "units": Decimal(1), "frequency": "weekly", "management": "direct_payment",
                      "service_type": "Long Term Support: Community", "service_component": "Day Support",
                      "timetable": ["thu-evening"]}),
            _Line(1, {"kind": "unpaid", "description": "A lift to choir and back",
                      "provider_name": "my daughter, Priya", "timetable": ["thu-evening"]}),
        ),
        indicative="320.00", contribution="38.50",
        written_with=f"{person.first_name} and their family, at home",
        risks="Falls when getting up: the PA helps with the walking frame and the bath seat",
        contingency="If Ann is ill, her agency covers the morning; if they cannot, my daughter comes, "
        "and if she cannot, I ring the council's emergency duty team",
        starts_on=starts_on,
    )  # fmt: skip


def _days_out(worker: User, person: Person, *, starts_on: dt.date) -> SupportPlan:
    """Days at a day centre, a PA for the shopping, and a son at weekends."""
    return _write(
        worker, person,
        outcomes=("I want to spend my days with people, doing things I enjoy",
                  "I want to do my own shopping and choose my own food"),
        lines=(
            _Line(0, {"kind": "day_opportunity", "description": "Day centre: gardening and art", "provider_name":
                      "Ladywood Day Opportunities", "unit": "day", "unit_cost": Decimal("48.00"), "units": Decimal(4),
                      "frequency": "weekly", "management": "council_managed",
                      "service_type": "Long Term Support: Community", "service_component": "Day Support",
                      "timetable": ["mon-morning", "mon-afternoon", "tue-morning", "tue-afternoon", "wed-morning",
                                    "wed-afternoon", "fri-morning", "fri-afternoon"]}),
            _Line(1, {"kind": "pa_hours", "description": "Shopping and cooking together", "provider_name": "Sam Okafor",
                      "pa_hourly_rate": Decimal("12.60"), "units": Decimal(6), "management": "direct_payment",
                      "service_type": "Long Term Support: Community", "service_component": "Direct Payment",
                      "timetable": ["thu-morning", "sat-morning"]}),
            _Line(0, {"kind": "unpaid", "description": "Football on Saturday afternoons", "provider_name": "My son",
                      "timetable": ["sat-afternoon"]}),
        ),
        indicative="300.00", contribution="0.00",
        written_with=f"{person.first_name}, their son and their key worker at the day centre",
        risks="Getting lost on the way to the day centre: the centre's minibus collects and brings home",
        contingency="If the day centre closes for the day, my son is called; if Sam cannot come, the shopping "
        "waits for the next day",
        starts_on=starts_on,
    )  # fmt: skip


def _back_to_work(worker: User, person: Person, *, starts_on: dt.date) -> SupportPlan:
    """A PA to get to work and college, and a taxi on the days the buses do not fit."""
    return _write(
        worker, person,
        outcomes=("I want to keep my Saturday job and finish my college course",),
        lines=(
            _Line(0, {"kind": "pa_hours", "description": "Getting to work and college", "provider_name": "Priya Shah",
                      "pa_hourly_rate": Decimal("13.50"), "units": Decimal(12), "management": "direct_payment",
                      "service_type": "Long Term Support: Community",
                      "service_component": "Learning/Education/Employment Support",
                      "timetable": ["tue-morning", "thu-morning", "sat-morning"]}),
            _Line(0, {"kind": "service", "description": "Taxi to college on Tuesdays", "provider_name": "City Cabs",
                      "unit": "return trip", "unit_cost": Decimal("22.00"), "units": Decimal(1), "frequency": "weekly",
                      "management": "direct_payment", "service_type": "Long Term Support: Community",
                      "service_component": "Transport", "timetable": ["tue-morning"]}),
        ),
        indicative="200.00", contribution="0.00",
        written_with=f"{person.first_name}, at college with their tutor",
        risks="Anxiety on crowded buses: the PA travels with them until they are confident",
        contingency="If Priya is ill, a taxi both ways, paid from the budget",
        starts_on=starts_on,
    )  # fmt: skip


def _a_break_from_caring(worker: User, carer: Person, *, starts_on: dt.date) -> SupportPlan:
    """A carer's plan: a sitting service for the person they care for, a gym for themselves, a carers' group."""
    return _write(
        worker, carer,
        outcomes=("I want a full night's sleep and an afternoon a week that is mine",
                  "I want to stay well enough to keep caring"),
        lines=(
            _Line(0, {"kind": "service", "description": "Sitting service on Wednesday afternoons",
                      "provider_name": "Crossroads Care", "unit": "hour", "unit_cost": Decimal("19.50"),
                      "units": Decimal(3), "frequency": "weekly", "management": "council_managed",
                      "service_type": "Carer Support: Support involving the person cared-for",
                      "service_component": "Other Long Term Support", "timetable": ["wed-afternoon"]}),
            _Line(1, {"kind": "service", "description": "Gym membership", "provider_name": "City Leisure",
                      "unit": "month", "unit_cost": Decimal("26.00"), "units": Decimal(1), "frequency": "monthly",
                      "management": "direct_payment", "service_type": "Carer Support: Direct to Carer",
                      "service_component": "Direct Payment", "timetable": ["mon-evening", "thu-evening"]}),
            _Line(1, {"kind": "unpaid", "description": "Carers' group on Tuesday mornings",
                      "provider_name": "Ownway Carers Centre", "timetable": ["tue-morning"]}),
        ),
        indicative="70.00", contribution="0.00",
        written_with=f"{carer.first_name}, after their carer's assessment",
        risks="Exhaustion: the carer's health is checked at each review",
        contingency="If the sitter cannot come, Crossroads sends another; if no one can, the afternoon moves to "
        "the next day",
        starts_on=starts_on,
    )  # fmt: skip


def _help_at_home(worker: User, person: Person, *, starts_on: dt.date) -> SupportPlan:
    """Help at home in the mornings from an agency, and lunch club with a neighbour."""
    return _write(
        worker, person,
        outcomes=("I want to get up and dressed without rushing, and stay in my own home",),
        lines=(
            _Line(0, {"kind": "service", "description": "Help to get up, washed and dressed each morning",
                      "provider_name": "Northfield Home Care", "unit": "hour", "unit_cost": Decimal("24.00"),
                      "units": Decimal(7), "frequency": "weekly", "management": "council_managed",
                      "service_type": "Long Term Support: Community", "service_component": "Home Support",
                      "timetable": ["mon-morning", "tue-morning", "wed-morning", "thu-morning", "fri-morning",
                                    "sat-morning", "sun-morning"]}),
            _Line(0, {"kind": "unpaid", "description": "Lunch club on Thursdays", "provider_name": "A neighbour",
                      "timetable": ["thu-afternoon"]}),
        ),
        indicative="170.00", contribution="0.00",
        written_with=f"{person.first_name} and their daughter",
        risks="Falls in the morning: the carers stay until they are dressed and sitting down",
        contingency="If the agency cannot come, the daughter is rung; if she cannot come, the council's "
        "emergency line arranges a visit",
        starts_on=starts_on,
    )  # fmt: skip


def approved_plan_for_demo(worker: User, manager: User, person: Person, *, starts_on: dt.date) -> SupportPlan:
    """A plan of help at home, written with the person and approved by the manager, starting on ``starts_on``:
    for the other apps' demos that need people with a plan in force (reviews held, say)."""
    plan = _help_at_home(worker, person, starts_on=starts_on)
    services.plan_approve(actor=manager, version=plan.versions.get(), reasons="Meets the outcome at a fair cost")
    return plan


def _not_carers(people: QuerySet[Person]) -> QuerySet[Person]:
    """People who use services, leaving out carers (with their own record as a carer)."""
    return people.exclude(primary_support_reason__code=CARER_PSR).exclude(caring_for__isnull=False)


def generate_plans(*, today: dt.date | None = None) -> PlansSummary:
    summary = PlansSummary()
    citizen = User.objects.filter(username="citizen", role=Role.CITIZEN, person__isnull=False).first()
    if citizen is None or citizen.person is None:
        return summary
    person = citizen.person
    worker = User.objects.filter(role=Role.SOCIAL_WORKER, team=person.team_id).order_by("pk").first()
    manager = User.objects.filter(role=Role.TEAM_MANAGER, team=person.team_id).order_by("pk").first()
    finance = User.objects.filter(role=Role.FINANCE_OFFICER).order_by("pk").first()
    if worker is None or manager is None or finance is None:
        return summary
    today = today or timezone.localdate()
    anchor, length = payments.cycle()
    # Started at the beginning of the previous payment period, so there is a pro-rata first payment and a full one.
    starts_on = period_containing(today, anchor=anchor, length_days=length).start - dt.timedelta(days=14)
    plan = _get_up_and_sing(worker, person, starts_on=starts_on, pa_hours="20")
    version = plan.versions.get()
    budget = services.plan_approve(actor=manager, version=version, reasons="Meets the outcomes at a fair cost")
    agreement = payments.direct_payment_agreement_create(
        actor=worker, budget=budget, recipient_name=person.full_name, account_name=f"{person.last_name[:12]} DP",
        sort_code="309457", account_number="12345678", starts_on=starts_on, agreed_on=starts_on,
    )  # fmt: skip
    run = payments.payment_run(actor=finance, as_of=today)
    paid = sum(p.amount for p in agreement.payments.all())
    rows = ["Date,Description,Amount"]
    for payment in agreement.payments.order_by("period_start"):
        paid_on = max(payment.period_start, starts_on)
        rows.append(f"{paid_on:%d/%m/%Y},OWNWAY CITY COUNCIL {agreement.reference},{payment.amount}")
        rows.append(f"{paid_on + dt.timedelta(days=4):%d/%m/%Y},ANN LEE WAGES,-260.00")
        rows.append(f"{paid_on + dt.timedelta(days=5):%d/%m/%Y},CANAL ARTS COLLECTIVE CHOIR,-8.50")
    rows.append(f"{today:%d/%m/%Y},TESCO STORES 2231,-12.40")
    payments.statement_import(
        actor=finance, agreement=agreement, file_name="demo-statement.csv", data="\n".join(rows).encode()
    )
    summary.made.append(
        f"Support plan, budget and direct payment {agreement.reference} for the demo citizen "
        f"({run.payments_made} payments, {format_money(paid)}; a statement imported)"
    )
    # Plans waiting for approval, each written for its person: two people who use services, with plans that
    # differ, and the demo citizen's carer, with a carer's plan.
    others = list(_not_carers(Person.objects.filter(team=person.team_id).exclude(pk=person.pk)).order_by("pk")[:2])
    makers = (_days_out, _back_to_work)
    waiting = [make(worker, other, starts_on=today) for make, other in zip(makers, others, strict=False)]
    carer = User.objects.filter(username="carer", role=Role.CITIZEN, person__isnull=False).first()
    if carer is not None and carer.person is not None:
        carers_worker = User.objects.filter(role=Role.SOCIAL_WORKER, team=carer.person.team_id).order_by("pk").first()
        waiting.append(_a_break_from_caring(carers_worker or worker, carer.person, starts_on=today))
    by_manager = sum(1 for plan in waiting if plan.versions.get().approver == Approver.MANAGER)
    summary.made.append(
        f"{len(waiting)} support plans waiting for approval: {by_manager} for {manager.get_full_name()} and "
        f"{len(waiting) - by_manager} for the worker"
    )
    return summary
