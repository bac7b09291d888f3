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

Each figure also has a name in plain English (:func:`figure_label`), and :func:`figure_groups` puts them in
the groups a finance officer reads them in (the guarantee, the premiums, capital…), with the council's own
choices last: those come from the council's policy, not the law, so they have no source to confirm.
:func:`new_year_from` starts a new year from the last one, marking the figures changed every April.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ownway.core.numbers import NumberError, parse_money, parse_whole_number

D = Decimal
_MOST_MONEY = D("1000000")


class FigureKind(enum.StrEnum):
    MONEY = "money"
    WEEKS = "weeks"
    AGE = "age"
    CHOICE = "choice"


def _meta(kind: FigureKind, label: str, about: str, *, least: int | Decimal | None = None,
          most: int | Decimal | None = None, weekly: bool = True) -> dict[str, Any]:  # fmt: skip
    """A figure's kind, its name in plain English (``label``), what it is and where the law sets it (``about``),
    its bounds, and for an amount of money whether it is weekly (a capital limit is not)."""
    return {"kind": kind, "label": label, "about": about, "least": least, "most": most,
            "weekly": weekly and kind == FigureKind.MONEY}  # fmt: skip


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
        default=D("14250.00"),
        metadata=_meta(FigureKind.MONEY, "Lower capital limit", "reg 12: capital at or below this is ignored",
                       weekly=False),
    )  # fmt: skip
    upper_capital_limit: Decimal = field(
        default=D("23250.00"),
        metadata=_meta(
            FigureKind.MONEY,
            "Upper capital limit",
            "reg 12: above this the person pays the full cost (a council may set a higher limit for care at home)",
            weekly=False,
        ),
    )
    tariff_slice: Decimal = field(
        default=D("250.00"),
        metadata=_meta(FigureKind.MONEY, "Slice of capital for tariff income", "reg 25: each £250, or part of £250",
                       least=D(1), weekly=False),
    )  # fmt: skip
    tariff_per_slice: Decimal = field(
        default=D("1.00"),
        metadata=_meta(FigureKind.MONEY, "Tariff income for each slice", "reg 25: £1 a week for each slice"),
    )
    pension_credit_age: int = field(
        default=66,
        metadata=_meta(
            FigureKind.AGE,
            "Pension credit qualifying age",
            "reg 7(2)(c): the age at which a person reaches pension credit qualifying age",
            least=60,
            most=80,
        ),
    )
    # Minimum Income Guarantee, reg 7 (weekly).
    mig_single_18_to_24: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Guarantee for a single person aged 18 to 24",
                       "reg 7(2)(a): single, 18 to 24"),
    )  # fmt: skip
    mig_single_25_to_pension_age: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Guarantee for a single person aged 25 to pension credit age",
                       "reg 7(2)(b): single, 25 to pension credit age"),
    )  # fmt: skip
    mig_single_pension_age: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Guarantee for a single person of pension credit age",
                       "reg 7(2)(c): single, pension credit age"),
    )  # fmt: skip
    mig_lone_parent: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "Guarantee for a lone parent", "reg 7(3): lone parent")
    )
    mig_couple_member: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Guarantee for each member of a couple", "reg 7(4)(a): member of a couple"),
    )
    mig_couple_member_pension_age: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Guarantee for each member of a couple of pension credit age",
                       "reg 7(4)(b): member of a couple at pension credit age"),
    )  # fmt: skip
    mig_per_child: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Guarantee for each dependent child", "reg 7(1)(b): each dependent child"),
    )
    disability_premium: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Disability premium for a single person",
                       "reg 7(5)(a): disability premium, single"),
    )  # fmt: skip
    enhanced_disability_premium: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Enhanced disability premium for a single person",
                       "reg 7(5)(b): enhanced disability premium, single"),
    )  # fmt: skip
    disability_premium_couple_member: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Disability premium for a member of a couple",
                       "reg 7(6)(a): disability premium, member of a couple"),
    )  # fmt: skip
    enhanced_disability_premium_couple_member: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Enhanced disability premium for a member of a couple",
                       "reg 7(6)(b): enhanced disability premium, member of a couple"),
    )  # fmt: skip
    carer_premium: Decimal | None = field(
        default=None, metadata=_meta(FigureKind.MONEY, "Carer premium", "reg 7(7): carer premium")
    )
    personal_expenses_allowance: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Personal expenses allowance in a care home", "reg 6: care homes only"),
    )
    #: The lower rate of Attendance Allowance, which is also the middle rate of the DLA care component and
    #: the standard rate of PIP daily living: the day-time part of a higher award (see ``night_care_…``).
    disability_benefit_day_rate: Decimal | None = field(
        default=None,
        metadata=_meta(FigureKind.MONEY, "Lower rate of Attendance Allowance",
                       "the lower rate of Attendance Allowance (and middle rate of DLA care)"),
    )  # fmt: skip
    war_widows_pension_disregard: Decimal = field(
        default=D("10.00"),
        metadata=_meta(FigureKind.MONEY, "Disregard of a war widow's or widower's pension",
                       "Sch 1 para 17: the first £10 of a war widow's or widower's pension"),
    )  # fmt: skip
    #: A council may guarantee more than the regulations (e.g. Gloucestershire adds £5 a week).
    mig_local_addition: Decimal = field(
        default=D("0.00"),
        metadata=_meta(FigureKind.MONEY, "The council's addition to the guarantee",
                       "council's choice: added to the guarantee"),
    )  # fmt: skip
    free_adaptation_limit: Decimal = field(
        default=D("1000.00"),
        metadata=_meta(FigureKind.MONEY, "Cost up to which aids and minor adaptations are free",
                       "reg 3: aids and minor adaptations up to this cost are free", least=D(1000), weekly=False),
    )  # fmt: skip
    free_reablement_weeks: int = field(
        default=6,
        metadata=_meta(
            FigureKind.WEEKS,
            "Weeks of reablement that are free",
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
            "Leave out the night-time part of disability benefits when only day care is arranged",
            "council's choice: when it arranges care only in the day, the night-time part of Attendance Allowance or "
            "the DLA care component is not counted (R (Carton) v Coventry City Council, 2001)",
        ),
    )
    night_care_disregard_includes_pip: bool = field(
        default=False,
        metadata=_meta(
            FigureKind.CHOICE,
            "Treat the enhanced rate of PIP daily living the same way",
            "council's choice: treat the enhanced rate of PIP daily living the same way (PIP has no night-time rate)",
        ),
    )
    war_widows_pension_disregarded_in_full: bool = field(
        default=False,
        metadata=_meta(
            FigureKind.CHOICE,
            "Disregard all of a war widow's or widower's pension",
            "council's choice: disregard all of a war widow's or widower's pension, not £10",
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


def _field(name: str) -> dataclasses.Field[Any]:
    return next(f for f in figure_fields() if f.name == name)


def figure_label(name: str) -> str:
    """A figure's name in plain English, as a finance officer reads it ("Lower capital limit")."""
    label: str = _field(name).metadata["label"]
    return label


def figure_kind_words(name: str) -> str:
    """What kind of figure it is, in words: pounds (a week, or not), weeks, an age or a yes-or-no choice."""
    f = _field(name)
    kind: FigureKind = f.metadata["kind"]
    if kind == FigureKind.MONEY:
        return "Pounds a week" if f.metadata["weekly"] else "Pounds"
    return {FigureKind.WEEKS: "Weeks", FigureKind.AGE: "Age in years", FigureKind.CHOICE: "Yes or no"}[kind]


@dataclass(frozen=True)
class FigureGroup:
    """Figures read together: a heading, what the law says about them, and the figures' names in order."""

    heading: str
    about: str
    names: tuple[str, ...]


_GROUPS = (
    FigureGroup(
        "Capital limits and tariff income",
        "Regulations 12 and 25: capital up to the lower limit is ignored; between the limits, each slice of capital "
        "counts as tariff income; above the upper limit the person pays the full cost.",
        ("lower_capital_limit", "upper_capital_limit", "tariff_slice", "tariff_per_slice"),
    ),
    FigureGroup(
        "Minimum Income Guarantee",
        "Regulation 7: the weekly income a person keeps after paying towards their care. The amounts are changed "
        "each April by amending regulations, which the DHSC local authority circular announces.",
        (
            "pension_credit_age",
            "mig_single_18_to_24",
            "mig_single_25_to_pension_age",
            "mig_single_pension_age",
            "mig_lone_parent",
            "mig_couple_member",
            "mig_couple_member_pension_age",
            "mig_per_child",
        ),
    ),
    FigureGroup(
        "Premiums added to the guarantee",
        "Regulation 7(5) to (7): added to the guarantee of a person who would qualify for them.",
        (
            "disability_premium",
            "enhanced_disability_premium",
            "disability_premium_couple_member",
            "enhanced_disability_premium_couple_member",
            "carer_premium",
        ),
    ),
    FigureGroup(
        "Disregards and benefit rates",
        "Income left out, in part or in full: the first part of a war widow's or widower's pension (Schedule 1 "
        "para 17), and the night-time part of a disability benefit when the council arranges only day care, which "
        "is what the benefit pays above its lower rate.",
        ("war_widows_pension_disregard", "disability_benefit_day_rate"),
    ),
    FigureGroup(
        "Free services and care homes",
        "Regulation 3: what is free of charge; regulation 6: what a person in a care home keeps.",
        ("free_reablement_weeks", "free_adaptation_limit", "personal_expenses_allowance"),
    ),
    FigureGroup(
        "The council's choices",
        "What the regulations leave to the council. They have no source to confirm: change one when the council's "
        "policy changes.",
        (
            "mig_local_addition",
            "night_care_disregarded_when_day_care_only",
            "night_care_disregard_includes_pip",
            "war_widows_pension_disregarded_in_full",
        ),
    ),
)


def figure_groups() -> tuple[FigureGroup, ...]:
    """Every figure, in groups as a finance officer reads them (each figure in exactly one)."""
    return _GROUPS


def is_council_choice(name: str) -> bool:
    """A figure the council chooses (not one taken from the law, so there is no source to confirm it against)."""
    return name in _GROUPS[-1].names


_YEAR = re.compile(r"(\d{4})/(\d{2})")


def year_starting(year: str) -> int:
    """The calendar year a financial year named like "2027/28" starts in; ``ValueError`` if it is not named so."""
    match = _YEAR.fullmatch(year.strip())
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"Name the year like 2027/28, not {year[:20]!r}")
    return int(match[1])


_TRUE = {"yes", "y", "true", "on", "1"}
_FALSE = {"no", "n", "false", "off", "0"}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def read_figure(f: dataclasses.Field[Any], value: Any) -> Any:
    """One figure read as its kind, or ``ValueError`` with a message that names it and says what to type.

    Amounts and whole numbers are read as people type them (``£1,000``, `` 8 ``) by :mod:`ownway.core.numbers`,
    the one reader of numbers from outside, with the figure's plain-English name in the message."""
    kind: FigureKind = f.metadata["kind"]
    label = f.metadata["label"]
    least, most = f.metadata.get("least"), f.metadata.get("most")
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none")):
        if f.default is None:
            return None
        raise ValueError(f"Enter {_lower_first(label)}: it cannot be left empty")
    if kind == FigureKind.CHOICE:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"{label} is a yes or no choice: give yes or no, not {str(value)[:40]!r}")
    try:
        if kind in (FigureKind.WEEKS, FigureKind.AGE):
            return parse_whole_number(value, low=int(least or 0), high=int(most or 9999), subject=label)
        return parse_money(value, low=D(least or 0), high=_MOST_MONEY, subject=label)
    except NumberError as error:
        if error.code == "too_small" and least:
            raise ValueError(f"{error.message}: {f.metadata['about']}") from None
        raise ValueError(error.message) from None


#: Figures changed every April: the reg 7 amounts and premiums and the personal expenses allowance (by the
#: year's amending regulations), and the lower rate of Attendance Allowance (by DWP's uprating of benefits).
UPRATED_EACH_YEAR = ("mig_single", "mig_lone", "mig_couple", "mig_per", "disability_premium",
                     "enhanced_disability_premium", "carer_premium", "personal_expenses_allowance",
                     "disability_benefit_day_rate")  # fmt: skip


def new_year_from(previous: RuleSet, *, year: str) -> RuleSet:
    """A new year's figures started from the last year's: every figure is copied, and each one changed every
    April (:data:`UPRATED_EACH_YEAR`) is marked to set for the new year, so nothing unchecked passes for
    checked. The other figures keep their sources and marks."""
    marks, sources = dict(previous.unconfirmed), dict(previous.sources)
    for f in figure_fields():
        if f.name.startswith(UPRATED_EACH_YEAR):
            marks[f.name] = f"copied from {previous.year}: set the {year} figure"
            sources.pop(f.name, None)
    return dataclasses.replace(previous, year=year, unconfirmed=marks, sources=sources)


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
