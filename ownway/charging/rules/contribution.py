"""What a person pays towards care and support at home: the financial assessment.

The Care and Support (Charging and Assessment of Resources) Regulations 2014 (SI 2014/2672) and
Annex C of the Care and Support Statutory Guidance (treatment of income), as summarised with sources
in standards.md §5:

* reg 3 — services that are always free: intermediate care and reablement for up to the first six
  weeks, and aids and minor adaptations costing up to £1,000 (:func:`free_service_reason`);
* reg 12 — capital limits: at or below the lower limit capital is ignored; above the upper limit the
  person pays the full cost (:func:`assess`);
* reg 25 — tariff income: £1 a week for every £250, or part of £250, between the limits
  (:func:`tariff_income`);
* reg 14 — earnings are disregarded;
* Schedule 1 — other income disregarded: the mobility components of DLA and PIP (para 8), housing
  benefit and council tax reduction (para 3), Armed Forces Compensation Scheme guaranteed income
  payments (para 18), a war disablement pension for service in the armed forces (para 17A, inserted by
  SI 2017/555 from 10 April 2017), and £10 of a war widow's or widower's pension (para 17, applying the
  Income Support (General) Regulations 1987 Sch 9 para 16(b)); housing costs (para 2) and
  disability-related expenditure (para 4) are allowed;
* reg 7 — the Minimum Income Guarantee: what must be left after charging, by age, household and
  premiums (:func:`minimum_income_guarantee`).

The council's own choices, held with each year's figures (:class:`~.rulesets.RuleSet`): to disregard
all of a war widow's pension rather than £10; to keep reablement free for longer than six weeks; and to
leave out the night-time part of Attendance Allowance or the DLA care component (the amount above the
lower or middle rate) when it arranges care only in the day. That last policy comes from R (Carton) v
Coventry City Council (2001), on which the Department of Health's pre-Care Act "Fairer Charging"
guidance built; PIP daily living has no night-time rate, so a council chooses separately whether to
treat its enhanced rate the same way.

The contribution is the lesser of the weekly cost of care and what is left of assessable income
(plus tariff income) after the Minimum Income Guarantee, housing costs and disability-related
expenditure; it is never negative. Every result carries its steps in plain English.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from typing import Any

from ownway.core.money import ZERO, format_money, pounds

from .rulesets import RuleSet

D = Decimal


def _show(value: Decimal) -> str:
    """An amount as the letters write it: £1,234.50, or £3 for whole pounds."""
    return format_money(value, whole_pounds=True)


class RuleSetIncomplete(ValueError):
    """The rule set lacks a figure this assessment needs (the council must set it)."""


class IncomeKind(enum.StrEnum):
    """Weekly income, each with how Annex C and Schedule 1 treat it."""

    EARNINGS = "earnings"
    STATE_PENSION = "state_pension"
    PRIVATE_PENSION = "private_pension"
    PENSION_CREDIT = "pension_credit"
    UNIVERSAL_CREDIT = "universal_credit"
    ESA = "esa"
    INCOME_SUPPORT = "income_support"
    CARERS_ALLOWANCE = "carers_allowance"
    ATTENDANCE_ALLOWANCE = "attendance_allowance"
    DLA_CARE = "dla_care"
    PIP_DAILY_LIVING = "pip_daily_living"
    DLA_MOBILITY = "dla_mobility"
    PIP_MOBILITY = "pip_mobility"
    HOUSING_BENEFIT = "housing_benefit"
    COUNCIL_TAX_REDUCTION = "council_tax_reduction"
    AFCS_GUARANTEED_INCOME = "afcs_guaranteed_income"
    WAR_DISABLEMENT_PENSION = "war_disablement_pension"
    WAR_WIDOWS_PENSION = "war_widows_pension"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _INCOME_LABELS[self]

    @property
    def disregard(self) -> str | None:
        """Why this income is ignored (naming the provision), or None when it counts."""
        return _DISREGARDS.get(self)


_INCOME_LABELS = {
    IncomeKind.EARNINGS: "Earnings from work",
    IncomeKind.STATE_PENSION: "State Pension",
    IncomeKind.PRIVATE_PENSION: "Private or work pension",
    IncomeKind.PENSION_CREDIT: "Pension Credit",
    IncomeKind.UNIVERSAL_CREDIT: "Universal Credit",
    IncomeKind.ESA: "Employment and Support Allowance",
    IncomeKind.INCOME_SUPPORT: "Income Support",
    IncomeKind.CARERS_ALLOWANCE: "Carer's Allowance",
    IncomeKind.ATTENDANCE_ALLOWANCE: "Attendance Allowance",
    IncomeKind.DLA_CARE: "Disability Living Allowance (care)",
    IncomeKind.PIP_DAILY_LIVING: "Personal Independence Payment (daily living)",
    IncomeKind.DLA_MOBILITY: "Disability Living Allowance (mobility)",
    IncomeKind.PIP_MOBILITY: "Personal Independence Payment (mobility)",
    IncomeKind.HOUSING_BENEFIT: "Housing Benefit",
    IncomeKind.COUNCIL_TAX_REDUCTION: "Council Tax Reduction",
    IncomeKind.AFCS_GUARANTEED_INCOME: "Armed Forces Compensation Scheme guaranteed income payment",
    IncomeKind.WAR_DISABLEMENT_PENSION: "War disablement pension",
    IncomeKind.WAR_WIDOWS_PENSION: "War widow's or widower's pension",
    IncomeKind.OTHER: "Other income",
}

_DISREGARDS = {
    IncomeKind.EARNINGS: "earnings are not counted (reg 14)",
    IncomeKind.DLA_MOBILITY: "the mobility part of DLA is not counted (Schedule 1 para 8)",
    IncomeKind.PIP_MOBILITY: "the mobility part of PIP is not counted (Schedule 1 para 8)",
    IncomeKind.HOUSING_BENEFIT: "Housing Benefit is not counted (Schedule 1 para 3)",
    IncomeKind.COUNCIL_TAX_REDUCTION: "Council Tax Reduction is not counted (Schedule 1 para 3)",
    IncomeKind.AFCS_GUARANTEED_INCOME: "guaranteed income payments are not counted (Schedule 1 para 18)",
    IncomeKind.WAR_DISABLEMENT_PENSION: "a war disablement pension is not counted (Sch 1 para 17A)",
}

#: Disability benefits whose night-time part may be left out when only day care is arranged.
NIGHT_CARE_BENEFITS = (IncomeKind.ATTENDANCE_ALLOWANCE, IncomeKind.DLA_CARE, IncomeKind.PIP_DAILY_LIVING)


@dataclass(frozen=True)
class Income:
    kind: IncomeKind
    weekly: Decimal
    #: Income a couple receive together: half is counted as the person's. Annex C assesses each person on
    #: their own resources, joint ones in equal shares; the paragraph is not confirmed in standards.md.
    joint: bool = False


class Service(enum.StrEnum):
    """What is being charged for (reg 3 makes some services free)."""

    CARE_AND_SUPPORT = "care_and_support"
    REABLEMENT = "reablement"
    INTERMEDIATE_CARE = "intermediate_care"
    MINOR_ADAPTATION = "minor_adaptation"


@dataclass(frozen=True)
class Circumstances:
    """Everything a financial assessment for care at home is made from. Amounts are weekly unless named."""

    age: int
    weekly_cost_of_care: Decimal
    incomes: tuple[Income, ...] = ()
    #: Capital in the person's own name, and capital held jointly (half is theirs).
    capital: Decimal = ZERO
    joint_capital: Decimal = ZERO
    member_of_couple: bool = False
    lone_parent: bool = False
    dependent_children: int = 0
    disability_premium: bool = False
    enhanced_disability_premium: bool = False
    carer_premium: bool = False
    #: Rent, mortgage interest, ground rent, council tax and eligible service charges, net of benefits (Sch 1 para 2).
    housing_costs: Decimal = ZERO
    disability_related_expenditure: Decimal = ZERO
    #: Light touch (Annex C): the person has told us their capital is above the upper limit, or chooses
    #: to pay the full cost without giving details.
    light_touch_full_cost: bool = False
    service: Service = Service.CARE_AND_SUPPORT
    #: For reablement and intermediate care: how many weeks of it the person has had before this week.
    weeks_of_service_so_far: int = 0
    #: For a minor adaptation: what it costs.
    adaptation_cost: Decimal = ZERO
    #: The council arranges care only in the day (none at night): the night-time part of Attendance
    #: Allowance or the DLA care component is then left out, if that is the council's policy.
    day_care_only: bool = False


@dataclass(frozen=True)
class Step:
    """One line of the calculation: what, how much, and why (naming the rule)."""

    label: str
    amount: Decimal
    why: str


@dataclass(frozen=True)
class Contribution:
    weekly: Decimal
    full_cost_payer: bool
    free: bool
    steps: tuple[Step, ...]
    #: Figures used that the council has not confirmed for this year.
    warnings: tuple[str, ...] = field(default=())
    rule_set_year: str = ""

    @property
    def explanation(self) -> str:
        lines = [f"{s.label}: {_show(s.amount)}. {s.why}" for s in self.steps]
        lines.append(f"You pay {_show(self.weekly)} a week.")
        return "\n".join(lines)


class CircumstancesError(ValueError):
    """The circumstances cannot be assessed (each message says which answer to correct)."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


