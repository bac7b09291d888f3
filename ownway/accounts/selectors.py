from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from . import events
from .audit import audit_shown
from .models import Team, User


def user_list_for_user(*, user: User) -> list[User]:
    """Every account, for administrators only. A citizen's account names a person: each one shown is
    written to that person's audit trail."""
    if not (user.is_authenticated and (user.role == "administrator" or user.is_superuser)):
        raise PermissionDenied("Only administrators can see the list of accounts")
    accounts = list(User.objects.select_related("team").order_by("role", "last_name", "first_name"))
    with transaction.atomic():
        audit_shown(
            actor=user,
            action=events.ACCOUNTS_LISTED,
            shown=[(account, account.person_id) for account in accounts if account.person_id is not None],
        )
    return accounts


def team_members(*, team: Team) -> QuerySet[User]:
    return team.members.filter(is_active=True).order_by("last_name", "first_name")
