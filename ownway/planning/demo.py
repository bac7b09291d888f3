"""Support plans and a direct payment for the demo city, so the journey can be tried end to end.

The demo citizen gets an approved plan (PA hours, a community group, help from family), a personal
budget, a direct payment that has been paid, and a statement matched to the plan, so that "My plan"
and "My money" have something to show. A few other people on the demo social worker's caseload get
plans waiting for approval. Everything is made through the services (each checked and audited).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.payments import services as payments
from ownway.payments.rules.schedule import period_containing
from ownway.people.models import Person

from . import services
from .models import SupportPlan


@dataclass
class PlansSummary:
    made: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return self.made or ["No support plans made (no demo citizen or worker)"]


def _plan(worker: User, person: Person, *, starts_on: dt.date, pa_hours: str, submit: bool) -> SupportPlan:
    plan = services.support_plan_start(
        actor=worker,
        person=person,
        indicative_budget_weekly=Decimal("320.00"),
        indicative_budget_source="Indicative budget agreed at assessment",
        contribution_weekly=Decimal("38.50"),
        contribution_source="Financial assessment",
    )
    version = plan.versions.get()
    home = services.plan_outcome_add(actor=worker, version=version, own_words="I want to be up, dressed and out by ten")
    out = services.plan_outcome_add(actor=worker, version=version, own_words="I want to sing with other people again")
    services.plan_line_add(
        actor=worker, outcome=home, kind="pa_hours", description="Help to get up, washed and dressed",
        provider_name="Ann Lee", pa_hourly_rate=Decimal("13.00"), units=Decimal(pa_hours),
        management="direct_payment", service_type="Long Term Support: Community", service_component="Direct Payment",
        timetable=["mon-morning", "tue-morning", "wed-morning", "thu-morning", "fri-morning"],
    )  # fmt: skip
    services.plan_line_add(
        actor=worker, outcome=out, kind="service", description="Community choir on Thursday evenings",
        provider_name="Canal Arts Collective", unit="session", unit_cost=Decimal("8.50"), units=Decimal(1),
        frequency="weekly", management="direct_payment", service_type="Long Term Support: Community",
        service_component="Day Support", timetable=["thu-evening"],
    )  # fmt: skip
    services.plan_line_add(
        actor=worker, outcome=out, kind="unpaid", description="A lift to choir and back",
        provider_name="My daughter", timetable=["thu-evening"],
    )  # fmt: skip
    services.plan_version_update(
        actor=worker,
        version=version,
        written_with=f"{person.first_name} and their family, at home",
        risks="Falls when getting up: the PA helps with the walking frame and the bath seat",
        contingency="If Ann is ill, her agency covers the morning; if they cannot, my daughter comes, "
        "and if she cannot, I ring the council's emergency duty team",
        reason_for_difference="Twenty hours are needed to get up safely; the choir costs less than expected",
        starts_on=starts_on,
        confirm_start=True,
    )
    if submit:
        services.plan_submit(actor=worker, version=version)
    return plan


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
    plan = _plan(worker, person, starts_on=starts_on, pa_hours="20", submit=True)
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
        f"({run.payments_made} payments, £{paid:,.2f}; a statement imported)"
    )
    others = Person.objects.filter(team=person.team_id).exclude(pk=person.pk).order_by("pk")[:3]
    for other in others:
        _plan(worker, other, starts_on=today, pa_hours="12", submit=True)
    summary.made.append(f"{len(others)} support plans waiting for approval for {manager.get_full_name()}")
    return summary