def _check(c: Circumstances) -> None:
    problems: dict[str, str] = {}
    if not 18 <= c.age <= 130:
        problems["age"] = "Age must be between 18 and 130: charging applies to adults"
    money_fields = {
        "weekly_cost_of_care": "The weekly cost of care",
        "capital": "Capital",
        "joint_capital": "Joint capital",
        "housing_costs": "Housing costs",
        "disability_related_expenditure": "Disability-related expenditure",
        "adaptation_cost": "The cost of the adaptation",
    }
    for name, words in money_fields.items():
        if getattr(c, name) < 0:
            problems[name] = f"{words} must be £0 or more"
    for n, income in enumerate(c.incomes):
        if income.weekly < 0:
            problems[f"incomes.{n}"] = f"{income.kind.label} must be £0 a week or more"
    if c.dependent_children < 0:
        problems["dependent_children"] = "The number of children must be 0 or more"
    if c.weeks_of_service_so_far < 0:
        problems["weeks_of_service_so_far"] = "The number of weeks must be 0 or more"
    if c.member_of_couple and c.lone_parent:
        problems["lone_parent"] = "A member of a couple cannot also be a lone parent"
    if c.enhanced_disability_premium and not c.disability_premium:
        problems["enhanced_disability_premium"] = (
            "The enhanced disability premium is added to the disability premium: select both"
        )
    if problems:
        raise CircumstancesError(problems)


