"""Writing what matching leads to: a suggested day service put on the person's shortlist, with its reasons.

The shortlist is the directory's brokerage shortlist (:mod:`ownway.directory.services`): the broker adds the
services the person wants to consider, the person's choice is recorded there, and the choice becomes a placement
through :func:`ownway.dayops.services.placement_make` (capacity and the waiting list apply as to any placement).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ownway.accounts.models import User
from ownway.directory.models import Service, Shortlist, ShortlistEntry
from ownway.directory.services import MAX_SHORTLIST_NOTE, shortlist_add, shortlist_create
from ownway.people.models import Person

from .rules.matching import Match

#: The purpose of a shortlist started from the suggestions.
PURPOSE = "Day opportunities"


def match_note(result: Match) -> str:
    """The reasons kept with the service on the shortlist, cut to the longest note a shortlist keeps."""
    text = result.explanation
    return text if len(text) <= MAX_SHORTLIST_NOTE else text[: MAX_SHORTLIST_NOTE - 1] + "…"


def match_shortlist(
    *, actor: User, person: Person, service: Service, note: str, shortlist: Shortlist | None = None
) -> ShortlistEntry:
    """Put a suggested service on the person's shortlist (a new "Day opportunities" one when none is given), with
    why it was suggested. The shortlist must be the person's and still open (no choice made); the directory's
    brokerage rules apply (only brokers, only people whose record they may see)."""
    if shortlist is not None:
        if shortlist.person_id != person.pk:
            raise ValidationError({"shortlist": ["That shortlist is someone else's"]})
        if shortlist.chosen_id is not None:
            raise ValidationError({"shortlist": ["The person has already chosen from that shortlist"]})
    with transaction.atomic():
        if shortlist is None:
            shortlist = shortlist_create(actor=actor, person=person, purpose=PURPOSE)
        shortlist.person = person
        return shortlist_add(actor=actor, shortlist=shortlist, service=service, note=note)
