"""Which GOV.UK component each kind of Django field becomes."""

from django import forms

from ownway.ui.forms import field_component


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
