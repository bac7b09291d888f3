"""Needs and carers' assessments, what they found about each outcome, and eligibility determinations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from ownway.core.versioning import version_field
from ownway.frontdoor.models import MethodOfAssessment
from ownway.jobs.models import Job
from ownway.people.models import EmailState, email_state


class AssessmentKind(models.TextChoices):
    NEEDS = "needs", "Needs assessment"
    CARER = "carer", "Carer's assessment"


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class Capacity(models.TextChoices):
    HAS_CAPACITY = "has_capacity", "Has capacity to take part and make these decisions"
    LACKS_CAPACITY = "lacks_capacity", "Lacks capacity for some of these decisions"
    NOT_ASSESSED = "not_assessed", "Not assessed"


class Advocacy(models.TextChoices):
    NONE_NEEDED = "none", "No advocate needed"
    FAMILY_OR_FRIEND = "family_or_friend", "Supported by an appropriate family member or friend"
    INDEPENDENT_ADVOCATE = "independent_advocate", "Independent advocate (Care Act section 67)"
    IMCA = "imca", "Independent Mental Capacity Advocate (Mental Capacity Act 2005)"


class Assessment(models.Model):
    """A strengths-based, outcome-focused assessment of a person's needs, or of a carer's."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments")
    #: The contact that led here (usually through conversation 3, "build a good life").
    contact = models.ForeignKey(
        "frontdoor.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    kind = models.CharField(max_length=10, choices=AssessmentKind.choices, default=AssessmentKind.NEEDS)
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    # In the person's own words, and what they have: strengths, resources and networks.
    own_words = models.TextField("what matters to the person, in their own words", blank=True)
    strengths = models.TextField(blank=True)
    personal_resources = models.TextField(blank=True)
    networks = models.TextField("family, friends and other networks", blank=True)
    community_resources = models.TextField(blank=True)
    # The four key areas Coventry's outcome-focused assessment addresses (seed 001, §3.6).
    health_and_wellbeing = models.TextField(blank=True)
    choice_and_control = models.TextField(blank=True)
    economic_and_educational = models.TextField("economic and educational participation", blank=True)
    social_and_community = models.TextField("social and community participation", blank=True)

    # The conditions of reg 2(1)(a) and (c), or reg 3(1)(a), 3(2)(a) and (c) for carers.
    arises_from_impairment_or_illness = models.BooleanField(null=True, blank=True)
    arises_from_providing_necessary_care = models.BooleanField(null=True, blank=True)
    health_deteriorating_or_at_risk = models.BooleanField(null=True, blank=True)
    significant_impact_on_wellbeing = models.BooleanField(null=True, blank=True)
    wellbeing_impact = models.TextField(blank=True)
    needs_fluctuate = models.BooleanField(default=False)
    period_considered = models.CharField(max_length=500, blank=True)

    #: How the assessment was carried out (CLD "Method of Assessment"); blank on assessments recorded before it was
    #: asked, which the extract's data-quality check reports.
    method = models.CharField(
        "how the assessment was carried out", max_length=20, choices=MethodOfAssessment.choices, blank=True
    )
    capacity = models.CharField(max_length=20, choices=Capacity.choices, default=Capacity.NOT_ASSESSED)
    advocacy = models.CharField(max_length=30, choices=Advocacy.choices, default=Advocacy.NONE_NEEDED)
    carers_involvement = models.TextField("how carers were involved", blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: Moved on by every change to the answers and findings (``ownway.core.versioning``).
    lock_version = version_field()

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["person", "-started_on"], name="assessment_person_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person} ({self.started_on})"

    @property
    def clock_started_on(self) -> dt.date:
        """Timeliness runs from first contact where there was one, else from the start of the assessment."""
        if self.contact is not None:
            return timezone.localdate(self.contact.received_at)
        return self.started_on

    @property
    def is_carers(self) -> bool:
        return self.kind == AssessmentKind.CARER


class OutcomeFinding(models.Model):
    """What the assessment found about one outcome, test by test (reg 2(3) or 3(3))."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    #: An :class:`AdultOutcome` code, or a :class:`CarerOutcome` code in a carer's assessment.
    outcome = models.CharField(max_length=60)
    unable_without_assistance = models.BooleanField(default=False)
    significant_pain_distress_or_anxiety = models.BooleanField(default=False)
    endangers_health_or_safety = models.BooleanField(default=False)
    takes_significantly_longer = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "outcome"], name="one_finding_per_outcome")]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.outcome}"


class EligibilityDetermination(models.Model):
    """A decision on eligibility: what the rule found, and what the practitioner decided and why.

    Never changed once written: a new determination is a new row, so the history stays.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="determinations")
    rule_eligible = models.BooleanField()
    rule_reasons = models.JSONField()
    #: The same findings said to the person ("You are unable to…"), for the decision letter.
    letter_reasons = models.JSONField(default=list)
    rule_outcomes_not_achieved = models.JSONField()
    rule_warnings = models.JSONField(default=list)
    eligible = models.BooleanField(help_text="The decision: the rule's, unless the practitioner differed.")
    practitioner_differs = models.BooleanField(default=False)
    practitioner_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{'Eligible' if self.eligible else 'Not eligible'} ({self.decided_at:%Y-%m-%d})"


class SelfAssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    SUBMITTED = "submitted", "Sent, waiting for a worker"
    REVIEWED = "reviewed", "Turned into an assessment"


class SelfAssessment(models.Model):
    """A citizen's own answers before they meet a worker, saved page by page until they send it.

    The answers are kept as they were given (a question's key to its answer); a worker reviews them
    and turns them into an :class:`Assessment`, which this then links to.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="self_assessments")
    kind = models.CharField(max_length=10, choices=AssessmentKind.choices, default=AssessmentKind.NEEDS)
    status = models.CharField(max_length=20, choices=SelfAssessmentStatus.choices, default=SelfAssessmentStatus.DRAFT)
    answers = models.JSONField(default=dict)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    assessment = models.OneToOneField(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="self_assessment"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="self_assessment_queue")]

    def __str__(self) -> str:
        return f"Self-assessment by {self.person} ({self.get_status_display()})"


class LetterMethod(models.TextChoices):
    POST = "post", "By post"
    EMAIL = "email", "By email, with the letter attached"
    BY_HAND = "by_hand", "Given by hand"


class LetterSending(models.Model):
    """A decision letter sent to the person: when, how, which version and to where. Never changed."""

    determination = models.ForeignKey(EligibilityDetermination, on_delete=models.PROTECT, related_name="sendings")
    method = models.CharField(max_length=10, choices=LetterMethod.choices)
    easy_read = models.BooleanField(default=False, help_text="The easy read version went too.")
    sent_to = models.CharField(max_length=500, help_text="The email address or postal address it went to.")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    #: By email: the background job that emails it, and when the email went.
    email_job = models.ForeignKey(
        Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Letter {self.get_method_display().lower()} ({self.sent_at:%Y-%m-%d})"

    @property
    def email_state(self) -> EmailState | None:
        return email_state(self.method == LetterMethod.EMAIL, self.emailed_at, self.email_job)
