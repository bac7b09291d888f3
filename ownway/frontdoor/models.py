"""Contacts: the first time someone gets in touch with adult social care about a person.

A contact may arrive before the person has a record, so it keeps the person's details as given.
"""

from __future__ import annotations

from django.db import models

from ownway.core.versioning import version_field
from ownway.people.models import EmailState, email_state


class MethodOfAssessment(models.TextChoices):
    """How an assessment (or a conversation recorded as one) was carried out: CLD's mandatory "Method of
    Assessment", with its values as the Release 2 list gives them (``ownway/reporting/data/cld_release2.json``, which
    names each list's source; the labels are the values written into the extract)."""

    FACE_TO_FACE = "face_to_face", "Face to face"
    TELEPHONE = "telephone", "Telephone"
    VIDEO_CALL = "video_call", "Video call"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    OTHER = "other", "Other"


class ContactSource(models.TextChoices):
    """Who got in touch."""

    SELF = "self", "The person themselves"
    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    GP = "gp", "GP"
    HOSPITAL_DISCHARGE = "hospital_discharge", "Hospital discharge team"
    POLICE = "police", "Police"
    PROVIDER = "provider", "Care provider"
    OTHER_PROFESSIONAL = "other_professional", "Other professional"
    OTHER = "other", "Other"


class RouteOfAccess(models.TextChoices):
    """How the request came in, as SALT counts it.

    Source: SALT 2021-22 guidance, "Guidance to be applied to all tables" (NHS England Digital), table STS001
    route of access categories; CLD Release 1 "Request: Route of Access" (standards.md §1.4).
    """

    PLANNED_ENTRY = "planned_entry", "Planned entry (transition)"
    DISCHARGE_FROM_HOSPITAL = "discharge_from_hospital", "Discharge from hospital"
    DIVERSION_FROM_HOSPITAL = "diversion_from_hospital", "Diversion from hospital services"
    SELF_FUNDER_DEPLETED = "self_funder_depleted", "Self-funder with depleted funds"
    COMMUNITY = "community", "Community/other route"
    PRISON = "prison", "Prison"


class ContactStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class EventOutcome(models.TextChoices):
    """How a contact ended: the CLD Release 2 Event Outcome list (standards.md §1.5, from the DHSC CLD
    dashboard's deduplication method), less "Release 1 specification only: Not mapped"."""

    REABLEMENT = "reablement", "Progress to reablement/ST-Max"
    ASSESSMENT = "assessment", "Progress to assessment, review or reassessment"
    SUPPORT_PLANNING = "support_planning", "Progress to support planning or services"
    CONTINUATION = "continuation", "Continuation of support or services"
    HOSPITAL = "hospital", "Admitted to hospital"
    NFA_MOVED_LA = "nfa_moved_la", "NFA: Responsibility moved to another local authority"
    NFA_NHS = "nfa_nhs", "NFA: Referral to NHS services or NHS funded social care"
    NFA_SELF_FUNDED = "nfa_self_funded", "NFA: Self-funded client or under 12wk disregard"
    NFA_INFORMATION = "nfa_information", "NFA: Information and advice or signposting"
    NFA_OTHER_LA_SERVICE = "nfa_other_la_service", "NFA: Referral to other service within the local authority"
    NFA_DECLINED = "nfa_declined", "NFA: Support declined"
    NFA_DECEASED = "nfa_deceased", "NFA: Deceased"
    NFA_ENDED_AS_PLANNED = "nfa_ended_as_planned", "NFA: Support ended as planned"
    NFA_ENDED_OTHER = "nfa_ended_other", "NFA: Support ended for other reason"
    NFA_NO_SERVICES_OTHER = "nfa_no_services_other", "NFA: No services offered for other reason"
    NFA_OTHER = "nfa_other", "NFA: Other"


#: The SALT STS001 sequel each outcome reports as (standards.md §2, NHS England's SALT transformation
#: principles). ``None``: the sequel is whatever follows within 28 days (an assessment, a service), as
#: NHS England's replication of STS001 works it out from later events.
STS001_SEQUEL: dict[str, str | None] = {
    EventOutcome.REABLEMENT: "Short Term Support to Maximise Independence",
    EventOutcome.ASSESSMENT: None,
    EventOutcome.SUPPORT_PLANNING: None,
    EventOutcome.CONTINUATION: None,
    EventOutcome.HOSPITAL: "No Services Provided – other reason",
    EventOutcome.NFA_MOVED_LA: "No Services Provided – other reason",
    EventOutcome.NFA_NHS: "100% NHS Funded Care",
    EventOutcome.NFA_SELF_FUNDED: "No Services Provided – other reason",
    EventOutcome.NFA_INFORMATION: "Universal Services / Signposted to other services",
    EventOutcome.NFA_OTHER_LA_SERVICE: "Universal Services / Signposted to other services",
    EventOutcome.NFA_DECLINED: "No Services Provided – other reason",
    EventOutcome.NFA_DECEASED: "No Services Provided – Deceased",
    EventOutcome.NFA_ENDED_AS_PLANNED: "No Services Provided – other reason",
    EventOutcome.NFA_ENDED_OTHER: "No Services Provided – other reason",
    EventOutcome.NFA_NO_SERVICES_OTHER: "No Services Provided – other reason",
    EventOutcome.NFA_OTHER: "No Services Provided – other reason",
}


