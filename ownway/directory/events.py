"""Audit actions of the directory app."""

from ownway.accounts.events import register

DIRECTORY_IMPORTED = register("directory.imported", "Imported an Open Referral UK feed into the directory")
SERVICE_CHANGE_PROPOSED = register("directory.change_proposed", "Proposed a change to a directory entry")
SERVICE_CHANGE_APPROVED = register("directory.change_approved", "Approved and published a directory change")
SERVICE_CHANGE_REJECTED = register("directory.change_rejected", "Sent back a proposed directory change")
SERVICE_ASSURED = register("directory.service_assured", "Confirmed a directory entry's details are correct")
POSTCODES_IMPORTED = register("directory.postcodes_imported", "Imported postcode centres")
PA_REGISTERED = register("directory.pa_registered", "Added a personal assistant to the register")
PA_REGISTER_VIEWED = register("directory.pa_register_viewed", "Looked at the register of personal assistants")
PA_CONSENT_WITHDRAWN = register("directory.pa_consent_withdrawn", "Took a personal assistant off the register")
SHORTLIST_CREATED = register("directory.shortlist_created", "Started a shortlist of services for a person")
SHORTLIST_SERVICE_ADDED = register("directory.shortlist_service_added", "Added a service to a person's shortlist")
SHORTLIST_CHOICE_RECORDED = register("directory.shortlist_choice_recorded", "Recorded the service a person chose")
SHORTLIST_VIEWED = register("directory.shortlist_viewed", "Looked at a person's shortlist")
PROVIDER_ACCOUNT_LINKED = register("directory.provider_account_linked", "Linked a provider account to its organisation")
SUGGESTED_VENUE_ACCEPTED = register(
    "directory.suggested_venue_accepted", "Added a venue suggested by a postcode in a directory entry's description"
)
FEED_CONFLICT_RESOLVED = register(
    "directory.feed_conflict_resolved", "Resolved a conflict between a directory entry's change and its feed"
)
