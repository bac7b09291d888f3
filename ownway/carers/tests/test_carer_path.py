"""A carer's whole journey through the same apps as anyone's: offered an assessment, assessed, found eligible,
given a budget and a carer's plan, approved, and paid as a direct payment. And a carer's plan or budget for
someone who cares for no one is refused, with nothing saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ownway.allocation.models import IndicativeBudget
from ownway.allocation.selectors import answers_from_assessment, ras_model_active
from ownway.allocation.services import indicative_budget_calculate
from ownway.assessments.models import AssessmentKind, AssessmentStatus
from ownway.assessments.services import (
    assessment_record_outcome,
    assessment_start,
    assessment_update,
    eligibility_determine,
)
from ownway.carers.services_offers import carer_assessment_offer_answer, carer_assessment_offer_make
from ownway.payments import services as payments
from ownway.payments.models import Payment
from ownway.people.services import caring_relationship_end
from ownway.people.tests.factories import PersonFactory
from ownway.planning import services as planning
from ownway.planning.models import SupportPlan

pytestmark = pytest.mark.django_db

STARTS = dt.date(2026, 4, 20)


@pytest.fixture(autouse=True)
def _bacs_dir(settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"


def _assessed_carer(worker, caring):
    """The carer accepts the offer; their assessment finds eligible needs (Care and Support (Eligibility Criteria)
    Regulations 2015 reg 3: needs from caring, unable to achieve recreation, significant impact on well-being)."""
    offer = carer_assessment_offer_make(
        actor=worker, relationship=caring, offered_on=timezone.localdate(), method="in_person"
    )
    offer = carer_assessment_offer_answer(
        actor=worker, offer=offer, answer="accepted", answered_on=timezone.localdate()
    )
    assessment = offer.assessment
    assessment_update(
        actor=worker,
        assessment=assessment,
        answers={
            "own_words": "I want a full night's sleep and an afternoon a week that is mine",
            "arises_from_providing_necessary_care": True,
            "health_deteriorating_or_at_risk": True,
            "significant_impact_on_wellbeing": True,
        },
    )
    assessment_record_outcome(actor=worker, assessment=assessment, outcome="recreation", unable_without_assistance=True)
    determination = eligibility_determine(actor=worker, assessment=assessment)
    assessment.refresh_from_db()
    return assessment, determination


def test_a_carer_goes_from_an_offer_to_a_direct_payment(social_worker, team_manager, finance_officer, caring, carer):
    assessment, determination = _assessed_carer(social_worker, caring)
    assert (assessment.kind, assessment.person) == (AssessmentKind.CARER, carer)
    assert (determination.eligible, assessment.status) == (True, AssessmentStatus.COMPLETED)

    _version, model = ras_model_active()
    answers = answers_from_assessment(model=model, assessment=assessment) | {"nights": "none", "carer": "managing"}
    budget = indicative_budget_calculate(actor=social_worker, person=carer, answers=answers, assessment=assessment)
    assert budget.person == carer

    plan = planning.support_plan_start(actor=social_worker, person=carer, assessment=assessment)
    version = plan.versions.get()
    assert version.indicative_budget == budget
    outcome = version.outcomes.get()
    planning.plan_line_add(
        actor=social_worker, outcome=outcome, kind="service", description="A break: sitting service on Wednesdays",
        provider_name="Crossroads Care", unit="hour", unit_cost=Decimal("19.50"), units=Decimal(3),
        frequency="weekly", management="direct_payment",
        service_type="Carer Support: Support involving the person cared-for",
        service_component="Direct Payment", timetable=["wed-afternoon"],
    )  # fmt: skip
    planning.plan_line_add(
        actor=social_worker, outcome=outcome, kind="service", description="Gym membership",
        provider_name="City Leisure",
        unit="month", unit_cost=Decimal("26.00"), units=Decimal(1), frequency="monthly", management="direct_payment",
        service_type="Carer Support: Direct to Carer", service_component="Direct Payment",
        timetable=["mon-evening"],
    )  # fmt: skip
    planning.plan_version_update(
        actor=social_worker, version=version, written_with="Mary, after her carer's assessment",
        risks="Exhaustion: checked at each review", contingency="If the sitter cannot come, another is sent",
        reason_for_difference="Costs less than the indicative budget", starts_on=STARTS, confirm_start=True,
    )  # fmt: skip
    version.refresh_from_db()
    planning.plan_submit(actor=social_worker, version=version)
    personal_budget = planning.plan_approve(actor=team_manager, version=version, reasons="Meets Mary's outcomes")
    assert personal_budget.person == carer

    agreement = payments.direct_payment_agreement_create(
        actor=social_worker, budget=personal_budget, recipient_name="Mary Somerville", account_name="M SOMERVILLE",
        sort_code="30-94-57", account_number="12345678", starts_on=STARTS, basis="net", agreed_on=STARTS,
    )  # fmt: skip
    # £19.50 × 3 = £58.50 a week, and £26 a month = £6.00 a week (× 12 ÷ 52); a carer pays no contribution here.
    rate = agreement.rates.get()
    assert rate.weekly_budget == Decimal("64.50")
    payments.payment_run(actor=finance_officer, as_of=STARTS)
    payment = Payment.objects.get(agreement=agreement)
    # The cycle starts on 6 April 2026; 14 of its 28 days are paid: two weeks of £64.50.
    assert payment.amount == Decimal("129.00")


def test_a_carers_plan_for_someone_who_cares_for_no_one_is_refused(social_worker, person, team):
    someone = PersonFactory(first_name="Sam", last_name="Jones", team=team)
    assessment = assessment_start(actor=social_worker, person=someone, kind=AssessmentKind.CARER)
    with pytest.raises(ValidationError) as error:
        planning.support_plan_start(actor=social_worker, person=someone, assessment=assessment)
    assert error.value.message_dict["assessment"] == [
        "A carer's plan is only for a carer, and Sam Jones is not recorded as caring for anyone now. Add the caring "
        "relationship on the record of the person they care for first"
    ]
    assert not SupportPlan.objects.filter(person=someone).exists()


def test_carer_support_in_the_plan_of_someone_who_cares_for_no_one_is_refused(social_worker, person):
    plan = planning.support_plan_start(actor=social_worker, person=person, indicative_budget_weekly=Decimal(100))
    outcome = planning.plan_outcome_add(actor=social_worker, version=plan.versions.get(), own_words="A break")
    with pytest.raises(ValidationError) as error:
        planning.plan_line_add(
            actor=social_worker, outcome=outcome, kind="service", description="Gym", provider_name="City Leisure",
            unit="week", unit_cost=Decimal(6), units=Decimal(1), management="direct_payment",
            service_type="Carer Support: Direct to Carer", service_component="Direct Payment",
        )  # fmt: skip
    assert "is only for a carer" in error.value.message_dict["service_type"][0]
    assert not outcome.lines.exists()


def test_a_carers_budget_once_caring_has_ended_is_refused(social_worker, caring, carer):
    assessment, _ = _assessed_carer(social_worker, caring)
    caring_relationship_end(actor=social_worker, relationship=caring, ended_on=timezone.localdate())
    _version, model = ras_model_active()
    answers = answers_from_assessment(model=model, assessment=assessment) | {"nights": "none", "carer": "managing"}
    with pytest.raises(ValidationError) as error:
        indicative_budget_calculate(actor=social_worker, person=carer, answers=answers, assessment=assessment)
    assert error.value.message_dict["assessment"][0].startswith("A carer's budget is only for a carer")
    assert not IndicativeBudget.objects.filter(person=carer).exists()
