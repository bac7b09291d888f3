"""A placement's goals, their progress at reviews, and work or volunteering taken up, counted."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services, services_outcomes
from ownway.dayops.models import GoalProgress, GoalStatus, PlacementReview
from ownway.dayops.selectors_outcomes import employment_outcomes_report
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()
START = TODAY - dt.timedelta(days=90)


@pytest.fixture
def placement(worker, person, centre):
    return services.placement_make(actor=worker, person=person, service=centre, days=["MO", "WE"],
                                   session="full_day", starts_on=START)  # fmt: skip


def _goal(worker, placement, kind="independent_travel", words="Catch the 50 bus to the centre on my own"):
    return services_outcomes.placement_goal_set(
        actor=worker, placement=placement, kind=kind, own_words=words, set_on=START
    )


def test_goals_get_progress_in_the_persons_words_and_a_scale(worker, placement):
    travel = _goal(worker, placement)
    friends = _goal(worker, placement, "friendships", "Have a friend to go to the pictures with")
    first = services_outcomes.placement_review_record(
        actor=worker, placement=placement, reviewed_on=START + dt.timedelta(days=42),
        progress={travel.pk: (2, "I went with Sam twice"), friends.pk: (3, "I met Priya")},
    )  # fmt: skip
    services_outcomes.placement_review_record(
        actor=worker, placement=placement, reviewed_on=TODAY, progress={travel.pk: (5, "I go on my own now")}
    )
    travel.refresh_from_db()
    friends.refresh_from_db()
    assert (travel.status, friends.status) == (GoalStatus.ACHIEVED, GoalStatus.OPEN)
    assert [p.scale_text for p in GoalProgress.objects.filter(goal=travel)] == ["Achieved", "Just started"]
    assert first.progress.get(goal=friends).own_words == "I met Priya"
    assert AuditEvent.objects.filter(action="dayops.placement_reviewed", person=placement.person).count() == 2


def test_a_bad_review_names_each_mistake_and_saves_nothing(worker, placement, team):
    goal = _goal(worker, placement)
    other = services.placement_make(actor=worker, person=PersonFactory(team=team), service=placement.service,
                                    days=["TU"], session="morning", starts_on=START)  # fmt: skip
    theirs = _goal(worker, other)
    with pytest.raises(ValidationError) as refused:
        services_outcomes.placement_review_record(
            actor=worker, placement=placement, reviewed_on=START - dt.timedelta(days=1),
            progress={goal.pk: (6, "  "), theirs.pk: (3, "Fine")},
        )  # fmt: skip
    errors = refused.value.message_dict
    assert errors["reviewed_on"] == [
        f"The review cannot be before the placement started, {START.day} {START:%B} {START.year}"
    ]
    assert errors["progress"] == ["A goal reviewed is not one this placement is working towards"]
    assert errors[f"scale_{goal.pk}"] == [
        "Choose how far they have got with “Catch the 50 bus to the centre on my own”"
    ]
    assert errors[f"words_{goal.pk}"][0].startswith("Write what they say about")
    with pytest.raises(ValidationError) as refused:
        services_outcomes.placement_review_record(actor=worker, placement=placement, reviewed_on=TODAY, progress={})
    assert refused.value.message_dict == {"progress": ["Record the progress of at least one goal"]}
    assert not PlacementReview.objects.exists()


def test_only_the_persons_workers_record_outcomes(placement):
    for role in (Role.BROKER, Role.FINANCE_OFFICER, Role.CITIZEN, Role.COMMISSIONER):
        with pytest.raises(PermissionDenied):
            _goal(UserFactory(role=role, team=None), placement)


def test_employment_outcomes_are_counted_with_their_hours(worker, placement, team, centre):
    commissioner = UserFactory(role=Role.COMMISSIONER)
    other = services.placement_make(actor=worker, person=PersonFactory(team=team), service=centre, days=["TU"],
                                    session="morning", starts_on=START)  # fmt: skip
    record = services_outcomes.employment_outcome_record
    record(actor=worker, placement=placement, kind="paid", role="Café assistant", hours_per_week=Decimal("12.5"),
           starts_on=START + dt.timedelta(days=10))  # fmt: skip
    record(actor=worker, placement=placement, kind="voluntary", role="Charity shop", hours_per_week=Decimal(4),
           starts_on=START)  # fmt: skip
    record(actor=worker, placement=other, kind="voluntary", role="Park ranger helper", hours_per_week=Decimal(3),
           starts_on=START, ends_on=START + dt.timedelta(days=20))  # fmt: skip
    report = employment_outcomes_report(user=commissioner, starts_on=START, ends_on=TODAY)
    paid, voluntary = report.rows
    assert (paid.label, paid.started, paid.started_people, paid.current, paid.current_hours) == (
        "Paid work", 1, 1, 1, Decimal("12.5"))  # fmt: skip
    assert (voluntary.started, voluntary.started_people, voluntary.current, voluntary.current_people) == (2, 2, 1, 1)
    assert voluntary.current_hours == Decimal("4.0")
    assert report.people_in_work == 1
    earlier = employment_outcomes_report(user=commissioner, starts_on=START, ends_on=START + dt.timedelta(days=5))
    assert [r.current for r in earlier.rows] == [0, 2]
    with pytest.raises(PermissionDenied):
        employment_outcomes_report(user=UserFactory(role=Role.PROVIDER), starts_on=START, ends_on=TODAY)


def test_bad_work_is_refused(worker, placement):
    with pytest.raises(ValidationError) as refused:
        services_outcomes.employment_outcome_record(
            actor=worker, placement=placement, kind="gig", role="", hours_per_week=Decimal(200),
            starts_on=TODAY + dt.timedelta(days=1), ends_on=TODAY,
        )  # fmt: skip
    assert refused.value.message_dict == {
        "kind": ["Choose paid work or voluntary work"],
        "role": ["Say what they do and where"],
        "hours_per_week": ["Hours a week must be more than 0 and no more than 168"],
        "starts_on": ["The date they started must be today or in the past"],
        "ends_on": ["The date it ended must be on or after the date they started"],
    }


def test_a_worker_reviews_goals_on_the_pages(worker, placement):
    client = Client()
    client.force_login(worker)
    url = reverse("dayops:placement", kwargs={"pk": placement.pk})
    today = {"set_on-day": TODAY.day, "set_on-month": TODAY.month, "set_on-year": TODAY.year}
    response = client.post(url, {"kind": "volunteering", "own_words": "Help at the food bank"} | today)
    assert response.status_code == 302
    goal = placement.goals.get()
    review = reverse("dayops:placement_review", kwargs={"pk": placement.pk})
    response = client.post(review, {"reviewed_on-day": TODAY.day, "reviewed_on-month": TODAY.month,
                                    "reviewed_on-year": TODAY.year, f"scale_{goal.pk}": "3"})  # fmt: skip
    assert "Write what they say about “Help at the food bank”" in response.content.decode()
    response = client.post(review, {"reviewed_on-day": TODAY.day, "reviewed_on-month": TODAY.month,
                                    "reviewed_on-year": TODAY.year, f"scale_{goal.pk}": "3",
                                    f"words_{goal.pk}": "I sorted tins on Tuesday"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "3 of 5: Getting there" in page
    assert "“I sorted tins on Tuesday”" in page
    work = reverse("dayops:placement_work", kwargs={"pk": placement.pk})
    response = client.post(work, {"kind": "paid", "role": "Kitchen porter", "hours_per_week": "16",
                                  "starts_on-day": TODAY.day, "starts_on-month": TODAY.month,
                                  "starts_on-year": TODAY.year})  # fmt: skip
    assert response.status_code == 302
    table = client.get(reverse("dayops:employment")).content.decode()
    assert "16.0" in table
    assert "1 person was in paid or voluntary work" in table
