"""Who may do what in enablement.

* Enablement managers roster their own team: run the optimiser (and watch or stop its runs), move visits,
  publish; they record referrals, episodes, goals, visit plans and the workforce's shifts, leave and requests.
  Administrators may do all of it for every team.
* A referral may be about anyone in the council (enablement takes them from every team, the front door and
  hospital discharge), so it is not limited to the team's caseload; instead the person is found only by their
  reference (or a front-door contact's) together with their date of birth, and a reference that does not
  match is answered as one no one has (``selectors.referral_subject``). From the referral on, the team sees
  the person's name and address, for its episodes and visits.
* Enablement workers see their own published day and write visit notes for their team's episodes; they may
  make their own rota requests.
* The utilisation dashboard (figures, no personal details) is open to enablement managers, commissioners and
  administrators.
"""

from __future__ import annotations

import enum

from django.db.models import Model, QuerySet

from ownway.accounts.models import Team, User
from ownway.accounts.policy import Policy
from ownway.accounts.roles import Role

from .models import Episode, Rota, RotaRun


class EnablementAction(enum.StrEnum):
    ROSTER = "roster"
    MANAGE_EPISODES = "manage_episodes"
    WRITE_NOTES = "write_notes"
    VIEW_OWN_DAY = "view_own_day"
    VIEW_DASHBOARD = "view_dashboard"


_ROLES: dict[EnablementAction, frozenset[str]] = {
    EnablementAction.ROSTER: frozenset({Role.ENABLEMENT_MANAGER, Role.ADMINISTRATOR}),
    EnablementAction.MANAGE_EPISODES: frozenset({Role.ENABLEMENT_MANAGER, Role.ADMINISTRATOR}),
    EnablementAction.WRITE_NOTES: frozenset({Role.ENABLEMENT_WORKER, Role.ENABLEMENT_MANAGER}),
    EnablementAction.VIEW_OWN_DAY: frozenset({Role.ENABLEMENT_WORKER}),
    EnablementAction.VIEW_DASHBOARD: frozenset({Role.ENABLEMENT_MANAGER, Role.COMMISSIONER, Role.ADMINISTRATOR}),
}


class EnablementPolicy(Policy[EnablementAction, Episode]):
    """:meth:`can_on` takes a team (or a record of a team's: a rota, an episode, a worker): its own team, or any
    team for an administrator."""

    name = "enablement"
    model = Episode

    def allows(self, user: User, action: EnablementAction) -> bool:
        return user.role in _ROLES[action]

    def allows_on(self, user: User, action: EnablementAction, obj: Model) -> bool:
        team_id = obj.pk if isinstance(obj, Team) else getattr(obj, "team_id", None)
        return user.role == Role.ADMINISTRATOR or (user.team_id is not None and user.team_id == team_id)

    def scope(self, user: User) -> QuerySet[Episode]:
        """The episodes of the user's team (every team's for an administrator)."""
        episodes = Episode.objects.all()
        if not (self.can(user, EnablementAction.MANAGE_EPISODES) or self.can(user, EnablementAction.WRITE_NOTES)):
            return episodes.none()
        if user.role == Role.ADMINISTRATOR:
            return episodes
        if user.team_id is None:
            return episodes.none()
        return episodes.filter(team_id=user.team_id)


policy = EnablementPolicy()
#: The policy's questions, by the names the apps ask them.
user_can = policy.can
user_can_for = policy.can_on
episodes_visible_to = policy.visible


def rotas_visible_to(user: User) -> QuerySet[Rota]:
    """The rotas the user may roster: their team's (every team's for an administrator)."""
    rotas = Rota.objects.all()
    if not policy.can(user, EnablementAction.ROSTER):
        return rotas.none()
    if user.role == Role.ADMINISTRATOR:
        return rotas
    if user.team_id is None:
        return rotas.none()
    return rotas.filter(team_id=user.team_id)


def rota_runs_visible_to(user: User) -> QuerySet[RotaRun]:
    """Runs of the optimiser in the background: seen (and stopped) by those who may see the team's rota."""
    runs = RotaRun.objects.all()
    if not policy.can(user, EnablementAction.ROSTER):
        return runs.none()
    if user.role == Role.ADMINISTRATOR:
        return runs
    if user.team_id is None:
        return runs.none()
    return runs.filter(team_id=user.team_id)
