"""The figures of one financial year's charging rules, and the council's own choices, as data.

The Care and Support (Charging and Assessment of Resources) Regulations 2014 (SI 2014/2672) set the
capital limits (reg 12), tariff income (reg 25) and the Minimum Income Guarantee (reg 7); reg 7's
amounts are changed each April by amending regulations, which the Department of Health and Social
Care announces in a local authority circular ("Social care - charging for care and support: local
authority circular"). Each year's figures live in a :class:`RuleSet`, which starts on the day its
amending regulations come into force (6 April in 2023 and 2025: SI 2023/277 reg 1(2); the 2025
amending regulations as summarised by legislationtracker.co.uk).

Every figure carries where it came from: ``sources`` names the regulation or circular for a figure
taken from a primary source; ``unconfirmed`` says, for any other figure, where it came from or what
was searched without finding it, so that the council checks it (and sets it) before relying on it. A
result that uses an unconfirmed figure says so to staff, and no letter goes out while it does. A
figure that is simply not known is ``None``: a calculation that needs it stops with a clear error
rather than guessing.

Each figure has a kind (:class:`FigureKind`): an amount of money, a whole number of weeks, an age, or
a council's yes-or-no choice. :meth:`RuleSet.from_data` reads each figure by its kind, however it was
typed ("6", "£1,000", "yes"), and refuses one it cannot read with a message that names it, so that
what is stored is always typed and a calculation never meets text where it needs a number.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

D = Decimal
_PENNY = D("0.01")
_MOST_MONEY = D("1000000")


class FigureKind(enum.StrEnum):
    MONEY = "money"
    WEEKS = "weeks"
    AGE = "age"
    CHOICE = "choice"


def _meta(kind: FigureKind, about: str, *, least: int | Decimal | None = None,
          most: int | Decimal | None = None) -> dict[str, Any]:  # fmt: skip
    return {"kind": kind, "about": about, "least": least, "most": most}


class RuleSetError(ValueError):
    """Figures that cannot be read as their kind: ``problems`` maps each figure's name to what is wrong."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems.values()))


