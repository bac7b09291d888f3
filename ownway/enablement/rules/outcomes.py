"""What enablement achieved: the share needing no long-term support after it, and the share still at home 91 days
after discharge (ASCOF 2A and 2D, standards.md §3).

* ASCOF 2A (formerly 2D), from the SALT STS002a sequels of short-term support to maximise independence: the
  denominator is the episodes whose sequel is long-term support (any setting), ongoing low-level support,
  short-term support (other), no services (universal services or signposted) or no services (other); the
  numerator is the same less long-term support (NHS England's ASCOF handbook, p.7, as standards.md §3 quotes it).
  Early cessation, self-funding and declined support are in neither.
* ASCOF 2D part 1 (formerly 2B, SALT STS004): of people aged 65 and over discharged from hospital into
  reablement, the share still at home 91 days after discharge (in hospital, in a care home or dead at 91 days are
  not in the numerator).

The council compares the first with Coventry's: "a good percentage (two thirds) helped to maintain or regain
levels of independence" (seed 004, the Independent Adviser's Part 1, case study 2, para 15).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

LONG_TERM_SUPPORT = "long_term_support"
ASCOF_2A_DENOMINATOR = frozenset(
    {LONG_TERM_SUPPORT, "ongoing_low_level", "short_term_other", "universal_signposted", "no_services_other"}
)


@dataclass(frozen=True)
class Share:
    numerator: int
    denominator: int

    @property
    def pct(self) -> Decimal | None:
        if self.denominator == 0:
            return None
        return (Decimal(100 * self.numerator) / self.denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def meets(self, target_pct: Decimal) -> bool | None:
        pct = self.pct
        return None if pct is None else pct >= target_pct


def ascof_2a(sequels: Iterable[str]) -> Share:
    """The share of episodes needing no long-term support afterwards, from their STS002a sequels."""
    counted = [s for s in sequels if s in ASCOF_2A_DENOMINATOR]
    return Share(numerator=sum(1 for s in counted if s != LONG_TERM_SUPPORT), denominator=len(counted))


@dataclass(frozen=True)
class NinetyOneDays:
    aged_65_or_over: bool
    from_hospital: bool
    at_home: bool


def ascof_2d(people: Iterable[NinetyOneDays]) -> Share:
    """Of those aged 65 or over discharged from hospital into enablement, the share at home 91 days after."""
    counted = [p for p in people if p.aged_65_or_over and p.from_hospital]
    return Share(numerator=sum(1 for p in counted if p.at_home), denominator=len(counted))
