"""Writing reviews: scheduling them, asking for one, and recording one held (Care Act 2014 s.27)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.assessments.models import AssessmentKind
from ownway.assessments.services import assessment_start
from ownway.core.dates import format_date
from ownway.core.followers import Follower
from ownway.core.text import too_long
from ownway.core.workflow import transition
from ownway.people.models import Person
from ownway.planning.followers import PlanApproved
from ownway.planning.models import BudgetStatus, PersonalBudget, PlanStatus, PlanVersion, SupportPlan
from ownway.planning.services import plan_version_start

from . import events
from .decisions import DecisionDetails, check_details, decision_follow
from .followers import REVIEW_HELD, ReviewHeld
from .models import OutcomeProgress, Review, ReviewMethod, ReviewStatus, SelfReview, SelfReviewStatus
from .permissions import ReviewAction, user_can_for
from .rules import Progress, ReviewDecision, ReviewDue, ReviewReason, ReviewRules, check_next_review, first_review
from .rules import next_review as next_review_due

REVIEW = "review"
#: The longest text a worker may write in any one box of a review.
TEXT_LIMIT = 5000
#: How far ahead an unplanned review may be due (it was asked for because something changed).
UNPLANNED_WITHIN_DAYS = 90


def review_rules() -> ReviewRules:
    """The council's review timings, from the settings (``OWNWAY_REVIEW_*``)."""
    return ReviewRules(
        first_from_weeks=settings.OWNWAY_REVIEW_FIRST_FROM_WEEKS,
        first_by_weeks=settings.OWNWAY_REVIEW_FIRST_BY_WEEKS,
        interval_months=settings.OWNWAY_REVIEW_INTERVAL_MONTHS,
        notice_days=settings.OWNWAY_REVIEW_NOTICE_DAYS,
    )


def _planned(plan_id: int, person_id: int, due: ReviewDue) -> Review:
    return Review(
        person_id=person_id,
        plan_id=plan_id,
        reason=ReviewReason.PLANNED,
        due_on=due.due_on,
        opens_on=due.opens_on,
        due_explanation=due.explanation[:300],
    )


def first_reviews_schedule(*, actor: User | None, changes: Sequence[PlanApproved]) -> list[Review]:
    """Each newly approved plan (or change to a plan) gets its first review 6 to 8 weeks after it starts
    (guidance chapter 13): a new planned review, or the plan's planned review still to hold brought forward to
    it (never put back: a review already due sooner stays). In the approving transaction, a few queries for
    any number of plans."""
    if not changes:
        return []
    rules = review_rules()
    latest = {change.plan_id: change for change in changes}
    open_planned = {
        review.plan_id: review
        for review in Review.objects.select_for_update().filter(
            plan_id__in=latest, status=ReviewStatus.OPEN, reason=ReviewReason.PLANNED
        )
    }
    new, moved = [], []
    for plan_id, change in latest.items():
        due = first_review(change.starts_on, rules)
        review = open_planned.get(plan_id)
        if review is None:
            new.append(_planned(plan_id, change.person_id, due))
        elif due.due_on < review.due_on:
            review.due_on, review.opens_on, review.due_explanation = due.due_on, due.opens_on, due.explanation[:300]
            moved.append(review)
    Review.objects.bulk_create(new)
    Review.objects.bulk_update(moved, ["due_on", "opens_on", "due_explanation"])
    for review in [*new, *moved]:
        audit_record(
            actor=actor, action=events.REVIEW_SCHEDULED, subject=review, person=Person(pk=review.person_id),
            new={"plan": review.plan_id, "due_on": review.due_on.isoformat(), "reason": review.reason},
        )  # fmt: skip
    return [*new, *moved]


def _first_reviews(actor: User | None, changes: Sequence[PlanApproved]) -> None:
    first_reviews_schedule(actor=actor, changes=changes)


#: Reviews follow an approved plan (registered in ``ReviewsConfig.ready()``).
FIRST_REVIEW: Follower[PlanApproved] = Follower(name="reviews.first_review", follow=_first_reviews)


