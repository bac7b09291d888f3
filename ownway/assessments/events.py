"""Audit actions of the assessments app."""

from ownway.accounts.events import register

ASSESSMENT_STARTED = register("assessments.started", "Started an assessment")
ASSESSMENT_UPDATED = register("assessments.updated", "Recorded answers in an assessment")
OUTCOME_RECORDED = register("assessments.outcome_recorded", "Recorded a finding about an outcome")
ELIGIBILITY_DETERMINED = register("assessments.eligibility_determined", "Decided eligibility")
LETTER_DOWNLOADED = register("assessments.letter_downloaded", "Downloaded a decision letter as a PDF")
