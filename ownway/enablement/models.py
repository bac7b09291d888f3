"""Enablement: referrals, episodes of up to six weeks with goals and a visit plan, the workforce and the rota.

Enablement is short-term help at home to regain skills and confidence, for up to six weeks (Birmingham's
review of its in-house enablement service, seed 004, para 1.1.3: "For the majority of service-users'
interventions will last for up to six weeks"; SALT STS004 guidance: short-term support "typically
lasting no longer than 6 weeks", standards.md §2), and free of charge for those six weeks (intermediate care
and reablement, standards.md §5.3; the regulation number in The Care and Support (Preventing Needs for Care
and Support) Regulations 2014, SI 2014/2673, is to be confirmed). Its end outcome is recorded from the SALT
STS002a sequel list (standards.md §2).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models

from ownway.accounts.models import Team
from ownway.core.dates import format_date
from ownway.people.models import Person

MAX_EPISODE_DAYS = 42  # six weeks (see the module's docstring for the sources)


class ReferralSource(models.TextChoices):
    HOSPITAL_DISCHARGE = "hospital_discharge", "Hospital discharge"
    COMMUNITY = "community", "Community"
    CRISIS_CONVERSATION = "crisis_conversation", "A crisis conversation"
    EARLY_INTERVENTION = "early_intervention", "Early intervention team"
    REVIEW = "review", "A review of the person's support plan"


class ReferralStatus(models.TextChoices):
    WAITING = "waiting", "Waiting to start"
    STARTED = "started", "Enablement started"
    DECLINED = "declined", "Not started"


class Referral(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enablement_referrals")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="enablement_referrals")
    source = models.CharField(max_length=30, choices=ReferralSource.choices)
    received_on = models.DateField()
    reason = models.TextField()
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.WAITING)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Enablement referral {self.pk} ({self.get_source_display()})"


class STS002aSequel(models.TextChoices):
    """What followed short-term support to maximise independence (SALT STS002a; standards.md §2)."""

    EARLY_CESSATION_NHS_EOL_DECEASED = (
        "early_cessation_nhs_eol_deceased",
        "Early cessation of service (not leading to long-term support): 100% NHS funded care, end of life or deceased",
    )
    EARLY_CESSATION_NOT_LTS = "early_cessation_not_lts", "Early cessation of service (not leading to long-term support)"
    EARLY_CESSATION_LTS = "early_cessation_lts", "Early cessation of service (leading to long-term support)"
    LONG_TERM_SUPPORT = "long_term_support", "Long-term support (any setting)"
    SELF_FUNDING = "self_funding", "No services provided: needs identified but self-funding"
    ONGOING_LOW_LEVEL = "ongoing_low_level", "Ongoing low-level support"
    SHORT_TERM_OTHER = "short_term_other", "Short-term support (other)"
    DECLINED = "declined", "No services provided: needs identified but support declined"
    UNIVERSAL_SIGNPOSTED = "universal_signposted", "No services provided: universal services or signposted"
    NO_SERVICES_OTHER = "no_services_other", "No services provided: other"


class EpisodeStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class Episode(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enablement_episodes")
    referral = models.OneToOneField(Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="episode")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="enablement_episodes")
    start_date = models.DateField()
    planned_end_date = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=40, choices=STS002aSequel.choices, blank=True)
    status = models.CharField(max_length=10, choices=EpisodeStatus.choices, default=EpisodeStatus.ACTIVE)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, help_text="Where the visits happen")
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end_date__gte=models.F("start_date")), name="episode_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"Enablement episode {self.pk}"

    def is_on(self, day: dt.date) -> bool:
        end = self.ended_on or self.planned_end_date
        return self.status == EpisodeStatus.ACTIVE and self.start_date <= day <= end


class GoalProgress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    SOME = "some", "Some progress"
    MOSTLY = "mostly", "Mostly there"
    ACHIEVED = "achieved", "Achieved"


class Goal(models.Model):
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="goals")
    in_own_words = models.TextField(help_text="The goal as the person says it")
    measure = models.CharField(max_length=300, help_text="How we will know it is done: specific and measurable")
    progress = models.CharField(max_length=20, choices=GoalProgress.choices, default=GoalProgress.NOT_STARTED)

    def __str__(self) -> str:
        return self.in_own_words[:60]


class Skill(models.TextChoices):
    PERSONAL_CARE = "personal care", "Personal care"
    MEDICATION = "medication", "Medication"
    MOVING_AND_HANDLING = "moving and handling", "Moving and handling"


class PlannedVisit(models.Model):
    """A visit that happens every day of the episode at about the same time."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="planned_visits")
    preferred_start = models.TimeField()
    window_minutes = models.PositiveSmallIntegerField(default=30, help_text="How early or late the visit may start")
    duration_minutes = models.PositiveSmallIntegerField()
    workers_needed = models.PositiveSmallIntegerField(default=1)
    skill = models.CharField(max_length=30, choices=Skill.choices, default=Skill.PERSONAL_CARE)
    follows = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followed_by")
    min_gap_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    max_gap_minutes = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["preferred_start", "id"]

    def __str__(self) -> str:
        return f"{self.preferred_start:%H:%M} visit, {self.duration_minutes} minutes"


