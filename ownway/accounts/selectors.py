from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from .models import Team, User


def user_list_for_user(*, user: User) -> QuerySet[User]:
    """Every account, for administrators only."""
    if not (user.is_authenticated and (user.role == "administrator" or user.is_superuser)):
        raise PermissionDenied("Only administrators can see the list of accounts")
    return User.objects.select_related("team").order_by("role", "last_name", "first_name")


def team_members(*, team: Team) -> QuerySet[User]:
    return team.members.filter(is_active=True).order_by("last_name", "first_name")
