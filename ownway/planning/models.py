"""Support plans written with the person, their versions and approval, and the personal budgets they give.

A plan is a series of versions: a version is written as a draft, sent for approval, and approved or sent
back with reasons. Once sent, a version is never changed: a change is a new version, so the history stays.
Approving a version makes the personal budget, whose lines say how each part of it is managed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from ownway.core.money import format_money
from ownway.core.versioning import version_field
from ownway.ui.jinja2 import govuk_date

from .rules.costs import Frequency
from .rules.management import SERVICE_COMPONENTS, SERVICE_TYPES, Management


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Being written"
    AWAITING_APPROVAL = "awaiting_approval", "Waiting for approval"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Replaced by a later version"


class SupportPlan(models.Model):
    """A person's care and support plan (Care Act 2014 s.25), across all its versions."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="support_plans")
    #: The assessment whose outcomes the plan meets.
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="support_plans"
    )
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Support plan for {self.person}"


class PlanVersion(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    #: The indicative budget a week, and where it came from: the person's latest indicative budget from the
    #: Resource Allocation System when there is one (``indicative_budget``), otherwise a figure entered with a note.
    indicative_budget_weekly = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    indicative_budget_source = models.CharField(max_length=200, blank=True)
    indicative_budget = models.ForeignKey(
        "allocation.IndicativeBudget", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: The person's weekly contribution, and where it came from: their current financial assessment when there is
    #: one (``financial_assessment``), otherwise a figure entered with a note.
    contribution_weekly = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    contribution_source = models.CharField(max_length=200, blank=True)
    financial_assessment = models.ForeignKey(
        "charging.FinancialAssessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    written_with = models.TextField("who wrote the plan with the person", blank=True)
    reason_for_difference = models.TextField("why the plan costs more or less than the indicative budget", blank=True)
    risks = models.TextField(blank=True)
    contingency = models.TextField("what happens if something goes wrong (if my PA is ill...)", blank=True)
    starts_on = models.DateField(null=True, blank=True)
    total_weekly = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    #: Who the approval rule said must approve (worker or manager), fixed when the version is sent.
    approver = models.CharField(max_length=10, blank=True)
    approval_route_explanation = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: Moved on by every change to the version, its outcomes and its lines (``ownway.core.versioning``).
    lock_version = version_field()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.plan}, version {self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def ending(self) -> PersonalBudget | None:
        """The budget of this approved version when a review ended the support it gives (its ``ends_on`` is the
        support's last day, its ``end_reason`` why); ``None`` otherwise. Read with the budget prefetched or
        selected when showing many versions."""
        if self.status != PlanStatus.APPROVED:
            return None
        try:
            budget = self.budget
        except PersonalBudget.DoesNotExist:
            return None
        return budget if budget is not None and budget.status == BudgetStatus.ENDED else None

    def state_display(self, today: dt.date) -> str:
        """The version's state in words: its status, or, when a review ended the support, that it ends (up to and
        including its last day) or ended (after it)."""
        budget = self.ending
        if budget is None or budget.ends_on is None:
            return str(self.get_status_display())
        if today > budget.ends_on:
            return f"Ended on {govuk_date(budget.ends_on)}"
        return f"Approved, ending on {govuk_date(budget.ends_on)}"


class PlanDecision(models.Model):
    """An approval, or a version sent back, with reasons. Never changed once written."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="decisions")
    approved = models.BooleanField()
    reasons = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{'Approved' if self.approved else 'Sent back'}: {self.version}"


class PlanOutcome(models.Model):
    """An outcome the person wants, in their own words."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="outcomes")
    own_words = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.own_words[:60]


class LineKind(models.TextChoices):
    UNPAID = "unpaid", "Unpaid support (family, friends, community)"
    SERVICE = "service", "A service from the directory"
    PA_HOURS = "pa_hours", "Personal assistant hours"
    DAY_OPPORTUNITY = "day_opportunity", "Day opportunity sessions"
    EQUIPMENT = "equipment", "Equipment"
    ONE_OFF = "one_off", "A one-off item"


class ManagementChoices(models.TextChoices):
    DIRECT_PAYMENT = Management.DIRECT_PAYMENT.value, "Direct payment to the person"
    DIRECT_PAYMENT_NOMINATED = Management.DIRECT_PAYMENT_NOMINATED.value, "Direct payment to a nominated person"
    DIRECT_PAYMENT_AUTHORISED = Management.DIRECT_PAYMENT_AUTHORISED.value, "Direct payment to an authorised person"
    COUNCIL_MANAGED = Management.COUNCIL_MANAGED.value, "Managed by the council"
    INDIVIDUAL_SERVICE_FUND = Management.INDIVIDUAL_SERVICE_FUND.value, "Individual service fund held by a provider"
    NOT_PAID = Management.NOT_PAID.value, "Not paid for"


class FrequencyChoices(models.TextChoices):
    WEEKLY = Frequency.WEEKLY.value, "Every week"
    FORTNIGHTLY = Frequency.FORTNIGHTLY.value, "Every fortnight"
    FOUR_WEEKLY = Frequency.FOUR_WEEKLY.value, "Every four weeks"
    MONTHLY = Frequency.MONTHLY.value, "Every month"
    YEARLY = Frequency.YEARLY.value, "Every year"
    ONE_OFF = Frequency.ONE_OFF.value, "Once"


class PlanLine(models.Model):
    """How one outcome will be met: by whom, how often, at what weekly cost, in which slots of the week."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="lines")
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=20, choices=LineKind.choices)
    description = models.TextField()
    provider_name = models.CharField("who provides it", max_length=200, blank=True)
    #: The service in the directory of services that meets this line, if it was chosen from there.
    directory_service = models.ForeignKey(
        "directory.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.CharField(max_length=40, blank=True)
    unit_cost = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    units = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    frequency = models.CharField(max_length=20, choices=FrequencyChoices.choices, default=Frequency.WEEKLY)
    #: For PA hours: the PA's hourly pay and the pricing year; unit cost is then the employer's cost an hour.
    pa_hourly_rate = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    pa_year = models.CharField(max_length=7, blank=True)
    weekly_cost = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    cost_explanation = models.TextField(blank=True)
    management = models.CharField(max_length=30, choices=ManagementChoices.choices, default=Management.NOT_PAID)
    #: The nominated or authorised person who receives a direct payment, when it is not the person.
    recipient_name = models.CharField(max_length=200, blank=True)
    service_type = models.CharField(
        "CLD service type", max_length=80, blank=True, choices=[(v, v) for v in SERVICE_TYPES]
    )
    service_component = models.CharField(
        "CLD service component", max_length=80, blank=True, choices=[(v, v) for v in SERVICE_COMPONENTS]
    )
    delivery_mechanism = models.CharField("CLD delivery mechanism", max_length=60, blank=True)
    #: Slots of the week ("mon-morning" ... "sun-evening").
    timetable = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_paid(self) -> bool:
        return self.kind != LineKind.UNPAID


class BudgetStatus(models.TextChoices):
    CURRENT = "current", "Current"
    ENDED = "ended", "Ended"


class PersonalBudget(models.Model):
    """The personal budget an approved plan gives (Care Act 2014 s.26): the council's part and the person's.

    ``contribution_weekly``, ``council_weekly`` and ``contribution_source`` are the split the budget was made
    with; when the person's contribution changes later, each change is a :class:`BudgetSplit` from its own day
    (read the split in force with ``selectors.budget_splits``).
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="personal_budgets")
    version = models.OneToOneField(PlanVersion, on_delete=models.PROTECT, related_name="budget")
    status = models.CharField(max_length=10, choices=BudgetStatus.choices, default=BudgetStatus.CURRENT)
    total_weekly = models.DecimalField(max_digits=9, decimal_places=2)
    contribution_weekly = models.DecimalField(max_digits=9, decimal_places=2)
    council_weekly = models.DecimalField(max_digits=9, decimal_places=2)
    contribution_source = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    #: Why the support ended, when a review ended it (:func:`~.services.support_plan_end`); blank when a later
    #: version of the plan replaced this budget.
    end_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"Personal budget for {self.person} from {self.starts_on}"


class BudgetSplit(models.Model):
    """A new split of a personal budget between the council and the person from ``starts_on``, made when the
    person's contribution changed after the budget was (a financial assessment recorded after the plan was
    approved, one worked out again, the yearly uprating). Never changed: a later change is another row, and
    replaces the splits before it from its own first day on (``rules.splits``)."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="splits")
    starts_on = models.DateField()
    contribution_weekly = models.DecimalField(max_digits=9, decimal_places=2)
    council_weekly = models.DecimalField(max_digits=9, decimal_places=2)
    #: The financial assessment the contribution comes from, and where it came from in words.
    financial_assessment = models.ForeignKey(
        "charging.FinancialAssessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["budget", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contribution_weekly__gte=0), name="split_contribution_not_negative"
            ),
            models.CheckConstraint(condition=models.Q(council_weekly__gte=0), name="split_council_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.budget}: {format_money(self.contribution_weekly)} a week from the person from {self.starts_on}"


class BudgetLine(models.Model):
    """One paid line of a personal budget, and how it is managed now (changes are kept in ``changes``)."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="lines")
    plan_line = models.OneToOneField(PlanLine, on_delete=models.PROTECT, related_name="budget_line")
    weekly_cost = models.DecimalField(max_digits=9, decimal_places=2)
    management = models.CharField(max_length=30, choices=ManagementChoices.choices)
    recipient_name = models.CharField(max_length=200, blank=True)
    delivery_mechanism = models.CharField("CLD delivery mechanism", max_length=60, blank=True)

    class Meta:
        ordering = ["budget", "plan_line__position", "id"]

    def __str__(self) -> str:
        return f"{self.plan_line}: {self.get_management_display()}"


class ManagementChange(models.Model):
    """A change to how a budget line is managed (for example back to the council), kept for good."""

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="changes")
    from_management = models.CharField(max_length=30, choices=ManagementChoices.choices)
    to_management = models.CharField(max_length=30, choices=ManagementChoices.choices)
    effective_on = models.DateField()
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.line}: {self.from_management} to {self.to_management} from {self.effective_on}"
