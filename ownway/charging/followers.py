"""Followers of the contribution: what later steps of the journey change when a person's contribution does.

A person's contribution is carried further down the journey: the personal budget is split into the council's
part and theirs (``planning``), and a direct payment paid net of the contribution pays less (``payments``).
Dependencies point down the journey, so charging cannot import those apps to tell them. Instead each registers
a :class:`ContributionFollower` in its ``AppConfig.ready()``, the way apps add record panels to the person page
(:mod:`ownway.people.panels`); every charging service that makes a new current contribution (recording an
assessment, working it out again against a new cost of care, the yearly uprating) calls
:func:`contribution_changed` with what changed.

The registry is the journey's one shape for this (:mod:`ownway.core.followers`: in the same transaction,
explicit and ordered, many changes at once). What is particular to the contribution:

* **The order.** ``planning`` (order 10) makes the budget's new split before ``payments`` (order 20) gives the
  direct payment the rate that carries it.
* **Many at once.** The yearly uprating changes every open contribution (100,000 in a large council) in one
  transaction, and tells the followers of them all together.
* **From the day the charge applies.** Each change says from when (``FinancialAssessment.charges_from``);
  followers add new rows from that day and never change the rows before (budgets and payments are versioned
  or ledgered, never overwritten).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ownway.accounts.models import User
from ownway.core.followers import Follower, Followers
from ownway.ui.jinja2 import govuk_date

from .models import AssessmentReason, FinancialAssessment


@dataclass(frozen=True)
class ContributionChange:
    """A person's new current contribution: ``weekly`` from ``charges_from``, as their financial assessment
    ``financial_assessment_id`` worked it out; ``source`` says so in words (see :func:`contribution_source`)."""

    person_id: int
    financial_assessment_id: int
    weekly: Decimal
    charges_from: dt.date
    source: str


#: ``(actor, changes)``: make the follower's records follow the changes, in the caller's transaction.
#: ``actor`` is who changed the contribution, or ``None`` for a scheduled job.
Follow = Callable[[User | None, Sequence[ContributionChange]], None]

#: Something that carries a person's contribution: told of every change, lowest ``order`` first.
ContributionFollower = Follower[ContributionChange]

_FOLLOWERS: Followers[ContributionChange] = Followers("a contribution")


def contribution_follower_register(follower: ContributionFollower) -> ContributionFollower:
    """Add (or replace, by name) a follower; called from an app's ``AppConfig.ready()``."""
    return _FOLLOWERS.register(follower)


def contribution_follower_unregister(name: str) -> None:
    """Take a follower away (by name), if it is there."""
    _FOLLOWERS.unregister(name)


def contribution_followers() -> list[ContributionFollower]:
    """The registered followers in the order they are told."""
    return _FOLLOWERS.ordered()


def contribution_changed(*, actor: User | None, changes: Sequence[ContributionChange]) -> None:
    """Tell every follower, in order, of these new contributions; only inside the caller's transaction."""
    _FOLLOWERS.tell(actor=actor, changes=changes)


def contribution_source(*, reason: str, assessed_at: dt.datetime, year: str) -> str:
    """Where a contribution comes from, in words for the worker and the person ("financial assessment of
    4 December 2026"); an uprated one says the year's figures it now uses."""
    if reason == AssessmentReason.UPRATING:
        return f"financial assessment, uprated to the {year} figures on {govuk_date(assessed_at)}"
    return f"financial assessment of {govuk_date(assessed_at)}"


def assessment_source(fa: FinancialAssessment) -> str:
    """Where the contribution of an assessment comes from, in words (:func:`contribution_source`)."""
    return contribution_source(reason=fa.reason, assessed_at=fa.assessed_at, year=fa.rule_set.year)


def change_of(fa: FinancialAssessment) -> ContributionChange:
    """The change a new current assessment makes, to tell the followers."""
    return ContributionChange(
        person_id=fa.person_id,
        financial_assessment_id=fa.pk,
        weekly=fa.weekly_contribution,
        charges_from=fa.charges_from,
        source=assessment_source(fa),
    )