@dataclass(frozen=True)
class RuleSet:
    """One financial year's charging figures and the council's choices. Weekly amounts in pounds."""

    year: str
    lower_capital_limit: Decimal = field(
        default=D("14250.00"), metadata=_meta(FigureKind.MONEY, "reg 12: capital at or below this is ignored")
    )
    upper_capital_limit: Decimal = field(
        default=D("23250.00"),
        metadata=_meta(
            FigureKind.MONEY,
            "reg 12: above this the person pays the full cost (a council may set a higher limit for care at home)",
        ),
    )
    tariff_slice: Decimal = field(
        default=D("250.00"), metadata=_meta(FigureKind.MONEY, "reg 25: each £250, or part of £250", least=D(1))
    )
    tariff_per_slice: Decimal = field(
        default=D("1.00"), metadata=_meta(FigureKind.MONEY, "reg 25: £1 a week for each slice")
    )
    pension_credit_age: int = field(
        default=66,
        metadata=_meta(
            FigureKind.AGE,
            "reg 7(2)(c): the age at which a person reaches pension credit qualifying age",
            least=60,
            most=80,
        ),
    )
    # Minimum Income Guarantee, reg 7 (weekly).
    mig_single_18_to_24: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(2)(a): single, 18 to 24")
    )
    mig_single_25_to_pension_age: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(2)(b): single, 25 to pension credit age")
    )
    mig_single_pension_age: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(2)(c): single, pension credit age")
    )
    mig_lone_parent: Decimal | None = field(default=None, metadata=_meta(FigureKind.MONEY, "reg 7(3): lone parent"))
    mig_couple_member: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(4)(a): member of a couple")
    )
    mig_couple_member_pension_age: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(4)(b): member of a couple at pension credit age")
    )
    mig_per_child: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(1)(b): each dependent child")
    )
    disability_premium: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(5)(a): disability premium, single")
    )
    enhanced_disability_premium: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(5)(b): enhanced disability premium, single")
    )
    disability_premium_couple_member: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(6)(a): disability premium, member of a couple")
    )
    enhanced_disability_premium_couple_member: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 7(6)(b): enhanced disability premium, member of a couple")
    )
    carer_premium: Decimal | None = field(default=None, metadata=_meta(FigureKind.MONEY, "reg 7(7): carer premium"))
    personal_expenses_allowance: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "reg 6: care homes only")
    )
    #: The lower rate of Attendance Allowance, which is also the middle rate of the DLA care component and
    #: the standard rate of PIP daily living: the day-time part of a higher award (see ``night_care_…``).
    disability_benefit_day_rate: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "the lower rate of Attendance Allowance (and middle rate of DLA care)"),
    )
    war_widows_pension_disregard: Decimal = field(
        default=D("10.00"),
        metadata=_meta(FigureKind.MONEY, "Sch 1 para 17: the first £10 of a war widow's or widower's pension"),
    )
    #: A council may guarantee more than the regulations (e.g. Gloucestershire adds £5 a week).
    mig_local_addition: Decimal = field(
        default=D("0.00"), metadata=_meta(FigureKind.MONEY, "council's choice: added to the guarantee")
    )
    free_adaptation_limit: Decimal = field(
        default=D("1000.00"),
        metadata=_meta(FigureKind.MONEY, "reg 3: aids and minor adaptations up to this cost are free", least=D(1000)),
    )
    free_reablement_weeks: int = field(
        default=6,
        metadata=_meta(
            FigureKind.WEEKS,
            "reg 3(2)(b): reablement and intermediate care are free for the first 6 weeks; a council may choose more",
            least=6,
            most=520,
        ),
    )
    # The council's own choices (yes or no).
    night_care_disregarded_when_day_care_only: bool = field(
        default=True,
        metadata=_meta(
            FigureKind.CHOICE,
            "council's choice: when it arranges care only in the day, the night-time part of Attendance Allowance or "
            "the DLA care component is not counted (R (Carton) v Coventry City Council, 2001)",
        ),
    )
    night_care_disregard_includes_pip: bool = field(
        default=False,
        metadata=_meta(
            FigureKind.CHOICE,
            "council's choice: treat the enhanced rate of PIP daily living the same way (PIP has no night-time rate)",
        ),
    )
    war_widows_pension_disregarded_in_full: bool = field(
        default=False,
        metadata=_meta(
            FigureKind.CHOICE, "council's choice: disregard all of a war widow's or widower's pension, not £10"
        ),
    )
    #: Figure name → the regulation or circular it was taken from (a primary source).
    sources: dict[str, str] = field(default_factory=dict)
    #: Figure name → why it is not confirmed (shown to staff with every result that uses it).
    unconfirmed: dict[str, str] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        """The rule set as JSON-ready data (amounts as strings, weeks and ages as numbers, choices as booleans)."""
        data: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            data[f.name] = (
                str(value) if isinstance(value, Decimal) else dict(value) if isinstance(value, dict) else value
            )
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RuleSet:
        """A rule set from data, each figure read by its kind; unknown or unreadable figures are refused."""
        names = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(names))
        if unknown:
            raise RuleSetError({name: f"Unknown figures in the rule set: {', '.join(unknown)}" for name in unknown})
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for name, value in data.items():
            if name == "year":
                values[name] = str(value)
            elif name in ("unconfirmed", "sources"):
                values[name] = {str(k): str(v) for k, v in dict(value or {}).items()}
            else:
                try:
                    values[name] = read_figure(names[name], value)
                except ValueError as error:
                    problems[name] = str(error)
        if problems:
            raise RuleSetError(problems)
        return cls(**values)


def figure_fields() -> list[dataclasses.Field[Any]]:
    """Every figure and choice of a rule set, in order (not the year, the sources or the marks)."""
    return [f for f in dataclasses.fields(RuleSet) if "kind" in f.metadata]


def figure_words(name: str) -> str:
    return name.replace("_", " ")


_TRUE = {"yes", "y", "true", "on", "1"}
_FALSE = {"no", "n", "false", "off", "0"}


