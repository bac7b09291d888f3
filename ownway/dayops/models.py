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


# --- The commissioner's figures: who runs each day service, what it costs, each person's complexity of need ---
#
# Birmingham's draft day opportunities strategy (seed 000, "Financial Overview" and "An Overview of current
# provision in Birmingham") counts the people in day care by who runs the service (Table 4: internal, external,
# third sector), with what each kind costs a year, and the people in the council's own services by the
# complexity of their need (Table 5). These records hold what those tables are counted from.


class Provision(models.TextChoices):
    """Who runs a day service, in the words of the strategy's glossary (seed 000): internal services are
    "provided directly by the council"; external providers are "commissioned by the Council and provided by the
    private or voluntary sector independently of the Council"; the third sector is "charitable or voluntary
    organisations", funded by the council's grants."""

    INTERNAL = "internal", "Internal (run by the council)"
    EXTERNAL = "external", "External provider"
    THIRD_SECTOR = "third_sector", "Third sector"


class DayService(models.Model):
    """A directory service as one of the council's day services: who runs it and what the council spends on it
    in a year (for a service the council runs, its running cost; for an external provider, what the council
    pays for the places it buys; for a third-sector organisation, its grant). Its places per session are the
    directory's (``directory.Service.capacity``)."""

    service = models.OneToOneField("directory.Service", on_delete=models.PROTECT, related_name="day_service")
    provision = models.CharField(max_length=20, choices=Provision.choices)
    yearly_cost = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    updated_at = models.DateTimeField(auto_now=True)
    #: Who last set who runs it, and when (none for the demo's day services, made with the city).
    provision_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provision_set_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["provision", "service"]

    def __str__(self) -> str:
        return f"{self.service} ({self.get_provision_display().lower()})"


class Complexity(models.TextChoices):
    """The complexity of a person's need at a day service (seed 000, Table 5: "Complexity of Need"). Someone
    with no :class:`NeedComplexity` is not classified."""

    MODERATE = "moderate", "Moderate"
    SUBSTANTIAL = "substantial", "Substantial"
    COMPLEX = "complex", "Complex"


