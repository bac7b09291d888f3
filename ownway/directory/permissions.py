"""Who may do what in the directory.

* Everyone, signed in or not, may search the directory and read its entries: it is public
  information, published as Open Referral UK for other services to reuse.
* A provider may propose changes to its own organisation's services (through its
  :class:`~.models.ProviderAccount`), never publish them.
* Brokers and administrators review proposed changes, confirm entries (assure them), import
  feeds, keep the register of personal assistants and shortlist services for a person.
* A citizen with a direct payment may search the register to employ a personal assistant; a citizen
  without one is told how to get one.
* Shortlists belong to a person's record, so seeing one also needs access to that person
  (:mod:`ownway.people.permissions`).
"""

from __future__ import annotations

import enum
import uuid

from django.db.models import Model, QuerySet

from ownway.accounts.models import User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import STAFF_ROLES, Role

from .models import Service


class DirectoryAction(enum.StrEnum):
    PROPOSE_CHANGE = "propose_change"
    REVIEW_CHANGE = "review_change"
    IMPORT = "import"
    MANAGE_REGISTER = "manage_register"
    BROKER = "broker"
    #: Look up personal assistants on the register (council staff who work with people).
    VIEW_REGISTER = "view_register"
    #: Search the register to employ a personal assistant: a citizen with a record of their own (the page
    #: shows the register only to one with a direct payment, and tells anyone else how to get one).
    FIND_ASSISTANT = "find_assistant"


_COUNCIL_EDITORS = {Role.BROKER, Role.ADMINISTRATOR}


class DirectoryPolicy(Policy[DirectoryAction, Service]):
    """:meth:`can_on` takes the directory entry (a service)."""

    name = "directory"
    model = Service

    def allows(self, user: User, action: DirectoryAction) -> bool:
        if action == DirectoryAction.PROPOSE_CHANGE:
            return user.role == Role.PROVIDER and provider_organization_id(user) is not None
        if action == DirectoryAction.FIND_ASSISTANT:
            return user.role == Role.CITIZEN and user.person_id is not None
        if action == DirectoryAction.VIEW_REGISTER:
            return user.role in STAFF_ROLES - {Role.COMMISSIONER}
        return user.role in _COUNCIL_EDITORS

    def allows_on(self, user: User, action: DirectoryAction, obj: Model) -> bool:
        if action == DirectoryAction.PROPOSE_CHANGE:
            organization_id = getattr(obj, "organization_id", None)
            return organization_id is not None and organization_id == provider_organization_id(user)
        return True

    def scope(self, user: User) -> QuerySet[Service]:
        """Every entry: the directory is public (a provider changes only :func:`editable_services`)."""
        return Service.objects.all()


policy = DirectoryPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible


def provider_organization_id(user: User) -> uuid.UUID | None:
    account = getattr(user, "directory_provider", None) if user.role == Role.PROVIDER else None
    return account.organization_id if account is not None else None


def editable_services(user: User) -> QuerySet[Service]:
    """The services a provider may propose changes to: its own organisation's."""
    organization_id = provider_organization_id(user) if user.is_authenticated else None
    if organization_id is None:
        return Service.objects.none()
    return Service.objects.filter(organization_id=organization_id)
