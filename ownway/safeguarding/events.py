"""Audit actions of the safeguarding app. Every read of a safeguarding record is on the trail, and so is every
refused read."""

from ownway.accounts.events import register

CONCERN_RAISED_PUBLIC = register(
    "safeguarding.concern_raised_public", "Received a safeguarding concern through the public form"
)
CONCERN_RAISED = register("safeguarding.concern_raised", "Raised a safeguarding concern")
CONCERN_RELEASED = register("safeguarding.concern_released", "Put a held-back safeguarding concern on the worklist")
CONCERN_ALLOCATED = register("safeguarding.concern_allocated", "Gave a safeguarding concern to a worker")
CONCERN_LINKED = register("safeguarding.concern_linked", "Linked a safeguarding concern to a person record")
CONCERN_VIEWED = register("safeguarding.concern_viewed", "Looked at a safeguarding concern")
CONCERNS_LISTED = register("safeguarding.concerns_listed", "Looked at the safeguarding worklist")
READ_REFUSED = register("safeguarding.read_refused", "Was refused a safeguarding record")
DECISION_RECORDED = register("safeguarding.decision_recorded", "Recorded the section 42 decision on a concern")
ENQUIRY_VIEWED = register("safeguarding.enquiry_viewed", "Looked at a safeguarding enquiry")
ENQUIRY_PERSONAL = register(
    "safeguarding.enquiry_personal", "Recorded what the adult wants, their capacity and advocacy"
)
ENQUIRY_RISKS = register("safeguarding.enquiry_risks", "Recorded the risks, risk assessment and protection plan")
ENQUIRY_ACTION_ADDED = register("safeguarding.enquiry_action_added", "Added an action to a safeguarding enquiry")
ENQUIRY_ACTION_DONE = register("safeguarding.enquiry_action_done", "Marked an enquiry action done")
ENQUIRY_CLOSED = register("safeguarding.enquiry_closed", "Closed a safeguarding enquiry with its outcomes")
REVIEW_REQUESTED = register(
    "safeguarding.review_requested", "Asked for an unplanned review of a plan because of a concern"
)
DISCLOSURE_DECIDED = register(
    "safeguarding.disclosure_decided", "Decided what the person alleged to have caused harm is told"
)
CONCERN_RAISED_PROVIDER = register(
    "safeguarding.concern_raised_provider", "Raised a safeguarding concern from a provider's portal"
)
CONCERN_RAISED_API = register("safeguarding.concern_raised_api", "Raised a safeguarding concern through the API")
LARGE_SCALE_VIEWED = register("safeguarding.large_scale_viewed", "Looked at a large-scale safeguarding enquiry")
