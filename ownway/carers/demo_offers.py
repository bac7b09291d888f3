"""Carers' assessments and carers' plans at every stage, for the demo city.

In the demo citizen's team: the demo citizen's carer accepted an assessment, was found eligible and has a
carer's plan waiting for approval (written by ``planning.demo``, linked here to the carer's assessment) and a
contingency plan; another carer has an
approved carer's plan with a weekly break paid as a direct payment, and a contingency plan; one is being
assessed; one declined, with their reason; two were offered one and have not answered. In every other locality
team one carer is waiting to answer and one declined. Every other carer in the city has never been offered an
assessment, and is on their team's list. Everything is made through the services (each checked and audited):
a few dozen records, so the demo takes no noticeably longer to build.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role, TeamKind
from ownway.assessments.models import Assessment
from ownway.assessments.services import assessment_record_outcome, assessment_update, eligibility_determine
from ownway.core.money import format_money
from ownway.payments import services as payments
from ownway.payments.rules.schedule import period_containing
from ownway.payments.selectors import cycle
from ownway.people.models import CaringRelationship, Person
from ownway.planning import services as planning
from ownway.planning.models import SupportPlan

from .selectors_offers import never_offered
from .services_offers import (
    ContingencyData,
    carer_assessment_offer_answer,
    carer_assessment_offer_make,
    contingency_plan_write,
)

DECLINED_REASONS = (
    "Managing for now: my sister helps at weekends. I will ring if that changes.",
    "I do not see myself as a carer; he is my husband. Happy to talk again in the spring.",
)


def _offer(worker: User, caring: CaringRelationship, *, on: dt.date, method: str = "phone"):
    return carer_assessment_offer_make(actor=worker, relationship=caring, offered_on=on, method=method)


def _eligible(worker: User, assessment: Assessment) -> None:
    """The carer's assessment completed: needs from caring, health at risk, no time for themselves (reg 3)."""
    assessment_update(
        actor=worker,
        assessment=assessment,
        answers={
            "own_words": "I want a full night's sleep and an afternoon a week that is mine",
            "arises_from_providing_necessary_care": True,
            "health_deteriorating_or_at_risk": True,
            "significant_impact_on_wellbeing": True,
            "wellbeing_impact": "Broken sleep most nights; has given up the choir she loved",
        },
    )
    assessment_record_outcome(actor=worker, assessment=assessment, outcome="recreation", unable_without_assistance=True)
    eligibility_determine(actor=worker, assessment=assessment)


def _contingency(worker: User, caring: CaringRelationship, today: dt.date) -> None:
    cared_for = caring.cared_for
    contingency_plan_write(
        actor=worker,
        relationship=caring,
        data=ContingencyData(
            who_steps_in=f"{cared_for.first_name}'s cousin Joan, who lives two streets away (07700 900461); "
            "she has a key and knows the routine",
            daily_needs="Help to get up, washed and dressed by ten; lunch and tea made; company in the afternoon",
            medicines_and_routines="Tablets at 8 in the morning and 8 at night from the blister pack by the kettle",
            emergency_contacts="The GP surgery, 0121 496 0000; the council's out-of-hours line, 0121 496 0999",
            written_on=today - dt.timedelta(days=20),
            look_again_on=today + dt.timedelta(days=345),
        ),
    )


def _weekly_break(worker: User, manager: User, caring: CaringRelationship, assessment: Assessment, today: dt.date):
    """A carer's plan with a weekly break (a sitter on Wednesday afternoons), approved and paid as a direct
    payment from the start of the previous payment period."""
    anchor, length = cycle()
    starts_on = period_containing(today, anchor=anchor, length_days=length).start - dt.timedelta(days=14)
    carer = caring.carer
    plan = planning.support_plan_start(
        actor=worker, person=carer, assessment=assessment, indicative_budget_weekly=Decimal("80.00"),
        indicative_budget_source="Indicative budget agreed at the carer's assessment",
    )  # fmt: skip
    version = plan.versions.get()
    outcome = version.outcomes.get()
    planning.plan_line_add(
        actor=worker, outcome=outcome, kind="service", description="A sitter on Wednesday afternoons, for a break",
        provider_name="Crossroads Care", unit="hour", unit_cost=Decimal("19.50"), units=Decimal(3), frequency="weekly",
        management="direct_payment", service_type="Carer Support: Support involving the person cared-for",
        service_component="Direct Payment", timetable=["wed-afternoon"],
    )  # fmt: skip
    planning.plan_version_update(
        actor=worker, version=version, written_with=f"{carer.first_name}, after their carer's assessment",
        risks="Exhaustion: the carer's health is asked about at each review",
        contingency="If the sitter cannot come, Crossroads sends another; the contingency plan says who else helps",
        reason_for_difference="Three hours' sitting a week at £19.50 an hour is £58.50, within the budget",
        starts_on=starts_on, confirm_start=True,
    )  # fmt: skip
    planning.plan_submit(actor=worker, version=version)
    budget = planning.plan_approve(actor=manager, version=version, reasons="Meets the carer's outcomes")
    return payments.direct_payment_agreement_create(
        actor=worker, budget=budget, recipient_name=carer.full_name, account_name=f"{carer.last_name[:12]} CARER",
        sort_code="309457", account_number="87654321", starts_on=starts_on, agreed_on=starts_on,
    )  # fmt: skip


