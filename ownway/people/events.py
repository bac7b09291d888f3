"""Audit actions of the people app."""

from ownway.accounts.events import register

PERSON_CREATED = register("people.person_created", "Created a person record")
PERSON_UPDATED = register("people.person_updated", "Changed a person record")
PERSON_VIEWED = register("people.person_viewed", "Looked at a person record")
PEOPLE_SEARCHED = register("people.searched", "Searched for people")
# Lists: one row for each person a list showed, so each person's trail says where they were seen.
CASELOAD_VIEWED = register("people.caseload_viewed", "Looked at a caseload")
LETTERS_TO_POST_LISTED = register("people.letters_to_post_listed", "Looked at the letters waiting to be posted")
NAMED_PEOPLE_LISTED = register(
    "people.named_people_listed", "Looked at the people they are named worker for, on their home page"
)
CARERS_SHOWN = register("people.carers_shown", "Saw them as a carer, or as someone cared for, on another record")
DUPLICATES_SHOWN = register("people.duplicates_shown", "Saw them as a possible duplicate of a record being made")
CARING_RELATIONSHIP_CREATED = register("people.caring_relationship_created", "Recorded a caring relationship")
CARING_RELATIONSHIP_ENDED = register("people.caring_relationship_ended", "Ended a caring relationship")
DEMO_CITY_GENERATED = register("people.demo_city_generated", "Generated a demo city")
DEMO_CITY_CLEARED = register("people.demo_city_cleared", "Cleared the demo city")
LETTER_SENT = register("people.letter_sent", "Sent a letter to a person")
LETTER_POSTED = register("people.letter_posted", "Posted a letter to a person")
ACCOUNT_INVITED = register("people.account_invited", "Invited a person to set up their online account")
ACCOUNT_SET_UP = register("people.account_set_up", "Set up an online account from an invitation")
ACCOUNT_SET_UP_REFUSED = register("people.account_set_up_refused", "Refused an account set-up: wrong date of birth")