def tariff_income(capital: Decimal, rules: RuleSet) -> Decimal:
    """reg 25: £1 a week for every £250, or part of £250, of capital above the lower limit, up to the upper limit.

    Worked examples (St Helens; standards.md §5.1): £15,000 → £3; £18,450 → £17; £23,250 → £36.
    """
    if capital <= rules.lower_capital_limit:
        return ZERO
    over = min(capital, rules.upper_capital_limit) - rules.lower_capital_limit
    slices = (over / rules.tariff_slice).to_integral_value(rounding=ROUND_CEILING)
    return pounds(slices * rules.tariff_per_slice)


def _figure(rules: RuleSet, name: str, warnings: list[str]) -> Decimal:
    value: Decimal | None = getattr(rules, name)
    if value is None:
        raise RuleSetIncomplete(
            f"The {rules.year} rule set has no figure for {name.replace('_', ' ')}: "
            f"{rules.unconfirmed.get(name, 'the council must set it')}"
        )
    if name in rules.unconfirmed:
        warnings.append(f"{name.replace('_', ' ')} ({_show(value)}): {rules.unconfirmed[name]}")
    return value


def minimum_income_guarantee(c: Circumstances, rules: RuleSet, warnings: list[str]) -> tuple[Decimal, list[str]]:
    """reg 7: the personal amount for the person's age and household, plus children and premiums.

    (2)(a) single 18–24, (2)(b) single 25 to pension credit age, (2)(c) single at pension credit age;
    (3) lone parent; (4) member of a couple (pension age rate where they have reached it); an amount for
    each dependent child; (5)-(6) disability and enhanced disability premiums, below pension credit age
    only; (7) carer premium, at any age. A council may add to it (``mig_local_addition``).

    The disability premiums are those "in receipt of, or [that] the local authority considers would, if
    in receipt of income support, be" paid (reg 7(5)); Income Support pays a pensioner premium at
    pension credit age instead, only the highest of such premiums applies, and the enhanced disability
    premium is not paid with a pensioner premium (Income Support Regulations Sch 2 paras 5 and 6(2)).
    So above pension credit age the guarantee is the reg 7(2)(c) or 7(4)(b) amount, plus any carer
    premium and children. (The statutory guidance is sometimes quoted as making the pension-age amount
    the Pension Credit guarantee plus 25%; the amounts the regulations set do not follow that, and the
    regulations' amounts are what is held.)
    """
    pension_age = c.age >= rules.pension_credit_age
    parts: list[tuple[str, Decimal]] = []
    if c.member_of_couple:
        name = "mig_couple_member_pension_age" if pension_age else "mig_couple_member"
        words = "member of a couple" + (" at pension age" if pension_age else "")
    elif pension_age:
        name, words = "mig_single_pension_age", "single person at pension credit age (reg 7(2)(c))"
    elif c.lone_parent:
        name, words = "mig_lone_parent", "lone parent (reg 7(3))"
    elif c.age < 25:
        name, words = "mig_single_18_to_24", "single person aged 18 to 24 (reg 7(2)(a))"
    else:
        name, words = "mig_single_25_to_pension_age", "single person aged 25 to pension age (reg 7(2)(b))"
    parts.append((f"the amount for a {words}", _figure(rules, name, warnings)))
    if c.dependent_children:
        each = _figure(rules, "mig_per_child", warnings)
        parts.append((f"{c.dependent_children} × {_show(each)} for dependent children", each * c.dependent_children))
    # reg 7(5) for a single person, 7(6) for a member of a couple; neither at pension credit age.
    couple = "_couple_member" if c.member_of_couple else ""
    paragraph = "reg 7(6)" if c.member_of_couple else "reg 7(5)"
    if c.disability_premium and not pension_age:
        parts.append((f"the disability premium ({paragraph})", _figure(rules, f"disability_premium{couple}", warnings)))
    if c.enhanced_disability_premium and not pension_age:
        parts.append(
            (
                f"the enhanced disability premium ({paragraph})",
                _figure(rules, f"enhanced_disability_premium{couple}", warnings),
            )
        )
    if c.carer_premium:
        parts.append(("the carer premium (reg 7(7))", _figure(rules, "carer_premium", warnings)))
    if rules.mig_local_addition:
        parts.append(("the council's own addition", rules.mig_local_addition))
    total = pounds(sum((amount for _, amount in parts), ZERO))
    described = [f"{words} {_show(amount)}" for words, amount in parts]
    if pension_age and (c.disability_premium or c.enhanced_disability_premium):
        described.append(
            "the disability premiums are not added at pension credit age (reg 7(5)-(6) give the premiums of "
            "Income Support, which are not paid with a pensioner premium: Income Support Regulations Sch 2 "
            "paras 5 and 6(2))"
        )
    return total, described


