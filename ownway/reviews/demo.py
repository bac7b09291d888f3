"""The demo city's reviews: the demo citizen's plan, approved by ``planning.demo``, has its first review
scheduled; here their carer has asked for an earlier one, so a worker finds a review to hold on their list now.
The demo citizen has proposed changes to their plan online: one waits for their worker, one was agreed (taken to
the review their carer asked for) and one explained. In the demo citizen's team, four more people have a plan of
help at home: one whose first review is overdue, and three whose reviews were held, each with one of the
decisions beyond the plan (enablement tried first, an occupational therapy assessment asked for, and the support
ended). Everything is made through the services: a few dozen records, so the demo takes no longer to build."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ownway.accounts.models import Team, User
from ownway.accounts.roles import Role, TeamKind
from ownway.people.models import Person
from ownway.planning.demo import approved_plan_for_demo
from ownway.planning.models import PlanStatus, SupportPlan

from .decisions import DecisionDetails
from .models import PlanProposal, Review, ReviewStatus
from .services import ReviewRecord, review_record, review_request
from .services_proposals import plan_proposal_answer, plan_proposal_make


def generate_reviews(*, today: dt.date | None = None) -> list[str]:
    """Ask for an unplanned review of the demo citizen's plan (their carer finds the mornings hard), due in 10
    days; what was made, as lines."""
    today = today or timezone.localdate()
    citizen = User.objects.filter(username="citizen", role=Role.CITIZEN, person__isnull=False).first()
    plan = (
        SupportPlan.objects.filter(person=citizen.person, versions__status=PlanStatus.APPROVED).first()
        if citizen is not None
        else None
    )
    if plan is None:
        return ["No reviews made (the demo citizen has no approved plan)"]
    review_request(
        actor=plan.worker,
        plan=plan,
        reason="carer",
        note="Their carer rang: the mornings are getting harder, and they would like to talk about more help.",
        due_on=today + dt.timedelta(days=10),
        today=today,
    )
    planned = Review.objects.filter(plan=plan, status=ReviewStatus.OPEN, reason="planned").first()
    lines = [
        "Reviews: the demo citizen's carer asked for a review, due in 10 days"
        + (f"; the plan's first planned review is due by {planned.due_on:%-d %B %Y}" if planned else "")
    ]
    assert citizen is not None  # the plan found above is theirs
    lines += _proposals(citizen, plan.person_id, plan.worker, today)
    lines += _held(plan.person, today)
    return lines


def _proposals(citizen: User, person_id: int, worker: User, today: dt.date) -> list[str]:
    """The demo citizen's ideas for their plan: one waiting, one agreed (into the review their carer asked for),
    one explained."""
    waiting = "I would like to try swimming on Friday mornings, with my PA"
    agreed = "I want to go to choir on Tuesday nights as well as Saturdays"
    explained = "I want my PA to be paid more"
    for words in (agreed, explained, waiting):
        plan_proposal_make(actor=citizen, kind="outcome" if words != explained else "other", words=words)
    proposals = {p.words: p for p in PlanProposal.objects.filter(person_id=person_id)}
    plan_proposal_answer(actor=worker, proposal=proposals[agreed], agree=True, next_step="review", today=today,
                         reply="Yes: we will talk about choir at the review your carer asked for.")  # fmt: skip
    plan_proposal_answer(
        actor=worker, proposal=proposals[explained], agree=False, today=today,
        reply="Your PA's pay is set by the rate the council pays for all PAs, £12.60 an hour. If you cannot find a PA "
        "at that rate, tell me and we will look at it together.",
    )  # fmt: skip
    return ["The demo citizen's ideas for their plan: one waiting for their worker, one agreed and one explained"]


def _held(citizen: Person, today: dt.date) -> list[str]:
    """Four people in the demo citizen's team with a plan of help at home: one first review overdue, and three
    reviews held with each decision beyond the plan."""
    team_id = citizen.team_id
    if team_id is None:
        return ["No reviews held in the demo (the demo citizen has no team)"]
    worker = User.objects.filter(role=Role.SOCIAL_WORKER, team_id=team_id).order_by("pk").first()
    manager = User.objects.filter(role=Role.TEAM_MANAGER, team_id=team_id).order_by("pk").first()
    enablement = Team.objects.filter(kind=TeamKind.ENABLEMENT, is_active=True).order_by("pk").first()
    therapy = Team.objects.filter(kind=TeamKind.OCCUPATIONAL_THERAPY, is_active=True).order_by("pk").first()
    people = list(
        Person.objects.filter(team_id=team_id, date_of_death__isnull=True, support_plans__isnull=True,
                              caring_for__isnull=True, carers__isnull=True)
        .exclude(pk=citizen.pk)
        .order_by("pk")[:4]
    )  # fmt: skip
    if worker is None or manager is None or enablement is None or therapy is None or len(people) < 4:
        return ["No reviews held in the demo (too few people, or no enablement or occupational therapy team)"]
    overdue, enabled, assessed, ended = people
    approved_plan_for_demo(worker, manager, overdue, starts_on=today - dt.timedelta(days=90))
    held_on = today - dt.timedelta(days=7)
    decisions = (
        (enabled, "enablement", DecisionDetails(
            team_id=enablement.pk,
            referral_reason="Getting up is slower since a chest infection: six weeks of enablement to rebuild "
            "confidence before any more help is added")),
        (assessed, "ot_assessment", DecisionDetails(
            team_id=therapy.pk,
            referral_reason="Struggling with the bath and the stairs: equipment may help before more care")),
        (ended, "end_support", DecisionDetails(
            ends_on=today + dt.timedelta(days=14), end_reason="self_funding",
            end_note="Sold the house and now arranges and pays for the help at home")),
    )  # fmt: skip
    for person, decision, details in decisions:
        plan = approved_plan_for_demo(worker, manager, person, starts_on=today - dt.timedelta(days=70))
        review = Review.objects.filter(plan=plan, status=ReviewStatus.OPEN).order_by("due_on", "pk").first()
        if review is None:
            continue
        record = ReviewRecord(
            held_on=held_on, method="person_and_carer",
            progress={o.pk: ("partly", "Mornings are still hard") for o in plan.versions.get().outcomes.all()},
            working="The same carers come each morning", not_working="Getting in and out of the bath",
            carer_view="Their daughter would like the mornings to start a little later", needs_changed=True,
            decision=decision, decision_reasons="Agreed with the person at the review",
            details=details,
        )  # fmt: skip
        review_record(actor=worker, review=review, record=record, today=today)
    return [
        f"Reviews in {worker.team.name if worker.team else 'the team'}: {overdue.full_name}'s first review overdue; "
        f"reviews held that tried enablement first ({enabled.full_name}), asked for an occupational therapy "
        f"assessment ({assessed.full_name}) and ended the support ({ended.full_name})"
    ]
