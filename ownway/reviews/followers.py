"""What follows a review held (:data:`REVIEW_HELD`, :mod:`ownway.core.followers`): later apps register in their
``AppConfig.ready()`` (the surveys ask the person how things are for them); :func:`~.services.review_record` tells
them, in its own transaction, of each review it records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ownway.core.followers import Followers


@dataclass(frozen=True)
class ReviewHeld:
    """A review of a person's plan held on ``held_on``, with what it decided."""

    person_id: int
    review_id: int
    held_on: dt.date
    decision: str


#: What follows a review held; registered by the later apps in their ``AppConfig.ready()``.
REVIEW_HELD: Followers[ReviewHeld] = Followers("a review held")