class VisitNote(models.Model):
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="notes")
    visited_on = models.DateField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField()
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes")
    progress = models.CharField(max_length=20, choices=GoalProgress.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Visit note of {format_date(self.visited_on)}"


class EnablementWorker(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enablement_worker")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="enablement_workers")
    area = models.CharField(max_length=80)
    skills = models.JSONField(default=list)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, help_text="Home base")
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    contracted_hours = models.DecimalField(max_digits=4, decimal_places=1, help_text="Hours a week")

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username


class ShiftKind(models.TextChoices):
    DAY = "day", "Day"
    NIGHT = "night", "Night"


class Shift(models.Model):
    worker = models.ForeignKey(EnablementWorker, on_delete=models.CASCADE, related_name="shifts")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=ShiftKind.choices, default=ShiftKind.DAY)
    starts = models.TimeField()
    ends = models.TimeField()
    break_minutes = models.PositiveSmallIntegerField(default=30)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["worker", "date"], name="one_shift_per_worker_per_day")]
        ordering = ["date", "starts"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} shift {format_date(self.date)} {self.starts:%H:%M}-{self.ends:%H:%M}"


class RequestKind(models.TextChoices):
    WANT_TO_WORK = "want_to_work", "Would like to work"
    RATHER_NOT = "rather_not", "Would rather not work"
    UNAVAILABLE = "unavailable", "Cannot work"


class RosterRequest(models.Model):
    """A worker's own request about a day (self-rostering), honoured when shifts are set."""

    worker = models.ForeignKey(EnablementWorker, on_delete=models.CASCADE, related_name="requests")
    date = models.DateField()
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    note = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {format_date(self.date)}"


class Leave(models.Model):
    worker = models.ForeignKey(EnablementWorker, on_delete=models.CASCADE, related_name="leave")
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=80, default="Annual leave")

    def __str__(self) -> str:
        return f"{self.reason} {format_date(self.first_day)} to {format_date(self.last_day)}"


class RotaStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    REPLACED = "replaced", "Replaced by a later rota"


def rota_run_title(first_day: dt.date, days: int) -> str:
    if days == 1:
        return f"Optimise the rota for {first_day:%A} {first_day.day} {first_day:%B %Y}"
    return f"Optimise the rota for {days} days from {first_day:%A} {first_day.day} {first_day:%B %Y}"


class RotaRun(models.Model):
    """One run of the optimiser in the background, for a day or for seven days from a day.

    Its :class:`~ownway.jobs.models.Job` carries the progress and the outcome; the run says whose rota it is for,
    and which rota each day had when it started, so that a rota someone changed meanwhile is not silently
    replaced (see ``services.rota_run_apply``).
    """

    job = models.OneToOneField("jobs.Job", on_delete=models.CASCADE, related_name="rota_run")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    first_day = models.DateField()
    days = models.PositiveSmallIntegerField(default=1)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: Each day's rota when the run started: {"2026-12-07": [rota id, version]}, or null for a day without one.
    started_with = models.JSONField(default=dict)
    #: What the run did to each day, written in the same transaction as the rotas it made (null until then).
    outcome = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["team", "-created_at"], name="enablement_rotarun_team")]
        constraints = [models.CheckConstraint(condition=models.Q(days__in=(1, 7)), name="rota_run_a_day_or_a_week")]

    def __str__(self) -> str:
        return f"Optimiser run for {self.team} from {self.first_day:%d %B %Y} ({self.days} days)"

    @property
    def title(self) -> str:
        return rota_run_title(self.first_day, self.days)

    @property
    def dates(self) -> list[dt.date]:
        return [self.first_day + dt.timedelta(days=offset) for offset in range(self.days)]


class Rota(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="rotas")
    date = models.DateField()
    status = models.CharField(max_length=10, choices=RotaStatus.choices, default=RotaStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    contact_minutes = models.PositiveIntegerField(default=0)
    travel_minutes = models.PositiveIntegerField(default=0)
    paid_minutes = models.PositiveIntegerField(default=0)
    late_minutes = models.PositiveIntegerField(default=0)
    explanation = models.TextField(blank=True)
    #: The order of each worker's day, breaks included: {worker id: [task id, ...]}. Visits are also rows below.
    routes = models.JSONField(default=dict)
    #: Each worker's minutes: {worker id: {"contact": .., "travel": .., "paid": ..}}, for figures by area.
    figures = models.JSONField(default=dict)
    #: One more each time the rota changes (a visit moved, published), so a run can tell it changed meanwhile.
    version = models.PositiveIntegerField(default=1)
    #: The background run that made it, if one did: a run makes at most one rota a day, however often it runs.
    made_by_run = models.ForeignKey(RotaRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="rotas")

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["made_by_run", "date"], name="one_rota_per_run_and_day")]

    def __str__(self) -> str:
        return f"Rota for {self.team} on {format_date(self.date)}"


