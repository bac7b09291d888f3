"""How well one day service fits what a person wants, in words a broker can read to them.

What a person wants comes from Nottinghamshire's I statements (seed 003, "What people have told us": "I can
access services and activities at evenings and weekends", "I can learn new things", "I am part of my local
community") and Birmingham's tiers (seed 000, "Proposed Draft Model of Day Opportunities"): the days and part of
the day they want, their tier, their interests, the access they need, how far they can travel, whether they need
transport, and what they can pay for a session.

Each service gets three lists: what **fits** (why it was suggested), what **does not fit** ("No weekend
sessions") and what the directory **does not say** (to ask the provider). Nothing is claimed that the directory
entry does not say: a service with no schedule is not said to be open or closed on any day, one with no cost
options is "ask the provider", one that does not say it offers transport is not said to lack it, one with no
places per session set has no known vacancies.

Places are counted as the placements do (``SLOTS``: a full day takes a morning and an afternoon place).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ownway.core.money import format_money
from ownway.directory.rules.cost import FullCost, cost_words
from ownway.directory.rules.geo import distance_text
from ownway.directory.rules.schedule import DAY_NAMES, DAYS, WEEKEND

#: The places of a service's day each part of the day takes (as ``dayops.models.SLOTS``, kept here without
#: Django so the rule stays pure; a test checks the two agree).
PART_SLOTS: dict[str, tuple[str, ...]] = {
    "morning": ("morning",),
    "afternoon": ("afternoon",),
    "full_day": ("morning", "afternoon"),
    "evening": ("evening",),
}
PART_WORDS = {"morning": "morning", "afternoon": "afternoon", "full_day": "full day", "evening": "evening"}
TIER_WORDS = {
    "enablement": "Enablement",
    "personalised": "Personalised Support",
    "specialist": "Specialist Intensive Support",
}


@dataclass(frozen=True)
class Wants:
    """What the person wants. Empty parts ask for nothing."""

    #: iCalendar day codes, in any order.
    days: Sequence[str] = ()
    #: A part of the day: morning, afternoon, full_day or evening.
    session: str = "full_day"
    #: Their current tier ("" when they are in none).
    tier: str = ""
    #: The access features they need (names).
    features: Sequence[str] = ()
    needs_transport: bool = False
    #: The most they can pay for a session, if they said.
    budget: Decimal | None = None
    #: Whether the search was near a postcode (so a service at no known place is worth a question).
    near: bool = False


@dataclass(frozen=True)
class Offer:
    """What the directory says of one service, and the places its placements take."""

    name: str
    #: The days any of its sessions run; None when it gives no schedule.
    open_days: frozenset[str] | None
    has_evening: bool
    #: The tiers it says it suits (codes).
    tiers: frozenset[str]
    cost: FullCost
    #: Places per session; None when not set.
    capacity: int | None = None
    #: Places taken at any time over the weeks asked about, by (day, slot).
    taken: Mapping[tuple[str, str], int] = field(default_factory=dict)
    transport: bool = False
    #: To its nearest matching venue, when the search was near a postcode.
    distance_m: float | None = None
    has_location: bool = True
    #: The person's interests it carries, and the access features they need that its venue has (names).
    interests: Sequence[str] = ()
    features: Sequence[str] = ()


@dataclass(frozen=True)
class Match:
    fits: list[str]
    misfits: list[str]
    ask: list[str]
    #: Places left on each day asked about (the fewest of the part's slots); None where not known.
    places: dict[str, int | None]
    #: Whether every session asked for has a place (or its places are not known): it can be offered.
    has_room: bool
    #: Whether a session asked for is full: the person may join the waiting list.
    full: bool
    cost_text: str

    @property
    def explanation(self) -> str:
        parts = []
        if self.fits:
            parts.append("Suggested because: " + "; ".join(self.fits) + ".")
        if self.misfits:
            parts.append("Does not fit: " + "; ".join(self.misfits) + ".")
        if self.ask:
            parts.append("Ask the provider: " + "; ".join(self.ask) + ".")
        return " ".join(parts)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Those with room first, then fewer misfits, then more that fits."""
        return (0 if self.has_room else 1, len(self.misfits), -len(self.fits))


def and_list(words: Sequence[str]) -> str:
    words = list(words)
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _days(codes: Sequence[str] | frozenset[str]) -> list[str]:
    return [DAY_NAMES[d] for d in DAYS if d in set(codes)]