class ContactChannel(models.TextChoices):
    STAFF = "staff", "Recorded by staff"
    ONLINE = "online", "Online referral form"


class Contact(models.Model):
    """Someone getting in touch about an adult who may need care and support."""

    reference = models.CharField(max_length=12, unique=True, null=True, blank=True)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    #: The names folded for search (:func:`ownway.core.names.name_key`), written with them when the contact is made.
    search_name = models.CharField(max_length=400, blank=True, default="", editable=False)
    date_of_birth = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    source = models.CharField("who made the contact", max_length=30, choices=ContactSource.choices)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=30, blank=True)
    referrer_email = models.EmailField(blank=True)
    route_of_access = models.CharField(max_length=30, choices=RouteOfAccess.choices, default=RouteOfAccess.COMMUNITY)
    reason = models.TextField(help_text="What is happening, in the person's own words.")
    channel = models.CharField(max_length=10, choices=ContactChannel.choices, default=ContactChannel.STAFF)
    received_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ContactStatus.choices, default=ContactStatus.OPEN)
    outcome = models.CharField("how the contact ended", max_length=30, choices=EventOutcome.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts")
    #: The worker in the team who has the contact on their worklist.
    worker = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="allocated_contacts"
    )
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: The background job emailing the acknowledgement of a referral made online (:mod:`.tasks`), and when it went.
    acknowledgement_job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    #: Moved on when the contact is given to a worker, linked to a record or closed (``ownway.core.versioning``).
    lock_version = version_field()

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [
            models.Index(fields=["status", "team"], name="contact_status_team"),
            models.Index(fields=["status", "worker"], name="contact_status_worker"),
            models.Index(fields=["search_name"], name="contact_search_name", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.full_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def acknowledgement_state(self) -> EmailState | None:
        """How the email acknowledging an online referral is getting on (none when there was no address)."""
        return email_state(self.acknowledgement_job_id is not None, self.acknowledged_at, self.acknowledgement_job)


class ReferralAttempt(models.Model):
    """One submission of the public referral form, kept to limit how often one address may submit.

    Only a keyed hash of the IP address is stored, never the address itself.
    """

    client_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Referral attempt at {self.at:%Y-%m-%d %H:%M}"


class ConversationKind(models.TextChoices):
    """The Three Conversations (the model Birmingham's strategy and enablement review describe)."""

    LISTEN_AND_CONNECT = "listen_and_connect", "Conversation 1: listen and connect"
    CRISIS = "crisis", "Conversation 2: work intensively with people in crisis"
    GOOD_LIFE = "good_life", "Conversation 3: build a good life"


class Conversation(models.Model):
    """One of the three conversations held with a person who got in touch."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="conversations")
    kind = models.CharField(max_length=30, choices=ConversationKind.choices)
    held_on = models.DateField()
    #: How the conversation was held (CLD "Method of Assessment": the extract reports conversations as
    #: assessments); blank on conversations recorded before it was asked.
    method = models.CharField(
        "how the conversation was held", max_length=20, choices=MethodOfAssessment.choices, blank=True
    )
    what_matters = models.TextField("what matters to the person", blank=True)
    strengths = models.TextField(blank=True)
    networks = models.TextField("family, friends and community networks", blank=True)
    information_and_advice = models.TextField("information and advice given", blank=True)
    connected_to = models.TextField("community groups and services they were connected to", blank=True)
    safe_now = models.TextField("what is needed to be safe now", blank=True)
    short_term_plan = models.TextField(blank=True)
    revisit_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.held_on})"


class Signpost(models.Model):
    """A group, service or community asset from the directory that the person was connected to.

    Conversation 1 connects people with what is already in their community before formal services
    (Birmingham's Three Conversations); each connection is kept so it can be followed up and counted.
    """

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="signposts")
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="signposts")
    note = models.CharField("what was agreed", max_length=500, blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["contact", "service"], name="one_signpost_per_service")]

    def __str__(self) -> str:
        return f"{self.contact_id} → {self.service_id}"