class RotaVisit(models.Model):
    """One worker's part of a visit on a rota, or a visit that could not be placed (no worker, with a reason)."""

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="visits")
    planned_visit = models.ForeignKey(PlannedVisit, on_delete=models.PROTECT, related_name="+")
    part = models.PositiveSmallIntegerField(default=0)
    worker = models.ForeignKey(EnablementWorker, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sequence = models.PositiveSmallIntegerField(default=0)
    start_minute = models.PositiveSmallIntegerField(null=True, blank=True)
    travel_minutes = models.PositiveSmallIntegerField(default=0)
    unplaced_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["worker_id", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["rota", "planned_visit", "part"], name="one_rota_visit_per_part")
        ]

    def __str__(self) -> str:
        return f"Rota visit {self.task_id}"

    @property
    def task_id(self) -> str:
        return f"{self.planned_visit_id}/{self.part}"


# --- What happened: actual visits, the council's targets, and episodes' extensions, hand-offs and outcomes ---------


class ActualStatus(models.TextChoices):
    ARRIVED = "arrived", "Arrived, not yet left"
    DONE = "done", "Done"
    CUT_SHORT = "cut_short", "Cut short"
    MISSED = "missed", "Missed"


class VisitReason(models.TextChoices):
    """Why a visit was missed or cut short."""

    NOT_IN = "not_in", "The person was not in"
    IN_HOSPITAL = "in_hospital", "The person is in hospital"
    DECLINED = "declined", "The person did not want the visit"
    NOT_NEEDED = "not_needed", "The person did not need the whole visit"
    WORKER_DELAYED = "worker_delayed", "I was held up and could not get there in time"
    EMERGENCY = "emergency", "An emergency at an earlier visit"
    OTHER = "other", "Another reason (say what in the note)"


class ActualVisit(models.Model):
    """What happened at one worker's part of a visit on a published rota: when they arrived and left (as the
    phone saw it, and as the server received it), a note and goal progress, and why a visit was missed or cut
    short. Written only by ``services_visits``, from recordings that each carry the phone's own id."""

    rota_visit = models.OneToOneField(RotaVisit, on_delete=models.PROTECT, related_name="actual")
    worker = models.ForeignKey(EnablementWorker, on_delete=models.PROTECT, related_name="actual_visits")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="actual_visits")
    date = models.DateField()
    status = models.CharField(max_length=10, choices=ActualStatus.choices)
    arrived_at = models.DateTimeField(null=True, blank=True, help_text="When the worker arrived, by the phone's clock")
    arrival_received_at = models.DateTimeField(null=True, blank=True, help_text="When the server heard of it")
    departed_at = models.DateTimeField(null=True, blank=True, help_text="When the worker left, by the phone's clock")
    departure_received_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=20, choices=VisitReason.choices, blank=True)
    note = models.TextField(blank=True)
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    progress = models.CharField(max_length=20, choices=GoalProgress.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["date", "worker"], name="enablement_actual_day")]

    def __str__(self) -> str:
        return f"Actual visit {self.pk} ({self.get_status_display()})"

    @property
    def minutes(self) -> int:
        """Minutes with the person (0 for a missed visit or one still going on)."""
        if self.arrived_at is None or self.departed_at is None:
            return 0
        return max(0, round((self.departed_at - self.arrived_at).total_seconds() / 60))


class RecordingKind(models.TextChoices):
    ARRIVE = "arrive", "Arrived"
    DEPART = "depart", "Left"
    MISSED = "missed", "Missed"


class VisitRecording(models.Model):
    """One recording sent from a phone, kept as it came: its own id (made on the phone, so a recording sent
    twice, say once offline and again when the signal returns, is one recording), the phone's time and the
    server's."""

    client_id = models.UUIDField(unique=True)
    actual = models.ForeignKey(ActualVisit, on_delete=models.PROTECT, related_name="recordings")
    kind = models.CharField(max_length=10, choices=RecordingKind.choices)
    device_time = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.client_id})"


