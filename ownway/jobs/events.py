"""Audit actions of the background work app."""

from ownway.accounts.events import register

JOB_RETRIED = register("jobs.job_retried", "Tried a failed background job again")
SCHEDULE_CHANGED = register("jobs.schedule_changed", "Changed when scheduled work runs")