def read_figure(f: dataclasses.Field[Any], value: Any) -> Any:
    """One figure read as its kind, or ``ValueError`` with a message that names it and says what to type."""
    kind: FigureKind = f.metadata["kind"]
    words = figure_words(f.name)
    least, most = f.metadata.get("least"), f.metadata.get("most")
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none")):
        if f.default is None:
            return None
        raise ValueError(f"Give a value for {words}: it cannot be left empty")
    if kind == FigureKind.CHOICE:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"{words} is a yes or no choice: give yes or no, not {value!r}")
    if kind in (FigureKind.WEEKS, FigureKind.AGE):
        unit = "weeks" if kind == FigureKind.WEEKS else "an age in years"
        if isinstance(value, bool) or not re.fullmatch(r"\s*\d{1,4}\s*", str(value)):
            raise ValueError(f"{words} must be a whole number ({unit}), like {f.default}, not {value!r}")
        number = int(str(value))
        if least is not None and number < least:
            raise ValueError(f"{words} must be {least} or more: {f.metadata['about']}")
        if most is not None and number > most:
            raise ValueError(f"{words} must be {most} or less")
        return number
    if isinstance(value, bool):
        raise ValueError(f"{words} must be an amount in pounds, like 112.50, not {value!r}")
    text = str(value).strip().replace(",", "").removeprefix("£")
    try:
        amount = D(text)
    except InvalidOperation:
        raise ValueError(f"{words} must be an amount in pounds, like 112.50, not {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"{words} must be an amount in pounds, like 112.50, not {value!r}")
    if amount < 0:
        raise ValueError(f"{words} must be £0 or more")
    if amount > _MOST_MONEY:
        raise ValueError(f"{words} must be less than £1,000,000 a week")
    if amount != amount.quantize(_PENNY):
        raise ValueError(f"{words} must be in pounds and pence, like 112.50, not {value!r}")
    if least is not None and amount < least:
        raise ValueError(f"{words} must be £{least:,} or more: {f.metadata['about']}")
    return amount.quantize(_PENNY)


def repair_figures(data: dict[str, Any]) -> dict[str, Any]:
    """Stored figures made typed: each is read by its kind; one that cannot be read is put back to the
    software's default and marked unconfirmed with what was stored, so that no calculation meets it."""
    names = {f.name: f for f in figure_fields()}
    repaired: dict[str, Any] = {k: v for k, v in data.items() if k not in names}
    marks = dict(data.get("unconfirmed") or {})
    for name, value in data.items():
        f = names.get(name)
        if f is None:
            continue
        try:
            repaired[name] = read_figure(f, value)
        except ValueError as error:
            repaired[name] = f.default
            marks[name] = f"the stored value {value!r} could not be read ({error}): check it and set it"
    repaired["unconfirmed"] = marks
    return RuleSet.from_data(repaired).to_data()


# --- The figures the software ships with ---------------------------------------------------------------

_CAPITAL = ("SI 2014/2672 reg 12; unchanged for 2024 to 2025 (DHSC, 'Social care - charging for care and support: "
            "local authority circular', 9 February 2024); no later amendment found")  # fmt: skip
_STATUTORY = {
    "lower_capital_limit": _CAPITAL,
    "upper_capital_limit": _CAPITAL,
    "tariff_slice": "SI 2014/2672 reg 25",
    "tariff_per_slice": "SI 2014/2672 reg 25",
    "free_reablement_weeks": "SI 2014/2672 reg 3(2)(b): the first 6 weeks",
    "war_widows_pension_disregard": "SI 2014/2672 Sch 1 para 17, applying the Income Support (General) Regulations "
    "1987 (SI 1987/1967) Sch 9 para 16(b): £10 of a war widow's or war widower's pension",
    "pension_credit_age": "State Pension Credit Act 2002 s.1: the qualifying age is State Pension age, 66 (news "
    "reports on Pension Credit for 2025 and 2026: 'State Pension age, which is currently 66'); it rises for people "
    "born from 6 April 1960, which one age for everyone does not follow",
}
_ADAPTATION = ("£1,000 is from a secondary source (Shelter, 'Local authority charges for care and support'); the "
               "regulation's limit for a minor adaptation was not retrieved")  # fmt: skip
_SEARCHED = ("searched the DHSC circular for the year, legislation.gov.uk for the year's amending regulations and "
             "council charging pages")  # fmt: skip
_RUILS = ("from the 2025 to 2026 DHSC circular as quoted by a secondary source (Ruils, '2025/2026 Benefit and "
          "Minimum Income Guarantee rates'); the circular itself was not retrieved")  # fmt: skip
_DHSC_2026 = ("from DHSC's February 2026 announcement of the 2026 to 2027 Minimum Income Guarantee as quoted by "
              "news reports (brumdaily.uk, britbrief.co.uk); the 2026 to 2027 circular was not retrieved")  # fmt: skip
_CARRIED_2025 = ("no 2025 to 2026 figure found (" + _SEARCHED + "): the {year} figure is held until the council sets "
                 "the 2025/26 figure")  # fmt: skip
_CARRIED_2026 = ("no 2026 to 2027 figure found (" + _SEARCHED + "): the 2025/26 figure is held until the council sets "
                 "the 2026/27 figure")  # fmt: skip
_NONE_FOUND = "no figure found for any year (" + _SEARCHED + "): the council must set it before it is used"

#: 2025/26, in force from 6 April 2025 (the Care and Support (Charging and Assessment of Resources)
#: (Amendment) Regulations 2025, as summarised by legislationtracker.co.uk).
RULES_2025_26 = RuleSet(
    year="2025/26",
    mig_single_18_to_24=D("89.15"),
    mig_single_25_to_pension_age=D("112.50"),
    mig_single_pension_age=D("232.60"),
    mig_lone_parent=D("103.65"),
    mig_couple_member=D("71.05"),
    mig_couple_member_pension_age=D("141.55"),
    mig_per_child=D("94.90"),
    disability_premium=D("49.65"),
    enhanced_disability_premium=D("24.25"),
    personal_expenses_allowance=D("30.65"),
    disability_benefit_day_rate=D("73.90"),
    sources=dict(_STATUTORY),
    unconfirmed={
        "mig_single_18_to_24": _RUILS,
        "mig_single_25_to_pension_age": _RUILS,
        "disability_premium": _RUILS,
        "enhanced_disability_premium": _RUILS,
        "personal_expenses_allowance": _RUILS,
        "mig_single_pension_age": "the 2025 to 2026 amount (£232.60) as quoted from DHSC's February 2026 "
        "announcement by a news report (brumdaily.uk, 'from £232.60 to £241.45'); the circular was not retrieved",
        "mig_lone_parent": _CARRIED_2025.format(year="2023/24 (presumed from SI 2023/277)"),
        "mig_per_child": _CARRIED_2025.format(year="2023/24 (SI 2023/277 reg 2(3)(a))"),
        "mig_couple_member": _CARRIED_2025.format(year="2014 (reg 7(4)(a) as made)"),
        "mig_couple_member_pension_age": _CARRIED_2025.format(year="2014 (reg 7(4)(b) as made)"),
        "carer_premium": _NONE_FOUND,
        "disability_premium_couple_member": "reg 7(6): " + _NONE_FOUND,
        "enhanced_disability_premium_couple_member": "reg 7(6): " + _NONE_FOUND,
        "disability_benefit_day_rate": "DWP benefit and pension rates 2025 to 2026 as quoted by rightsnet.org.uk and "
        "news reports (Attendance Allowance lower rate £73.90); the DWP table was not retrieved",
        "free_adaptation_limit": _ADAPTATION,
    },
)

#: 2026/27, from 6 April 2026 (the day the 2023 and 2025 amending regulations came into force; the 2026
#: amending regulations were not retrieved). DHSC announced that the working-age guarantee rises by 7%.
RULES_2026_27 = dataclasses.replace(
    RULES_2025_26,
    year="2026/27",
    mig_single_18_to_24=D("95.40"),
    mig_single_pension_age=D("241.45"),
    disability_benefit_day_rate=D("76.70"),
    personal_expenses_allowance=None,
    unconfirmed={
        **dict.fromkeys(
            (
                "mig_single_25_to_pension_age",
                "mig_lone_parent",
                "mig_couple_member",
                "mig_couple_member_pension_age",
                "mig_per_child",
                "disability_premium",
                "enhanced_disability_premium",
            ),
            _CARRIED_2026,
        ),
        "mig_single_18_to_24": _DHSC_2026 + " ('from £89.15 to £95.40')",
        "mig_single_pension_age": _DHSC_2026 + " ('from £232.60 to £241.45')",
        "personal_expenses_allowance": "no 2026 to 2027 figure found (" + _SEARCHED + ")",
        "carer_premium": _NONE_FOUND,
        "disability_premium_couple_member": "reg 7(6): " + _NONE_FOUND,
        "enhanced_disability_premium_couple_member": "reg 7(6): " + _NONE_FOUND,
        "disability_benefit_day_rate": "DWP's proposed benefit rates for 2026 to 2027 as quoted by news reports "
        "(britbrief.co.uk: Attendance Allowance lower rate from £73.90 to £76.70); the DWP table was not retrieved",
        "free_adaptation_limit": _ADAPTATION,
    },
)

#: The rule sets the software ships with, by year. A council's corrections are kept in the database.
BUILT_IN = {rules.year: rules for rules in (RULES_2025_26, RULES_2026_27)}
