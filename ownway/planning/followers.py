"""Planning and what follows it.

* Planning follows the person's contribution: each change splits their personal budget again from the day it
  applies (registered in ``PlanningConfig.ready()``; see :mod:`ownway.charging.followers`).
* Later steps follow an approved plan (:data:`PLAN_APPROVED`, :mod:`ownway.core.followers`): reviews schedule
  the plan's first review 6 to 8 weeks after it starts. :func:`~.services.plan_approve` tells them, in its
  own transaction, of each version it approves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ownway.accounts.models import User
from ownway.charging.followers import ContributionChange, ContributionFollower
from ownway.core.followers import Followers


def _follow(actor: User | None, changes: Sequence[ContributionChange]) -> None:
    from .services import budget_splits_follow  # the services tell PLAN_APPROVED, below

    budget_splits_follow(actor=actor, changes=changes)


#: Before the direct payment's rate (order 20), which carries the budget's new split.
BUDGET_SPLIT = ContributionFollower(name="planning.budget_split", follow=_follow, order=10)


@dataclass(frozen=True)
class PlanApproved:
    """A version of a person's support plan approved: it applies from ``starts_on``."""

    person_id: int
    plan_id: int
    version_id: int
    starts_on: dt.date


#: What follows an approved support plan; registered by the later apps in their ``AppConfig.ready()``.
PLAN_APPROVED: Followers[PlanApproved] = Followers("an approved support plan")
