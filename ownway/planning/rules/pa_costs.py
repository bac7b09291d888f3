"""What a personal assistant (PA) costs the person who employs them with a direct payment, week by week.

From an hourly rate and the hours a week, the cost to the employer adds, in this order:

1. pay for the hours worked, at no less than the legal minimum for the PA's age (National Living Wage
   for 21 and over, National Minimum Wage below) — National Minimum Wage Act 1998 and the yearly rates;
2. holiday pay at 12.07% of pay: 5.6 weeks' statutory leave accrued over the 46.4 weeks worked
   (5.6 / (52 − 5.6)), the rate the Working Time Regulations 1998 reg 15A allow as rolled-up holiday pay for
   irregular-hours and part-year workers from leave years starting 1 April 2024; for PAs on regular hours it
   is what the employer must set aside to pay the PA on holiday and pay cover;
3. employer's Class 1 National Insurance above the secondary threshold, less the Employment Allowance, which
   PA employers may claim (HMRC National Insurance Manual NIM06520: household employers of care and support
   workers, explicitly including people using a direct payment); PAs under 21 pay no employer NI below the
   upper secondary threshold (Social Security Contributions and Benefits Act 1992 s.9A);
4. the employer's minimum workplace pension contribution, 3% of qualifying earnings, for an eligible
   jobholder (aged 22 to State Pension age, earning over the earnings trigger) or one who opts in
   (Pensions Act 2008 ss.3, 13 and 20);
5. employer's liability and public liability insurance, and a payroll service fee, as the council funds them.

The year's figures are data (``PAYROLL_YEARS``), each with its source (standards.md §8).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ownway.core.money import format_money, pounds

ZERO = Decimal("0.00")

WEEKS_IN_YEAR = Decimal(52)


@dataclass(frozen=True)
class PayrollYear:
    """The figures of one tax year (6 April to 5 April) for pricing a PA, each with its source."""

    label: str
    national_living_wage: Decimal  # hourly, aged 21 and over
    minimum_wage_18_to_20: Decimal
    minimum_wage_under_18: Decimal
    employer_ni_rate: Decimal
    secondary_threshold_weekly: Decimal
    upper_secondary_threshold_annual: Decimal  # under-21s: no employer NI below this
    employment_allowance_annual: Decimal
    holiday_rate: Decimal
    pension_employer_rate: Decimal
    pension_earnings_trigger_annual: Decimal
    pension_qualifying_lower_annual: Decimal
    pension_qualifying_upper_annual: Decimal
    pension_minimum_age: int
    state_pension_age: int
    sources: dict[str, str] = field(default_factory=dict)


_HOLIDAY_SOURCE = (
    "12.07% = 5.6 / (52 - 5.6): Working Time Regulations 1998 reg 13, 13A and 15A (leave years from 1 April 2024)"
)
_PENSION_2025_SOURCE = "Auto-enrolment 2025/26: trigger £10,000, band £6,240-£50,270, employer 3% (DWP review)"

PAYROLL_YEARS: dict[str, PayrollYear] = {
    "2025/26": PayrollYear(
        label="2025/26",
        national_living_wage=Decimal("12.21"),
        minimum_wage_18_to_20=Decimal("10.00"),
        minimum_wage_under_18=Decimal("7.55"),
        employer_ni_rate=Decimal("0.15"),
        secondary_threshold_weekly=Decimal("96"),
        upper_secondary_threshold_annual=Decimal("50270"),
        employment_allowance_annual=Decimal("10500"),
        holiday_rate=Decimal("0.1207"),
        pension_employer_rate=Decimal("0.03"),
        pension_earnings_trigger_annual=Decimal("10000"),
        pension_qualifying_lower_annual=Decimal("6240"),
        pension_qualifying_upper_annual=Decimal("50270"),
        pension_minimum_age=22,
        state_pension_age=66,
        sources={
            "wages": "National Living Wage £12.21, 18-20 £10.00, under 18 £7.55 from 1 April 2025 (gov.uk rates table)",
            "national_insurance": "Employer Class 1 NIC 15% above £96 a week (£5,000 a year) from 6 April 2025 (TIIN)",
            "employment_allowance": "Employment Allowance £10,500 from 6 April 2025 (TIIN); PA employers: NIM06520",
            "holiday": _HOLIDAY_SOURCE,
            "pension": _PENSION_2025_SOURCE,
        },
    ),
    "2026/27": PayrollYear(
        label="2026/27",
        national_living_wage=Decimal("12.71"),
        minimum_wage_18_to_20=Decimal("10.85"),
        minimum_wage_under_18=Decimal("8.00"),
        employer_ni_rate=Decimal("0.15"),
        secondary_threshold_weekly=Decimal("96"),
        upper_secondary_threshold_annual=Decimal("50270"),
        employment_allowance_annual=Decimal("10500"),
        holiday_rate=Decimal("0.1207"),
        pension_employer_rate=Decimal("0.03"),
        pension_earnings_trigger_annual=Decimal("10000"),
        pension_qualifying_lower_annual=Decimal("6240"),
        pension_qualifying_upper_annual=Decimal("50270"),
        pension_minimum_age=22,
        state_pension_age=66,
        sources={
            "wages": "National Living Wage £12.71, 18-20 £10.85, under 18 £8.00 from 1 April 2026 (gov.uk rates table)",
            "national_insurance": "Employer Class 1 NIC 15% above £5,000 a year, held to April 2031 (Budget 2025)",
            "employment_allowance": "Employment Allowance £10,500 (HMRC); PA employers: NIM06520",
            "holiday": _HOLIDAY_SOURCE,
            "pension": "2025/26 auto-enrolment figures carried forward: 2026/27 figures not yet recorded",
        },
    ),
}


class BelowMinimumWage(ValueError):
    """The hourly rate is below the legal minimum for the PA's age."""


