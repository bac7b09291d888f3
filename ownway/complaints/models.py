"""Complaints: what a person (or someone for them, or someone who gives no name) is unhappy about, which procedure
and clock it follows, its acknowledgement, the agreed response period and the response (``rules`` has the clock)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ownway.core.versioning import version_field

from .rules import Procedure as ProcedureRule
from .rules import Unit as UnitRule

TEXT_LIMIT = 5000
SHORT_LIMIT = 200


class Procedure(models.TextChoices):
    STATUTORY = ProcedureRule.STATUTORY.value, "Adult social care (statutory, 2009 regulations)"
    CORPORATE = ProcedureRule.CORPORATE.value, "Corporate (the council's complaint handling code)"


class Stage(models.TextChoices):
    TIME_LIMIT = "time_limit", "Time to make a complaint"
    ACKNOWLEDGE = "acknowledge", "Acknowledging a complaint"
    RESPOND = "respond", "Answering a complaint"
    #: How long the complainant has to take it to the Local Government and Social Care Ombudsman.
    OMBUDSMAN = "ombudsman", "Going to the Ombudsman"


class Unit(models.TextChoices):
    WORKING_DAYS = UnitRule.WORKING_DAYS.value, "Working days"
    MONTHS = UnitRule.MONTHS.value, "Months"


class ComplaintTimescale(models.Model):
    """How long the council allows at each stage of a procedure: council-set data (defaults in
    ``defaults.py``, from SI 2009/309 and the Complaint Handling Code 2024)."""

    procedure = models.CharField(max_length=20, choices=Procedure.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    amount = models.PositiveSmallIntegerField()
    unit = models.CharField(max_length=20, choices=Unit.choices)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["procedure", "stage"], name="one_timescale_per_stage")]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()}: {self.get_stage_display()}, {self.amount} {self.get_unit_display()}"


class Channel(models.TextChoices):
    STAFF = "staff", "Recorded by staff"
    ONLINE = "online", "Made online, signed in"
    PUBLIC = "public", "Made on the public form"


class MadeBy(models.TextChoices):
    PERSON = "person", "The person themselves"
    ON_BEHALF = "on_behalf", "Someone on the person's behalf"
    ANONYMOUS = "anonymous", "Someone who did not give their name"


class Status(models.TextChoices):
    RECEIVED = "received", "Waiting for acknowledgement"
    ACKNOWLEDGED = "acknowledged", "Being looked into"
    RESPONDED = "responded", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"
    #: Reg 12(2): made after the time limit, and the council decided not to take it (with its reason).
    NOT_TAKEN = "not_taken", "Not taken: made too late"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY = "partly", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Complaint(models.Model):
    """One complaint, from receipt to response."""

    reference = models.CharField(max_length=12, unique=True, null=True, blank=True)
    procedure = models.CharField(max_length=20, choices=Procedure.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    made_by = models.CharField(max_length=20, choices=MadeBy.choices)
    #: The person it is about, when known (a signed-in citizen, or the record staff recorded it from).
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    #: The account it was made from, online; the member of staff who recorded it.
    made_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: Who is complaining, and how to reach them (none of it for an anonymous complaint).
    complainant_name = models.CharField(max_length=SHORT_LIMIT, blank=True)
    complainant_relationship = models.CharField(max_length=SHORT_LIMIT, blank=True)
    about_name = models.CharField(max_length=SHORT_LIMIT, blank=True, help_text="Who it is about, as given.")
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.CharField(max_length=500, blank=True)
    what_happened = models.TextField(max_length=TEXT_LIMIT)
    put_right = models.TextField(max_length=TEXT_LIMIT, blank=True, help_text="What they would like to happen.")
    matter_on = models.DateField(help_text="When what they complain about happened.")
    noticed_on = models.DateField(null=True, blank=True, help_text="When they learned of it, if later.")
    received_on = models.DateField()
    received_at = models.DateTimeField()
    #: Reg 12: made more than 12 months after the matter (or learning of it); the council's decision to take it.
    late = models.BooleanField(default=False)
    time_limit_explanation = models.CharField(max_length=500, blank=True)
    waiver_reason = models.TextField(max_length=TEXT_LIMIT, blank=True)
    not_taken_reason = models.TextField(max_length=TEXT_LIMIT, blank=True)
    acknowledge_by = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    acknowledged_how = models.CharField(max_length=SHORT_LIMIT, blank=True)
    discussion_offered = models.BooleanField(default=False)
    discussion_note = models.TextField(max_length=TEXT_LIMIT, blank=True)
    #: The response date: the default period from receipt until one is agreed with the person (reg 14(2)).
    respond_by = models.DateField()
    period_agreed = models.BooleanField(default=False)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    findings = models.TextField(max_length=TEXT_LIMIT, blank=True, help_text="What we found, in plain English.")
    what_changed = models.TextField(max_length=TEXT_LIMIT, blank=True)
    #: The response's "what changed" includes a review of the person's plan, asked for from the complaint.
    review = models.ForeignKey("reviews.Review", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    concern = models.ForeignKey(
        "safeguarding.Concern", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ombudsman_referred_on = models.DateField(null=True, blank=True)
    lock_version = version_field()

    class Meta:
        ordering = ["acknowledge_by", "pk"]
        indexes = [models.Index(fields=["status", "received_on"]), models.Index(fields=["received_on"])]

    def __str__(self) -> str:
        return f"Complaint {self.reference}"

    @property
    def can_reply(self) -> bool:
        """Whether there is any way to send a reply: an email, a phone, a postal address or the person's record."""
        return bool(self.email or self.phone or self.address or self.person_id)


class Extension(models.Model):
    """A longer response period agreed with the person (reg 14(2)(b)): never overwritten, one row each time."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="extensions")
    old_due = models.DateField()
    new_due = models.DateField()
    reason = models.TextField(max_length=TEXT_LIMIT)
    agreed_with = models.CharField(max_length=SHORT_LIMIT, help_text="Who agreed, and how.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"Response date put back from {self.old_due} to {self.new_due}"
