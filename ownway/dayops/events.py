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
TRAVEL_SET = register("dayops.travel_set", "Recorded how a person travels to a day service")
TRAVEL_TRAINING_STARTED = register("dayops.travel_training_started", "Started travel training for a placement")
TRAVEL_TRAINING_STEP = register("dayops.travel_training_step", "Recorded a step of travel training")
TRAVEL_TRAINING_ENDED = register("dayops.travel_training_ended", "Ended travel training for a placement")
FLEET_CHANGED = register("dayops.fleet_changed", "Added a vehicle or driver to the council fleet")
FLEET_PLAN_STARTED = register("dayops.fleet_plan_started", "Started planning a day's fleet runs")
FLEET_RUN_VIEWED = register("dayops.fleet_run_viewed", "Looked at a driver's fleet run")
