"""The financial assessment form (finance officers) and the public "how much might I pay?" estimator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField, MoneyField, WholeNumberField

from .rules.contribution import Circumstances, Income, IncomeKind, Service

ZERO = Decimal("0.00")


#: The most a weekly amount (a cost of care, an income, housing costs) and an amount of capital may be: far
#: above anything real, and within what the assessment's columns hold.
MAX_WEEKLY = Decimal("100000")
MAX_CAPITAL = Decimal("10000000")


def money_field(label: str, help_text: str = "", required: bool = False, high: Decimal = MAX_WEEKLY) -> MoneyField:
    return MoneyField(
        label=label,
        help_text=help_text,
        required=required,
        high=high,
        error_messages={"invalid": f"{label} must be an amount in pounds, like 120.50"},
    )


#: Weekly income on the staff form: every kind the rules know.
INCOME_FIELDS = {f"income_{kind.value}": kind for kind in IncomeKind}


class FinancialAssessmentForm(forms.Form):
    charges_from = GovukDateField(
        label="The date the charge applies from",
        label_for_errors="The date the charge applies from",
        help_text="For example, 6 4 2026. Leave it empty for the day the approved plan starts, or today if there "
        "is none. The figures used are those of the year this date falls in.",
        required=False,
    )
    weekly_cost_of_care = money_field("Weekly cost of care", required=True)
    service = forms.ChoiceField(
        label="What is being charged for?",
        choices=[
            (Service.CARE_AND_SUPPORT.value, "Care and support at home"),
            (Service.REABLEMENT.value, "Reablement"),
            (Service.INTERMEDIATE_CARE.value, "Intermediate care"),
            (Service.MINOR_ADAPTATION.value, "Aids and minor adaptations"),
        ],
        initial=Service.CARE_AND_SUPPORT.value,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what is being charged for"},
    )
    weeks_of_service_so_far = WholeNumberField(
        label="Weeks of reablement or intermediate care already had",
        subject="Weeks",
        required=False,
        low=0,
        high=520,
        width="3",
        error_messages={"invalid": "Weeks must be a whole number, like 2"},
    )
    adaptation_cost = money_field("Cost of the adaptation", high=MAX_CAPITAL)
    day_care_only = forms.BooleanField(
        label="The council arranges their care only in the day (none at night)",
        help_text="If the council's policy is to, the night-time part of Attendance Allowance or the DLA care "
        "component is then not counted",
        required=False,
    )
    light_touch_full_cost = forms.BooleanField(
        label="Light touch: they have more than the upper capital limit, or choose to pay the full cost",
        required=False,
    )
    member_of_couple = forms.BooleanField(label="Member of a couple", required=False)
    lone_parent = forms.BooleanField(label="Lone parent", required=False)
    dependent_children = WholeNumberField(
        label="Dependent children in the household",
        subject="The number of children",
        required=False,
        low=0,
        high=20,
        width="2",
        error_messages={"invalid": "Enter the number of children, like 2"},
    )
    disability_premium = forms.BooleanField(label="Qualifies for the disability premium", required=False)
    enhanced_disability_premium = forms.BooleanField(
        label="Qualifies for the enhanced disability premium", required=False
    )
    carer_premium = forms.BooleanField(label="Qualifies for the carer premium", required=False)
    capital = money_field(
        "Capital in their own name", "Savings, investments and property other than their home", high=MAX_CAPITAL
    )
    joint_capital = money_field("Capital held jointly", "Half is counted as theirs", high=MAX_CAPITAL)
    housing_costs = money_field(
        "Weekly housing costs",
        "Rent, mortgage interest, ground rent, council tax and eligible service charges, less any Housing Benefit or "
        "Council Tax Reduction towards them",
    )
    disability_related_expenditure = money_field("Weekly disability-related expenditure")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in INCOME_FIELDS.items():
            self.fields[name] = money_field(f"{kind.label} (weekly)")
        self.fields["joint_incomes"] = forms.MultipleChoiceField(
            label="Which of these are received jointly with a partner?",
            help_text="Enter the whole joint amount above: half is counted as theirs",
            choices=[(kind.value, kind.label) for kind in IncomeKind],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        joint = list(data.get("joint_incomes") or [])
        couple_needed = bool(joint or data.get("joint_capital")) and not data.get("member_of_couple")
        for code in joint:
            if not data.get(f"income_{code}"):
                self.add_error("joint_incomes", f"Enter the amount of {IncomeKind(code).label} before marking it joint")
        if couple_needed:
            self.add_error("member_of_couple", "Select member of a couple to count joint income or capital")
        return data

    def charge_date(self) -> dt.date | None:
        """The date the charge applies from, or None for the default (the plan's start, or today)."""
        value: dt.date | None = self.cleaned_data.get("charges_from")
        return value

    def circumstances(self, *, age: int, weekly_cost_of_care: Decimal | None = None) -> Circumstances:
        """The circumstances as the form gives them; ``weekly_cost_of_care`` when the cost of care is not asked
        (it is the approved support plan's)."""
        d = self.cleaned_data
        joint = set(d.get("joint_incomes") or [])
        incomes = tuple(
            Income(kind, d[name], kind.value in joint) for name, kind in INCOME_FIELDS.items() if d.get(name)
        )
        return Circumstances(
            age=age,
            weekly_cost_of_care=weekly_cost_of_care if weekly_cost_of_care is not None else d["weekly_cost_of_care"],
            incomes=incomes,
            capital=d.get("capital") or ZERO,
            joint_capital=d.get("joint_capital") or ZERO,
            member_of_couple=d["member_of_couple"],
            lone_parent=d["lone_parent"],
            dependent_children=d.get("dependent_children") or 0,
            disability_premium=d["disability_premium"],
            enhanced_disability_premium=d["enhanced_disability_premium"],
            carer_premium=d["carer_premium"],
            housing_costs=d.get("housing_costs") or ZERO,
            disability_related_expenditure=d.get("disability_related_expenditure") or ZERO,
            light_touch_full_cost=d["light_touch_full_cost"],
            service=Service(d["service"]),
            weeks_of_service_so_far=d.get("weeks_of_service_so_far") or 0,
            adaptation_cost=d.get("adaptation_cost") or ZERO,
            day_care_only=d["day_care_only"],
        )


class FindPersonForm(forms.Form):
    reference = forms.CharField(
        label="The person's reference",
        max_length=12,
        widget=forms.TextInput(attrs={"width": "10", "spellcheck": False}),
        error_messages={"required": "Enter the person's reference"},
    )


#: The estimator's money questions, in plain words: (field, label, hint, income kind or None).
_ESTIMATE_INCOME = (
    ("state_pension", "State Pension", IncomeKind.STATE_PENSION),
    ("other_pensions", "Other pensions", IncomeKind.PRIVATE_PENSION),
    ("benefits", "Benefits such as Pension Credit, Universal Credit or ESA", IncomeKind.OTHER),
    ("disability_benefits", "Attendance Allowance, or the daily living or care part of PIP or DLA",
     IncomeKind.ATTENDANCE_ALLOWANCE),
    ("mobility", "The mobility part of PIP or DLA", IncomeKind.PIP_MOBILITY),
    ("earnings", "Money from work", IncomeKind.EARNINGS),
)  # fmt: skip


class EstimateForm(forms.Form):
    """A short, anonymous version of the financial assessment: nothing is saved."""

    age = WholeNumberField(
        label="How old are you?",
        subject="Your age",
        low=18,
        high=130,
        width="3",
        error_messages={
            "required": "Enter your age",
            "invalid": "Enter your age as a number, like 67",
            "places": "Enter your age as a number, like 67",
            "too_small": "You must be 18 or over: this is for adults' care",
            "too_large": "Enter an age of 130 or under",
        },
    )
    couple = forms.ChoiceField(
        label="Do you live with a husband, wife or partner?",
        choices=[("no", "No"), ("yes", "Yes")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you live with a husband, wife or partner"},
    )
    savings = money_field("Your savings", "Money in the bank, shares and property other than your home. If you share "
                          "savings with someone, put in your half.", high=MAX_CAPITAL)  # fmt: skip
    housing_costs = money_field("Your rent, mortgage and council tax each week", "Take off any help you get with them")
    extra_costs = money_field(
        "Extra costs each week because of a disability or illness", "For example special diet, laundry or heating"
    )
    weekly_cost_of_care = money_field(
        "The weekly cost of your care, if you know it", "Leave it empty to see the most you might pay"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label, _kind in _ESTIMATE_INCOME:
            self.fields[name] = money_field(f"{label}, each week")

    def circumstances(self) -> tuple[Circumstances, bool]:
        """The circumstances, and whether the cost of care was given (if not, the most they might pay is shown)."""
        d = self.cleaned_data
        incomes = tuple(Income(kind, d[name]) for name, _label, kind in _ESTIMATE_INCOME if d.get(name))
        cost_given = d.get("weekly_cost_of_care") is not None
        return (
            Circumstances(
                age=d["age"],
                weekly_cost_of_care=d["weekly_cost_of_care"] if cost_given else Decimal("100000.00"),
                incomes=incomes,
                capital=d.get("savings") or ZERO,
                member_of_couple=d["couple"] == "yes",
                housing_costs=d.get("housing_costs") or ZERO,
                disability_related_expenditure=d.get("extra_costs") or ZERO,
            ),
            cost_given,
        )
