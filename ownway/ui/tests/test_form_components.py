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
