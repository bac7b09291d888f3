"""Audit actions of the assessments app."""

from ownway.accounts.events import register

ASSESSMENT_STARTED = register("assessments.started", "Started an assessment")
ASSESSMENT_UPDATED = register("assessments.updated", "Recorded answers in an assessment")
OUTCOME_RECORDED = register("assessments.outcome_recorded", "Recorded a finding about an outcome")
ELIGIBILITY_DETERMINED = register("assessments.eligibility_determined", "Decided eligibility")
SELF_ASSESSMENT_STARTED = register("assessments.self_assessment_started", "Started a self-assessment")
SELF_ASSESSMENT_ANSWERED = register("assessments.self_assessment_answered", "Answered a self-assessment question")
SELF_ASSESSMENT_SUBMITTED = register("assessments.self_assessment_submitted", "Sent a self-assessment to the council")
SELF_ASSESSMENT_VIEWED = register("assessments.self_assessment_viewed", "Opened a self-assessment")
SELF_ASSESSMENT_REVIEWED = register(
    "assessments.self_assessment_reviewed", "Turned a self-assessment into an assessment"
)
WORKLIST_VIEWED = register("assessments.worklist_viewed", "Looked at a worklist")
LETTER_DOWNLOADED = register("assessments.letter_downloaded", "Downloaded a decision letter as a PDF")
LETTER_SENT = register("assessments.letter_sent", "Sent a decision letter")
