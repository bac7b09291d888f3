"""Staff and citizen accounts, teams, API tokens and the audit trail."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models

from .roles import CASEWORK_ROLES, COUNCIL_WIDE_ROLES, MANAGER_ROLES, STAFF_ROLES, Role, TeamKind


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=40, choices=TeamKind.choices)
    area = models.CharField(max_length=120, blank=True, help_text="The part of the city the team covers.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in: council staff, a citizen or carer, or a provider's staff."""

    role = models.CharField(max_length=40, choices=Role.choices)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    job_title = models.CharField(max_length=120, blank=True)
    #: For citizen accounts: the person record this account belongs to.
    person = models.OneToOneField(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="citizen_account"
    )
    #: For provider accounts: the organisation the account speaks for (linked to the directory later).
    organisation_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="citizen") | models.Q(team__isnull=True),
                name="citizen_has_no_team",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def is_council_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def holds_caseload(self) -> bool:
        return self.role in CASEWORK_ROLES

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES

    @property
    def works_council_wide(self) -> bool:
        return self.role in COUNCIL_WIDE_ROLES


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for another system. It acts as its user, under that user's permissions.

    Only a SHA-256 digest of the token is stored; the token itself is shown once, when made.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=120, help_text="What system uses this token.")
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AuditEvent(models.Model):
    """One entry in the audit trail: who did or read what, when, about whom, and from where.

    The trail is append-only: the app offers no way to change or delete an entry, the admin shows it
    read-only, and deleting a user or a person leaves their history in place (no cascading foreign keys).
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor_label = models.CharField(max_length=200, help_text="The actor's name and role when it happened.")
    action = models.CharField(max_length=80, db_index=True)
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    path = models.CharField(max_length=300, blank=True)
    via = models.CharField(max_length=20, blank=True, help_text="web, api or command")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["person", "-occurred_at"], name="audit_person_recent")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"
