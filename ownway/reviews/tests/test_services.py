"""Scheduling, asking for and recording reviews of support plans."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.assessments.models import Assessment, AssessmentStatus
from ownway.core.workflow import TransitionRefused
from ownway.planning import services as planning
from ownway.planning.models import PlanStatus
from ownway.reviews.models import OutcomeProgress, Review, ReviewStatus
from ownway.reviews.services import ReviewRecord, review_record, review_request

TODAY = dt.date(2026, 12, 5)


def _record(version, **changes):
    progress = {o.pk: ("partly", "Getting there") for o in version.outcomes.all()}
    values = {
        "held_on": dt.date(2026, 6, 10), "method": "person_and_carer", "progress": progress, "working": "Ann is great",
        "not_working": "Mornings are rushed", "carer_view": "Mary is managing", "needs_changed": False,
        "decision": "no_change", "decision_reasons": "The plan works",
    }  # fmt: skip
    values.update(changes)
    return ReviewRecord(**values)


def test_approving_a_plan_puts_its_first_review_on_the_list(approved):
    plan, _version = approved
    review = Review.objects.get(plan=plan)
    assert (review.reason, review.status) == ("planned", ReviewStatus.OPEN)
    assert (review.opens_on, review.due_on) == (dt.date(2026, 6, 1), dt.date(2026, 6, 15))
    assert review.due_explanation.startswith("The plan started on 20 April 2026")
    assert review.cld_review_reason == "Planned"


def test_a_new_version_brings_the_planned_review_forward_never_back(approved, social_worker, team_manager):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    review_record(actor=social_worker, review=review, record=_record(version), today=TODAY)
    annual = Review.objects.get(plan=plan, status=ReviewStatus.OPEN)
    assert annual.due_on == dt.date(2027, 6, 10)
    draft = planning.plan_version_start(actor=social_worker, plan=plan)
    planning.plan_version_update(actor=social_worker, version=draft, starts_on=TODAY)
    planning.plan_submit(actor=social_worker, version=draft)
    planning.plan_approve(actor=team_manager, version=draft, reasons="More help in the mornings")
    annual.refresh_from_db()
    assert annual.due_on == TODAY + dt.timedelta(weeks=8)
    assert Review.objects.filter(plan=plan, status=ReviewStatus.OPEN).count() == 1


def test_a_review_held_records_each_outcome_and_sets_the_next(approved, social_worker):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    outcomes = list(version.outcomes.order_by("position"))
    progress = {outcomes[0].pk: ("achieved", "I am up by ten most days"), outcomes[1].pk: ("not_yet", "")}
    done = review_record(actor=social_worker, review=review, record=_record(version, progress=progress), today=TODAY)
    assert (done.status, done.decision, done.version_id) == (ReviewStatus.DONE, "no_change", version.pk)
    assert done.cld_event_outcome == "No change in package"
    assert [(p.outcome_id, p.progress, p.own_words) for p in OutcomeProgress.objects.filter(review=done)] == [
        (outcomes[0].pk, "achieved", "I am up by ten most days"),
        (outcomes[1].pk, "not_yet", ""),
    ]
    assert done.next_review_on == dt.date(2027, 6, 10)
    with pytest.raises(TransitionRefused, match="is now 'Held', so you cannot record it"):
        review_record(actor=social_worker, review=review, record=_record(version), today=TODAY)


def test_changing_the_plan_starts_a_new_version_and_reassessing_starts_an_assessment(approved, social_worker):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    done = review_record(
        actor=social_worker, review=review, today=TODAY,
        record=_record(version, decision="new_version", decision_reasons="Mornings need more time"),
    )  # fmt: skip
    assert done.new_version.status == PlanStatus.DRAFT
    assert done.new_version.number == 2
    assert done.cld_event_outcome == "Progress to Support Planning / Services"
    unplanned = review_request(
        actor=social_worker, plan=plan, reason="hospital", note="Ada fell and was in hospital for a week",
        due_on=TODAY + dt.timedelta(days=7), today=TODAY,
    )  # fmt: skip
    assert (unplanned.opens_on, unplanned.cld_review_reason) == (
        TODAY,
        "Unplanned - Hospital (Planned and unplanned episodes)",
    )
    reassessed = review_record(
        actor=social_worker, review=unplanned, today=TODAY,
        record=_record(version, held_on=TODAY, needs_changed=True, decision="reassess",
                       decision_reasons="She needs help at night now"),
    )  # fmt: skip
    assessment = Assessment.objects.get(pk=reassessed.assessment_id)
    assert (assessment.status, assessment.assessor_id) == (AssessmentStatus.IN_PROGRESS, social_worker.pk)
    # The open planned review moved to the date this review set, so there is still exactly one on the list.
    planned = Review.objects.get(plan=plan, status=ReviewStatus.OPEN)
    assert planned.due_on == dt.date(2027, 12, 5)


def test_bad_reviews_are_refused_with_a_reason_and_nothing_saved(approved, social_worker):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    cases = [
        ({"held_on": dt.date(2026, 4, 1)}, "held_on", "on or after the plan started, on 20 April 2026"),
        ({"held_on": TODAY + dt.timedelta(days=1)}, "held_on", "today or in the past"),
        ({"progress": {}}, f"progress_{version.outcomes.first().pk}", "Say how far this has come"),
        ({"needs_changed": True}, "decision", "Needs have changed"),
        ({"next_review_on": dt.date(2027, 8, 1)}, "next_review_on", "more than 12 months away"),
        ({"working": " "}, "working", "Say what is working"),
        ({"working": "x" * 5001}, "working", "5,000 characters or fewer"),
        ({"method": "telepathy"}, "method", "Say who took part"),
        ({"decision": "cut_the_budget"}, "decision", "Choose what the review decided"),
    ]
    for changes, field, message in cases:
        with pytest.raises(ValidationError) as caught:
            review_record(actor=social_worker, review=review, record=_record(version, **changes), today=TODAY)
        assert message in " ".join(caught.value.message_dict[field]), (changes, caught.value.message_dict)
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN
    assert not OutcomeProgress.objects.exists()
    with pytest.raises(ValidationError) as caught:
        review_request(actor=social_worker, plan=plan, reason="planned", note="", due_on=TODAY, today=TODAY)
    assert set(caught.value.message_dict) == {"reason", "note"}
    with pytest.raises(ValidationError, match="between today and 90 days"):
        review_request(actor=social_worker, plan=plan, reason="carer", note="Mary is ill",
                       due_on=TODAY + dt.timedelta(days=91), today=TODAY)  # fmt: skip


def test_only_workers_who_see_the_person_hold_their_reviews(approved, broker, other_team):
    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import UserFactory

    plan, version = approved
    review = Review.objects.get(plan=plan)
    stranger = UserFactory(username="elsewhere", role=Role.SOCIAL_WORKER, team=other_team)
    for actor in (broker, stranger):
        with pytest.raises(PermissionDenied):
            review_record(actor=actor, review=review, record=_record(version), today=TODAY)
        with pytest.raises(PermissionDenied):
            review_request(actor=actor, plan=plan, reason="carer", note="x", due_on=TODAY, today=TODAY)


def test_every_plan_in_force_gets_its_planned_review_once(approved, social_worker):
    from ownway.reviews.services import planned_reviews_refresh

    plan, version = approved
    Review.objects.all().delete()  # a plan approved before reviews were kept
    assert planned_reviews_refresh() == 1
    first = Review.objects.get(plan=plan)
    assert first.due_on == dt.date(2026, 6, 15)
    assert planned_reviews_refresh() == 0
    review_record(actor=social_worker, review=first, record=_record(version), today=TODAY)
    Review.objects.filter(status=ReviewStatus.OPEN).delete()
    assert planned_reviews_refresh() == 1
    assert Review.objects.get(plan=plan, status=ReviewStatus.OPEN).due_on == dt.date(2027, 6, 10)
    plan.person.date_of_death = TODAY
    plan.person.save(update_fields=["date_of_death"])
    Review.objects.filter(status=ReviewStatus.OPEN).delete()
    assert planned_reviews_refresh() == 0


def test_the_demo_asks_for_a_review_of_the_demo_citizens_plan(approved, citizen):
    from ownway.reviews.demo import generate_reviews

    plan, _version = approved
    lines = generate_reviews(today=TODAY)
    asked = Review.objects.get(plan=plan, reason="carer")
    assert (asked.due_on, asked.opens_on) == (TODAY + dt.timedelta(days=10), TODAY)
    assert lines[0] == ("Reviews: the demo citizen's carer asked for a review, due in 10 days; the plan's first "
                        "planned review is due by 15 June 2026")  # fmt: skip
