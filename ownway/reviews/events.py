"""Audit actions of the reviews app."""

from ownway.accounts.events import register

REVIEW_SCHEDULED = register("reviews.scheduled", "Scheduled a review of a support plan")
REVIEW_REQUESTED = register("reviews.requested", "Asked for an unplanned review of a support plan")
REVIEW_HELD = register("reviews.held", "Recorded a review of a support plan")
REVIEW_VIEWED = register("reviews.viewed", "Looked at a review of a support plan")
REVIEWS_LISTED = register("reviews.listed", "Looked at the reviews due")
