"""Audit actions of carers' consents and breaks from caring."""

from ownway.accounts.events import register

CONSENT_RECORDED = register("carers.consent_recorded", "Recorded a person's consent for a carer to see their record")
CONSENT_WITHDRAWN = register("carers.consent_withdrawn", "Recorded that a person withdrew consent for a carer")
CONSENTS_VIEWED = register("carers.consents_viewed", "Looked at a person's consents for their carers")
CARED_FOR_VIEWED = register(
    "carers.cared_for_viewed", "A carer looked at the plan or reviews of the person they care for"
)
BREAK_BOOKED = register("carers.break_booked", "Booked a break from caring")
BREAK_CHANGED = register("carers.break_changed", "Changed a booked break from caring")
BREAK_CANCELLED = register("carers.break_cancelled", "Cancelled a booked break from caring")
BREAKS_VIEWED = register("carers.breaks_viewed", "Looked at a carer's breaks from caring")
DEMO_BREAKS_MADE = register("carers.demo_breaks_made", "Made the demo city's carers' consents and breaks")
