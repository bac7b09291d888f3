"""Reviews of care and support plans (Care Act 2014 s.27): scheduled, asked for, held and what they decided."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .rules import CLD_REVIEW_REASON, EndReason, Progress, ReviewDecision, ReviewReason, sequel


class ReviewStatus(models.TextChoices):
    OPEN = "open", "To hold"
    DONE = "done", "Held"
    #: Not held: a review ended the person's support first.
    CANCELLED = "cancelled", "Not needed: the support ended"


class ReasonChoices(models.TextChoices):
    """:class:`~.rules.ReviewReason`, in words for the worker."""

    PLANNED = ReviewReason.PLANNED.value, "Planned review"
    CHANGE_OF_NEED = ReviewReason.CHANGE_OF_NEED.value, "The person's needs have changed"
    HOSPITAL = ReviewReason.HOSPITAL.value, "A stay in hospital"
    CARER = ReviewReason.CARER.value, "The carer cannot carry on as before"
    SAFEGUARDING = ReviewReason.SAFEGUARDING.value, "A safeguarding concern"
    PROVIDER_FAILURE = ReviewReason.PROVIDER_FAILURE.value, "The provider could not carry on"
    COMPLAINT = ReviewReason.COMPLAINT.value, "A complaint"
    PERSON_ASKED = ReviewReason.PERSON_ASKED.value, "The person asked for a review"
    COMMISSIONING = ReviewReason.COMMISSIONING.value, "A change in how the support is arranged"
    OTHER = ReviewReason.OTHER.value, "Something else"


class DecisionChoices(models.TextChoices):
    """:class:`~.rules.ReviewDecision`, in words for the worker."""

    NO_CHANGE = ReviewDecision.NO_CHANGE.value, "Keep the plan as it is"
    NEW_VERSION = ReviewDecision.NEW_VERSION.value, "Change the plan: write a new version"
    REASSESS = ReviewDecision.REASSESS.value, "Needs have changed: assess them again"
    TRY_ENABLEMENT = ReviewDecision.TRY_ENABLEMENT.value, "Try enablement before increasing support"
    OT_ASSESSMENT = (
        ReviewDecision.OT_ASSESSMENT.value,
        "Ask for an occupational therapy assessment before increasing support",
    )
    END_SUPPORT = ReviewDecision.END_SUPPORT.value, "End the support"


class ProgressChoices(models.TextChoices):
    """:class:`~.rules.Progress`, in words for the person and the worker."""

    ACHIEVED = Progress.ACHIEVED.value, "Achieved"
    PARTLY = Progress.PARTLY.value, "Partly achieved"
    NOT_YET = Progress.NOT_YET.value, "Not yet"
    NOT_WANTED = Progress.NOT_WANTED.value, "No longer wanted"


class ReviewMethod(models.TextChoices):
    """Who took part: the CLD Method of Review (its full list is not published; these two are SALT's)."""

    PERSON = "person", "The person"
    PERSON_AND_CARER = "person_and_carer", "The person and their carer"


class Review(models.Model):
    """One review of a person's support plan: planned (the first 6 to 8 weeks after the plan starts, then at
    least every 12 months) or unplanned (asked for after a significant event), due by ``due_on`` and on the
    worklists from ``opens_on``; once held, what was said and what it decided."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="reviews")
    plan = models.ForeignKey("planning.SupportPlan", on_delete=models.PROTECT, related_name="reviews")
    reason = models.CharField(max_length=20, choices=ReasonChoices.choices)
    #: For an unplanned review, what happened (who asked, and why).
    request_note = models.TextField(blank=True)
    due_on = models.DateField()
    opens_on = models.DateField()
    due_explanation = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)

    #: The version of the plan that was reviewed (the one approved when the review was held).
    version = models.ForeignKey(
        "planning.PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    held_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=20, choices=ReviewMethod.choices, blank=True)
    working = models.TextField("what is working", blank=True)
    not_working = models.TextField("what is not working", blank=True)
    carer_view = models.TextField("the carer's view", blank=True)
    needs_changed = models.BooleanField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=DecisionChoices.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    #: What the next review date is and why, when it is further off than the council's interval.
    next_review_on = models.DateField(null=True, blank=True)
    next_review_reason = models.TextField(blank=True)
    #: What the decision started: a new version of the plan, or an assessment of the person's needs.
    new_version = models.ForeignKey(
        "planning.PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    #: When the person was told the review is coming (a letter, the way they chose), once it is on the lists.
    person_told_on = models.DateField(null=True, blank=True)

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            # One planned review to hold at a time: the next one is made when this one is held.
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="open", reason="planned"),
                name="review_one_open_planned_per_plan",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="review_open_due")]

    def __str__(self) -> str:
        return f"Review of plan {self.plan_id} due {self.due_on}"

    @property
    def unplanned(self) -> bool:
        return self.reason != ReviewReason.PLANNED

    @property
    def cld_review_reason(self) -> str:
        """The CLD Review Reason (R1) the statutory returns carry."""
        return CLD_REVIEW_REASON[ReviewReason(self.reason)]

    @property
    def cld_event_outcome(self) -> str:
        """The CLD Event Outcome (R1) of what the review decided: its SALT LTS002 sequel ("" until held), as
        recorded when it was held (:class:`ReviewSequel`), else worked out from the decision."""
        if not self.decision:
            return ""
        recorded = getattr(self, "sequel", None) if self.pk else None
        return recorded.cld_event_outcome if recorded is not None else sequel(ReviewDecision(self.decision))


class OutcomeProgress(models.Model):
    """How far one outcome of the plan had come at a review, in the person's words."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="progress")
    outcome = models.ForeignKey("planning.PlanOutcome", on_delete=models.PROTECT, related_name="progress")
    progress = models.CharField(max_length=20, choices=ProgressChoices.choices)
    own_words = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "outcome__position", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "outcome"], name="progress_once_per_outcome")]

    def __str__(self) -> str:
        return f"{self.outcome_id}: {self.progress}"