def free_service_reason(c: Circumstances, rules: RuleSet, warnings: list[str] | None = None) -> str | None:
    """reg 3: why this service is free, or None if it may be charged for.

    Reablement and intermediate care are free for the first six weeks (reg 3(2)(b)); a council may keep
    them free for longer (``free_reablement_weeks``). Aids and minor adaptations are free up to the
    limit held for the year (``free_adaptation_limit``).
    """
    short_term = c.service in (Service.REABLEMENT, Service.INTERMEDIATE_CARE)
    if short_term and c.weeks_of_service_so_far < rules.free_reablement_weeks:
        kind = "Reablement" if c.service == Service.REABLEMENT else "Intermediate care"
        law = "reg 3" if rules.free_reablement_weeks == 6 else "reg 3 sets six weeks; the council chose longer"
        return f"{kind} is free for the first {rules.free_reablement_weeks} weeks ({law})."
    if c.service == Service.MINOR_ADAPTATION:
        limit = _figure(rules, "free_adaptation_limit", warnings if warnings is not None else [])
        if c.adaptation_cost <= limit:
            return f"Aids and minor adaptations costing up to {_show(limit)} are free (reg 3)."
    return None


def _partly_disregarded(
    kind: IncomeKind, share: Decimal, c: Circumstances, rules: RuleSet, warnings: list[str]
) -> tuple[Decimal, str]:
    """How much of a counted income is left out, and why (Sch 1 para 17; the council's night-care policy)."""
    if kind == IncomeKind.WAR_WIDOWS_PENSION:
        if rules.war_widows_pension_disregarded_in_full:
            return share, "Not counted: the council does not count war widows' and widowers' pensions."
        left_out = min(share, rules.war_widows_pension_disregard)
        return left_out, (
            f"{_show(left_out)} is not counted (Sch 1 para 17; Income Support Regulations Sch 9 para 16(b)); "
            f"{_show(share - left_out)} is counted as income."
        )
    night_benefits = NIGHT_CARE_BENEFITS if rules.night_care_disregard_includes_pip else NIGHT_CARE_BENEFITS[:2]
    if kind in night_benefits and c.day_care_only and rules.night_care_disregarded_when_day_care_only:
        day_rate = _figure(rules, "disability_benefit_day_rate", warnings)
        left_out = max(ZERO, pounds(share - day_rate))
        if left_out:
            return left_out, (
                f"{_show(left_out)} is not counted: it is the part paid for care at night, and the council "
                f"arranges your care only in the day (its policy). {_show(share - left_out)} is counted as income."
            )
    return ZERO, "Counted as income."


