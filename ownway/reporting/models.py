"""Each data-quality check of a Client Level Data extract, kept with its scores and the rows that failed."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .rules.cld_quality import Result


class CldCheck(models.Model):
    """One run of the extract and its data-quality check over a reporting period."""

    period_start = models.DateField()
    period_end = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    rows = models.PositiveIntegerField()
    failures = models.PositiveIntegerField()
    #: Each field's tally, in the order of the specification: name, module, applicable, valid, blank, missing,
    #: invalid (``rules.cld_quality.FieldScore``).
    scores = models.JSONField(default=list)
    #: Where the extract was written, when it was (a command's ``--output``, or the scheduled task's file).
    written_to = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-finished_at", "-id"]
        indexes = [models.Index(fields=["-finished_at"], name="cld_check_latest")]

    def __str__(self) -> str:
        return f"CLD check {self.period_start} to {self.period_end}: {self.failures} failures in {self.rows} rows"


class CldFailure(models.Model):
    """A field of a row that failed its check (up to :data:`~.services.FAILURES_KEPT` a field for each check;
    the check's scores count them all)."""

    check_run = models.ForeignKey(CldCheck, on_delete=models.CASCADE, related_name="failed_rows")
    row_number = models.PositiveIntegerField(help_text="The row of the extract, counting from 1 after the header.")
    field = models.CharField(max_length=60)
    result = models.CharField(max_length=10, choices=[(r.value, r.label) for r in Result])
    value = models.CharField(max_length=200, blank=True)
    event_type = models.CharField(max_length=20)
    event_reference = models.CharField(max_length=60)
    person_reference = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["check_run", "field", "row_number"]
        indexes = [models.Index(fields=["check_run", "field", "row_number"], name="cld_failure_field")]

    def __str__(self) -> str:
        return f"Row {self.row_number}, {self.field}: {self.result}"
