"""The demo city has carers' assessments and carers' plans at every stage."""

import pytest

from ownway.accounts.models import User
from ownway.assessments.models import AssessmentKind, AssessmentStatus
from ownway.carers.demo_offers import generate_carers_support
from ownway.carers.models import CarerAssessmentOffer, ContingencyPlanVersion, OfferAnswer
from ownway.carers.selectors_offers import carers_not_offered_for_user
from ownway.payments.models import DirectPaymentAgreement
from ownway.people.demo.builder import generate_city
from ownway.planning.demo import generate_plans
from ownway.planning.models import PlanStatus, PlanVersion, SupportPlan

pytestmark = pytest.mark.django_db


def test_every_stage_of_a_carers_support_is_in_the_demo_city(settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path
    generate_city(people=300, seed=5)
    generate_plans()
    lines = generate_carers_support()
    assert len(lines) >= 4, lines
    offers = CarerAssessmentOffer.objects.all()
    # Offered and waiting; declined with a reason; accepted with the assessment in progress or done.
    assert offers.filter(answer=OfferAnswer.WAITING).count() >= 2
    assert all(o.declined_reason for o in offers.filter(answer=OfferAnswer.DECLINED))
    assert offers.filter(answer=OfferAnswer.DECLINED).exists()
    accepted = offers.filter(answer=OfferAnswer.ACCEPTED).select_related("assessment")
    assert {o.assessment.kind for o in accepted} == {AssessmentKind.CARER}
    assert {o.assessment.status for o in accepted} == {AssessmentStatus.IN_PROGRESS, AssessmentStatus.COMPLETED}
    # The demo carer's plan waits for approval; another carer's plan is approved and paid as a direct payment.
    carer = User.objects.get(username="carer").person
    assert PlanVersion.objects.filter(plan__person=carer, status=PlanStatus.AWAITING_APPROVAL).exists()
    assert offers.get(carer=carer).answer == OfferAnswer.ACCEPTED
    # The demo carer's plan meets their carer's assessment, done and eligible.
    carers_plan = SupportPlan.objects.get(person=carer)
    assert carers_plan.assessment == offers.get(carer=carer).assessment
    assert carers_plan.assessment.status == AssessmentStatus.COMPLETED
    paid = DirectPaymentAgreement.objects.exclude(person=User.objects.get(username="citizen").person).get()
    assert paid.person.caring_for.filter(ended_on__isnull=True).exists()
    assert paid.payments.exists()
    assert ContingencyPlanVersion.objects.count() == 2
    # Never offered: the rest, on the worker's team's list.
    worker = User.objects.filter(role="social_worker", team=carer.team).order_by("pk").first()
    assert carers_not_offered_for_user(user=worker).exists()
