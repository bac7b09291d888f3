"""The demo city's reviews: held reviews with each decision beyond the plan, a first review overdue, and the
demo citizen's ideas for their plan at each stage."""

import pytest
from django.utils import timezone

from ownway.accounts.models import User
from ownway.enablement.models import Referral
from ownway.people.demo.builder import generate_city
from ownway.planning.demo import generate_plans
from ownway.planning.models import BudgetStatus, PersonalBudget
from ownway.reviews.demo import generate_reviews
from ownway.reviews.models import PlanProposal, ProposalStatus, Review, ReviewSequel, ReviewStatus, TherapyRequest

pytestmark = pytest.mark.django_db


def test_the_demo_holds_reviews_with_each_decision_and_has_proposals_at_each_stage(settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path
    today = timezone.localdate()
    generate_city(people=300, seed=5)
    generate_plans()
    lines = generate_reviews()
    assert len(lines) == 3, lines
    decisions = set(Review.objects.filter(status=ReviewStatus.DONE).values_list("decision", flat=True))
    assert decisions == {"enablement", "ot_assessment", "end_support"}
    assert Referral.objects.filter(source="review").count() == 1
    assert TherapyRequest.objects.count() == 1
    ended = ReviewSequel.objects.get(ends_on__isnull=False)
    assert ended.letter is not None
    budget = PersonalBudget.objects.get(version__plan=ended.review.plan)
    assert (budget.status, budget.ends_on) == (BudgetStatus.ENDED, ended.ends_on)
    assert budget.version.state_display(today).startswith("Approved, ending on")
    # A first review overdue, on the team's worklist.
    assert Review.objects.filter(status=ReviewStatus.OPEN, due_on__lt=today).exists()
    citizen = User.objects.get(username="citizen")
    statuses = sorted(PlanProposal.objects.filter(person=citizen.person).values_list("status", flat=True))
    assert statuses == sorted([ProposalStatus.OPEN, ProposalStatus.ACCEPTED, ProposalStatus.DECLINED])
    assert PlanProposal.objects.get(status=ProposalStatus.DECLINED).reply
