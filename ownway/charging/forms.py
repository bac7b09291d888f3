"""The financial assessment form (finance officers), the year's charging figures (finance officers) and the public
"how much might I pay?" estimator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from ownway.ui.forms import GovukDateField, MoneyField, WholeNumberField

from .models import SOURCE_LENGTH
from .rules.contribution import Circumstances, Income, IncomeKind, Service
from .rules.rulesets import FigureKind, figure_fields, figure_label, is_council_choice, read_figure, year_starting

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


# --- The finance team's figures pages -------------------------------------------------------------------

_YES_NO = [("yes", "Yes"), ("no", "No")]


def figure_text(name: str, value: Any) -> str:
    """A stored figure as its field shows it: an amount as pounds and pence, a whole number, yes or no, or empty
    when it is not set."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def source_field_name(name: str) -> str:
    return f"source_{name}"


class FiguresForm(forms.Form):
    """A year's figures, each as it is typed (the service reads each by its kind, and says what is wrong with
    it), and for each figure from the law, where the officer checked it: giving that confirms it.

    Each figure carries the value the page showed (``show_hidden_initial``), so that only what the officer
    changed is sent, and a change made after someone else's can say which figures they changed.
    """

    def __init__(self, data: Any = None, *, figures: dict[str, Any]) -> None:
        super().__init__(data, initial={f.name: figure_text(f.name, figures.get(f.name, f.default))
                                        for f in figure_fields()})  # fmt: skip
        for f in figure_fields():
            label = figure_label(f.name)
            kind: FigureKind = f.metadata["kind"]
            field: forms.Field
            if kind == FigureKind.CHOICE:
                radios = forms.RadioSelect(attrs={"class": "govuk-radios--inline govuk-radios--small"})
                field = forms.ChoiceField(
                    label=label, choices=_YES_NO, widget=radios, required=False, show_hidden_initial=True
                )
            else:
                attrs: dict[str, Any] = {"spellcheck": False, "width": "10" if kind == FigureKind.MONEY else "4",
                                         "inputmode": "decimal" if kind == FigureKind.MONEY else "numeric"}  # fmt: skip
                if kind == FigureKind.MONEY:
                    attrs["prefix"] = "£"
                    if f.metadata["weekly"]:
                        attrs["suffix"] = "a week"
                else:
                    attrs["suffix"] = "weeks" if kind == FigureKind.WEEKS else "years old"
                field = forms.CharField(
                    label=label, required=False, show_hidden_initial=True, widget=forms.TextInput(attrs=attrs),
                    error_messages={"null_characters_not_allowed": f"{label} must be a number, with no unprintable "
                                                                   "characters"},
                )  # fmt: skip
            self.fields[f.name] = field
            if not is_council_choice(f.name):
                self.fields[source_field_name(f.name)] = forms.CharField(
                    label="Where you checked it",
                    required=False,
                    max_length=SOURCE_LENGTH,
                    error_messages={
                        "max_length": f"Where you checked {label[:1].lower()}{label[1:]} must be {SOURCE_LENGTH} "
                        "characters or fewer",
                        "null_characters_not_allowed": "Where you checked it must not contain unprintable characters",
                    },
                )

    def clean(self) -> dict[str, Any]:
        """Each figure changed is read by its kind, as the service will read it, so that every figure that cannot
        be read is shown at once, beside any other mistake on the page."""
        cleaned = super().clean() or {}
        for f in figure_fields():
            if f.name in self.changed_data and f.name not in self.errors:
                try:
                    read_figure(f, cleaned.get(f.name))
                except ValueError as error:
                    self.add_error(f.name, str(error))
        return cleaned

    def changes(self) -> tuple[dict[str, str], dict[str, str]]:
        """The figures the officer changed (as typed) and the sources they gave, by figure. A figure typed again in
        another form ("14,250" where the page showed 14250.00) is not a change: it keeps its source."""
        changed = {
            f.name: self.cleaned_data[f.name]
            for f in figure_fields()
            if f.name in self.changed_data and not self._same_as_shown(f, self.cleaned_data[f.name])
        }
        confirm = {
            f.name: self.cleaned_data[source_field_name(f.name)]
            for f in figure_fields()
            if self.cleaned_data.get(source_field_name(f.name))
        }
        return changed, confirm

    def _same_as_shown(self, f: Any, typed: str) -> bool:
        shown = self.data.get(self[f.name].html_initial_name)
        try:
            return bool(shown is not None and read_figure(f, typed) == read_figure(f, shown))
        except ValueError:
            return False


class NewYearForm(forms.Form):
    """Start a new year's figures from another year's (the figures changed every April are marked to set)."""

    year = forms.CharField(
        label="Year", help_text="Like 2027/28", max_length=7, widget=forms.TextInput(attrs={"width": "5"}),
        error_messages={"required": "Enter the year, like 2027/28", "max_length": "Name the year like 2027/28"},
    )  # fmt: skip
    starts_on = GovukDateField(
        label="The day the figures start",
        label_for_errors="The day the figures start",
        help_text="The day that year's amending regulations come into force, usually 6 April. For example, 6 4 2027",
    )
    copy_from = forms.ChoiceField(
        label="Start from the figures of", error_messages={"invalid_choice": "Select a year whose figures are held"}
    )

    def __init__(self, data: Any = None, *, years: list[str], initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        self.fields["copy_from"].choices = [(year, year) for year in years]  # type: ignore[attr-defined]

    def clean_year(self) -> str:
        year = str(self.cleaned_data["year"]).strip()
        try:
            year_starting(year)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return year
