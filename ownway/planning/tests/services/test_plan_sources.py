"""A plan takes its indicative budget from the RAS and its contribution from the financial assessment."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ownway.allocation.selectors import answers_from_assessment, ras_model_active
from ownway.allocation.services import indicative_budget_calculate
from ownway.allocation.tests.conftest import completed_assessment  # noqa: F401  (a fixture)
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
from ownway.charging.services import financial_assessment_record
from ownway.planning import services
from ownway.planning.tests.factories import draft_plan
from ownway.ui.jinja2 import govuk_date

pytestmark = pytest.mark.django_db
D = Decimal
PENSIONER = Circumstances(
    age=70,
    weekly_cost_of_care=D("300"),
    incomes=(Income(IncomeKind.STATE_PENSION, D("230.25")), Income(IncomeKind.PRIVATE_PENSION, D("60"))),
)


@pytest.fixture
def ras_budget(social_worker, person, completed_assessment):  # noqa: F811
    _version, model = ras_model_active()
    answers = answers_from_assessment(model=model, assessment=completed_assessment) | {
        "nights": "none",
        "carer": "managing",
    }
    return indicative_budget_calculate(
        actor=social_worker, person=person, answers=answers, assessment=completed_assessment
    )


@pytest.fixture
def money_assessment(finance_officer, person):
    return financial_assessment_record(actor=finance_officer, person=person, circumstances=PENSIONER, year="2025/26")


def _start(worker, person, **figures):
    plan = services.support_plan_start(actor=worker, person=person, **figures)
    return plan, plan.versions.get()


def test_plan_takes_the_latest_indicative_budget_and_current_assessment(
    social_worker, person, ras_budget, money_assessment
):
    _plan, version = _start(
        social_worker, person, indicative_budget_weekly=D("999.00"), indicative_budget_source="typed in",
        contribution_weekly=D("1.00"), contribution_source="typed in",
    )  # fmt: skip
    assert version.indicative_budget == ras_budget
    assert version.indicative_budget_weekly == ras_budget.weekly_amount == D("90.00")
    assert version.indicative_budget_source == (
        f"indicative budget of {govuk_date(ras_budget.calculated_at)} (RAS version 1)"
    )
    assert version.financial_assessment == money_assessment
    assert version.contribution_weekly == money_assessment.weekly_contribution
    assert version.contribution_source == f"financial assessment of {govuk_date(money_assessment.assessed_at)}"


def test_plain_figures_are_used_only_when_there_is_no_source(social_worker, person):
    _plan, version = _start(
        social_worker, person, indicative_budget_weekly=D("320.00"), indicative_budget_source="Agreed at assessment",
        contribution_weekly=D("45.00"), contribution_source="Estimate",
    )  # fmt: skip
    assert version.indicative_budget is None
    assert version.financial_assessment is None
    assert (version.indicative_budget_weekly, version.indicative_budget_source) == (D("320.00"), "Agreed at assessment")
    assert (version.contribution_weekly, version.contribution_source) == (D("45.00"), "Estimate")


def test_one_source_without_the_other(social_worker, person, money_assessment):
    _plan, version = _start(
        social_worker, person, indicative_budget_weekly=D("200.00"), indicative_budget_source="Agreed",
    )  # fmt: skip
    assert version.indicative_budget is None
    assert version.indicative_budget_weekly == D("200.00")
    assert version.financial_assessment == money_assessment


def test_a_new_version_takes_the_newest_sources(
    social_worker, team_manager, finance_officer, person, ras_budget, money_assessment
):
    plan, version = draft_plan(social_worker, person)
    assert version.financial_assessment == money_assessment
    services.plan_submit(actor=social_worker, version=version)
    services.plan_approve(actor=team_manager, version=version, reasons="Meets the outcomes")
    newer = financial_assessment_record(actor=finance_officer, person=person, circumstances=PENSIONER, year="2025/26")
    second = services.plan_version_start(actor=social_worker, plan=plan)
    assert second.financial_assessment == newer
    assert second.indicative_budget == ras_budget
    version.refresh_from_db()
    assert version.financial_assessment == money_assessment


def test_a_new_version_keeps_plain_figures_when_there_is_still_no_source(social_worker, team_manager, person):
    plan, version = draft_plan(social_worker, person, indicative="300.00")
    services.plan_submit(actor=social_worker, version=version)
    services.plan_approve(actor=team_manager, version=version, reasons="Meets the outcomes")
    second = services.plan_version_start(actor=social_worker, plan=plan)
    assert (second.indicative_budget_weekly, second.indicative_budget_source) == (
        D("300.00"), "Indicative budget agreed at assessment",
    )  # fmt: skip
    assert second.indicative_budget is None


def test_a_sourced_figure_cannot_be_typed_over(social_worker, person, ras_budget):
    _plan, version = _start(social_worker, person)
    with pytest.raises(ValidationError) as error:
        services.plan_version_update(actor=social_worker, version=version, indicative_budget_weekly=D("500.00"))
    assert "comes from the indicative budget of" in str(error.value)
    version.refresh_from_db()
    assert version.indicative_budget_weekly == D("90.00")
    services.plan_version_update(actor=social_worker, version=version, indicative_budget_weekly=D("90.00"))


def test_plan_page_shows_where_the_figures_came_from(social_worker_client, social_worker, person, ras_budget):
    page = social_worker_client.get(reverse("planning:person_plans", kwargs={"person_pk": person.pk}))
    text = page.content.decode()
    assert "The indicative budget will be £90.00 a week, from the indicative budget of" in text
    assert 'name="indicative_budget_weekly"' not in text
    assert 'name="contribution_weekly"' in text
    response = social_worker_client.post(
        reverse("planning:person_plans", kwargs={"person_pk": person.pk}), {"contribution_weekly": "0.00"}
    )
    assert response.status_code == 302
    page = social_worker_client.get(response.url)
    assert f"from the indicative budget of {govuk_date(ras_budget.calculated_at)} (RAS version 1)" in (
        page.content.decode()
    )


def test_the_api_says_where_the_figures_came_from(api_client, social_worker, person, ras_budget, money_assessment):
    plan, _version = _start(social_worker, person)
    body = api_client(social_worker).get(f"/api/v1/support-plans/{plan.pk}").json()
    assert body["indicative_budget_id"] == ras_budget.pk
    assert body["indicative_budget_weekly"] == "90.00"
    assert body["indicative_budget_source"].startswith("indicative budget of ")
    assert body["financial_assessment_id"] == money_assessment.pk
    assert body["contribution_source"].startswith("financial assessment of ")
