"""Each year's charging figures, and financial assessments (versioned: a change is a new row)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from ownway.core.money import format_money
from ownway.core.versioning import version_field


class ChargingRuleSet(models.Model):
    """One financial year's figures (see :mod:`ownway.charging.rules.rulesets`), correctable by the council.

    A year's figures apply from ``starts_on`` until the next year's start (and never for more than a
    year): a charge from a date in a year whose figures are not held cannot be worked out. More than one person
    may change them (the finance team, an administrator), so they carry a version (:mod:`ownway.core.versioning`).
    """

    year = models.CharField(max_length=7, unique=True, help_text="Like 2025/26.")
    starts_on = models.DateField()
    #: :meth:`RuleSet.to_data`: every figure, and which of them are not confirmed and why.
    figures = models.JSONField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = version_field()

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"Charging rules {self.year}"


#: The most the source of a figure the council checked may say.
SOURCE_LENGTH = 300


class FigureCheckKind(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed as it stood"
    SET = "set", "Set"


class ChargingFigureCheck(models.Model):
    """One figure of a year checked by the council: confirmed as it stood, or set, with the source checked, by
    whom and when.

    Each check adds a row and the rows before it stay (the figure's history); the figures page shows the latest
    with the figure. The figure's value and source as the rules use them are in the year's ``figures``.
    """

    rule_set = models.ForeignKey(ChargingRuleSet, on_delete=models.PROTECT, related_name="checks")
    figure = models.CharField(max_length=64)
    kind = models.CharField(max_length=12, choices=FigureCheckKind.choices)
    #: The figure as stored after the check (an amount as text, a number of weeks or an age, a choice, or null).
    value = models.JSONField(null=True, blank=True)
    #: What the council checked it against, like "LAC(DHSC)(2026)1, annex, table 2" (or "set by the council").
    source = models.CharField(max_length=SOURCE_LENGTH)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["rule_set", "figure"], name="figure_check_rule_set_figure")]

    def __str__(self) -> str:
        return f"{self.figure} ({self.rule_set.year}) {self.get_kind_display().lower()}"


class AssessmentStatus(models.TextChoices):
    CURRENT = "current", "Current"
    SUPERSEDED = "superseded", "Replaced by a newer assessment"
    CLOSED = "closed", "Closed"


class AssessmentReason(models.TextChoices):
    ASSESSMENT = "assessment", "Financial assessment"
    UPRATING = "uprating", "Yearly uprating"
    #: Worked out again because an approved support plan changed the cost of care (:class:`CostOfCare`).
    COST_OF_CARE = "cost_of_care", "The cost of care changed"


class FinancialAssessment(models.Model):
    """What a person pays each week towards care at home, with every step of how it was worked out.

    A new assessment or the yearly uprating adds a row and marks the one before superseded; the
    current row of each person is their open contribution.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="financial_assessments")
    rule_set = models.ForeignKey(ChargingRuleSet, on_delete=models.PROTECT, related_name="assessments")
    #: The date the charge applies from: it chooses the year's figures (the year it falls in).
    charges_from = models.DateField()
    circumstances = models.JSONField()
    weekly_cost_of_care = models.DecimalField(max_digits=10, decimal_places=2)
    weekly_contribution = models.DecimalField(max_digits=10, decimal_places=2)
    full_cost_payer = models.BooleanField(default=False)
    free = models.BooleanField(default=False)
    steps = models.JSONField()
    warnings = models.JSONField(default=list)
    status = models.CharField(max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.CURRENT)
    reason = models.CharField(max_length=12, choices=AssessmentReason.choices, default=AssessmentReason.ASSESSMENT)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField()

    class Meta:
        ordering = ["-assessed_at", "-id"]
        indexes = [models.Index(fields=["status", "rule_set"], name="fa_status_rule_set")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="current"), name="one_current_financial_assessment"
            ),
            models.CheckConstraint(condition=models.Q(weekly_contribution__gte=0), name="contribution_not_negative"),
            models.CheckConstraint(
                condition=models.Q(weekly_contribution__lte=models.F("weekly_cost_of_care")),
                name="contribution_not_above_cost",
            ),
        ]

    def __str__(self) -> str:
        return f"{format_money(self.weekly_contribution)} a week from {self.person} ({self.rule_set.year})"

    @property
    def told_before(self) -> FinancialAssessment | None:
        """The contribution before this one that the person was told: those held back (worked out with a figure
        not confirmed, so never sent to them) are passed over."""
        before = self.supersedes
        while before is not None and before.warnings:
            before = before.supersedes
        return before

    @property
    def cost_of_care_set(self) -> CostOfCare | None:
        """The cost of care (from an approved plan) this assessment charges against, if it came from one."""
        try:
            return self.cost_of_care
        except CostOfCare.DoesNotExist:
            return None


class CostOfCareStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a financial assessment"
    TO_CHECK = "to_check", "Worked out again, with a figure to confirm before the person is told"
    ASSESSED = "assessed", "Contribution worked out and the person told"
    NO_CHARGE = "no_charge", "Nothing to charge for"
    REPLACED = "replaced", "Replaced by a later cost of care"


class CostOfCare(models.Model):
    """The weekly cost of the care a person's approved support plan arranges, and the day charging starts.

    Set when a plan (or a new version of it) is approved, from the plan's chargeable lines; the financial
    assessment charges against it (one cost of care, not a figure typed again). Each approval adds a row and
    the rows before it stay, so the history of what was charged against, and from when, is kept.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="costs_of_care")
    weekly = models.DecimalField(max_digits=10, decimal_places=2)
    charges_from = models.DateField()
    #: Where it came from, in words (like "support plan version 2, approved 4 December 2026").
    source = models.CharField(max_length=200)
    #: Which parts of the plan are charged for, and why the others are free.
    explanation = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=CostOfCareStatus.choices)
    #: The financial assessment that charges against it, once there is one.
    financial_assessment = models.OneToOneField(
        FinancialAssessment, null=True, blank=True, on_delete=models.PROTECT, related_name="cost_of_care"
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name_plural = "costs of care"
        indexes = [models.Index(fields=["status", "set_at"], name="cost_of_care_worklist")]

    def __str__(self) -> str:
        return f"{format_money(self.weekly)} a week for {self.person} from {self.charges_from}"