@dataclass(frozen=True)
class PAEmployment:
    hourly_rate: Decimal
    hours_per_week: Decimal
    year: str = "2025/26"
    #: The PA's age, if known; without it the National Living Wage applies and pension enrolment is assumed.
    worker_age: int | None = None
    #: A worker below the earnings trigger may opt in to the pension; the employer must then contribute.
    pension_opted_in: bool = False
    #: How much of the year's Employment Allowance is left for this PA (less if the person employs others).
    employment_allowance_available: Decimal | None = None
    insurance_annual: Decimal = ZERO
    payroll_fee_annual: Decimal = ZERO


@dataclass(frozen=True)
class CostItem:
    name: str
    weekly: Decimal
    explanation: str


@dataclass(frozen=True)
class PAEmployerCost:
    year: str
    items: tuple[CostItem, ...]
    weekly_total: Decimal
    cost_per_hour: Decimal
    explanation: str


def minimum_hourly_rate(year: PayrollYear, worker_age: int | None) -> Decimal:
    """The legal minimum hourly pay for a worker of this age (21 and over, or not known: the National Living Wage)."""
    if worker_age is None or worker_age >= 21:
        return year.national_living_wage
    if worker_age >= 18:
        return year.minimum_wage_18_to_20
    return year.minimum_wage_under_18


