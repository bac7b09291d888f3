"""One cost of care: the financial assessment charges against the approved personal budget.

Approving a plan (or a new version of it) works the contribution out again from the plan's chargeable cost,
from the day the plan starts, and tells the person; with no financial assessment yet, the person waits on
the finance team's list with the day charging starts.
"""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.charging.models import AssessmentReason, AssessmentStatus, CostOfCare, CostOfCareStatus, FinancialAssessment
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
from ownway.charging.selectors import rule_set_for
from ownway.charging.services import charging_rule_set_save, cost_of_care_set, financial_assessment_record
from ownway.jobs.worker import run_queued
from ownway.people.models import Letter
from ownway.planning import services as planning
from ownway.planning.tests.factories import draft_plan

pytestmark = pytest.mark.django_db
D = Decimal
#: Working age: £300 a week counted, less the Minimum Income Guarantee for a single person aged 25 to pension
#: age (£112.50 in 2025/26), leaves what the person could pay (£187.50).
WORKING_AGE = Circumstances(age=40, weekly_cost_of_care=D("120.00"), incomes=(Income(IncomeKind.OTHER, D("300")),))
PLAN_STARTS = dt.date(2026, 4, 20)


@pytest.fixture
def could_pay(finance_officer):
    """What the person could pay under the rules in force when the plan starts, with the one figure it uses
    confirmed by the council (a letter never goes with an unconfirmed figure)."""
    record = rule_set_for(on=PLAN_STARTS)
    mig = record.figures["mig_single_25_to_pension_age"]
    charging_rule_set_save(
        actor=finance_officer, year=record.year, starts_on=record.starts_on,
        figures={"mig_single_25_to_pension_age": mig},
    )  # fmt: skip
    return D(300) - D(mig)


@pytest.fixture
def person(person):
    person.date_of_birth = dt.date(1986, 1, 15)  # 40 when the plan starts: the working-age figures apply
    person.save()
    return person


@pytest.fixture
def assessed(finance_officer, person, could_pay):
    """A financial assessment made before the plan, against the indicative budget of £120 a week."""
    person.email, person.letters_by = "ada@example.com", "email"
    person.save()
    year = rule_set_for(on=PLAN_STARTS).year
    fa = financial_assessment_record(actor=finance_officer, person=person, circumstances=WORKING_AGE, year=year)
    assert fa.weekly_contribution == D("120.00")  # no more than the cost of care
    run_queued()
    mail.outbox.clear()
    return fa


def _approve(worker, manager, person, **options):
    _plan, version = draft_plan(worker, person, **options)
    planning.plan_submit(actor=worker, version=version)
    return planning.plan_approve(actor=manager, version=version, reasons="Meets the outcomes")


