"""The figures of one financial year's charging rules, as data a council can correct.

The Care and Support (Charging and Assessment of Resources) Regulations 2014 (SI 2014/2672) set the
capital limits (reg 12), tariff income (reg 25) and the Minimum Income Guarantee (reg 7); they are
uprated each April by amending regulations and a DHSC local authority circular. Each year's figures
live in a :class:`RuleSet`; a figure that could not be confirmed from a primary source is listed in
``unconfirmed`` with where it came from, so that the council checks it (and can set it) before
relying on it. A figure that is simply not known is ``None``: a calculation that needs it stops with a
clear error rather than guessing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

D = Decimal
_LOWER = D("14250.00")
_UPPER = D("23250.00")
_SLICE = D("250.00")
_ONE_POUND = D("1.00")
_NOTHING = D("0.00")
_ADAPTATION_LIMIT = D("1000.00")


@dataclass(frozen=True)
class RuleSet:
    """One financial year's charging figures. Weekly amounts in pounds, two decimal places."""

    year: str
    #: reg 12: capital at or below this is ignored.
    lower_capital_limit: Decimal = _LOWER
    #: reg 12: above this the person pays the full cost (councils may set a higher limit for care at home).
    upper_capital_limit: Decimal = _UPPER
    #: reg 25: £1 a week for every £250, or part of £250, between the limits.
    tariff_slice: Decimal = _SLICE
    tariff_per_slice: Decimal = _ONE_POUND
    #: The age at which a person reaches pension credit qualifying age (reg 7(2)(c)).
    pension_credit_age: int = 66
    # Minimum Income Guarantee, reg 7 (weekly).
    mig_single_18_to_24: Decimal | None = None
    mig_single_25_to_pension_age: Decimal | None = None
    mig_single_pension_age: Decimal | None = None
    mig_lone_parent: Decimal | None = None
    mig_couple_member: Decimal | None = None
    mig_couple_member_pension_age: Decimal | None = None
    mig_per_child: Decimal | None = None
    disability_premium: Decimal | None = None
    enhanced_disability_premium: Decimal | None = None
    #: reg 7(6): the premiums for a member of a couple.
    disability_premium_couple_member: Decimal | None = None
    enhanced_disability_premium_couple_member: Decimal | None = None
    carer_premium: Decimal | None = None
    #: reg 6, care homes only (kept for completeness).
    personal_expenses_allowance: Decimal | None = None
    #: A council may guarantee more than the regulations (e.g. Gloucestershire adds £5 a week).
    mig_local_addition: Decimal = _NOTHING
    #: Light-touch and free-service thresholds (reg 3: minor adaptations up to £1,000; six weeks' reablement).
    free_adaptation_limit: Decimal = _ADAPTATION_LIMIT
    free_reablement_weeks: int = 6
    #: Figure name → why it is not confirmed (shown to staff with every result that uses it).
    unconfirmed: dict[str, str] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        """The rule set as JSON-ready data (amounts as strings)."""
        data: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            data[f.name] = str(value) if isinstance(value, Decimal) else value
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RuleSet:
        """A rule set from :meth:`to_data`'s output; unknown keys are refused."""
        names = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(names))
        if unknown:
            raise ValueError(f"Unknown figures in the rule set: {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name in ("year", "unconfirmed", "pension_credit_age", "free_reablement_weeks"):
                values[name] = dict(value) if name == "unconfirmed" else value
            else:
                values[name] = None if value is None else D(str(value)).quantize(D("0.01"))
        return cls(**values)


_SECONDARY_2025 = "2025/26 circular as quoted by a secondary source (Ruils); check against the DHSC circular"
_CARRIED = "no 2025/26 figure found: the {year} figure is carried forward; set the 2025/26 figure"

#: 2025/26, in force from 6 April 2025 (the Care and Support (Charging and Assessment of Resources)
#: (Amendment) Regulations 2025). Sources: standards.md §5.1 and §5.2.
RULES_2025_26 = RuleSet(
    year="2025/26",
    mig_single_18_to_24=D("89.15"),
    mig_single_25_to_pension_age=D("112.50"),
    mig_single_pension_age=D("214.35"),
    mig_lone_parent=D("103.65"),
    mig_couple_member=D("71.05"),
    mig_couple_member_pension_age=D("141.55"),
    mig_per_child=D("94.90"),
    disability_premium=D("49.65"),
    enhanced_disability_premium=D("24.25"),
    carer_premium=None,
    personal_expenses_allowance=D("30.65"),
    unconfirmed={
        "mig_single_18_to_24": _SECONDARY_2025,
        "mig_single_25_to_pension_age": _SECONDARY_2025,
        "disability_premium": _SECONDARY_2025,
        "enhanced_disability_premium": _SECONDARY_2025,
        "personal_expenses_allowance": _SECONDARY_2025,
        "mig_single_pension_age": _CARRIED.format(year="2023/24 (SI 2023/277)"),
        "mig_lone_parent": _CARRIED.format(year="2023/24 (presumed, SI 2023/277)"),
        "mig_per_child": _CARRIED.format(year="2023/24 (SI 2023/277)"),
        "mig_couple_member": _CARRIED.format(year="2014 (reg 7 as made)"),
        "mig_couple_member_pension_age": _CARRIED.format(year="2014 (reg 7 as made)"),
        "carer_premium": "no figure found for any year: the council must set it before assessing a carer premium",
        "disability_premium_couple_member": "reg 7(6): no figure found; set it before assessing a member of a couple "
        "with this premium",
        "enhanced_disability_premium_couple_member": "reg 7(6): no figure found; set it before assessing a member of "
        "a couple with this premium",
    },
)

#: The rule sets the software ships with, by year. A council's corrections are kept in the database.
BUILT_IN = {RULES_2025_26.year: RULES_2025_26}