def _when(wants: Wants, offer: Offer, fits: list[str], misfits: list[str], ask: list[str]) -> list[str]:
    """Days and evenings; returns the days asked about that the service runs (or may run: schedule not known)."""
    wanted = [d for d in DAYS if d in set(wants.days)]
    if offer.open_days is None:
        ask.append("which days and times it runs: the directory gives no schedule")
        return wanted or list(DAYS)
    open_days = offer.open_days
    if not wanted:
        if open_days:
            fits.append(f"Open on {and_list(_days(open_days))}")
        if wants.session == "evening":
            if offer.has_evening:
                fits.append("Runs in the evening (after 5pm)")
            else:
                misfits.append("No evening sessions")
        return [d for d in DAYS if d in open_days]
    on = [d for d in wanted if d in open_days]
    closed = [d for d in wanted if d not in open_days]
    if on:
        fits.append(f"Open on {and_list(_days(on))}")
    weekend_wanted = [d for d in closed if d in WEEKEND]
    if weekend_wanted and not open_days & WEEKEND:
        misfits.append("No weekend sessions")
        closed = [d for d in closed if d not in WEEKEND]
    if closed:
        misfits.append(f"Not open on {and_list(_days(closed))}")
    if wants.session == "evening":
        if offer.has_evening:
            fits.append("Runs in the evening (after 5pm)")
        else:
            misfits.append("No evening sessions")
    return on


def _places(
    wants: Wants, offer: Offer, days: list[str], fits: list[str], misfits: list[str], ask: list[str]
) -> tuple[dict[str, int | None], bool]:
    slots = PART_SLOTS.get(wants.session, ("morning", "afternoon"))
    if offer.capacity is None:
        ask.append("whether it has places: the directory does not say how many places a session has")
        return dict.fromkeys(days), False
    places: dict[str, int | None] = {}
    full_words = []
    for day in days:
        busiest = max(offer.taken.get((day, slot), 0) for slot in slots)
        places[day] = max(offer.capacity - busiest, 0)
        if busiest >= offer.capacity:
            full_words.append(f"{DAY_NAMES[day]} {PART_WORDS.get(wants.session, wants.session)}")
    free = [d for d in days if places[d]]
    part = PART_WORDS.get(wants.session, wants.session)
    if free:
        counts = and_list([f"{DAY_NAMES[d]} ({places[d]} left)" for d in free])
        fits.append(f"Places in the {part} session on {counts}")
    if full_words:
        misfits.append(f"Full on {and_list(full_words)} ({offer.capacity} places a session): waiting list")
    return places, bool(full_words)


def _cost(wants: Wants, offer: Offer, fits: list[str], misfits: list[str], ask: list[str]) -> None:
    cost = offer.cost
    if not cost.known:
        ask.append("what it costs: the service has not said")
        return
    if cost.is_free:
        fits.append("Free")
        return
    if wants.budget is None:
        return
    session = next((p for p in cost.periods if p.per == "session"), None)
    budget = format_money(wants.budget)
    if session is None:
        ask.append(f"the price of a session: it gives {cost_words(cost)}, so compare it with the {budget} a session")
    elif session.lowest <= wants.budget:
        fits.append(f"{session.text}, within the {budget} a session they can pay")
    else:
        misfits.append(f"{session.text}, more than the {budget} a session they can pay")


def match(wants: Wants, offer: Offer) -> Match:
    """How the service fits what the person wants: what fits, what does not, what to ask the provider."""
    fits: list[str] = []
    misfits: list[str] = []
    ask: list[str] = []
    if offer.interests:
        fits.append(f"Interests: {and_list(list(offer.interests))}")
    days = _when(wants, offer, fits, misfits, ask)
    if wants.tier:
        tier = TIER_WORDS.get(wants.tier, wants.tier)
        if wants.tier in offer.tiers:
            fits.append(f"Suits their tier, {tier}")
        elif offer.tiers:
            suits = and_list([TIER_WORDS[t] for t in TIER_WORDS if t in offer.tiers])
            misfits.append(f"It is for {suits}, not {tier}")
        else:
            ask.append(f"whether it suits {tier}: the directory does not say which tiers it suits")
    if offer.features:
        fits.append(f"Access they need: {and_list(list(offer.features))}")
    if offer.distance_m is not None:
        fits.append(f"{distance_text(offer.distance_m).capitalize()} away")
    elif wants.near and not offer.has_location:
        ask.append("where it meets: the directory gives no venue")
    if wants.needs_transport:
        if offer.transport:
            fits.append("Offers transport")
        else:
            ask.append("about transport: the directory does not say it offers any")
    _cost(wants, offer, fits, misfits, ask)
    places, full = _places(wants, offer, days, fits, misfits, ask)
    known = [v for v in places.values() if v is not None]
    has_room = bool(days) and not full and (offer.capacity is None or all(known))
    return Match(
        fits=fits,
        misfits=misfits,
        ask=ask,
        places=places,
        has_room=has_room,
        full=full,
        cost_text=cost_words(offer.cost),
    )
