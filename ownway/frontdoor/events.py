"""Audit actions of the front door app."""

from ownway.accounts.events import register

CONTACT_CREATED = register("frontdoor.contact_created", "Recorded a contact")
CONTACT_SELF_REFERRAL = register("frontdoor.self_referral", "Received a referral through the public form")
CONTACT_VIEWED = register("frontdoor.contact_viewed", "Looked at a contact")
CONTACTS_LISTED = register("frontdoor.contacts_listed", "Looked at the open contacts worklist")
CONVERSATION_RECORDED = register("frontdoor.conversation_recorded", "Recorded a conversation")
CONTACT_CLOSED = register("frontdoor.contact_closed", "Closed a contact with its outcome")
CONTACT_ALLOCATED = register("frontdoor.contact_allocated", "Gave a contact to a worker")
CONTACT_PERSON_LINKED = register("frontdoor.contact_person_linked", "Linked a contact to a person record")
CONTACT_SIGNPOSTED = register("frontdoor.signposted", "Connected a person to a service or group in the directory")
REVISITS_LISTED = register("frontdoor.revisits_listed", "Looked at the crisis plans due to be revisited")
