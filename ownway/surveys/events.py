"""Audit actions of the surveys app."""

from ownway.accounts.events import register

SURVEY_SENT = register("surveys.sent", "Asked a person to answer a survey")
SURVEY_ANSWERED = register("surveys.answered", "Recorded a person's answers to a survey")
SURVEY_RESULTS_VIEWED = register("surveys.results_viewed", "Looked at the survey results")
