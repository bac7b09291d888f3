"""Audit actions of the enablement app."""

from ownway.accounts.events import register

REFERRAL_RECORDED = register("enablement.referral_recorded", "Recorded a referral for enablement")
EPISODE_STARTED = register("enablement.episode_started", "Started an enablement episode")
EPISODE_ENDED = register("enablement.episode_ended", "Ended an enablement episode with its outcome")
GOAL_ADDED = register("enablement.goal_added", "Added an enablement goal")
VISIT_PLANNED = register("enablement.visit_planned", "Added a visit to an enablement visit plan")
VISIT_PLAN_CHANGED = register("enablement.visit_plan_changed", "Changed a visit in an enablement visit plan")
VISIT_PLAN_REMOVED = register("enablement.visit_plan_removed", "Removed a visit from an enablement visit plan")
VISIT_NOTE_RECORDED = register("enablement.visit_note_recorded", "Wrote a visit note")
WORKER_PROFILE_SAVED = register("enablement.worker_profile_saved", "Saved an enablement worker's details")
SHIFT_SET = register("enablement.shift_set", "Set a worker's shift")
LEAVE_RECORDED = register("enablement.leave_recorded", "Recorded a worker's leave")
ROSTER_REQUEST_RECORDED = register("enablement.roster_request_recorded", "Recorded a worker's rota request")
ROTA_CREATED = register("enablement.rota_created", "Ran the rota optimiser")
ROTA_VISIT_MOVED = register("enablement.rota_visit_moved", "Moved a visit on a draft rota")
ROTA_PUBLISHED = register("enablement.rota_published", "Published a rota")
ROTA_VIEWED = register("enablement.rota_viewed", "Looked at a rota")
OWN_DAY_VIEWED = register("enablement.own_day_viewed", "Looked at their own day")
EPISODE_VIEWED = register("enablement.episode_viewed", "Looked at an enablement episode")
EPISODES_LISTED = register("enablement.episodes_listed", "Looked at the list of enablement episodes")
REFERRAL_VIEWED = register("enablement.referral_viewed", "Looked at an enablement referral")
