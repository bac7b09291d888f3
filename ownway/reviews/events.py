"""Audit actions of the reviews app."""

from ownway.accounts.events import register

REVIEW_SCHEDULED = register("reviews.scheduled", "Scheduled a review of a support plan")
REVIEW_REQUESTED = register("reviews.requested", "Asked for an unplanned review of a support plan")
REVIEW_HELD = register("reviews.held", "Recorded a review of a support plan")
REVIEW_VIEWED = register("reviews.viewed", "Looked at a review of a support plan")
REVIEWS_LISTED = register("reviews.listed", "Looked at the reviews due")
SELF_REVIEW_SAVED = register("reviews.self_review_saved", "Saved their own answers to a coming review")
SELF_REVIEW_SENT = register("reviews.self_review_sent", "Sent their own answers to a coming review to their worker")

# The person's proposals to change their plan (services_proposals.py).
PROPOSAL_MADE = register("reviews.proposal_made", "Proposed a change to their own support plan")
PROPOSAL_ANSWERED = register("reviews.proposal_answered", "Answered a person's proposal to change their plan")
PROPOSALS_LISTED = register("reviews.proposals_listed", "Looked at people's proposals to change their plans")
PROPOSAL_VIEWED = register("reviews.proposal_viewed", "Looked at a person's proposal to change their plan")
THERAPY_REQUEST_TAKEN = register(
    "reviews.therapy_request_taken", "Took on an occupational therapy assessment a review asked for"
)
THERAPY_REQUESTS_LISTED = register(
    "reviews.therapy_requests_listed", "Looked at the occupational therapy assessments reviews asked for"
)
