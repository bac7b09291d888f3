"""Audit actions of the people app."""

from ownway.accounts.events import register

PERSON_CREATED = register("people.person_created", "Created a person record")
PERSON_UPDATED = register("people.person_updated", "Changed a person record")
PERSON_VIEWED = register("people.person_viewed", "Looked at a person record")
PEOPLE_SEARCHED = register("people.searched", "Searched for people")
# Lists: one row for each person a list showed, so each person's trail says where they were seen.
CASELOAD_VIEWED = register("people.caseload_viewed", "Looked at a caseload")
NAMED_PEOPLE_LISTED = register(
    "people.named_people_listed", "Looked at the people they are named worker for, on their home page"
)
CARERS_SHOWN = register("people.carers_shown", "Saw them as a carer, or as someone cared for, on another record")
DUPLICATES_SHOWN = register("people.duplicates_shown", "Saw them as a possible duplicate of a record being made")
CARING_RELATIONSHIP_CREATED = register("people.caring_relationship_created", "Recorded a caring relationship")
CARING_RELATIONSHIP_ENDED = register("people.caring_relationship_ended", "Ended a caring relationship")
DEMO_CITY_GENERATED = register("people.demo_city_generated", "Generated a demo city")
DEMO_CITY_CLEARED = register("people.demo_city_cleared", "Cleared the demo city")
