"""Offers: what a later step of the journey offers to do from an earlier step's page, without the earlier app
knowing it (raising a safeguarding concern from a direct payment's monitoring, or from a review).

Dependencies point down the journey, so a page cannot import the apps above it. Instead each such app registers
an :class:`OfferSource` for a page by name in its ``AppConfig.ready()``: a function that, given the signed-in user
and the page's record (already opened, so the opening is checked and audited), returns an :class:`Offer`, or
``None`` when there is nothing to offer that user. The page asks :func:`offers_for` and shows each with the
``ui/offers.html`` macro. Each app keeps its own permission checks inside its function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ownway.accounts.models import User


@dataclass(frozen=True)
class Offer:
    """A link to do something, with why it is offered (each reason a sentence in plain English)."""

    heading: str
    text: str
    href: str
    reasons: tuple[str, ...] = ()
    #: Shown as a warning (something may be wrong), rather than as a plain link.
    warning: bool = False


@dataclass(frozen=True)
class OfferSource:
    page: str
    name: str
    offer: Callable[[User, Any], Offer | None]


_SOURCES: dict[tuple[str, str], OfferSource] = {}


def offer_register(source: OfferSource) -> OfferSource:
    """Add (or replace, by page and name) an offer on a page; called from an app's ``AppConfig.ready()``."""
    _SOURCES[(source.page, source.name)] = source
    return source


def offers_for(page: str, *, user: User, record: Any) -> list[Offer]:
    """The offers this user sees on this page about this record (the caller has opened the record)."""
    shown = []
    for (source_page, _name), source in sorted(_SOURCES.items()):
        if source_page == page:
            offer = source.offer(user, record)
            if offer is not None:
                shown.append(offer)
    return shown