class SelfReviewStatus(models.TextChoices):
    DRAFT = "draft", "Being written"
    SENT = "sent", "Sent to the worker"


class SelfReview(models.Model):
    """The person's own answers to a review, written online before it is held (saved as they go) and sent to
    their worker, who reads them when recording the review."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="self_review")
    #: ``{"outcomes": {"<outcome id>": {"progress": …, "words": …}}, "working": …, "not_working": …,
    #: "changed": …}``
    answers = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=SelfReviewStatus.choices, default=SelfReviewStatus.DRAFT)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"The person's answers to review {self.review_id}"


# --- The person's proposals to change their plan (services_proposals.py) ------------------------------------------


class ProposalKind(models.TextChoices):
    """What the person proposes. A different day at a day service is not kept here: it is the day-opportunity
    request to change days (``ownway.dayops.services_citizen.day_change_request``)."""

    OUTCOME = "outcome", "Something new I want to achieve"
    PROVIDER = "provider", "A different person or organisation to support me"
    OTHER = "other", "Something else"


class ProposalStatus(models.TextChoices):
    OPEN = "open", "Waiting for your worker"
    ACCEPTED = "accepted", "Agreed"
    DECLINED = "declined", "Not agreed"


class ProposalNextStep(models.TextChoices):
    """What happens once a worker agrees a proposal."""

    NEXT_VERSION = "next_version", "Take it into a new version of the plan"
    REVIEW = "review", "Open a review of the plan, because the person asked"


class PlanProposal(models.Model):
    """A change the person proposes to their own support plan, in their words, and their worker's answer: agreed
    (and what happens next) or not (and why), which the person reads on their page and in a letter."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plan_proposals")
    plan = models.ForeignKey("planning.SupportPlan", on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    #: The part of the plan a change of provider is about (a line of the version in force when it was proposed).
    line = models.ForeignKey("planning.PlanLine", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    #: What the person wants, in their own words.
    words = models.TextField(max_length=2000)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    next_step = models.CharField(max_length=20, choices=ProposalNextStep.choices, blank=True)
    #: The worker's answer, in plain words the person reads.
    reply = models.TextField(max_length=2000, blank=True)
    #: What agreeing it started: the new version of the plan it is taken into, or the review opened.
    version = models.ForeignKey(
        "planning.PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review = models.ForeignKey(Review, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="proposal_status_created")]

    def __str__(self) -> str:
        return f"Proposal {self.pk} on plan {self.plan_id}: {self.status}"


# --- What a review decided, beyond the plan: a referral made, or the support ended ---------------------------


class EndReasonChoices(models.TextChoices):
    """:class:`~.rules.EndReason`, in words for the worker."""

    NO_ELIGIBLE_NEEDS = EndReason.NO_ELIGIBLE_NEEDS.value, "The person no longer has eligible needs"
    NHS_FUNDED = EndReason.NHS_FUNDED.value, "The NHS now pays for all of the person's care"
    SELF_FUNDING = EndReason.SELF_FUNDING.value, "The person now pays for and arranges their own care"
    DECLINED = EndReason.DECLINED.value, "The person does not want the support any more"
    MOVED_AWAY = EndReason.MOVED_AWAY.value, "The person has moved to another council's area"
    DIED = EndReason.DIED.value, "The person has died"
    OTHER = EndReason.OTHER.value, "Another reason"


class TherapyRequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for an occupational therapist"
    TAKEN = "taken", "Taken on by an occupational therapist"


class TherapyRequest(models.Model):
    """An occupational therapy assessment asked for by a review before the person's support is increased: on
    the occupational therapy team's list until a therapist takes it on."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="therapy_requests")
    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="therapy_request")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="therapy_requests")
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=TherapyRequestStatus.choices, default=TherapyRequestStatus.WAITING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taken_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["requested_on", "id"]
        indexes = [models.Index(fields=["team", "status"], name="therapy_request_team_status")]

    def __str__(self) -> str:
        return f"Occupational therapy assessment for person {self.person_id}"


class ReviewSequel(models.Model):
    """What a held review's decision led to, and the CLD Event Outcome it reports as (its SALT LTS002 sequel),
    kept as decided for the statutory returns: the enablement referral made, the occupational therapy
    assessment asked for, or the support ended (the last day, the reason, and the letter telling the person)."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="sequel")
    cld_event_outcome = models.CharField(max_length=80)
    enablement_referral = models.ForeignKey(
        "enablement.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ends_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReasonChoices.choices, blank=True)
    end_note = models.TextField(blank=True)
    letter = models.ForeignKey("people.Letter", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    def __str__(self) -> str:
        return f"Review {self.review_id}: {self.cld_event_outcome}"


# --- Letters telling the person a review of another kind is coming --------------------------------------------


class ReminderKind(models.TextChoices):
    DIRECT_PAYMENT = "direct_payment", "A review of the direct payment"
    DAY_TIER = "day_tier", "A review of the support at day services"


class ReminderLetter(models.Model):
    """A letter telling the person that a review of their direct payment, or of their tier of support at day
    services, is coming: sent once for each date the review is due (``subject_id`` is the direct payment
    agreement, or the tier decision)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="reminder_letters")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    subject_id = models.PositiveBigIntegerField()
    due_on = models.DateField()
    sent_on = models.DateField()
    letter = models.ForeignKey("people.Letter", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["sent_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject_id", "due_on"], name="reminder_once_per_review_due")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on}"
