"""Carers' support (Care Act 2014 ss.10, 20 and 25): what was offered to each carer and what they get."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from ownway.core.dates import format_date

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


# === Part "breaks": consent to what a carer sees, and breaks from caring ====================================
# (the cared-for person's consent for a carer to see their plan, reviews and day-opportunity breaks; breaks and
# short breaks booked with directory services for a carer and the person they care for.)


class CarerConsent(models.Model):
    """The cared-for person's consent for one of their carers (a ``people.CaringRelationship``) to see parts of
    their record: their current support plan, their reviews, and the breaks their day placements give the carer.

    Consent is the lawful basis (UK GDPR art. 6(1)(a)); it is given by the person, recorded by their worker, and
    withdrawn at any time, by the person on their own page or by their worker (art. 7(3): "as easy to withdraw as
    to give"). From the withdrawal on the carer sees nothing it covered. A consent is never changed: what it
    covers changes by withdrawing it and recording a new one, so the history is kept row by row."""

    relationship = models.ForeignKey("people.CaringRelationship", on_delete=models.PROTECT, related_name="consents")
    covers_plan = models.BooleanField("their current support plan", default=False)
    covers_reviews = models.BooleanField("their reviews", default=False)
    covers_day_breaks = models.BooleanField("the breaks their day opportunities give", default=False)
    given_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["relationship", "-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="carers_consent_one_current",
            ),
            models.CheckConstraint(
                condition=models.Q(covers_plan=True) | models.Q(covers_reviews=True) | models.Q(covers_day_breaks=True),
                name="carer_consent_covers_something",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent for {self.relationship} from {self.given_on}"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_on is None

    @property
    def covers_text(self) -> str:
        """What it covers, in words: "the support plan and the reviews"."""
        parts = [
            words
            for covered, words in (
                (self.covers_plan, "the support plan"),
                (self.covers_reviews, "the reviews"),
                (self.covers_day_breaks, "the days at day opportunities"),
            )
            if covered
        ]
        return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "nothing"


class BreakKind(models.TextChoices):
    ONE_OFF = "one_off", "One-off"
    WEEKLY = "weekly", "Every week"


class BreakStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"


#: Monday first, as Python's ``date.weekday()`` counts.
WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"), (5, "Saturday"),
            (6, "Sunday")]  # fmt: skip


class BreakBooking(models.Model):
    """A break from caring (Care Act 2014 s.20 and s.10; statutory guidance 11.41, breaks as support to a carer)
    booked with a directory service for a carer and the person they care for: a one-off (from a date and time to
    a date and time, a weekend's respite for one) or a weekly pattern (every Tuesday 10:00 to 14:00, from one date,
    until another or with no end). Paid from the carer's plan when a line of it funds it (``plan_line``)."""

    relationship = models.ForeignKey(
        "people.CaringRelationship", on_delete=models.PROTECT, related_name="break_bookings"
    )
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="+")
    plan_line = models.ForeignKey(
        "planning.PlanLine", null=True, blank=True, on_delete=models.PROTECT, related_name="break_bookings"
    )
    kind = models.CharField(max_length=10, choices=BreakKind.choices)
    starts_on = models.DateField()
    #: The last day: the end of a one-off, or of a weekly pattern (none: it goes on).
    ends_on = models.DateField(null=True, blank=True)
    #: For a weekly pattern, the day of the week (0 is Monday).
    weekday = models.PositiveSmallIntegerField(null=True, blank=True, choices=WEEKDAYS)
    start_time = models.TimeField()
    end_time = models.TimeField()
    note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=BreakStatus.choices, default=BreakStatus.BOOKED)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    booked_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_on", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="break_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="weekly") & models.Q(weekday__gte=0) & models.Q(weekday__lte=6))
                | (models.Q(kind="one_off") & models.Q(weekday__isnull=True) & models.Q(ends_on__isnull=False)),
                name="break_weekly_has_a_day_one_off_an_end",
            ),
        ]
        indexes = [models.Index(fields=["relationship", "status"])]

    def __str__(self) -> str:
        return f"Break at {self.service_id} from {self.starts_on}"

    @property
    def is_booked(self) -> bool:
        return self.status == BreakStatus.BOOKED

    @property
    def when_text(self) -> str:
        """When, in words: "Every Tuesday, 10:00 to 14:00, from 1 June 2026 until 31 August 2026"."""
        times = f"{self.start_time:%H:%M} to {self.end_time:%H:%M}"
        if self.kind == BreakKind.WEEKLY:
            day = dict(WEEKDAYS).get(self.weekday if self.weekday is not None else -1, "")
            until = f" until {format_date(self.ends_on)}" if self.ends_on else ""
            return f"Every {day}, {times}, from {format_date(self.starts_on)}{until}"
        if self.ends_on == self.starts_on:
            return f"{format_date(self.starts_on)}, {times}"
        end = self.ends_on or self.starts_on
        return (
            f"From {format_date(self.starts_on)} at {self.start_time:%H:%M} "
            f"to {format_date(end)} at {self.end_time:%H:%M}"
        )
