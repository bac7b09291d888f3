"""The journey's followers: told in order, all changes at once, and only inside the telling transaction."""

from __future__ import annotations

import pytest
from django.db import transaction

from ownway.core.followers import Follower, Followers


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_followers_are_told_in_order_inside_a_transaction_and_refused_outside():
    told: list[tuple[str, object, tuple[int, ...]]] = []
    followers: Followers[int] = Followers("a number")
    for name, order in (("b.second", 20), ("a.first", 10), ("c.same_order", 20)):
        followers.register(
            Follower(name=name, follow=lambda actor, c, n=name[0]: told.append((n, actor, tuple(c))), order=order)
        )
    followers.unregister("nobody")
    with transaction.atomic():
        followers.tell(actor="someone", changes=[1, 2])
        followers.tell(actor="someone", changes=[])
    assert told == [("a", "someone", (1, 2)), ("b", "someone", (1, 2)), ("c", "someone", (1, 2))]
    with pytest.raises(RuntimeError, match="followers of a number are told only inside the transaction"):
        followers.tell(actor=None, changes=[3])
    followers.unregister("b.second")
    assert [f.name for f in followers.ordered()] == ["a.first", "c.same_order"]
