"""Tiers and progression reviews (Birmingham's draft day opportunities strategy, seed 000)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services
from ownway.dayops.models import ProgressionReview, TierDecision, TierDecisionKind, TierDecisionStatus
from ownway.dayops.selectors import reviews_due_counts, reviews_due_for_user
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()


def _enter(worker, person, on=TODAY - dt.timedelta(weeks=13), tier="enablement"):
    return services.tier_set(actor=worker, person=person, tier=tier, reason="Wants to cook again", decided_on=on)


def test_entering_enablement_sets_the_review_twelve_weeks_ahead(worker, person):
    decision = _enter(worker, person, on=dt.date(2026, 3, 2))
    assert decision.review_due == dt.date(2026, 5, 25)
    assert decision.kind == TierDecisionKind.ENTERED
    assert decision.decided_by == worker
    assert AuditEvent.objects.filter(action="dayops.tier_set", person=person).count() == 1


def test_the_council_sets_the_enablement_weeks(worker, person, settings):
    settings.OWNWAY_DAYOPS_ENABLEMENT_WEEKS = 8
    assert _enter(worker, person, on=dt.date(2026, 3, 2)).review_due == dt.date(2026, 4, 27)


def test_other_tiers_are_reviewed_on_the_date_given(worker, person):
    decision = services.tier_set(
        actor=worker, person=person, tier="specialist", reason="Dementia", decided_on=TODAY, review_due=None
    )
    assert decision.review_due is None
    with pytest.raises(ValidationError) as refused:
        services.tier_set(
            actor=worker, person=person, tier="personalised", reason="x", decided_on=TODAY, review_due=TODAY
        )
    assert "review date must be after" in str(refused.value)


def test_a_move_keeps_the_history(worker, person):
    first = _enter(worker, person)
    second = services.tier_set(actor=worker, person=person, tier="personalised", reason="Needs longer",
                               decided_on=TODAY)  # fmt: skip
    first.refresh_from_db()
    assert first.status == TierDecisionStatus.SUPERSEDED
    assert (second.kind, second.status) == (TierDecisionKind.MOVED, TierDecisionStatus.CURRENT)
    assert services.tier_current(person) == second
    assert TierDecision.objects.filter(person=person).count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"tier": "gold"}, "tier", "Choose a tier"),
        ({"reason": "  "}, "reason", "Say why"),
        ({"decided_on": TODAY + dt.timedelta(days=1)}, "decided_on", "today or in the past"),
    ],
)
def test_bad_tier_decisions_are_refused_and_nothing_saved(worker, person, changes, field, words):
    values = {"tier": "enablement", "reason": "Wants to cook", "decided_on": TODAY} | changes
    with pytest.raises(ValidationError) as refused:
        services.tier_set(actor=worker, person=person, **values)
    assert words in refused.value.message_dict[field][0]
    assert not TierDecision.objects.exists()


def test_the_same_tier_again_and_a_date_before_the_one_in_force_are_refused(worker, person):
    _enter(worker, person, on=TODAY - dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="already in Enablement"):
        _enter(worker, person, on=TODAY)
    with pytest.raises(ValidationError, match="on or after the decision in force"):
        _enter(worker, person, on=TODAY - dt.timedelta(days=20), tier="personalised")
    assert TierDecision.objects.count() == 1


def test_only_the_persons_workers_decide(worker, person, broker):
    other_team = UserFactory(role=Role.SOCIAL_WORKER, team=None)
    for actor in (other_team, broker):
        with pytest.raises(PermissionDenied):
            _enter(actor, person)
    assert not TierDecision.objects.exists()


def _review(worker, person, **changes):
    values = {
        "reviewed_on": TODAY,
        "outcomes_own_words": "I can get the bus to the library on my own now",
        "decision": "community",
        "reasons": "Goals met; wants the library's Tuesday group",
    } | changes
    return services.progression_review_record(actor=worker, person=person, **values)


def test_a_twelve_week_review_moves_them_on_to_community_options(worker, person):
    entered = _enter(worker, person)
    review = _review(worker, person)
    current = services.tier_current(person)
    assert (current.kind, current.tier, current.review_due) == (TierDecisionKind.LEFT, "", None)
    assert (review.reviewed, review.result) == (entered, current)
    assert review.outcomes_own_words.startswith("I can get the bus")
    assert AuditEvent.objects.filter(action="dayops.progression_reviewed", person=person).exists()
    with pytest.raises(ValidationError, match="not in a tier"):
        _review(worker, person)


def test_a_review_moves_them_to_another_tier(worker, person):
    _enter(worker, person)
    _review(worker, person, decision="move", tier="personalised", next_review_on=TODAY + dt.timedelta(days=180))
    current = services.tier_current(person)
    assert (current.tier, current.kind) == ("personalised", TierDecisionKind.MOVED)
    assert current.review_due == TODAY + dt.timedelta(days=180)


def test_a_stay_needs_the_next_review_date(worker, person):
    _enter(worker, person)
    with pytest.raises(ValidationError) as refused:
        _review(worker, person, decision="stay")
    assert refused.value.message_dict["next_review_on"] == ["Enter the date of the next review"]
    with pytest.raises(ValidationError, match="must be after"):
        _review(worker, person, decision="stay", next_review_on=TODAY)
    _review(worker, person, decision="stay", next_review_on=TODAY + dt.timedelta(weeks=6))
    current = services.tier_current(person)
    assert (current.tier, current.kind, current.review_due) == (
        "enablement", TierDecisionKind.STAYED, TODAY + dt.timedelta(weeks=6))  # fmt: skip
    assert ProgressionReview.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"decision": "maybe"}, "decision"),
        ({"outcomes_own_words": ""}, "outcomes_own_words"),
        ({"reasons": " "}, "reasons"),
        ({"reviewed_on": TODAY + dt.timedelta(days=1)}, "reviewed_on"),
        ({"reviewed_on": TODAY - dt.timedelta(weeks=20)}, "reviewed_on"),
        ({"decision": "move", "tier": "enablement"}, "tier"),
        ({"decision": "move", "tier": ""}, "tier"),
    ],
)
def test_bad_reviews_are_refused_and_nothing_saved(worker, person, changes, field):
    entered = _enter(worker, person)
    with pytest.raises(ValidationError) as refused:
        _review(worker, person, **changes)
    assert field in refused.value.message_dict
    assert services.tier_current(person) == entered
    assert not ProgressionReview.objects.exists()


def test_people_past_their_review_date_are_on_the_worker_and_team_worklists(worker, manager, person, team):
    _enter(worker, person)  # 13 weeks ago: the review was due a week ago
    colleague_case = PersonFactory(team=team, named_worker=manager)
    _enter(manager, colleague_case)
    not_yet = PersonFactory(team=team, named_worker=worker)
    _enter(worker, not_yet, on=TODAY)
    assert [d.person for d in reviews_due_for_user(user=worker, mine=True)] == [person]
    assert {d.person for d in reviews_due_for_user(user=manager, mine=False)} == {person, colleague_case}
    assert reviews_due_counts(user=worker) == (1, 2)
    assert reviews_due_counts(user=UserFactory(role=Role.BROKER)) is None
    _review(worker, person, decision="stay", next_review_on=TODAY + dt.timedelta(weeks=4))
    assert reviews_due_counts(user=worker) == (0, 1)