def test_approving_a_plan_works_the_contribution_out_again_from_its_cost_and_tells_the_person(
    social_worker, team_manager, person, assessed, could_pay, citizen_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        budget = _approve(social_worker, team_manager, person)
    assert budget.total_weekly == D("310.21")  # 20 PA hours £301.71 and the choir £8.50 (the family's lift is free)
    fa = FinancialAssessment.objects.get(person=person, status=AssessmentStatus.CURRENT)
    assert fa.reason == AssessmentReason.COST_OF_CARE
    assert fa.supersedes == assessed
    assert fa.weekly_cost_of_care == D("310.21")
    assert fa.circumstances["weekly_cost_of_care"] == "310.21"
    assert fa.weekly_contribution == could_pay  # £187.50 in 2025/26: what they can pay, now below the cost
    assert budget.contribution_weekly == could_pay
    assert budget.council_weekly == D("310.21") - could_pay
    cost = CostOfCare.objects.get(person=person)
    assert (cost.weekly, cost.charges_from, cost.status) == (D("310.21"), PLAN_STARTS, "assessed")
    assert cost.financial_assessment == fa
    assert AuditEvent.objects.filter(action="charging.cost_of_care_set", person=person).exists()
    # The person is told, by the way they chose: what changed, and from when.
    letter = Letter.objects.get(person=person, about="What you pay has changed")
    assert letter.page == f"/money/{fa.pk}/"
    run_queued()
    (message,) = mail.outbox
    assert message.to == ["ada@example.com"]
    page = citizen_client.get(f"/money/{fa.pk}/").content.decode()
    assert "Your care costs £310.21 a week" in page
    assert f"from 20 April 2026 you pay £{could_pay} a week" in page
    assert "you paid £120.00 a week" in page
    assert "£120.00 a week; the council pays the rest" not in page


def test_a_changed_plan_changes_the_contribution_again(social_worker, team_manager, person, assessed):
    plan, version = draft_plan(social_worker, person)
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Good")
    second = planning.plan_version_start(actor=social_worker, plan=plan)
    pa_line = second.lines.get(kind="pa_hours")
    planning.plan_line_update(
        actor=social_worker, line=pa_line, outcome=pa_line.outcome, kind="unpaid", description="Mary helps me up",
        provider_name="Mary (sister)",
    )  # fmt: skip
    planning.plan_version_update(
        actor=social_worker, version=second, starts_on=dt.date(2026, 6, 1), reason_for_difference="Choir only",
        confirm_start=True,
    )  # fmt: skip
    planning.plan_submit(actor=social_worker, version=second)
    budget = planning.plan_approve(actor=social_worker, version=second, reasons="Ada needs less help now")
    fa = FinancialAssessment.objects.get(person=person, status=AssessmentStatus.CURRENT)
    assert fa.weekly_cost_of_care == D("8.50")
    assert fa.weekly_contribution == D("8.50")
    assert budget.contribution_weekly == D("8.50")
    latest = CostOfCare.objects.filter(person=person).first()
    assert latest.charges_from == dt.date(2026, 6, 1)


def test_with_no_financial_assessment_the_person_waits_for_the_finance_team_with_the_day_charging_starts(
    social_worker, team_manager, person, finance_officer, could_pay
):
    _approve(social_worker, team_manager, person)
    cost = CostOfCare.objects.get(person=person)
    assert cost.status == CostOfCareStatus.WAITING
    assert cost.charges_from == dt.date(2026, 4, 20)
    assert cost.weekly == D("310.21")
    assert not FinancialAssessment.objects.filter(person=person).exists()
    # The finance officer's assessment then charges against the plan's cost, whatever was typed.
    fa = financial_assessment_record(
        actor=finance_officer, person=person, circumstances=dataclasses.replace(WORKING_AGE, weekly_cost_of_care=D(1)),
        year=rule_set_for(on=PLAN_STARTS).year,
    )  # fmt: skip
    assert fa.weekly_cost_of_care == D("310.21")
    assert fa.weekly_contribution == could_pay
    cost.refresh_from_db()
    assert cost.status == CostOfCareStatus.ASSESSED
    assert cost.financial_assessment == fa
    assert Letter.objects.filter(person=person, about="What you pay towards your care").exists()


def test_free_support_is_not_charged_for(social_worker, team_manager, person, assessed):
    """Reablement and small equipment are free (Charging Regulations reg 3): nothing chargeable, nothing to pay."""
    plan = planning.support_plan_start(actor=social_worker, person=person)
    version = plan.versions.get()
    outcome = planning.plan_outcome_add(actor=social_worker, version=version, own_words="Walk to the shops again")
    planning.plan_line_add(
        actor=social_worker, outcome=outcome, kind="service", description="Reablement visits", unit="visit",
        unit_cost=D("25.00"), units=D(7), management="council_managed", service_type="Short Term Support: ST-Max",
        service_component="Reablement",
    )  # fmt: skip
    planning.plan_line_add(
        actor=social_worker, outcome=outcome, kind="equipment", description="A perching stool", unit="item",
        unit_cost=D("60.00"), units=D(1), frequency="one_off", management="council_managed",
    )  # fmt: skip
    planning.plan_version_update(
        actor=social_worker, version=version, risks="Falls", contingency="Call the team",
        reason_for_difference="Short-term help", starts_on=dt.date(2026, 4, 20), confirm_start=True,
    )  # fmt: skip
    planning.plan_submit(actor=social_worker, version=version)
    budget = planning.plan_approve(actor=social_worker, version=version, reasons="Reablement first")
    cost = CostOfCare.objects.get(person=person)
    assert cost.weekly == D("0.00")
    assert "Reablement visits" in cost.explanation
    assert "reg 3" in cost.explanation
    fa = FinancialAssessment.objects.get(person=person, status=AssessmentStatus.CURRENT)
    assert fa.weekly_contribution == D("0.00")
    assert budget.contribution_weekly == D("0.00")


def test_an_unconfirmed_figure_holds_the_letter_for_the_finance_team(
    social_worker, team_manager, person, finance_officer
):
    pensioner = Circumstances(
        age=70, weekly_cost_of_care=D("120"), incomes=(Income(IncomeKind.STATE_PENSION, D("300")),)
    )
    person.date_of_birth = dt.date(1956, 1, 15)  # 70 when the plan starts
    person.letters_by, person.email = "email", "ada@example.com"
    person.save()
    record = rule_set_for(on=PLAN_STARTS)
    charging_rule_set_save(
        actor=finance_officer, year=record.year, starts_on=record.starts_on,
        figures={"unconfirmed": {**record.figures["unconfirmed"], "mig_single_pension_age": "Not yet confirmed"}},
    )  # fmt: skip
    first = financial_assessment_record(
        actor=finance_officer, person=person, circumstances=pensioner, year=rule_set_for(on=PLAN_STARTS).year
    )
    assert first.warnings  # the pension-age figure is not confirmed
    assert not Letter.objects.filter(person=person).exists()  # so its letter did not go either
    _approve(social_worker, team_manager, person)
    cost = CostOfCare.objects.get(person=person)
    assert cost.status == CostOfCareStatus.TO_CHECK
    fa = FinancialAssessment.objects.get(person=person, status=AssessmentStatus.CURRENT)
    assert fa.weekly_cost_of_care == D("310.21")  # the money is right at once ...
    assert not Letter.objects.filter(person=person).exists()  # ... but no letter goes with an unconfirmed figure


def test_only_someone_who_may_act_for_the_person_sets_their_cost_of_care(
    citizen, person, other_team_person, social_worker
):
    for actor, who in ((citizen, person), (social_worker, other_team_person)):
        with pytest.raises(PermissionDenied):
            cost_of_care_set(actor=actor, person=who, weekly=D(10), charges_from=dt.date(2026, 4, 20), source="x")
    with pytest.raises(ValidationError, match="£0 or more"):
        cost_of_care_set(
            actor=social_worker, person=person, weekly=D(-1), charges_from=dt.date(2026, 4, 20), source="x"
        )
    assert not CostOfCare.objects.exists()
