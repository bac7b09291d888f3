"""Audit actions of the day-opportunities app."""

from ownway.accounts.events import register

TIER_SET = register("dayops.tier_set", "Decided a person's day-opportunity tier")
COMPLEXITY_SET = register("dayops.complexity_set", "Recorded the complexity of a person's need at day services")
PROVISION_SET = register(
    "dayops.provision_set", "Said who runs a day service: the council, a provider or the third sector"
)
PROGRESSION_REVIEWED = register("dayops.progression_reviewed", "Recorded a day-opportunity progression review")
PLACEMENT_MADE = register("dayops.placement_made", "Placed a person at a day service")
WAITING_LIST_JOINED = register("dayops.waiting_list_joined", "Put a person on a day service's waiting list")
DAY_OPPORTUNITIES_VIEWED = register("dayops.viewed", "Looked at a person's day opportunities")
REVIEWS_DUE_LISTED = register("dayops.reviews_due_listed", "Looked at the tier reviews that are due")
SERVICE_PLACES_VIEWED = register("dayops.service_places_viewed", "Looked at a day service's places and waiting list")
REGISTER_MARKED = register("dayops.register_marked", "Marked a day service's register")
REGISTER_VIEWED = register("dayops.register_viewed", "Looked at a day service's register")
DEMO_DAY_OPPORTUNITIES_MADE = register("dayops.demo_made", "Made the demo city's day services and placements")

# Outcomes, change requests and carers' consent.
GOAL_SET = register("dayops.goal_set", "Gave a day placement a goal")
PLACEMENT_REVIEWED = register("dayops.placement_reviewed", "Recorded the progress of a day placement's goals")
EMPLOYMENT_RECORDED = register("dayops.employment_recorded", "Recorded paid or voluntary work a person took up")
PLACEMENT_OUTCOMES_VIEWED = register("dayops.placement_outcomes_viewed", "Looked at a day placement's goals")
DAY_CHANGE_REQUESTED = register("dayops.day_change_requested", "Asked to change the days of a day placement")
DAY_CHANGE_HANDLED = register("dayops.day_change_handled", "Answered a request to change the days of a placement")
DAY_CHANGES_LISTED = register("dayops.day_changes_listed", "Looked at the requests to change days")
OWN_DAYS_VIEWED = register("dayops.own_days_viewed", "Looked at their own day opportunities")
# Consent for a carer is the carers app's now (ownway.carers.events_breaks): these two name the rows written before.
CARER_CONSENT_RECORDED = register("dayops.carer_consent_recorded", "Recorded a person's consent for a carer")
CARER_CONSENT_WITHDRAWN = register("dayops.carer_consent_withdrawn", "Recorded that a person withdrew consent")
CARER_BREAKS_VIEWED = register("dayops.carer_breaks_viewed", "A carer looked at the breaks day placements give")
ABSENCE_ALERT_RAISED = register("dayops.absence_alert_raised", "Raised an alert: three absences in a row, no reason")
ABSENCE_ALERT_HANDLED = register("dayops.absence_alert_handled", "Followed up absences from a day service")
ABSENCE_ALERTS_LISTED = register("dayops.absence_alerts_listed", "Looked at the day-service absences to follow up")
PLACEMENT_CHANGED = register("dayops.placement_changed", "Changed a person's days at a day service")
PLACEMENT_ENDED = register("dayops.placement_ended", "Ended a person's placement at a day service")
PLACES_FREE_LISTED = register("dayops.places_free_listed", "Looked at the day-service places free for people waiting")
CHARGE_RATES_SET = register("dayops.charge_rates_set", "Set the council's day-service prices")
PLACEMENT_EXTRAS_SET = register("dayops.placement_extras_set", "Set the transport and meals a placement takes")
WEEKLY_CHARGES_VIEWED = register("dayops.weekly_charges_viewed", "Looked at a person's day-service charges for a week")
TRAVEL_SET = register("dayops.travel_set", "Recorded how a person travels to a day service")
TRAVEL_TRAINING_STARTED = register("dayops.travel_training_started", "Started travel training for a placement")
TRAVEL_TRAINING_STEP = register("dayops.travel_training_step", "Recorded a step of travel training")
TRAVEL_TRAINING_ENDED = register("dayops.travel_training_ended", "Ended travel training for a placement")
FLEET_CHANGED = register("dayops.fleet_changed", "Added, changed or retired a vehicle or driver of the council fleet")
FLEET_PLAN_STARTED = register("dayops.fleet_plan_started", "Started planning a day's fleet runs")
FLEET_RUN_VIEWED = register("dayops.fleet_run_viewed", "Looked at a driver's fleet run")
