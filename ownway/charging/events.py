"""Audit actions of the charging app."""

from ownway.accounts.events import register

RULE_SET_CHANGED = register("charging.rule_set_changed", "Changed a year's charging figures")
FINANCIAL_ASSESSMENT_RECORDED = register("charging.assessment_recorded", "Recorded a financial assessment")
FINANCIAL_ASSESSMENT_VIEWED = register("charging.assessment_viewed", "Looked at a financial assessment")
ASSESSMENTS_LISTED = register("charging.assessments_listed", "Looked at the latest financial assessments")
WAITING_LISTED = register("charging.waiting_listed", "Looked at the people waiting for a financial assessment")
LETTER_DOWNLOADED = register("charging.letter_downloaded", "Downloaded a contribution letter")
CONTRIBUTIONS_UPRATED = register("charging.contributions_uprated", "Recalculated open contributions for a new year")
COST_OF_CARE_SET = register("charging.cost_of_care_set", "Set the cost of care from an approved support plan")
