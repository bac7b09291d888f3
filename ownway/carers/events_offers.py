"""Audit actions of the carers app."""

from ownway.accounts.events import register

# Part "carers"
OFFER_MADE = register("carers.offer_made", "Offered a carer's assessment")
OFFER_ACCEPTED = register("carers.offer_accepted", "Recorded that a carer accepted a carer's assessment")
OFFER_DECLINED = register("carers.offer_declined", "Recorded that a carer declined a carer's assessment")
NOT_OFFERED_LISTED = register("carers.not_offered_listed", "Looked at the carers never offered an assessment")
CONTINGENCY_WRITTEN = register("carers.contingency_written", "Wrote or changed a carer's contingency plan")
CONTINGENCY_VIEWED = register("carers.contingency_viewed", "Looked at a carer's contingency plan")
