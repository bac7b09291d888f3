"""Audit actions of the allocation app."""

from ownway.accounts.events import register

RAS_VERSION_CREATED = register("allocation.ras_version_created", "Made a new version of the RAS")
RAS_VERSION_ACTIVATED = register("allocation.ras_version_activated", "Put a version of the RAS into use")
BUDGET_CALCULATED = register("allocation.budget_calculated", "Worked out an indicative budget")
BUDGET_VIEWED = register("allocation.budget_viewed", "Looked at an indicative budget")
BUDGETS_TO_WORK_OUT_LISTED = register("allocation.to_work_out_listed", "Looked at the indicative budgets to work out")
APPEALS_LISTED = register("allocation.appeals_listed", "Looked at the budget appeals to decide")
APPEAL_RAISED = register("allocation.appeal_raised", "Asked for an indicative budget to be reconsidered")
APPEAL_DECIDED = register("allocation.appeal_decided", "Decided an appeal against an indicative budget")
PLAN_COSTS_LOADED = register("allocation.plan_costs_loaded", "Loaded support-plan costs for calibrating the RAS")
