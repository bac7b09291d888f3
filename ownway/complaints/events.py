"""Audit actions of the complaints app."""

from ownway.accounts.events import register

COMPLAINT_MADE_PUBLIC = register("complaints.made_public", "Received a complaint through the public form")
COMPLAINT_MADE_ONLINE = register("complaints.made_online", "Made a complaint online")
COMPLAINT_RECORDED = register("complaints.recorded", "Recorded a complaint")
COMPLAINT_VIEWED = register("complaints.viewed", "Looked at a complaint")
COMPLAINTS_LISTED = register("complaints.listed", "Looked at the complaints worklist")
READ_REFUSED = register("complaints.read_refused", "Was refused a complaint")
COMPLAINT_ACKNOWLEDGED = register("complaints.acknowledged", "Acknowledged a complaint")
PERIOD_AGREED = register("complaints.period_agreed", "Recorded the response period agreed with the complainant")
PERIOD_EXTENDED = register("complaints.period_extended", "Put back a complaint's response date, as agreed")
COMPLAINT_RESPONDED = register("complaints.responded", "Sent the response to a complaint")
OMBUDSMAN_REFERRED = register("complaints.ombudsman", "Recorded that a complaint went to the Ombudsman")
REVIEW_REQUESTED = register("complaints.review_requested", "Asked for a review of a plan because of a complaint")
CONCERN_RAISED = register("complaints.concern_raised", "Raised a safeguarding concern from a complaint")
REPORT_VIEWED = register("complaints.report_viewed", "Looked at the yearly complaints report")
NOT_TAKEN = register("complaints.not_taken", "Decided not to take a complaint made too late")
