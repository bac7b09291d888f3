"""Contact time and travel from what happened: a worker's day worked out from the times they recorded.

The planned figures (:mod:`.utilisation`) come from the published rota; these come from the arrivals and
departures workers record on their phones, so the service's "clear and transparent, verifiable metrics" (seed
004, Birmingham's Review of In-House Enablement Service) rest on what happened. The calculation, as there is no
national standard for it (seed 004, para 6.5.1):

* contact = the minutes from arriving to leaving, summed over the visits that happened (a missed visit, or one
  whose departure has not been recorded, adds none);
* travel = for each visit after the first, the minutes from leaving the visit before to arriving at this one,
  less the worker's break when the rota put it between the two, never below nothing; waiting for a visit's time
  counts as travel (it is neither contact nor break). Nothing records leaving home, so the first visit's travel
  is the rota's planned travel to it;
* paid = the rota's paid minutes for the worker's shift, or the contact and travel if they came to more (time
  worked beyond the shift is paid).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stop:
    """One visit that happened, in minutes after the day's midnight."""

    arrived: int
    departed: int
    #: The rota's planned travel to this visit (used for the day's first visit).
    planned_travel: int = 0
    #: The break the rota put just before this visit (minutes), taken out of the gap before it.
    break_before: int = 0


@dataclass(frozen=True)
class DayTimes:
    contact_minutes: int
    travel_minutes: int
    paid_minutes: int
    explanation: str


def worker_day(stops: list[Stop], *, planned_paid_minutes: int) -> DayTimes:
    if planned_paid_minutes < 0:
        raise ValueError("Paid minutes cannot be negative")
    if any(s.departed < s.arrived for s in stops):
        raise ValueError("A visit cannot end before it starts")
    ordered = sorted(stops, key=lambda s: (s.arrived, s.departed))
    contact = sum(s.departed - s.arrived for s in ordered)
    travel = 0
    for k, stop in enumerate(ordered):
        if k == 0:
            travel += max(0, stop.planned_travel)
        else:
            travel += max(0, stop.arrived - ordered[k - 1].departed - stop.break_before)
    paid = max(planned_paid_minutes, contact + travel)
    text = f"{len(ordered)} visits: {contact} minutes with people and {travel} travelling, of {paid} paid"
    if paid > planned_paid_minutes:
        text += f" ({paid - planned_paid_minutes} minutes beyond the shift)"
    return DayTimes(contact, travel, paid, text + ".")
