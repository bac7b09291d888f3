"""Which GOV.UK component each kind of Django field becomes."""

import datetime as dt

import pytest
from django import forms
from django.utils import timezone

from ownway.ui.forms import GovukDateField, field_component


class Example(forms.Form):
    days = forms.MultipleChoiceField(
        choices=[("SA", "Saturday"), ("SU", "Sunday")], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_several_choices_are_checkboxes_and_one_choice_is_radios():
    # Django's CheckboxSelectMultiple is a subclass of RadioSelect, so the order of the checks matters.
    form = Example(data={"days": ["SA", "SU"], "one": "a"})
    component, params = field_component(form["days"])
    assert component == "checkboxes"
    assert [item["checked"] for item in params["items"]] == [True, True]
    assert field_component(form["one"])[0] == "radios"


def test_a_date_that_may_be_today_is_refused_only_in_the_future():
    field = GovukDateField(label_for_errors="The date the person agreed", not_future=True)
    today = timezone.localdate()

    def typed(day):
        return [str(day.day), str(day.month), str(day.year)]

    assert field.clean(typed(today)) == today
    assert field.clean(typed(today - dt.timedelta(days=1))) == today - dt.timedelta(days=1)
    with pytest.raises(forms.ValidationError, match="The date the person agreed must be today or in the past"):
        field.clean(typed(today + dt.timedelta(days=1)))


class Money(forms.Form):
    from decimal import Decimal as _D

    from ownway.ui.forms import MoneyField, NumberField, WholeNumberField

    cost = MoneyField(label="Weekly cost of care", high=_D(100_000))
    extra = MoneyField(label="Extra costs", high=_D(100_000), required=False)
    hours = NumberField(label="Hours a week", low=_D(0), high=_D(168), places=1, required=False)
    children = WholeNumberField(label="Children", subject="The number of children", low=0, high=20, required=False)


def test_money_fields_take_what_people_type_and_show_a_pound_prefix():
    from decimal import Decimal

    form = Money(data={"cost": " £8,500 ", "extra": "", "hours": "7.5", "children": "2"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "cost": Decimal("8500.00"),
        "extra": None,
        "hours": Decimal("7.5"),
        "children": 2,
    }
    component, params = field_component(form["cost"])
    assert component == "input"
    assert (params["prefix"], params["inputmode"], params["value"]) == ({"text": "£"}, "decimal", " £8,500 ")


def test_number_fields_give_a_specific_message_for_each_mistake():
    form = Money(data={"cost": "1e309", "extra": "100000.01", "hours": "NaN", "children": "2.5"})
    assert not form.is_valid()
    assert form.errors == {
        "cost": ["Weekly cost of care must be an amount in pounds, like 12.50"],
        "extra": ["Extra costs must be £100,000 or less"],
        "hours": ["Hours a week must be a number, like 7.5"],
        "children": ["The number of children must be a whole number"],
    }
    assert Money(data={}).errors["cost"] == ["Enter weekly cost of care"]


def test_number_fields_answer_any_text_with_a_value_or_a_message():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=120) | st.text(alphabet="0123456789.,-£ eEinfaN", max_size=40))
    def check(typed):
        form = Money(data={"cost": typed, "extra": typed, "hours": typed, "children": typed})
        form.is_valid()  # never raises: each field has a value or a message
        for name in ("cost", "extra", "hours", "children"):
            assert name in form.cleaned_data or form.errors[name]

    check()