class NeedComplexity(models.Model):
    """How complex a person's need is at day services, as the council classifies it (from 1:1 up to 3:1 support
    for complex needs, seed 000, "Day opportunity services run internally by the Council")."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="day_complexity")
    complexity = models.CharField(max_length=12, choices=Complexity.choices)
    classified_on = models.DateField()
    #: Who recorded it, and when (none for the demo's classifications, made with the city).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.get_complexity_display()} from {self.classified_on}"


# ==============================================================================================================
# Matching, outcomes, and what the person and their carer see: goals and their progress at reviews, work and
# volunteering, the person's requests to change their days, and their consent for a carer to see their breaks.
# ==============================================================================================================


class GoalKind(models.TextChoices):
    """What a placement is for (Nottinghamshire's I statements, seed 003: "I can learn new things", "I am part of my
    local community"; Birmingham's Enablement tier, seed 000: "regaining skills; promoting independence")."""

    SKILLS = "skills", "Skills"
    FRIENDSHIPS = "friendships", "Friendships"
    WORK = "work", "Paid work"
    VOLUNTEERING = "volunteering", "Volunteering"
    INDEPENDENT_TRAVEL = "independent_travel", "Travelling on their own"


class GoalStatus(models.TextChoices):
    OPEN = "open", "Working towards it"
    ACHIEVED = "achieved", "Achieved"
    STOPPED = "stopped", "No longer a goal"


class PlacementGoal(models.Model):
    """One goal of a placement, in the person's own words."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="goals")
    kind = models.CharField(max_length=20, choices=GoalKind.choices)
    own_words = models.TextField()
    set_on = models.DateField()
    status = models.CharField(max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["placement", "set_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.own_words[:60]}"


#: How far the person has got with a goal, on Ownway's own five-point scale (1 to 5), in words a person reads.
PROGRESS_SCALE: dict[int, str] = {
    1: "Not started yet",
    2: "Just started",
    3: "Getting there",
    4: "Nearly there",
    5: "Achieved",
}


class PlacementReview(models.Model):
    """A review of a placement's goals: on its own (a placement review) or held with a progression review."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="reviews")
    progression_review = models.ForeignKey(
        ProgressionReview, null=True, blank=True, on_delete=models.PROTECT, related_name="placement_reviews"
    )
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["placement", "-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Review of {self.placement} on {self.reviewed_on}"


class GoalProgress(models.Model):
    """How a goal was getting on at a review: what the person said, in their words, and the scale."""

    review = models.ForeignKey(PlacementReview, on_delete=models.PROTECT, related_name="progress")
    goal = models.ForeignKey(PlacementGoal, on_delete=models.PROTECT, related_name="progress")
    scale = models.PositiveSmallIntegerField()
    own_words = models.TextField()

    class Meta:
        ordering = ["goal", "-review__reviewed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="goal_progress_once_a_review"),
            models.CheckConstraint(condition=models.Q(scale__gte=1) & models.Q(scale__lte=5), name="goal_scale_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.scale_text}"

    @property
    def scale_text(self) -> str:
        return PROGRESS_SCALE.get(self.scale, str(self.scale))


class WorkKind(models.TextChoices):
    PAID = "paid", "Paid work"
    VOLUNTARY = "voluntary", "Voluntary work"


class EmploymentOutcome(models.Model):
    """Paid or voluntary work a person took up while at a placement, with its hours a week."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="employment")
    kind = models.CharField(max_length=10, choices=WorkKind.choices)
    #: What they do and where ("Café assistant at the Arts Centre").
    role = models.CharField(max_length=200)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["placement", "-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gt=0) & models.Q(hours_per_week__lte=168),
                name="employment_hours_within_a_week",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="employment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["kind", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.role}"


class ChangeRequestStatus(models.TextChoices):
    OPEN = "open", "Waiting for the worker"
    DONE = "done", "Changed"
    DECLINED = "declined", "Not changed"


class DayChangeRequest(models.Model):
    """A person's request to change the days of a placement. It changes nothing: it waits on their worker's list
    until staff act on it (and change the placement themselves) or say why not."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="change_requests")
    days = models.CharField(max_length=20)
    session = models.CharField(max_length=10, choices=SessionPart.choices)
    wanted_from = models.DateField()
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.OPEN)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"Change to {self.days_text} asked for {self.placement}"

    @property
    def days_text(self) -> str:
        return ", ".join(DAY_NAMES.get(d, d) for d in self.days.split(",") if d)


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


# --- Transport: how each person travels to a placement, the council fleet, travel training -----------------
#
# A placement's travel is a series of :class:`PlacementTravel` rows, the one in force marked current and the
# others kept as its history. The council's own fleet (:class:`Vehicle`, :class:`Driver`) takes the people whose
# travel says so; each day's runs are planned in the background (:class:`FleetPlan`, one job of ``ownway.jobs``)
# into :class:`FleetRoute` and :class:`FleetStop` rows, a page per vehicle for its driver. Travel training is a
# goal (:class:`TravelTrainingGoal`) with steps recorded by date, ending in independent travel.


class TravelMode(models.TextChoices):
    INDEPENDENT = "independent", "Travels on their own"
    TRAVEL_TRAINING = "travel_training", "Travel training: learning to travel on their own"
    FAMILY = "family", "Family or friends take them"
    PROVIDER = "provider", "The provider's transport"
    COUNCIL_FLEET = "council_fleet", "The council's fleet"


#: The ways of travelling in which someone else picks the person up, so an address to pick them up is needed.
PICKUP_MODES = frozenset({TravelMode.PROVIDER, TravelMode.COUNCIL_FLEET})


class TravelStatus(models.TextChoices):
    CURRENT = "current", "In force"
    SUPERSEDED = "superseded", "Replaced by a later arrangement"


class PlacementTravel(models.Model):
    """How a person travels to a placement, from a date: the one in force is ``current``; the earlier ones are
    its history. Picked up (by the provider or the council fleet): from where, in what window, with what needs."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="travel_history")
    mode = models.CharField(max_length=20, choices=TravelMode.choices)
    pickup_address = models.TextField(blank=True)
    pickup_postcode = models.CharField(max_length=10, blank=True)
    wheelchair = models.BooleanField(default=False, help_text="Travels in their wheelchair: needs a wheelchair space")
    escort = models.BooleanField(default=False, help_text="An escort travels with them and takes a seat")
    needs_notes = models.TextField(blank=True, help_text="For the driver: what helps them travel")
    pickup_from = models.TimeField(null=True, blank=True)
    pickup_until = models.TimeField(null=True, blank=True)
    return_at = models.TimeField(null=True, blank=True)
    max_ride_minutes = models.PositiveSmallIntegerField(default=60)
    from_date = models.DateField()
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=TravelStatus.choices, default=TravelStatus.CURRENT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["placement", "-from_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement"], condition=models.Q(status="current"), name="placement_travel_one_current"
            ),
        ]
        indexes = [models.Index(fields=["mode", "status"])]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} from {self.from_date}"


class Vehicle(models.Model):
    """A vehicle of the council's fleet: its seats, its wheelchair spaces and the depot it leaves from."""

    registration = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=100, blank=True)
    seats = models.PositiveSmallIntegerField()
    wheelchair_spaces = models.PositiveSmallIntegerField(default=0)
    depot_name = models.CharField(max_length=100)
    depot_postcode = models.CharField(max_length=10)
    #: False once it has left the fleet (its retirement date has come).
    active = models.BooleanField(default=True)
    #: The day from which it is no longer planned: runs before it stay (``services_transport.vehicle_retire``).
    retired_from = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registration"]

    def __str__(self) -> str:
        return f"{self.registration} ({self.seats} seats, {self.wheelchair_spaces} wheelchair spaces)"


class Driver(models.Model):
    """A driver of the fleet, with the vehicle they usually drive."""

    name = models.CharField(max_length=100)
    phone = models.CharField(max_length=30, blank=True)
    vehicle = models.ForeignKey(Vehicle, null=True, blank=True, on_delete=models.SET_NULL, related_name="drivers")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class FleetPlan(models.Model):
    """One planning of a day's runs (to the day services and home), done in the background by its job; its page
    shows the progress and then the runs. ``outcome`` is written once, with the runs, in one transaction."""

    job = models.OneToOneField("jobs.Job", on_delete=models.CASCADE, related_name="fleet_plan")
    date = models.DateField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Fleet runs for {self.date}"


class FleetRoute(models.Model):
    """One vehicle's day in a plan, with its driver: its run to the day services, then its run home, then the
    evening's runs if it makes them (``leaves_minute`` is when it first leaves its depot; ``drive_minutes`` all
    its runs' driving)."""

    plan = models.ForeignKey(FleetPlan, on_delete=models.CASCADE, related_name="routes")
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="+")
    driver = models.ForeignKey(Driver, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    leaves_minute = models.PositiveSmallIntegerField()
    drive_minutes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "vehicle__registration"]

    def __str__(self) -> str:
        return f"{self.vehicle.registration} on {self.plan.date}"


class FleetLeg(models.TextChoices):
    """Which way a stop's passenger is going: to their day service, or home from it; in the day, or in the
    evening's own shift (to and from evening sessions)."""

    TO_SERVICE = "to", "To the day services"
    HOME = "home", "Home"
    EVENING_TO = "eve_to", "To the evening sessions"
    EVENING_HOME = "eve_home", "Home from the evening sessions"


class FleetStop(models.Model):
    """A stop of a vehicle's run: someone getting on or off, on their way to their service or home."""

    route = models.ForeignKey(FleetRoute, on_delete=models.CASCADE, related_name="stops")
    sequence = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=[("pickup", "Pick up"), ("drop", "Drop off")])
    leg = models.CharField(max_length=8, choices=FleetLeg.choices, default=FleetLeg.TO_SERVICE)
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="+")
    at_minute = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["route", "sequence"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at_minute // 60:02d}:{self.at_minute % 60:02d}"


class TrainingStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    ACHIEVED = "achieved", "Travels on their own"
    STOPPED = "stopped", "Stopped"


class TravelTrainingGoal(models.Model):
    """Learning to travel to a placement on their own; achieved, it changes the placement's travel to
    independent (a new :class:`PlacementTravel`, so the history shows it)."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="travel_training")
    goal = models.TextField()
    started_on = models.DateField()
    status = models.CharField(max_length=12, choices=TrainingStatus.choices, default=TrainingStatus.IN_PROGRESS)
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["placement", "-started_on", "-id"]

    def __str__(self) -> str:
        return f"Travel training from {self.started_on}"


class TrainingSupport(models.TextChoices):
    ALONGSIDE = "alongside", "With a trainer alongside"
    SHADOWED = "shadowed", "With a trainer following at a distance"
    ALONE = "alone", "On their own"


class TravelTrainingStep(models.Model):
    goal = models.ForeignKey(TravelTrainingGoal, on_delete=models.PROTECT, related_name="steps")
    date = models.DateField()
    step = models.TextField()
    support = models.CharField(max_length=12, choices=TrainingSupport.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["goal", "date", "id"]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_support_display()}"
