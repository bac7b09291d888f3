"""What the background work is doing, as the people who asked for it and the administrators see it.

Django's tasks framework (``django.tasks``) with the database backend (``django_tasks_db``) carries each piece
of work to a worker. A :class:`Job` is Ownway's record of it: what it is for, who asked, how far it has got,
how many times it has been tried and why it last failed. A job keeps the same id through every retry, so a
page showing it survives a reload and a retry alike.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from ownway.core.versioning import version_field


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


#: Statuses from which a job never moves again.
FINISHED_STATUSES = frozenset({JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED})


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    #: The task's dotted path (``ownway.enablement.tasks.rota_optimise``).
    task_path = models.CharField(max_length=200)
    #: What it is, in words an administrator reads ("Optimise the rota for Monday 7 December").
    label = models.CharField(max_length=200)
    #: The keyword arguments the task is called with (JSON: ids, dates as ISO strings, numbers).
    arguments = models.JSONField(default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    #: The task result carrying the current attempt (``django_tasks_db.DBTaskResult``).
    task_result_id = models.UUIDField(null=True, blank=True)
    #: The worker running the current attempt.
    worker_id = models.CharField(max_length=64, blank=True)
    #: What the work reports while it runs (rounds, visits placed, best cost so far…), shown as it is.
    progress = models.JSONField(default=dict, blank=True)
    #: What it gave back when it finished.
    result = models.JSONField(null=True, blank=True)
    #: The last error, in full, for an administrator (empty when none).
    error = models.TextField(blank=True)
    cancel_requested = models.BooleanField(default=False)
    #: Whether the person who asked has been told it finished.
    seen_by_requester = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="jobs_status_created"),
            models.Index(fields=["requested_by", "seen_by_requester"], name="jobs_requester_unseen"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES


class WorkerBeat(models.Model):
    """A worker says it is alive every few seconds; one it has not heard from for a minute has stopped."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host} (pid {self.pid})"


class Cadence(models.TextChoices):
    DAILY = "daily", "Every day"
    YEARLY = "yearly", "Once a year"


class Schedule(models.Model):
    """Work the council wants done at a set time: the daily payment run, the yearly uprating, feed imports."""

    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=200)
    task_path = models.CharField(max_length=200)
    arguments = models.JSONField(default=dict, blank=True)
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.DAILY)
    #: The local time of day (Europe/London) it runs.
    at = models.TimeField()
    #: For a yearly schedule: the month and day.
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    enabled = models.BooleanField(default=True)
    next_run_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lock_version = version_field()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cadence="daily") | (models.Q(month__range=(1, 12)) & models.Q(day__range=(1, 31))),
                name="jobs_schedule_yearly_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.label
