"""Each year's charging figures, and financial assessments (versioned: a change is a new row)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ChargingRuleSet(models.Model):
    """One financial year's figures (see :mod:`ownway.charging.rules.rulesets`), correctable by the council.

    A year's figures apply from ``starts_on`` until the next year's start (and never for more than a
    year): a charge from a date in a year whose figures are not held cannot be worked out.
    """

    year = models.CharField(max_length=7, unique=True, help_text="Like 2025/26.")
    starts_on = models.DateField()
    #: :meth:`RuleSet.to_data`: every figure, and which of them are not confirmed and why.
    figures = models.JSONField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"Charging rules {self.year}"


class AssessmentStatus(models.TextChoices):
    CURRENT = "current", "Current"
    SUPERSEDED = "superseded", "Replaced by a newer assessment"
    CLOSED = "closed", "Closed"


class AssessmentReason(models.TextChoices):
    ASSESSMENT = "assessment", "Financial assessment"
    UPRATING = "uprating", "Yearly uprating"


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
        return f"£{self.weekly_contribution} a week from {self.person} ({self.rule_set.year})"
