"""Who may see and work on safeguarding records: the most sensitive Ownway holds.

* Staff who may open a person's record (casework and council-wide roles) may raise a concern from it.
* The safeguarding team (a team of kind :attr:`~ownway.accounts.roles.TeamKind.SAFEGUARDING`) sees and works on
  every concern and enquiry.
* Outside it, a worker sees only the concerns given to them or the enquiries they lead; a team manager also those of
  their own team's workers (the managers who need them).
* Everyone else, administrators included, sees none: on a person's record they see only that a safeguarding matter
  exists (``ownway.safeguarding.panels``).
* The return's figures (counts, no names) are for the safeguarding lead: a team manager in the safeguarding team.
* Anyone, without signing in, may raise a concern through the public form; a provider with a directory account
  from its portal, and other agencies' systems through the API, acting as their account (``channels``).

Every read of a concern or an enquiry is audited, and so is a refused one (``ownway.safeguarding.selectors``).
"""

from __future__ import annotations

import enum

from django.db.models import Q, QuerySet

from ownway.accounts.models import Team, User
from ownway.accounts.policy import Policy, kept_for_request
from ownway.accounts.roles import CASEWORK_ROLES, COUNCIL_WIDE_ROLES, Role, TeamKind
from ownway.directory.permissions import provider_organization_id

from .models import Concern


class SafeguardingAction(enum.StrEnum):
    RAISE = "raise"
    VIEW = "view"
    WORK = "work"
    #: The yearly return's figures: the safeguarding lead (a team manager in the safeguarding team).
    FIGURES = "figures"
    #: A care provider raising a concern from its portal (or through the API): a provider speaking for an
    #: organisation in the directory.
    RAISE_AS_PROVIDER = "raise_as_provider"


_RAISERS = CASEWORK_ROLES | COUNCIL_WIDE_ROLES


def in_safeguarding_team(user: User) -> bool:
    """Whether the user works in the council's safeguarding team (asked once a request)."""
    team_id = user.team_id
    if user.role not in CASEWORK_ROLES or team_id is None:
        return False
    return kept_for_request(
        ("safeguarding_team", user.pk, team_id),
        lambda: Team.objects.filter(pk=team_id, kind=TeamKind.SAFEGUARDING).exists(),
    )


class SafeguardingPolicy(Policy[SafeguardingAction, Concern]):
    """:meth:`can_on` takes the concern."""

    name = "safeguarding"
    model = Concern

    def allows(self, user: User, action: SafeguardingAction) -> bool:
        if action == SafeguardingAction.RAISE:
            return user.role in _RAISERS
        if action == SafeguardingAction.FIGURES:
            return user.role == Role.TEAM_MANAGER
        if action == SafeguardingAction.RAISE_AS_PROVIDER:
            return user.role == Role.PROVIDER and provider_organization_id(user) is not None
        return user.role in CASEWORK_ROLES

    def scope(self, user: User) -> QuerySet[Concern]:
        concerns = Concern.objects.all()
        if user.role not in CASEWORK_ROLES:
            return concerns.none()
        if in_safeguarding_team(user):
            # The team sees every concern: no condition, so a list of them reads straight down its index.
            return concerns
        condition = Q(worker_id=user.pk) | Q(enquiry__lead_id=user.pk)
        if user.role == Role.TEAM_MANAGER and user.team_id is not None:
            condition |= Q(worker__team_id=user.team_id) | Q(enquiry__lead__team_id=user.team_id)
        return concerns.filter(condition)


policy = SafeguardingPolicy()
user_can = policy.can
user_can_for = policy.can_on
visible_to = policy.visible
