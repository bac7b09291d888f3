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
DEMO_DAY_OPPORTUNITIES_MADE = register("dayops.demo_made", "Made the demo city's day services and placements")
