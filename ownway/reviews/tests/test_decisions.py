"""What a review decides beyond the plan: enablement or occupational therapy tried first, with the referral made;
or the support ended, with the reason. Each with its CLD Event Outcome (the SALT LTS002 sequel)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.roles import Role, TeamKind
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.dayops import services as dayops
from ownway.dayops.tests.conftest import approved_day_line, day_centre
from ownway.enablement.models import Referral, ReferralSource, ReferralStatus
from ownway.payments.models import AgreementStatus
from ownway.payments.tests.factories import agreement_for
from ownway.people.models import Letter
from ownway.planning.models import BudgetStatus, PersonalBudget
from ownway.reviews.decisions import (
    DecisionDetails,
    enablement_referral_from_review,
    therapy_request_take,
    therapy_requests_for_user,
)
from ownway.reviews.models import Review, ReviewSequel, ReviewStatus, TherapyRequest, TherapyRequestStatus
from ownway.reviews.services import ReviewRecord, review_record

TODAY = dt.date(2026, 12, 5)
HELD = dt.date(2026, 6, 10)


def _record(version, decision, details, **changes):
    values = {
        "held_on": HELD, "method": "person", "progress": {o.pk: ("partly", "") for o in version.outcomes.all()},
        "working": "Ann is great", "not_working": "Mornings are hard", "needs_changed": True, "decision": decision,
        "decision_reasons": "Her mornings take longer since the fall", "details": details,
    }  # fmt: skip
    values.update(changes)
    return ReviewRecord(**values)


@pytest.fixture
def enablement_team(db):
    return TeamFactory(name="City enablement", kind=TeamKind.ENABLEMENT)


@pytest.fixture
def ot_team(db):
    return TeamFactory(name="Occupational therapy", kind=TeamKind.OCCUPATIONAL_THERAPY)


def test_trying_enablement_first_puts_a_referral_on_the_enablement_teams_list(
    approved, social_worker, enablement_team, team
):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    details = DecisionDetails(team_id=enablement_team.pk, referral_reason="Six weeks to relearn getting dressed")
    done = review_record(actor=social_worker, review=review, record=_record(version, "enablement", details),
                         today=TODAY)  # fmt: skip
    referral = Referral.objects.get()
    assert (referral.team, referral.source, referral.status, referral.received_on) == (
        enablement_team, ReferralSource.REVIEW, ReferralStatus.WAITING, HELD,
    )  # fmt: skip
    assert referral.reason == "Six weeks to relearn getting dressed"
    assert done.sequel.enablement_referral == referral
    # NHS England's Event Outcome hierarchy: "Progress to Reablement/ST-Max".
    assert done.cld_event_outcome == "Progress to Reablement/ST-Max"
    # The plan carries on meanwhile: its next planned review is set.
    assert Review.objects.get(plan=plan, status=ReviewStatus.OPEN).due_on == dt.date(2027, 6, 10)


def test_the_review_path_does_not_let_a_worker_record_enablement_referrals_otherwise(
    approved, social_worker, enablement_team
):
    plan, _version = approved
    review = Review.objects.get(plan=plan)
    review.status = ReviewStatus.DONE
    with pytest.raises(PermissionDenied, match="only from a review you are holding"):
        enablement_referral_from_review(
            actor=social_worker, review=review, team=enablement_team, reason="x", received_on=HELD
        )
    review.status = ReviewStatus.OPEN
    outsider = UserFactory(username="elsewhere", role=Role.SOCIAL_WORKER, team=TeamFactory(name="Far away"))
    with pytest.raises(PermissionDenied):
        enablement_referral_from_review(
            actor=outsider, review=review, team=enablement_team, reason="x", received_on=HELD
        )
    assert not Referral.objects.exists()


def test_an_occupational_therapy_assessment_lands_on_the_ot_teams_list(approved, social_worker, ot_team):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    details = DecisionDetails(team_id=ot_team.pk, referral_reason="A perching stool and rails may do it")
    done = review_record(actor=social_worker, review=review, record=_record(version, "ot_assessment", details),
                         today=TODAY)  # fmt: skip
    request = TherapyRequest.objects.get()
    assert (request.person_id, request.team, request.status, request.review) == (
        plan.person_id, ot_team, TherapyRequestStatus.WAITING, done,
    )  # fmt: skip
    assert done.cld_event_outcome == "Progress to Assessment"
    therapist = UserFactory(username="otto", role=Role.OCCUPATIONAL_THERAPIST, team=ot_team)
    assert list(therapy_requests_for_user(user=therapist)) == [request]
    # A therapist of another team neither sees it nor takes it on.
    other = UserFactory(username="olga", role=Role.OCCUPATIONAL_THERAPIST, team=TeamFactory(name="OT South"))
    assert list(therapy_requests_for_user(user=other)) == []
    with pytest.raises(PermissionDenied):
        therapy_request_take(actor=other, request=request)
    taken = therapy_request_take(actor=therapist, request=request)
    assert (taken.status, taken.taken_by) == (TherapyRequestStatus.TAKEN, therapist)
    assert list(therapy_requests_for_user(user=therapist)) == []
    assert list(therapy_requests_for_user(user=therapist, mine=True)) == [request]
    with pytest.raises(ValidationError, match="taken this request on already"):
        therapy_request_take(actor=therapist, request=request)


def test_a_referral_needs_a_team_of_the_right_kind_and_a_reason(approved, social_worker, ot_team):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    details = DecisionDetails(team_id=ot_team.pk, referral_reason=" ")
    with pytest.raises(ValidationError) as refused:
        review_record(actor=social_worker, review=review, record=_record(version, "enablement", details), today=TODAY)
    assert refused.value.message_dict == {
        "team": ["Choose an enablement team to refer to"],
        "referral_reason": ["Say what the referral should look at"],
    }
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN
    assert not Referral.objects.exists()
    assert not ReviewSequel.objects.exists()


def test_ending_support_ends_the_budget_direct_payment_and_day_placement_and_tells_the_person(
    social_worker, team_manager, person
):
    person.named_worker = social_worker
    person.save(update_fields=["named_worker"])
    agreement = agreement_for(social_worker, team_manager, person)
    plan = agreement.budget.version.plan
    version = agreement.budget.version
    review = Review.objects.get(plan=plan)
    details = DecisionDetails(ends_on=dt.date(2026, 6, 30), end_reason="nhs_funded", end_note="Continuing care")
    done = review_record(
        actor=social_worker, review=review, today=TODAY,
        record=_record(version, "end_support", details, decision_reasons="The NHS now funds all her care"),
    )  # fmt: skip
    budget = PersonalBudget.objects.get(version__plan=plan)
    assert (budget.status, budget.ends_on) == (BudgetStatus.ENDED, dt.date(2026, 6, 30))
    agreement.refresh_from_db()
    assert (agreement.status, agreement.ends_on) == (AgreementStatus.ENDED, dt.date(2026, 6, 30))
    assert agreement.end_reason == "The NHS now pays for all of the person's care: Continuing care"
    # NHS England's Event Outcome list: value 13.
    assert done.cld_event_outcome == "NFA - 100% NHS funded care"
    assert done.next_review_on is None
    assert not Review.objects.filter(plan=plan, status=ReviewStatus.OPEN).exists()
    letter = Letter.objects.get(person=person, about="Your support is ending")
    assert done.sequel.letter == letter
    assert letter.pdf.endswith(f"/my-review/ending/{done.sequel.pk}/letter.pdf")


def test_ending_support_ends_the_day_placements_the_plan_pays_for(social_worker, team_manager, person):
    worker, manager = social_worker, team_manager
    line = approved_day_line(worker, manager, person)
    centre = day_centre()
    placement = dayops.placement_make(actor=worker, person=person, service=centre, days=["MO"], session="full_day",
                                      starts_on=dt.date(2026, 4, 20), plan_line=line)  # fmt: skip
    review = Review.objects.get(plan=line.version.plan)
    details = DecisionDetails(ends_on=dt.date(2026, 7, 31), end_reason="declined")
    done = review_record(actor=worker, review=review, today=TODAY,
                         record=_record(line.version, "end_support", details))  # fmt: skip
    placement.refresh_from_db()
    assert placement.ends_on == dt.date(2026, 7, 31)
    assert done.cld_event_outcome == "NFA - Support declined"


def test_ending_support_is_refused_with_a_clear_reason_and_nothing_saved(approved, social_worker):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    cases = [
        (DecisionDetails(ends_on=dt.date(2026, 6, 1), end_reason="declined"),
         {"ends_on": ["The support cannot end before the review, on 10 June 2026"]}),
        (DecisionDetails(ends_on=dt.date(2026, 7, 1), end_reason=""),
         {"end_reason": ["Choose why the support is ending"]}),
        (DecisionDetails(ends_on=dt.date(2026, 7, 1), end_reason="other", end_note=""),
         {"end_note": ["Say why the support is ending"]}),
        (DecisionDetails(end_reason="declined"), {"ends_on": ["Enter the last day of the support"]}),
    ]  # fmt: skip
    for details, expected in cases:
        with pytest.raises(ValidationError) as refused:
            review_record(actor=social_worker, review=review, record=_record(version, "end_support", details),
                          today=TODAY)  # fmt: skip
        assert refused.value.message_dict == expected
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN
    assert PersonalBudget.objects.get(version__plan=plan).status == BudgetStatus.CURRENT
    assert not Letter.objects.filter(about="Your support is ending").exists()


def test_no_letter_when_the_support_ends_because_the_person_died(approved, social_worker, person):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    details = DecisionDetails(ends_on=dt.date(2026, 6, 12), end_reason="died")
    done = review_record(actor=social_worker, review=review, record=_record(version, "end_support", details),
                         today=TODAY)  # fmt: skip
    assert done.cld_event_outcome == "NFA - Deceased"
    assert done.sequel.letter is None
    assert not Letter.objects.filter(person=person, about="Your support is ending").exists()
