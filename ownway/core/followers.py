"""Followers: how a step of the journey tells the later steps, which it may not import, that something changed.

Dependencies point down the journey (front door, assessment, money, plan, payments, reviews…), so an earlier
app cannot call a later one. Instead the earlier app keeps a :class:`Followers` registry for one kind of
change; each later app registers a follower in its ``AppConfig.ready()`` (the way apps add record panels to the
person page), and the earlier app's services tell the registry what changed.

* **The same transaction.** Followers run inside the telling service's transaction (they are refused outside
  one): the change and what follows from it are saved together or not at all.
* **Explicit, typed and ordered,** not Django signals: the conventions keep domain logic out of signals, whose
  receivers are untyped and run in the order they happened to connect. Here each follower states its order.
* **Many at once.** Followers are given all the changes together, so a change made to thousands of records at
  once (a yearly uprating) is followed in a few queries, not one per record.

Used by the contribution (:mod:`ownway.charging.followers`) and by an approved support plan
(:mod:`ownway.planning.followers`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction


@dataclass(frozen=True)
class Follower[Change]:
    """Something told of every change of one kind, lowest ``order`` first: ``follow(actor, changes)``, with
    ``actor`` the user who made the changes or ``None`` for a scheduled job."""

    name: str
    follow: Callable[[Any, Sequence[Change]], None]
    order: int = 100


class Followers[Change]:
    """The followers of one kind of change, by name."""

    def __init__(self, what: str) -> None:
        #: What changes, in words, for the error raised outside a transaction ("a contribution").
        self.what = what
        self._followers: dict[str, Follower[Change]] = {}

    def register(self, follower: Follower[Change]) -> Follower[Change]:
        """Add (or replace, by name) a follower; called from an app's ``AppConfig.ready()``."""
        self._followers[follower.name] = follower
        return follower

    def unregister(self, name: str) -> None:
        """Take a follower away (by name), if it is there."""
        self._followers.pop(name, None)

    def ordered(self) -> list[Follower[Change]]:
        """The registered followers in the order they are told."""
        return sorted(self._followers.values(), key=lambda f: (f.order, f.name))

    def tell(self, *, actor: Any, changes: Sequence[Change]) -> None:
        """Tell every follower, in order, of these changes; only inside the caller's transaction."""
        if not changes:
            return
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError(f"The followers of {self.what} are told only inside the transaction that changes it")
        for follower in self.ordered():
            follower.follow(actor, changes)
