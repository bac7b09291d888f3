"""Audit actions of the day-opportunities app."""

from ownway.accounts.events import register

TIER_SET = register("dayops.tier_set", "Decided a person's day-opportunity tier")
PROGRESSION_REVIEWED = register("dayops.progression_reviewed", "Recorded a day-opportunity progression review")
PLACEMENT_MADE = register("dayops.placement_made", "Placed a person at a day service")
WAITING_LIST_JOINED = register("dayops.waiting_list_joined", "Put a person on a day service's waiting list")
DAY_OPPORTUNITIES_VIEWED = register("dayops.viewed", "Looked at a person's day opportunities")
REVIEWS_DUE_LISTED = register("dayops.reviews_due_listed", "Looked at the tier reviews that are due")
SERVICE_PLACES_VIEWED = register("dayops.service_places_viewed", "Looked at a day service's places and waiting list")
REGISTER_MARKED = register("dayops.register_marked", "Marked a day service's register")
REGISTER_VIEWED = register("dayops.register_viewed", "Looked at a day service's register")
ABSENCE_ALERT_RAISED = register("dayops.absence_alert_raised", "Raised an alert: three absences in a row, no reason")
ABSENCE_ALERT_HANDLED = register("dayops.absence_alert_handled", "Followed up absences from a day service")
ABSENCE_ALERTS_LISTED = register("dayops.absence_alerts_listed", "Looked at the day-service absences to follow up")
PLACEMENT_CHANGED = register("dayops.placement_changed", "Changed a person's days at a day service")
PLACEMENT_ENDED = register("dayops.placement_ended", "Ended a person's placement at a day service")
PLACES_FREE_LISTED = register("dayops.places_free_listed", "Looked at the day-service places free for people waiting")
CHARGE_RATES_SET = register("dayops.charge_rates_set", "Set the council's day-service prices")
PLACEMENT_EXTRAS_SET = register("dayops.placement_extras_set", "Set the transport and meals a placement takes")
WEEKLY_CHARGES_VIEWED = register("dayops.weekly_charges_viewed", "Looked at a person's day-service charges for a week")