def assess(c: Circumstances, rules: RuleSet) -> Contribution:
    """The weekly contribution to care at home, step by step (see the module's docstring for the rules)."""
    _check(c)
    cost = pounds(c.weekly_cost_of_care)
    steps: list[Step] = [Step("Weekly cost of your care", cost, "This is the most you could ever be asked to pay.")]
    free_warnings: list[str] = []
    free = free_service_reason(c, rules, free_warnings)
    if free:
        steps.append(Step("You pay nothing", ZERO, free))
        return Contribution(ZERO, False, True, tuple(steps), tuple(free_warnings), rules.year)
    if c.light_touch_full_cost:
        steps.append(
            Step(
                "You pay the full cost",
                cost,
                "You told us you have more than "
                f"{_show(rules.upper_capital_limit)} in savings or chose to pay the full cost, so we did not "
                "need the details (a light-touch assessment, Annex C).",
            )
        )
        return Contribution(cost, True, False, tuple(steps), (), rules.year)

    capital = pounds(c.capital + c.joint_capital / 2)
    capital_why = "Savings and other capital in your name"
    if c.joint_capital:
        capital_why += f", plus half of {_show(c.joint_capital)} held jointly (treated as held in equal shares)"
    steps.append(Step("Your capital", capital, capital_why + "."))
    if capital > rules.upper_capital_limit:
        steps.append(
            Step(
                "You pay the full cost",
                cost,
                f"Your capital is more than the upper limit of {_show(rules.upper_capital_limit)} (reg 12).",
            )
        )
        return Contribution(cost, True, False, tuple(steps), (), rules.year)

    tariff = tariff_income(capital, rules)
    if tariff:
        tariff_why = f"£1 a week for every £250, or part of £250, over {_show(rules.lower_capital_limit)} (reg 25)."
    else:
        tariff_why = f"Capital up to {_show(rules.lower_capital_limit)} is not counted (reg 12)."
    steps.append(Step("Tariff income from capital", tariff, tariff_why))

    warnings: list[str] = []
    counted = ZERO
    for income in c.incomes:
        share = pounds(income.weekly / 2) if income.joint else pounds(income.weekly)
        joint = " (your half of joint income)" if income.joint else ""
        reason = income.kind.disregard
        if reason:
            steps.append(Step(f"{income.kind.label}{joint}", share, f"Not counted: {reason}."))
            continue
        left_out, why = _partly_disregarded(income.kind, share, c, rules, warnings)
        counted += share - left_out
        steps.append(Step(f"{income.kind.label}{joint}", share, why))
    assessable = counted + tariff
    steps.append(Step("Income we count", assessable, "Counted income plus tariff income."))

    mig, mig_parts = minimum_income_guarantee(c, rules, warnings)
    steps.append(
        Step(
            "Minimum Income Guarantee",
            mig,
            "The law says you must keep at least this much a week (reg 7): " + "; ".join(mig_parts) + ".",
        )
    )
    allowances = pounds(c.housing_costs + c.disability_related_expenditure)
    if c.housing_costs:
        steps.append(
            Step("Housing costs", pounds(c.housing_costs), "Rent, mortgage and council tax are allowed (Sch 1 para 2).")
        )
    if c.disability_related_expenditure:
        steps.append(
            Step(
                "Extra costs because of disability",
                pounds(c.disability_related_expenditure),
                "Disability-related expenditure is allowed (Sch 1 para 4; Annex C).",
            )
        )
    left = assessable - mig - allowances
    available = max(ZERO, pounds(left))
    steps.append(
        Step(
            "What you can afford",
            available,
            "Income we count, less the Minimum Income Guarantee and allowances"
            + (", which comes to less than nothing, so nothing." if left < 0 else "."),
        )
    )
    weekly = min(available, cost)
    if weekly == cost and available > cost:
        why = "You pay the cost of your care, because it is less than what you can afford."
    else:
        why = "You pay what you can afford, because it is no more than the cost of your care."
    steps.append(Step("Your weekly contribution", weekly, why))
    return Contribution(weekly, False, False, tuple(steps), tuple(dict.fromkeys(warnings)), rules.year)


