"""RAS model versions, indicative budgets (one row per calculation, never overwritten) and appeals."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ownway.core.money import format_money

from .rules.ras import band_words


class RasVersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "In use"
    RETIRED = "retired", "Retired"


class RasModelVersion(models.Model):
    """One version of the council's RAS: questionnaire, points, price table and bands, as stored data.

    A version is never changed once made: a change is a new version, and every budget records the
    version that produced it. Exactly one version is in use at a time.
    """

    number = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=200)
    definition = models.JSONField()
    status = models.CharField(max_length=10, choices=RasVersionStatus.choices, default=RasVersionStatus.DRAFT)
    notes = models.TextField(blank=True, help_text="Why this version was made, such as the calibration's fit.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["status"], condition=models.Q(status="active"), name="one_active_ras")
        ]

    def __str__(self) -> str:
        return f"RAS version {self.number}: {self.name}"


class IndicativeBudget(models.Model):
    """A weekly indicative personal budget worked out by the RAS, with its explanation by area."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="indicative_budgets")
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ras_version = models.ForeignKey(RasModelVersion, on_delete=models.PROTECT, related_name="budgets")
    answers = models.JSONField()
    points = models.PositiveIntegerField()
    weekly_amount = models.DecimalField(max_digits=10, decimal_places=2)
    band = models.CharField(max_length=60)
    #: [{"domain", "name", "points", "amount", "sentence"}], in the model's order of domains.
    areas = models.JSONField()
    explanation = models.TextField()
    #: Set when an appeal changed the amount: this row is the reconsidered budget.
    revised_by_appeal = models.ForeignKey(
        "BudgetAppeal", null=True, blank=True, on_delete=models.PROTECT, related_name="revised_budgets"
    )
    calculated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    calculated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-calculated_at", "-id"]
        indexes = [models.Index(fields=["person", "-calculated_at"], name="budget_person_recent")]

    def __str__(self) -> str:
        return f"{format_money(self.weekly_amount)} a week for {self.person} (RAS v{self.ras_version.number})"

    @property
    def band_words(self) -> str:
        """The band as a sentence names it ("basic band", "below the basic band")."""
        return band_words(self.band)


class AppealStatus(models.TextChoices):
    OPEN = "open", "Waiting for a decision"
    UPHELD = "upheld", "Changed"
    NOT_UPHELD = "not_upheld", "Not changed"


class BudgetAppeal(models.Model):
    """A request to reconsider an indicative budget, decided by someone other than the assessor."""

    budget = models.ForeignKey(IndicativeBudget, on_delete=models.PROTECT, related_name="appeals")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="budget_appeals")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    reasons = models.TextField()
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=AppealStatus.choices, default=AppealStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome_reasons = models.TextField(blank=True)
    revised_weekly_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget"], condition=models.Q(status="open"), name="one_open_appeal_per_budget"
            )
        ]

    def __str__(self) -> str:
        return f"Appeal about {self.budget} ({self.get_status_display()})"


class PlanCostSample(models.Model):
    """A historical support plan's need score and weekly cost, for calibrating the RAS (no names held)."""

    points = models.PositiveIntegerField()
    weekly_cost = models.DecimalField(max_digits=10, decimal_places=2)
    age_band = models.CharField(max_length=30, blank=True)
    client_group = models.CharField(max_length=120, blank=True)
    source = models.CharField(max_length=200, help_text="Where the figures came from (file name, extract date).")
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.points} points, {format_money(self.weekly_cost)} a week"