def _require(actor: User, action: ReviewAction, person: object, message: str) -> None:
    if not user_can_for(actor, action, person):  # type: ignore[arg-type]
        raise PermissionDenied(message)


def _text(errors: dict[str, list[str]], name: str, value: str, label: str, *, required: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        errors.setdefault(name, []).append(required)
    elif problem := too_long(value, TEXT_LIMIT, label):
        errors.setdefault(name, []).append(problem)
    return value


def review_request(
    *, actor: User, plan: SupportPlan, reason: str, note: str, due_on: dt.date, today: dt.date | None = None
) -> Review:
    """Ask for an unplanned review of a plan (Care Act 2014 s.27(1)(b): a review on a reasonable request by or
    for the person or their carer), with the significant event that led to it (CLD Review Reason) and what
    happened; due by ``due_on`` (today to 90 days on), and on the worklists at once."""
    _require(actor, ReviewAction.HOLD, plan.person, "You cannot ask for a review of this person's plan")
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if reason not in ReviewReason.__members__.values() or reason == ReviewReason.PLANNED:
        errors["reason"] = ["Choose what happened that means the plan needs a review"]
    note = _text(errors, "note", note, "What happened", required="Say what happened, and who asked for the review")
    if not today <= due_on <= today + dt.timedelta(days=UNPLANNED_WITHIN_DAYS):
        errors["due_on"] = [f"The review must be due between today and {UNPLANNED_WITHIN_DAYS} days from today"]
    if not plan.versions.filter(status=PlanStatus.APPROVED).exists():
        errors.setdefault("__all__", []).append("This plan has no approved version to review yet")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = Review.objects.create(
            person=plan.person,
            plan=plan,
            reason=reason,
            request_note=note,
            due_on=due_on,
            opens_on=today,
            due_explanation=f"Asked for on {format_date(today)}: due by {format_date(due_on)}.",
            requested_by=actor,
        )
        audit_record(
            actor=actor, action=events.REVIEW_REQUESTED, subject=review, person=plan.person,
            new={"reason": reason, "due_on": due_on.isoformat()},
        )  # fmt: skip
    return review


@dataclass
class ReviewRecord:
    """What a worker records of a review held: how far each outcome of the plan has come (``progress``, by the
    outcome's id: the progress and the person's words), what is working and not, the carer's view, whether
    needs have changed, what it decided and why, and when the next review is."""

    held_on: dt.date
    method: str
    progress: Mapping[int, tuple[str, str]]
    working: str
    not_working: str
    needs_changed: bool | None
    decision: str
    decision_reasons: str
    next_review_on: dt.date | None = None
    next_review_reason: str = ""
    carer_view: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    #: What a decision beyond the plan needs: a team to refer to, or when and why the support ends.
    details: DecisionDetails = field(default_factory=DecisionDetails)


def reviewed_version(plan: SupportPlan) -> PlanVersion | None:
    """The version of the plan a review looks at: the approved one."""
    return plan.versions.filter(status=PlanStatus.APPROVED).order_by("-number").first()


def review_record(*, actor: User, review: Review, record: ReviewRecord, today: dt.date | None = None) -> Review:
    """Record a review held: a strengths-based conversation about each outcome of the plan, then a decision.

    * The review is dated on or after the reviewed version started, and not in the future.
    * Every outcome of the plan gets its progress (achieved, partly, not yet, no longer wanted), with the
      person's words.
    * If needs have changed, the plan cannot simply carry on: a review is not a reassessment, and a plan is not
      cut or grown without one (guidance chapter 13) — the decision is to assess again or change the plan.
    * **Keep the plan**: the next planned review is set (by default the council's interval, at most 12 months;
      later only with a reason). **Change the plan**: a new draft version is started for the worker to write
      with the person (the first review of the change follows its approval). **Assess again**: a needs
      assessment is started, on the worker's list. **Try enablement, or an occupational therapy assessment,
      before increasing support**: the referral is made, on the enablement or occupational therapy team's list.
      Each way the next planned review is set too, so the person never drops off the list.
    * **End the support**, from a last day no earlier than the review, with the reason: the budget, direct
      payments and day placements end then, the reviews still to hold are not needed, and the person is told by
      letter (:mod:`.decisions`). No next review is set.
    * Held reviews keep their CLD Review Reason and Event Outcome for the statutory returns (SALT LTS002).
    """
    _require(actor, ReviewAction.HOLD, review, "You cannot record a review of this person's plan")
    today = today or timezone.localdate()
    rules = review_rules()
    version = reviewed_version(review.plan)
    errors: dict[str, list[str]] = {}
    if version is None:
        raise ValidationError({"__all__": ["This plan has no approved version to review"]})
    if record.held_on > today:
        errors["held_on"] = ["The review must be dated today or in the past"]
    elif version.starts_on and record.held_on < version.starts_on:
        errors["held_on"] = [f"The review must be on or after the plan started, on {format_date(version.starts_on)}"]
    if record.method not in ReviewMethod.values:
        errors["method"] = ["Say who took part in the review"]
    outcomes = list(version.outcomes.order_by("position", "pk"))
    for outcome in outcomes:
        given = record.progress.get(outcome.pk)
        if given is None or given[0] not in Progress.__members__.values():
            errors.setdefault(f"progress_{outcome.pk}", []).append(
                f"Say how far this has come: {outcome.own_words[:80]}"
            )
        elif problem := too_long(given[1], TEXT_LIMIT, "What the person said"):
            errors.setdefault(f"progress_{outcome.pk}", []).append(problem)
    unknown = set(record.progress) - {outcome.pk for outcome in outcomes}
    if unknown:
        errors.setdefault("__all__", []).append("Progress was given for an outcome that is not in this plan")
    working = _text(errors, "working", record.working, "What is working", required="Say what is working")
    not_working = _text(errors, "not_working", record.not_working, "What is not working")
    carer_view = _text(errors, "carer_view", record.carer_view, "The carer's view")
    if record.needs_changed is None:
        errors["needs_changed"] = ["Say whether the person's needs have changed"]
    if record.decision not in ReviewDecision.__members__.values():
        errors["decision"] = ["Choose what the review decided"]
    elif record.decision == ReviewDecision.NO_CHANGE and record.needs_changed:
        errors["decision"] = ["Needs have changed: assess them again or change the plan, rather than keep it as it is"]
    reasons = _text(errors, "decision_reasons", record.decision_reasons, "Why", required="Say why")
    ending = record.decision == ReviewDecision.END_SUPPORT
    next_on: dt.date | None = None
    next_reason = _text(errors, "next_review_reason", record.next_review_reason, "Why the next review is later")
    if ending:
        if record.next_review_on is not None:
            errors["next_review_on"] = ["The support is ending: leave the next review empty"]
    else:
        next_on = record.next_review_on or next_review_due(record.held_on, rules).due_on
        if "held_on" not in errors and (problem := check_next_review(record.held_on, next_on, next_reason, rules)):
            errors["next_review_on"] = [problem]
    if "held_on" not in errors and "decision" not in errors:
        errors.update(check_details(record.decision, record.held_on, record.details))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(review, allowed_from=[ReviewStatus.OPEN], action="record it", what=REVIEW)
        if record.decision == ReviewDecision.NEW_VERSION:
            review.new_version = plan_version_start(actor=actor, plan=review.plan)
        elif record.decision == ReviewDecision.REASSESS:
            review.assessment = assessment_start(
                actor=actor, person=review.plan.person, kind=AssessmentKind.NEEDS, started_on=record.held_on
            )
        decision_follow(
            actor=actor, review=review, decision=record.decision, held_on=record.held_on, details=record.details
        )
        review.version = version
        review.held_on = record.held_on
        review.method = record.method
        review.working, review.not_working, review.carer_view = working, not_working, carer_view
        review.needs_changed = record.needs_changed
        review.decision, review.decision_reasons = record.decision, reasons
        review.next_review_on, review.next_review_reason = next_on, next_reason
        review.reviewer = actor
        review.status = ReviewStatus.DONE
        review.completed_at = timezone.now()
        review.save()
        OutcomeProgress.objects.bulk_create(
            OutcomeProgress(
                review=review, outcome=outcome, progress=record.progress[outcome.pk][0],
                own_words=record.progress[outcome.pk][1].strip(),
            )
            for outcome in outcomes
        )  # fmt: skip
        if next_on is not None:
            _next_planned(review, record.held_on, next_on, rules)
        audit_record(
            actor=actor, action=events.REVIEW_HELD, subject=review, person=review.plan.person,
            new={"decision": record.decision, "held_on": record.held_on.isoformat(),
                 "next_review_on": next_on.isoformat() if next_on else None},
        )  # fmt: skip
        held = ReviewHeld(person_id=review.person_id, review_id=review.pk, held_on=record.held_on,
                          decision=record.decision)  # fmt: skip
        REVIEW_HELD.tell(actor=actor, changes=[held])
    return review


def _next_planned(review: Review, held_on: dt.date, next_on: dt.date, rules: ReviewRules) -> None:
    """After a review, the plan's next planned review is due ``next_on``: the open planned one (when an unplanned
    review was held) is moved to it, or a new one made (when the planned one was held)."""
    due = ReviewDue(
        due_on=next_on,
        opens_on=next_on - dt.timedelta(days=rules.notice_days),
        first=False,
        explanation=f"Set at the review of {format_date(held_on)}: due by {format_date(next_on)}.",
    )
    planned = (
        Review.objects.select_for_update()
        .filter(plan_id=review.plan_id, status=ReviewStatus.OPEN, reason=ReviewReason.PLANNED)
        .first()
    )
    if planned is None:
        _planned(review.plan_id, review.person_id, due).save()
    else:
        planned.due_on, planned.opens_on, planned.due_explanation = due.due_on, due.opens_on, due.explanation[:300]
        planned.save(update_fields=["due_on", "opens_on", "due_explanation"])


@dataclass
class SelfReviewAnswers:
    """What the person says before their review: for each outcome of their plan (by id) how it is going and
    in their words; what is working, what is not, and what has changed."""

    outcomes: Mapping[int, tuple[str, str]]
    working: str = ""
    not_working: str = ""
    changed: str = ""


def self_review_save(*, actor: User, review: Review, answers: SelfReviewAnswers, send: bool = False) -> SelfReview:
    """Save the person's own answers to their coming review (as often as they like, until they send them), and
    with ``send`` send them to their worker: then every outcome needs an answer. Once sent, they are kept as
    sent; the worker sees them beside the review."""
    if not user_can_for(actor, ReviewAction.OWN, review):
        raise PermissionDenied("You can answer only your own review")
    version = reviewed_version(review.plan)
    outcomes = {o.pk for o in version.outcomes.all()} if version else set()
    errors: dict[str, list[str]] = {}
    if set(answers.outcomes) - outcomes:
        errors["__all__"] = ["An answer was given for something that is not in your plan"]
    for outcome_id, (progress, words) in answers.outcomes.items():
        if progress and progress not in Progress.__members__.values():
            errors.setdefault(f"progress_{outcome_id}", []).append("Choose one of the answers")
        if problem := too_long(words, TEXT_LIMIT, "What you say"):
            errors.setdefault(f"words_{outcome_id}", []).append(problem)
        if send and not progress:
            errors.setdefault(f"progress_{outcome_id}", []).append("Choose how this is going")
    for outcome_id in outcomes - set(answers.outcomes):
        if send:
            errors.setdefault(f"progress_{outcome_id}", []).append("Choose how this is going")
    texts = {}
    for name, label in (("working", "What is working"), ("not_working", "What is not working"),
                        ("changed", "What has changed")):  # fmt: skip
        texts[name] = _text(errors, name, getattr(answers, name), label)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        transition(review, allowed_from=[ReviewStatus.OPEN], action="answer it", what=REVIEW)
        own, _ = SelfReview.objects.select_for_update().get_or_create(review=review)
        if own.status == SelfReviewStatus.SENT:
            raise ValidationError({"__all__": ["You have sent your answers already: your worker has them"]})
        own.answers = {
            "outcomes": {str(k): {"progress": p, "words": w.strip()} for k, (p, w) in answers.outcomes.items()},
            **texts,
        }
        if send:
            own.status = SelfReviewStatus.SENT
            own.sent_at = timezone.now()
        own.save()
        audit_record(
            actor=actor, action=events.SELF_REVIEW_SENT if send else events.SELF_REVIEW_SAVED, subject=own,
            person=review.plan.person,
        )  # fmt: skip
    return own


#: How many new planned reviews are written at once when every plan is looked at.
REFRESH_BATCH = 5000


def planned_reviews_refresh() -> int:
    """Make sure every plan in force has its planned review to hold: the nightly safety net, and how plans
    approved before reviews were kept here get theirs.

    A plan with a current personal budget (an approved version in force), whose person is alive, and with no
    planned review open gets one: the first review of the version (6 to 8 weeks after it started) if no review
    has been held since it started, else the next after the last one held (12 months on). Reviews already on
    the lists are left as they are. Returns how many were written (a plan that another refresh running at the
    same moment gave one is skipped by the database, so none is made twice).

    A few queries whatever the number of plans: the plans needing one, with their budget's start and last
    review held, are read in one query and written in batches.
    """
    rules = review_rules()
    current = PersonalBudget.objects.filter(version__plan=OuterRef("pk"), status=BudgetStatus.CURRENT).order_by(
        "-starts_on"
    )
    last_held = (
        Review.objects.filter(plan=OuterRef("pk"), status=ReviewStatus.DONE).order_by("-held_on").values("held_on")
    )
    open_planned = Review.objects.filter(plan=OuterRef("pk"), status=ReviewStatus.OPEN, reason=ReviewReason.PLANNED)
    rows = (
        SupportPlan.objects.filter(person__date_of_death__isnull=True)
        .annotate(starts_on=Subquery(current.values("starts_on")[:1]), last_held=Subquery(last_held[:1]))
        .filter(starts_on__isnull=False)
        .exclude(Exists(open_planned))
        .values_list("pk", "person_id", "starts_on", "last_held")
        .order_by("pk")
        .iterator(chunk_size=REFRESH_BATCH)
    )
    made = 0
    batch: list[tuple[int, int, ReviewDue]] = []
    for plan_id, person_id, starts_on, held in rows:
        due = next_review_due(held, rules) if held is not None and held >= starts_on else first_review(starts_on, rules)
        batch.append((person_id, plan_id, due))
        if len(batch) == REFRESH_BATCH:
            made += _write_planned(batch)
            batch = []
    return made + _write_planned(batch)


def _write_planned(batch: list[tuple[int, int, ReviewDue]]) -> int:
    """Write new planned reviews in one statement; a plan that another transaction gave one meanwhile is left
    alone (the one-open-planned-review constraint: ``ON CONFLICT DO NOTHING``), so two refreshes running at once
    make none twice.

    Written with only the columns a new review has (the rest are the columns' empty defaults): Django's
    ``bulk_create`` prepares all 27 columns of every row in Python, 80% of the time of a refresh of 100,000
    plans."""
    if not batch:
        return 0
    columns = ("person_id", "plan_id", "reason", "due_on", "opens_on", "due_explanation", "status", "created_at")
    empty = ("request_note", "working", "not_working", "carer_view", "decision", "decision_reasons",
             "next_review_reason", "method")  # fmt: skip
    quote = connection.ops.quote_name
    now = timezone.now()
    # The names are the model's own, quoted; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(Review._meta.db_table)} ({', '.join(quote(c) for c in columns + empty)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * (len(columns) + len(empty)))}) ON CONFLICT DO NOTHING"
    )
    blanks = [""] * len(empty)
    rows: list[tuple[int | str | dt.date | dt.datetime, ...]] = [
        (person_id, plan_id, ReviewReason.PLANNED.value, due.due_on, due.opens_on, due.explanation[:300],
         ReviewStatus.OPEN.value, now, *blanks)
        for person_id, plan_id, due in batch
    ]  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(batch)
