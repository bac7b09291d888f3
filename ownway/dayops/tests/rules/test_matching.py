"""How a day service fits what a person wants, from worked examples."""

from decimal import Decimal

from ownway.dayops.models import SLOTS
from ownway.dayops.rules.matching import PART_SLOTS, Offer, Wants, match
from ownway.directory.rules.cost import CostLine, full_cost

PRICED = full_cost([CostLine("Standard", Decimal("30.00"), "price", "session")])
WEEKDAYS = frozenset({"MO", "TU", "WE", "TH", "FR"})


def _offer(**changes):
    values = {
        "name": "Northfield day centre",
        "open_days": WEEKDAYS,
        "has_evening": False,
        "tiers": frozenset({"enablement"}),
        "cost": PRICED,
        "capacity": 10,
    } | changes
    return Offer(**values)


def test_the_parts_of_the_day_take_the_places_the_placements_take():
    assert {part: frozenset(slots) for part, slots in PART_SLOTS.items()} == dict(SLOTS.items())


def test_an_evening_service_on_weekdays_does_not_fit_a_weekend():
    """Nottinghamshire (seed 003): "I can access services and activities at evenings and weekends"."""
    result = match(Wants(days=("WE", "SA"), session="evening"), _offer(has_evening=True))
    assert result.fits[:2] == ["Open on Wednesday", "Runs in the evening (after 5pm)"]
    assert result.misfits == ["No weekend sessions"]
    assert "Places in the evening session on Wednesday (10 left)" in result.fits
    assert result.has_room


def test_a_day_it_is_closed_is_named_and_no_evening_sessions():
    result = match(Wants(days=("MO", "SU"), session="evening"), _offer(open_days=frozenset({"MO", "SA"})))
    assert result.misfits[:2] == ["Not open on Sunday", "No evening sessions"]


def test_nothing_is_claimed_that_the_directory_does_not_say():
    unknown_cost = full_cost([CostLine("Standard", None)])
    result = match(
        Wants(days=("MO",), tier="personalised", needs_transport=True, budget=Decimal("20"), near=True),
        _offer(open_days=None, tiers=frozenset(), cost=unknown_cost, capacity=None, has_location=False),
    )
    assert result.misfits == []
    assert result.ask == [
        "which days and times it runs: the directory gives no schedule",
        "whether it suits Personalised Support: the directory does not say which tiers it suits",
        "where it meets: the directory gives no venue",
        "about transport: the directory does not say it offers any",
        "what it costs: the service has not said",
        "whether it has places: the directory does not say how many places a session has",
    ]
    assert result.cost_text == "Ask the provider"
    assert result.has_room
    assert not result.full


def test_a_full_session_offers_the_waiting_list_not_a_place():
    taken = {("MO", "morning"): 10, ("MO", "afternoon"): 4, ("TU", "morning"): 3}
    result = match(Wants(days=("MO", "TU"), session="full_day"), _offer(taken=taken))
    assert result.places == {"MO": 0, "TU": 7}
    assert result.misfits == ["Full on Monday full day (10 places a session): waiting list"]
    assert "Places in the full day session on Tuesday (7 left)" in result.fits
    assert result.full
    assert not result.has_room


def test_the_tier_the_budget_and_transport():
    result = match(
        Wants(tier="specialist", budget=Decimal("25.00"), needs_transport=True),
        _offer(tiers=frozenset({"enablement", "personalised"}), transport=True),
    )
    assert "It is for Enablement and Personalised Support, not Specialist Intensive Support" in result.misfits
    assert "£30.00 a session, more than the £25.00 a session they can pay" in result.misfits
    assert "Offers transport" in result.fits
    within = match(Wants(tier="enablement", budget=Decimal("30")), _offer())
    assert "Suits their tier, Enablement" in within.fits
    assert "£30.00 a session, within the £30.00 a session they can pay" in within.fits


def test_a_price_for_another_period_is_not_compared_with_a_session_budget():
    weekly = full_cost([CostLine("Standard", Decimal("90.00"), "price", "week")])
    result = match(Wants(budget=Decimal("30")), _offer(cost=weekly))
    assert result.ask == ["the price of a session: it gives £90.00 a week, so compare it with the £30.00 a session"]
    assert match(Wants(), _offer(cost=full_cost([CostLine("Free", Decimal(0))]))).fits[-2] == "Free"


def test_the_explanation_reads_as_sentences():
    result = match(Wants(days=("SA",)), _offer(interests=("Arts and crafts",), distance_m=1931.0))
    assert result.explanation == (
        "Suggested because: Interests: Arts and crafts; 1.2 miles away. Does not fit: No weekend sessions."
    )
    assert not result.has_room