class EnablementTargets(models.Model):
    """The council's targets for its enablement service, each with where it comes from. The newest row counts;
    :func:`ownway.enablement.services_visits.targets_current` gives the defaults below until the council sets its
    own."""

    contact_pct = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal(50))
    contact_source = models.CharField(
        max_length=300,
        default="Birmingham's Review of In-House Enablement Service (seed 004), "
        "paras 6.5.2 and 7.4.1: 50% contact time",
    )
    cost_low = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("45.00"))
    cost_high = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("50.00"))
    cost_source = models.CharField(
        max_length=300,
        default="Birmingham's Review of In-House Enablement Service (seed 004), para 6.5.1: £45-£50 an hour of contact",
    )
    no_long_term_share = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("66.7"))
    no_long_term_source = models.CharField(
        max_length=300,
        default="Coventry, in the Independent Adviser's case study (seed 004, Part 1, case study 2, "
        "para 15): two thirds helped to maintain or regain their independence",
    )
    extension_limit_days = models.PositiveSmallIntegerField(default=14)
    extension_source = models.CharField(
        max_length=300, default="Council decision: up to two weeks beyond the six weeks, with a reason"
    )
    set_on = models.DateField(default=dt.date(2026, 1, 1))

    class Meta:
        ordering = ["-set_on", "-id"]

    def __str__(self) -> str:
        return f"Enablement targets set on {format_date(self.set_on)}"


class EpisodeExtension(models.Model):
    """An episode made longer, with its reason: one row each time, never overwritten."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="extensions")
    previous_end = models.DateField()
    new_end = models.DateField()
    reason = models.TextField()
    extended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    extended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["extended_at", "id"]

    def __str__(self) -> str:
        return f"Extended to {format_date(self.new_end)}"


class EpisodeHandOff(models.Model):
    """An episode handed to long-term support: which team takes the person on, what they still need, and who
    there took it from the team's list."""

    episode = models.OneToOneField(Episode, on_delete=models.PROTECT, related_name="hand_off")
    to_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="enablement_hand_offs")
    needs = models.TextField(help_text="What support the person still needs, and why enablement could not end it")
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handed_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["handed_at", "id"]

    def __str__(self) -> str:
        return f"Handed to {self.to_team} for long-term support"


class FollowUpPoint(models.TextChoices):
    END = "end", "At the end of enablement"
    DAY_91 = "day_91", "91 days after discharge"


class SupportAfter(models.TextChoices):
    """Long-term support the person needs after enablement, against what they needed before it."""

    NONE = "none", "No long-term support"
    LESS = "less", "Less long-term support than before"
    SAME = "same", "The same long-term support as before"
    MORE = "more", "More long-term support than before"


class EpisodeFollowUp(models.Model):
    """Where the person is at the end of enablement and again 91 days after discharge (ASCOF 2A and 2D,
    standards.md §3): at home or not, the long-term support they need, and their care hours a week then against
    the start. Both are made, due, when the episode ends, so they appear on the team's list by themselves."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="follow_ups")
    point = models.CharField(max_length=10, choices=FollowUpPoint.choices)
    due_on = models.DateField()
    recorded_on = models.DateField(null=True, blank=True)
    at_home = models.BooleanField(null=True, blank=True)
    support_after = models.CharField(max_length=10, choices=SupportAfter.choices, blank=True)
    care_hours_start = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    care_hours_now = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["episode", "point"], name="one_follow_up_per_point")]
        indexes = [models.Index(fields=["recorded_on", "due_on"], name="enablement_follow_up_due")]

    def __str__(self) -> str:
        return f"{self.get_point_display()} (due {format_date(self.due_on)})"


class ReplanKind(models.TextChoices):
    OFF_SICK = "off_sick", "Someone is off sick"
    ADD = "add", "Add a visit"
    CANCEL = "cancel", "Cancel a visit"


class Replan(models.Model):
    """A re-plan of the rest of a published day after something changed (``services_replan``).

    It runs as a job (:class:`~ownway.jobs.models.Job`) from the published rota it names; its outcome holds the
    new routes and every change, and publishing it makes a new published rota that replaces the old one, so each
    affected worker's day shows the new rota. It is published at most once, and only while the rota it started
    from is still the one published.
    """

    job = models.OneToOneField("jobs.Job", on_delete=models.CASCADE, related_name="replan")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    rota = models.ForeignKey(Rota, on_delete=models.PROTECT, related_name="replans")
    kind = models.CharField(max_length=10, choices=ReplanKind.choices)
    worker = models.ForeignKey(EnablementWorker, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    planned_visit = models.ForeignKey(PlannedVisit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    #: The time of the change, in minutes from midnight: visits before it stay as they were.
    at_minute = models.PositiveSmallIntegerField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: The new routes, the changes and the figures, written by the job (null until it has finished).
    outcome = models.JSONField(null=True, blank=True)
    published = models.ForeignKey(Rota, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Re-plan of {self.rota}"
