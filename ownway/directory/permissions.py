"""Who may do what in the directory.

* Everyone, signed in or not, may search the directory and read its entries: it is public
  information, published as Open Referral UK for other services to reuse.
* A provider may propose changes to its own organisation's services (through its
  :class:`~.models.ProviderAccount`), never publish them.
* Brokers and administrators review proposed changes, confirm entries (assure them), import
  feeds, keep the register of personal assistants and shortlist services for a person.
* Shortlists belong to a person's record, so seeing one also needs access to that person
  (:mod:`ownway.people.permissions`).
"""

from __future__ import annotations

import enum
import uuid

from django.db.models import QuerySet

from ownway.accounts.models import User
from ownway.accounts.roles import Role

from .models import Service


class DirectoryAction(enum.StrEnum):
    PROPOSE_CHANGE = "propose_change"
    REVIEW_CHANGE = "review_change"
    IMPORT = "import"
    MANAGE_REGISTER = "manage_register"
    BROKER = "broker"


_COUNCIL_EDITORS = {Role.BROKER, Role.ADMINISTRATOR}


def user_can(user: User, action: DirectoryAction) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if action == DirectoryAction.PROPOSE_CHANGE:
        return user.role == Role.PROVIDER and provider_organization_id(user) is not None
    return user.role in _COUNCIL_EDITORS


def provider_organization_id(user: User) -> uuid.UUID | None:
    account = getattr(user, "directory_provider", None) if user.role == Role.PROVIDER else None
    return account.organization_id if account is not None else None


def editable_services(user: User) -> QuerySet[Service]:
    """The services a provider may propose changes to: its own organisation's."""
    organization_id = provider_organization_id(user) if user.is_authenticated else None
    if organization_id is None:
        return Service.objects.none()
    return Service.objects.filter(organization_id=organization_id)


def user_can_for(user: User, action: DirectoryAction, service: Service) -> bool:
    if not user_can(user, action):
        return False
    if action == DirectoryAction.PROPOSE_CHANGE:
        return service.organization_id is not None and service.organization_id == provider_organization_id(user)
    return True
