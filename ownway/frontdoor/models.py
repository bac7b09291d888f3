"""Contacts: the first time someone gets in touch with adult social care about a person.

A contact may arrive before the person has a record, so it keeps the person's details as given.
"""

from __future__ import annotations

from django.db import models


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
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts")
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [models.Index(fields=["status", "team"], name="contact_status_team")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.full_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ReferralAttempt(models.Model):
    """One submission of the public referral form, kept to limit how often one address may submit.

    Only a keyed hash of the IP address is stored, never the address itself.
    """

    client_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Referral attempt at {self.at:%Y-%m-%d %H:%M}"