def circumstances_to_data(c: Circumstances) -> dict[str, object]:
    """Circumstances as JSON-ready data (amounts as strings), to keep with the assessment."""
    return {
        "age": c.age,
        "weekly_cost_of_care": str(c.weekly_cost_of_care),
        "incomes": [{"kind": i.kind.value, "weekly": str(i.weekly), "joint": i.joint} for i in c.incomes],
        "capital": str(c.capital),
        "joint_capital": str(c.joint_capital),
        "member_of_couple": c.member_of_couple,
        "lone_parent": c.lone_parent,
        "dependent_children": c.dependent_children,
        "disability_premium": c.disability_premium,
        "enhanced_disability_premium": c.enhanced_disability_premium,
        "carer_premium": c.carer_premium,
        "housing_costs": str(c.housing_costs),
        "disability_related_expenditure": str(c.disability_related_expenditure),
        "light_touch_full_cost": c.light_touch_full_cost,
        "service": c.service.value,
        "weeks_of_service_so_far": c.weeks_of_service_so_far,
        "adaptation_cost": str(c.adaptation_cost),
        "day_care_only": c.day_care_only,
    }


def circumstances_from_data(data: dict[str, Any]) -> Circumstances:
    amounts = ("weekly_cost_of_care", "capital", "joint_capital", "housing_costs",
               "disability_related_expenditure", "adaptation_cost")  # fmt: skip
    values: dict[str, Any] = {k: v for k, v in data.items() if k not in amounts and k not in ("incomes", "service")}
    for name in amounts:
        if name in data:
            values[name] = D(str(data[name]))
    values["incomes"] = tuple(
        Income(IncomeKind(i["kind"]), D(str(i["weekly"])), bool(i.get("joint", False))) for i in data.get("incomes", ())
    )
    values["service"] = Service(data.get("service", Service.CARE_AND_SUPPORT.value))
    return Circumstances(**values)


def steps_to_data(result: Contribution) -> list[dict[str, str]]:
    return [{"label": s.label, "amount": str(s.amount), "why": s.why} for s in result.steps]
