"""Carers' support (Care Act 2014 ss.10, 20 and 25): what was offered to each carer and what they get."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

# --- Part "carers": carers' assessments offered, and carers' contingency plans ----------------------------


class OfferMethod(models.TextChoices):
    """How a carer's assessment was offered."""

    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "By phone"
    LETTER = "letter", "By letter"
    EMAIL = "email", "By email"


class OfferAnswer(models.TextChoices):
    WAITING = "waiting", "Not yet answered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class CarerAssessmentOffer(models.Model):
    """A carer's assessment offered to a carer (Care Act 2014 s.10(3)): when, how, by whom, and the carer's answer.

    Accepted: the carer's assessment is started in the assessments app and linked here. Declined: with the
    carer's reason; the council may offer again later (a new offer). Each offer is kept, so the history shows
    every time a carer was asked.
    """

    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="carer_assessment_offers")
    #: The caring relationship the offer was made through (the person the carer cares for).
    relationship = models.ForeignKey(
        "people.CaringRelationship", on_delete=models.PROTECT, related_name="assessment_offers"
    )
    offered_on = models.DateField()
    method = models.CharField(max_length=20, choices=OfferMethod.choices)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=10, choices=OfferAnswer.choices, default=OfferAnswer.WAITING)
    answered_on = models.DateField(null=True, blank=True)
    declined_reason = models.TextField("why the carer declined", blank=True)
    assessment = models.OneToOneField(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="carer_offer"
    )
    answer_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-offered_on", "-id"]
        indexes = [models.Index(fields=["carer", "-offered_on"], name="carer_offer_carer_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer="waiting", answered_on__isnull=True)
                | (~Q(answer="waiting") & Q(answered_on__isnull=False)),
                name="carer_offer_answered_on_with_answer",
            ),
            models.CheckConstraint(
                condition=~Q(answer="declined") | ~Q(declined_reason=""), name="carer_offer_declined_with_reason"
            ),
            models.UniqueConstraint(
                fields=["carer"], condition=Q(answer="waiting"), name="one_waiting_carer_offer_per_carer"
            ),
        ]

    def __str__(self) -> str:
        return f"Carer's assessment offered to {self.carer} on {self.offered_on}"


class ContingencyPlan(models.Model):
    """A carer's contingency plan: what happens if the carer cannot carry on, for one caring relationship.

    Its words live in :class:`ContingencyPlanVersion` rows: each change is a new version, so the history stays.
    """

    relationship = models.OneToOneField(
        "people.CaringRelationship", on_delete=models.PROTECT, related_name="contingency_plan"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Contingency plan for {self.relationship}"


class ContingencyPlanVersion(models.Model):
    """One version of a contingency plan, never changed once written (a change is a new version)."""

    plan = models.ForeignKey(ContingencyPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    who_steps_in = models.TextField("who steps in and how to reach them")
    daily_needs = models.TextField("what the person needs day to day")
    medicines_and_routines = models.TextField("medicines and routines", blank=True)
    emergency_contacts = models.TextField("who to call in an emergency")
    written_on = models.DateField()
    look_again_on = models.DateField("date to look at it again")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_contingency_version_per_number"),
            models.CheckConstraint(
                condition=Q(look_again_on__gt=models.F("written_on")), name="contingency_looked_at_after_written"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} (version {self.number})"


# --- End of part "carers" ---------------------------------------------------------------------------------
