"""Day opportunities: each person's tier and its history, progression reviews, placements and waiting lists.

**Tiers.** Birmingham's draft day opportunities strategy (seed 000, "Proposed Draft Model of Day
Opportunities") proposes three levels of support, so that a day service is no longer "for life" with no
expectation of moving on:

* **Enablement**: "time limited (for example up to 12 weeks)", "regaining skills; promoting independence and
  helping people to connect to their communities", for people with low support needs;
* **Personalised Support**: "a little longer to regain skills and feel confident and need a higher level of
  support", for people with higher support needs;
* **Specialist Intensive Support**: "long term support", for "more complex specialist needs for example dementia
  and growing old with a learning disability".

A person's tier is a series of :class:`TierDecision` rows, never changed except that the one in force is marked
superseded when the next is made (through ``ownway.core.workflow.transition``): the current one says the tier
(or that the person left the tiers for community options), why, who decided and when, and when it is next
reviewed. A :class:`ProgressionReview` records what the person says they have achieved, in their own words, and
its decision: move on to community options, move to another tier, or stay (until a next review date).

**Placements.** A :class:`Placement` is a person at a directory service on chosen weekdays in one part of the
day, from a date (to a date), funded through a line of their support plan or paid for by themselves. The
service's places per session (``directory.Service.capacity``) give the vacancies; when a session is full the
person may join the service's :class:`WaitingListEntry` queue, first come first served.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from ownway.core.versioning import version_field
from ownway.directory.rules.schedule import DAY_NAMES  # weekdays in the directory's iCalendar codes


class Tier(models.TextChoices):
    """The three levels of support (seed 000, "Proposed Draft Model of Day Opportunities")."""

    ENABLEMENT = "enablement", "Enablement"
    PERSONALISED = "personalised", "Personalised Support"
    SPECIALIST = "specialist", "Specialist Intensive Support"


class TierDecisionKind(models.TextChoices):
    ENTERED = "entered", "Entered the tiers"
    MOVED = "moved", "Moved to another tier"
    STAYED = "stayed", "Stays in the tier after a review"
    LEFT = "left", "Moved on to community options"


class TierDecisionStatus(models.TextChoices):
    CURRENT = "current", "In force"
    SUPERSEDED = "superseded", "Replaced by a later decision"


class TierDecision(models.Model):
    """One decision about a person's tier. The current one (``status`` current) is their tier now; one with no
    ``tier`` says they left the tiers for community options."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="tier_decisions")
    tier = models.CharField(max_length=20, choices=Tier.choices, blank=True)
    kind = models.CharField(max_length=10, choices=TierDecisionKind.choices)
    status = models.CharField(max_length=12, choices=TierDecisionStatus.choices, default=TierDecisionStatus.CURRENT)
    reason = models.TextField()
    decided_on = models.DateField()
    review_due = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="current"), name="tier_decision_one_current"
            ),
        ]
        indexes = [models.Index(fields=["status", "review_due"])]

    def __str__(self) -> str:
        return f"{self.get_tier_display() or 'Community options'} from {self.decided_on}"

    @property
    def in_tiers(self) -> bool:
        return bool(self.tier)


class ReviewDecision(models.TextChoices):
    COMMUNITY = "community", "Move on to community options and leave the tiers"
    MOVE = "move", "Move to another tier"
    STAY = "stay", "Stay in this tier"


