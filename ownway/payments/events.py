"""Audit actions of the payments app."""

from ownway.accounts.events import register

AGREEMENT_CREATED = register("payments.agreement_created", "Set up a direct payment agreement")
AGREEMENT_SUSPENDED = register("payments.agreement_suspended", "Suspended a direct payment")
AGREEMENT_RESUMED = register("payments.agreement_resumed", "Resumed a direct payment")
START_CHECKS_RECORDED = register("payments.start_checks_recorded", "Recorded checks before a direct payment starts")
AGREEMENT_ENDED = register("payments.agreement_ended", "Ended a direct payment")
AGREEMENT_VIEWED = register("payments.agreement_viewed", "Looked at a direct payment account")
AGREEMENTS_LISTED = register("payments.agreements_listed", "Looked at the list of direct payments")
REVIEWS_LISTED = register("payments.reviews_listed", "Looked at the direct payment reviews due")
RATE_CHANGED = register("payments.rate_changed", "Changed the weekly amount of a direct payment")
PAYMENT_RUN = register("payments.run", "Ran direct payments")
STATEMENT_IMPORTED = register("payments.statement_imported", "Imported a direct payment account statement")
TRANSACTION_CATEGORISED = register("payments.transaction_categorised", "Said what a transaction was for")
RECOVERY_DECIDED = register("payments.recovery_decided", "Decided about money left in a direct payment account")
REVIEW_RECORDED = register("payments.review_recorded", "Recorded a direct payment review")