def pa_employer_cost(employment: PAEmployment) -> PAEmployerCost:
    """The weekly cost to the employer of one PA, item by item, with the reason for each."""
    if employment.year not in PAYROLL_YEARS:
        raise ValueError(f"No payroll figures for {employment.year}: known years are {', '.join(PAYROLL_YEARS)}")
    year = PAYROLL_YEARS[employment.year]
    rate, hours = employment.hourly_rate, employment.hours_per_week
    if hours <= 0:
        raise ValueError("Enter the hours a week as a number more than 0")
    if employment.insurance_annual < 0 or employment.payroll_fee_annual < 0:
        raise ValueError("Insurance and payroll fees cannot be negative")
    floor = minimum_hourly_rate(year, employment.worker_age)
    if rate < floor:
        raise BelowMinimumWage(
            f"{format_money(rate)} an hour is below the legal minimum of {format_money(floor)} an hour in {year.label}"
        )
    age = employment.worker_age

    pay = pounds(rate * hours)
    holiday = pounds(pay * year.holiday_rate)
    earnings = pay + holiday
    items = [
        CostItem("Pay", pay, f"{hours} hours at {format_money(rate)} an hour (legal minimum {format_money(floor)})"),
        CostItem("Holiday pay", holiday, f"{year.holiday_rate * 100:.2f}% of pay for 5.6 weeks' paid leave a year"),
    ]

    annual_earnings = earnings * WEEKS_IN_YEAR
    if age is not None and age < 21 and annual_earnings <= year.upper_secondary_threshold_annual:
        ni_weekly = ZERO
        ni_text = "No employer National Insurance for a PA under 21 earning below the upper secondary threshold"
    else:
        before = max(ZERO, earnings - year.secondary_threshold_weekly) * year.employer_ni_rate
        allowance = year.employment_allowance_annual
        if employment.employment_allowance_available is not None:
            allowance = max(ZERO, min(allowance, employment.employment_allowance_available))
        after_annual = max(ZERO, before * WEEKS_IN_YEAR - allowance)
        ni_weekly = pounds(after_annual / WEEKS_IN_YEAR)
        ni_text = (
            f"{year.employer_ni_rate * 100:.0f}% of "
            f"{format_money(max(ZERO, earnings - year.secondary_threshold_weekly))} "
            f"earned above {format_money(year.secondary_threshold_weekly)} a week is {format_money(before)}; "
            f"the Employment Allowance of {format_money(allowance)} a year "
            + ("covers all of it" if ni_weekly == 0 else f"leaves {format_money(ni_weekly)} a week")
        )
    items.append(CostItem("Employer's National Insurance", ni_weekly, ni_text))

    of_age = age is None or year.pension_minimum_age <= age < year.state_pension_age
    eligible = of_age and annual_earnings > year.pension_earnings_trigger_annual
    if eligible or (employment.pension_opted_in and annual_earnings > year.pension_qualifying_lower_annual):
        qualifying = min(annual_earnings, year.pension_qualifying_upper_annual) - year.pension_qualifying_lower_annual
        pension = pounds(qualifying * year.pension_employer_rate / WEEKS_IN_YEAR)
        pension_text = (
            f"{year.pension_employer_rate * 100:.0f}% of qualifying earnings above "
            f"{format_money(year.pension_qualifying_lower_annual)} a year"
            + (" (enrolled automatically)" if eligible else " (the PA opted in)")
        )
    else:
        pension = ZERO
        pension_text = (
            f"Not enrolled automatically: earns {format_money(annual_earnings)} a year, not over the "
            f"{format_money(year.pension_earnings_trigger_annual)} trigger, or outside the ages"
        )
    items.append(CostItem("Workplace pension", pension, pension_text))
    insurance = pounds(employment.insurance_annual / WEEKS_IN_YEAR)
    items.append(CostItem("Insurance", insurance, f"{format_money(employment.insurance_annual)} a year"))
    payroll = pounds(employment.payroll_fee_annual / WEEKS_IN_YEAR)
    items.append(CostItem("Payroll service", payroll, f"{format_money(employment.payroll_fee_annual)} a year"))

    total = sum((item.weekly for item in items), ZERO)
    per_hour = pounds(total / hours)
    lines = "; ".join(f"{item.name} {format_money(item.weekly)}: {item.explanation}" for item in items)
    explanation = (
        f"A PA for {hours} hours a week at {format_money(rate)} an hour costs the employer "
        f"{format_money(total)} a week "
        f"({format_money(per_hour)} an hour) in {year.label}. {lines}."
    )
    return PAEmployerCost(
        year=year.label, items=tuple(items), weekly_total=total, cost_per_hour=per_hour, explanation=explanation
    )
