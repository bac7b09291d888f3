"""Planning follows the person's contribution: each change splits their personal budget again from the day it
applies (registered in ``PlanningConfig.ready()``; see :mod:`ownway.charging.followers`)."""

from __future__ import annotations

from collections.abc import Sequence

from ownway.accounts.models import User
from ownway.charging.followers import ContributionChange, ContributionFollower

from .services import budget_splits_follow


def _follow(actor: User | None, changes: Sequence[ContributionChange]) -> None:
    budget_splits_follow(actor=actor, changes=changes)


#: Before the direct payment's rate (order 20), which carries the budget's new split.
BUDGET_SPLIT = ContributionFollower(name="planning.budget_split", follow=_follow, order=10)
