"""Audit actions of the planning app."""

from ownway.accounts.events import register

PLAN_STARTED = register("planning.plan_started", "Started a support plan")
PLAN_VERSION_STARTED = register("planning.version_started", "Started a new version of a support plan")
PLAN_UPDATED = register("planning.plan_updated", "Changed a support plan being written")
PLAN_OUTCOME_ADDED = register("planning.outcome_added", "Added an outcome to a support plan")
PLAN_LINE_ADDED = register("planning.line_added", "Added a line to a support plan")
PLAN_LINE_REMOVED = register("planning.line_removed", "Took a line out of a support plan")
PLAN_SUBMITTED = register("planning.plan_submitted", "Sent a support plan for approval")
PLAN_APPROVED = register("planning.plan_approved", "Approved a support plan")
PLAN_SENT_BACK = register("planning.plan_sent_back", "Sent a support plan back with reasons")
PLAN_VIEWED = register("planning.plan_viewed", "Looked at a support plan")
PLAN_DOWNLOADED = register("planning.plan_downloaded", "Downloaded a support plan as a PDF")
APPROVALS_LISTED = register("planning.approvals_listed", "Looked at the support plans waiting for approval")
BUDGET_MANAGEMENT_CHANGED = register("planning.budget_management_changed", "Changed how part of a budget is managed")
PLAN_LINE_CHANGED = register("planning.line_changed", "Changed a line of a support plan being written")
BUDGET_SPLIT_ADDED = register(
    "planning.budget_split_added", "Split a personal budget again after the person's contribution changed"
)
PLAN_ENDED = register("planning.plan_ended", "Ended a support plan and its personal budget from a date")
PLAN_ASSESSMENT_LINKED = register("planning.assessment_linked", "Linked a support plan to the assessment it meets")
