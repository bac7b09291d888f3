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

# Outcomes, change requests and carers' consent.
GOAL_SET = register("dayops.goal_set", "Gave a day placement a goal")
PLACEMENT_REVIEWED = register("dayops.placement_reviewed", "Recorded the progress of a day placement's goals")
EMPLOYMENT_RECORDED = register("dayops.employment_recorded", "Recorded paid or voluntary work a person took up")
PLACEMENT_OUTCOMES_VIEWED = register("dayops.placement_outcomes_viewed", "Looked at a day placement's goals")
DAY_CHANGE_REQUESTED = register("dayops.day_change_requested", "Asked to change the days of a day placement")
DAY_CHANGE_HANDLED = register("dayops.day_change_handled", "Answered a request to change the days of a placement")
DAY_CHANGES_LISTED = register("dayops.day_changes_listed", "Looked at the requests to change days")
OWN_DAYS_VIEWED = register("dayops.own_days_viewed", "Looked at their own day opportunities")
CARER_CONSENT_RECORDED = register("dayops.carer_consent_recorded", "Recorded a person's consent for a carer")
CARER_CONSENT_WITHDRAWN = register("dayops.carer_consent_withdrawn", "Recorded that a person withdrew consent")
CARER_BREAKS_VIEWED = register("dayops.carer_breaks_viewed", "A carer looked at the breaks day placements give")
