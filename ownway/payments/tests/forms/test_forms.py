"""Direct payment forms read amounts as people type them, and refuse what is not an amount."""

from decimal import Decimal

import pytest

from ownway.payments.forms import RecoveryForm

REASONS = {"persons_view": "They are saving for a holiday", "reasons": "Agreed with them"}


@pytest.mark.parametrize(("typed", "amount"), [("8,500", Decimal("8500.00")), ("£1,000", Decimal("1000.00"))])
def test_amount_to_recover_is_read_as_typed(typed, amount):
    form = RecoveryForm(data={**REASONS, "amount_to_recover": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount_to_recover"] == amount


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e309", "The amount to ask back must be an amount in pounds, like 12.50"),
        ("1000000000000000000", "The amount to ask back must be £10,000,000 or less"),
        (
            "12.345",
            "The amount to ask back must be in pounds and pence, with no more than 2 decimal places, like 12.50",
        ),
    ],
)
def test_amount_to_recover_that_is_not_an_amount_is_explained(typed, message):
    form = RecoveryForm(data={**REASONS, "amount_to_recover": typed})
    assert form.errors == {"amount_to_recover": [message]}
