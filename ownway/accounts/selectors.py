from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from ownway.core.names import key_matches, name_key, query_words

from . import events
from .audit import audit_shown
from .models import Team, User
from .permissions import AccountAction, user_can, visible_to


def user_list_for_user(*, user: User, query: str = "") -> QuerySet[User]:
    """Every account, or those whose names or user name each word of ``query`` begins (whatever the accents or
    case: :mod:`ownway.core.names`), for administrators only. Show a page of them through
    :func:`accounts_shown`.

    Staff accounts are few (a few thousand in the largest council) and are made in many ways (the admin site,
    the demo, commands), so they are matched here from their names rather than from a stored key.
    """
    if not user_can(user, AccountAction.MANAGE):
        raise PermissionDenied("Only administrators can see the list of accounts")
    accounts = visible_to(user).select_related("team").order_by("role", "last_name", "first_name")
    words = query_words(query)
    if words:
        names = accounts.values_list("pk", "first_name", "last_name", "username")
        accounts = accounts.filter(
            pk__in=[pk for pk, first, last, username in names if key_matches(name_key(first, last, username), words)]
        )
    return accounts


def accounts_shown(*, user: User, accounts: list[User]) -> None:
    """A citizen's account names a person: each one shown on a page of accounts is written to that person's
    audit trail."""
    with transaction.atomic():
        audit_shown(
            actor=user,
            action=events.ACCOUNTS_LISTED,
            shown=[(account, account.person_id) for account in accounts if account.person_id is not None],
        )


def team_members(*, team: Team) -> QuerySet[User]:
    return team.members.filter(is_active=True).order_by("last_name", "first_name")