def _carers_of_team(team: Team, *, limit: int) -> list[CaringRelationship]:
    """The first current caring relationships whose carer is on the team's caseload, one for each carer."""
    rows = (
        CaringRelationship.objects.filter(ended_on__isnull=True, carer__team=team, cared_for__team=team)
        .select_related("carer", "cared_for")
        .order_by("carer_id", "pk")
    )
    seen: set[int] = set()
    chosen = []
    for caring in rows[: limit * 3]:
        if caring.carer_id not in seen:
            seen.add(caring.carer_id)
            chosen.append(caring)
        if len(chosen) == limit:
            break
    return chosen


def generate_carers_support(*, today: dt.date | None = None) -> list[str]:
    """Carers' assessments offered, answered and done, carers' plans and contingency plans; what was made, as lines."""
    today = today or timezone.localdate()
    citizen = User.objects.filter(username="citizen", role=Role.CITIZEN, person__isnull=False).first()
    home = citizen.person.team if citizen is not None and citizen.person is not None else None
    if citizen is None or citizen.person is None or home is None:
        return ["No carers' support made (no demo citizen)"]
    worker = User.objects.filter(role=Role.SOCIAL_WORKER, team=home).order_by("pk").first()
    manager = User.objects.filter(role=Role.TEAM_MANAGER, team=home).order_by("pk").first()
    finance = User.objects.filter(role=Role.FINANCE_OFFICER).order_by("pk").first()
    if worker is None or manager is None or finance is None:
        return ["No carers' support made (no worker, manager or finance officer)"]
    lines = []
    # The demo citizen's carer: accepted, assessed and eligible; their plan waits for approval (planning.demo).
    demo_carer = CaringRelationship.objects.filter(
        cared_for=citizen.person, carer__citizen_account__username="carer", ended_on__isnull=True
    ).first()
    if demo_carer is not None:
        offer = _offer(worker, demo_carer, on=today - dt.timedelta(days=35), method="in_person")
        offer = carer_assessment_offer_answer(
            actor=worker, offer=offer, answer="accepted", answered_on=today - dt.timedelta(days=35)
        )
        assert offer.assessment is not None
        _eligible(worker, offer.assessment)
        offer.assessment.refresh_from_db()
        # The carer's plan (written by planning.demo alongside the assessment) meets the carer's assessment.
        for plan in SupportPlan.objects.filter(person_id=demo_carer.carer_id, assessment__isnull=True):
            planning.support_plan_assessment_link(actor=plan.worker, plan=plan, assessment=offer.assessment)
        _contingency(worker, demo_carer, today)
        lines.append(
            f"The demo carer, {demo_carer.carer.full_name}: carer's assessment done and eligible, a carer's plan "
            "waiting for approval and a contingency plan"
        )
    others = [c for c in _carers_of_team(home, limit=7) if demo_carer is None or c.carer_id != demo_carer.carer_id]
    if len(others) >= 6:
        paid_carer, assessing, declining, *waiting = others[:6]
        offer = carer_assessment_offer_answer(
            actor=worker, offer=_offer(worker, paid_carer, on=today - dt.timedelta(days=90), method="in_person"),
            answer="accepted", answered_on=today - dt.timedelta(days=88),
        )  # fmt: skip
        assert offer.assessment is not None
        _eligible(worker, offer.assessment)
        agreement = _weekly_break(worker, manager, paid_carer, offer.assessment, today)
        run = payments.payment_run(actor=finance, as_of=today)
        paid = sum(p.amount for p in agreement.payments.all())
        _contingency(worker, paid_carer, today)
        lines.append(
            f"{paid_carer.carer.full_name}: an approved carer's plan with a weekly break, paid as direct payment "
            f"{agreement.reference} ({run.payments_made} payments, {format_money(paid)}), and a contingency plan"
        )
        carer_assessment_offer_answer(
            actor=worker, offer=_offer(worker, assessing, on=today - dt.timedelta(days=12)), answer="accepted",
            answered_on=today - dt.timedelta(days=10),
        )  # fmt: skip
        carer_assessment_offer_answer(
            actor=worker, offer=_offer(worker, declining, on=today - dt.timedelta(days=60), method="letter"),
            answer="declined", answered_on=today - dt.timedelta(days=52), declined_reason=DECLINED_REASONS[0],
        )  # fmt: skip
        for n, caring in enumerate(waiting):
            _offer(worker, caring, on=today - dt.timedelta(days=3 + 4 * n))
        lines.append(
            f"{home.name}: a carer's assessment in progress, one declined and {len(waiting)} offered and waiting"
        )
    # Every other locality team: one carer waiting to answer, one who declined.
    teams = Team.objects.filter(kind=TeamKind.LOCALITY).exclude(pk=home.pk).order_by("pk")
    made = 0
    for team in teams:
        team_worker = User.objects.filter(role=Role.SOCIAL_WORKER, team=team).order_by("pk").first()
        chosen = _carers_of_team(team, limit=2) if team_worker is not None else []
        if team_worker is None or len(chosen) < 2:
            continue
        _offer(team_worker, chosen[0], on=today - dt.timedelta(days=7))
        carer_assessment_offer_answer(
            actor=team_worker, offer=_offer(team_worker, chosen[1], on=today - dt.timedelta(days=40), method="letter"),
            answer="declined", answered_on=today - dt.timedelta(days=30), declined_reason=DECLINED_REASONS[1],
        )  # fmt: skip
        made += 1
    if made:
        lines.append(f"{made} other locality teams: a carer offered an assessment and waiting, and one who declined")
    never = never_offered(Person.objects.all()).count()
    lines.append(f"{never:,} carers not yet offered a carer's assessment, on their teams' lists")
    return lines