class ProgressionReview(models.Model):
    """A review of a person's progress in their tier, with what they say in their own words and its decision."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="progression_reviews")
    #: The decision reviewed, and the one the review made.
    reviewed = models.OneToOneField(TierDecision, on_delete=models.PROTECT, related_name="review")
    result = models.OneToOneField(TierDecision, on_delete=models.PROTECT, related_name="made_by_review")
    reviewed_on = models.DateField()
    outcomes_own_words = models.TextField()
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    reasons = models.TextField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Progression review of {self.reviewed_on}: {self.get_decision_display()}"


class SessionPart(models.TextChoices):
    """The part of the day a placement is for. A full day takes a morning place and an afternoon place; weekends
    are chosen as days (Saturday, Sunday)."""

    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    FULL_DAY = "full_day", "Full day"
    EVENING = "evening", "Evening"


#: The places of a service's day each part takes.
SLOTS: dict[str, frozenset[str]] = {
    SessionPart.MORNING: frozenset({"morning"}),
    SessionPart.AFTERNOON: frozenset({"afternoon"}),
    SessionPart.FULL_DAY: frozenset({"morning", "afternoon"}),
    SessionPart.EVENING: frozenset({"evening"}),
}


def parts_sharing(part: str) -> list[str]:
    """The parts that take at least one of the same places as ``part`` (a morning and a full day do)."""
    return [other for other, slots in SLOTS.items() if slots & SLOTS[part]]


class Funding(models.TextChoices):
    COUNCIL_ARRANGED = "council_arranged", "Arranged by the council"
    DIRECT_PAYMENT = "direct_payment", "Direct payment"
    INDIVIDUAL_SERVICE_FUND = "individual_service_fund", "Individual service fund"
    SELF_FUNDED = "self_funded", "Paid for by the person"


class PlacementStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class Placement(models.Model):
    """A person at a day service on chosen weekdays, in one part of the day, from a date (to a date)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="day_placements")
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="day_placements")
    #: Weekdays in week order, as iCalendar codes: "MO,WE,SA".
    days = models.CharField(max_length=20)
    session = models.CharField(max_length=10, choices=SessionPart.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    funding = models.CharField(max_length=30, choices=Funding.choices)
    #: The support-plan line that pays for it (none when the person pays for it themselves).
    plan_line = models.OneToOneField(
        "planning.PlanLine", null=True, blank=True, on_delete=models.PROTECT, related_name="day_placement"
    )
    status = models.CharField(max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="placement_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["service", "status", "session"])]

    def __str__(self) -> str:
        return f"{self.service} on {self.days_text} ({self.get_session_display().lower()})"

    @property
    def day_codes(self) -> list[str]:
        return [d for d in self.days.split(",") if d]

    @property
    def days_text(self) -> str:
        return ", ".join(DAY_NAMES.get(d, d) for d in self.day_codes)


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    PLACED = "placed", "Given a place"
    WITHDRAWN = "withdrawn", "No longer waiting"


class WaitingListEntry(models.Model):
    """A person waiting for a place at a full session of a service; served in the order they joined."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="day_waiting")
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="day_waiting")
    days = models.CharField(max_length=20)
    session = models.CharField(max_length=10, choices=SessionPart.choices)
    wanted_from = models.DateField()
    status = models.CharField(max_length=10, choices=WaitingStatus.choices, default=WaitingStatus.WAITING)
    joined_on = models.DateField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "created_at", "id"]
        indexes = [models.Index(fields=["service", "status", "created_at"])]

    def __str__(self) -> str:
        return f"Waiting for {self.service} from {self.joined_on}"

    @property
    def days_text(self) -> str:
        return ", ".join(DAY_NAMES.get(d, d) for d in self.days.split(",") if d)


class AbsenceReason(models.TextChoices):
    ILL = "ill", "Ill"
    HOLIDAY = "holiday", "On holiday"
    HOSPITAL = "hospital", "In hospital"
    NO_TRANSPORT = "no_transport", "No transport"
    CHOSE_NOT_TO = "chose_not_to", "Chose not to come"
    UNEXPLAINED = "unexplained", "No reason given"


class AttendanceStatus(models.TextChoices):
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    """Whether a person came to their placement's session on a day, marked on the service's register by the
    council's staff or by the provider. Marked again, it is corrected (the audit trail keeps what it said)."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="attendance")
    date = models.DateField()
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    absence_reason = models.CharField(max_length=20, choices=AbsenceReason.choices, blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["placement", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="attendance_once_a_day"),
            models.CheckConstraint(
                condition=(models.Q(status="attended") & models.Q(absence_reason=""))
                | (models.Q(status="absent") & ~models.Q(absence_reason="")),
                name="attendance_absence_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} on {self.date}: {self.get_status_display()}"


# === Attendance alerts, changes to placements and day-service charges ======================================
# (absence alerts on the worker's worklist; the history of each change to or end of a placement; the council's
# prices for a session and its extras, and what each placement takes of them.)


class AbsenceAlertStatus(models.TextChoices):
    OPEN = "open", "To follow up"
    HANDLED = "handled", "Followed up"
    EXPLAINED = "explained", "Explained on the register"


class AbsenceAlert(models.Model):
    """Three absences in a row with no reason given, at one placement: on the named worker's and the team's
    worklists until someone follows it up (saying what they did) or a reason is given on the register for one
    of them (or the person comes). One alert per run of absences: ``first_absence`` is the run's first day."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="absence_alerts")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="day_absence_alerts")
    first_absence = models.DateField()
    last_absence = models.DateField()
    absences = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=AbsenceAlertStatus.choices, default=AbsenceAlertStatus.OPEN)
    raised_at = models.DateTimeField(auto_now_add=True)
    #: What the worker did about it, when they followed it up.
    note = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_absence", "id"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "first_absence"], name="absence_alert_once_a_run"),
        ]
        indexes = [models.Index(fields=["status", "person"])]

    def __str__(self) -> str:
        return f"{self.absences} unexplained absences from {self.first_absence}"


class PlacementChangeKind(models.TextChoices):
    CHANGED = "changed", "Days or part of the day changed"
    ENDED = "ended", "Ended"


class PlacementChange(models.Model):
    """A change to a placement, kept as its history. Changing the days or the part of the day from a date ends
    the placement the day before and starts ``successor`` from that date (so each register shows who was placed
    on that day); ending it sets its end date. Each records what it was, what it became, why and who."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="changes")
    successor = models.OneToOneField(
        Placement, null=True, blank=True, on_delete=models.PROTECT, related_name="changed_from"
    )
    kind = models.CharField(max_length=10, choices=PlacementChangeKind.choices)
    #: The first day of the change (for an ending, the day after the last day).
    takes_effect = models.DateField()
    old = models.JSONField()
    new = models.JSONField()
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["placement", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.takes_effect}"


class DayChargeRates(models.Model):
    """The council's prices for a day-service session and its extras, from a date, the same at every service:
    the one place they are set (by the finance team or an administrator). Each set applies from
    ``effective_from`` until the next one starts; a change from a new date adds a set, and the sets before it
    stay, so a charge for a past week uses the prices of that week. More than one person may change them, so
    they carry a version (:mod:`ownway.core.versioning`).

    ``chargeable_absences`` are the reasons for an absence for which the session is still charged: the council's
    own policy (no national rule says which; the Care Act 2014 s.14 gives the power to charge for meeting needs
    and leaves it to the council).
    """

    effective_from = models.DateField(unique=True)
    morning = models.DecimalField(max_digits=8, decimal_places=2)
    afternoon = models.DecimalField(max_digits=8, decimal_places=2)
    full_day = models.DecimalField(max_digits=8, decimal_places=2)
    evening = models.DecimalField(max_digits=8, decimal_places=2)
    #: Council transport, each way (to the service, or home).
    transport_each_way = models.DecimalField(max_digits=8, decimal_places=2)
    meal = models.DecimalField(max_digits=8, decimal_places=2)
    #: Absence reasons (:class:`AbsenceReason` values, comma-separated) for which the session is charged.
    chargeable_absences = models.CharField(max_length=100, blank=True)
    #: Where the council decided them, like "Cabinet, 12 March 2026, charging policy section 4".
    decided = models.CharField(max_length=300)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = version_field()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "day charge rates"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    morning__gte=0,
                    afternoon__gte=0,
                    full_day__gte=0,
                    evening__gte=0,
                    transport_each_way__gte=0,
                    meal__gte=0,
                ),
                name="day_charge_rates_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Day-service charges from {self.effective_from}"

    @property
    def chargeable(self) -> list[str]:
        return [r for r in self.chargeable_absences.split(",") if r]

    @property
    def chargeable_text(self) -> str:
        labels = dict(AbsenceReason.choices)
        return ", ".join(str(labels.get(r, r)) for r in self.chargeable) or "None"

    def session_price(self, session: str) -> Decimal:
        price: Decimal = getattr(self, session)
        return price


class PlacementExtras(models.Model):
    """The extras a placement takes on each day the person comes: council transport there and home, and a
    meal. Charged at the council's prices (:class:`DayChargeRates`) for each session attended."""

    placement = models.OneToOneField(Placement, on_delete=models.PROTECT, related_name="extras")
    transport_there = models.BooleanField(default=False)
    transport_home = models.BooleanField(default=False)
    meal = models.BooleanField(default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "placement extras"

    def __str__(self) -> str:
        return f"Extras of {self.placement}"
