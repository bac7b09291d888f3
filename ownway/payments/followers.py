"""Payments follow the person's contribution: each change gives their direct payment a new rate from the day it
applies (registered in ``PaymentsConfig.ready()``; see :mod:`ownway.charging.followers`)."""

from __future__ import annotations

from collections.abc import Sequence

from ownway.accounts.models import User
from ownway.charging.followers import ContributionChange, ContributionFollower

from .services import agreement_rates_follow


def _follow(actor: User | None, changes: Sequence[ContributionChange]) -> None:
    agreement_rates_follow(actor=actor, changes=changes)


#: After planning (order 10) has split the budget: the rate carries the split.
AGREEMENT_RATE = ContributionFollower(name="payments.agreement_rate", follow=_follow, order=20)
