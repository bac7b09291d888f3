"""The name on the account goes into the bank file in the BACS character set, or is refused when it is typed."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from ownway.payments import services
from ownway.payments.models import DirectPaymentAgreement
from ownway.payments.rules.bacs import BACS_CHARACTERS
from ownway.payments.tests.factories import agreement_for, approved_budget

pytestmark = pytest.mark.django_db


def _cells(content: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content)))


def test_an_accented_name_is_sent_as_the_bank_writes_it(
    social_worker, team_manager, person, finance_officer, settings, django_capture_on_commit_callbacks
):
    agreement = agreement_for(social_worker, team_manager, person, account_name="Zoë Ní Bhriain")
    assert agreement.account_name == "ZOE NI BHRIAIN"
    with django_capture_on_commit_callbacks(execute=True):
        run = services.payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))
    written = (settings.OWNWAY_BACS_DIR / run.bacs_file.name).read_bytes()
    text = written.decode("ascii")  # nothing outside ASCII, nothing replaced by "?"
    assert "?" not in text
    assert _cells(text)[1] == ["D", "309457", "12345678", "ZOE NI BHRIAIN", "99", "53042", agreement.reference]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ('=HYPERLINK("http://x")', "Account name can only include letters, numbers, spaces and . / & -"),
        ("A LOVELACE\n=1+1", "Account name can only include letters, numbers, spaces and . / & -"),
        ("-A LOVELACE", "Account name must start with a letter or a number"),
        ("李小龍", "Account name can only include letters, numbers, spaces and . / & -"),
        ("Jonathan Smithson-Williams", "Account name must be 18 characters or fewer"),
    ],
)
def test_a_name_that_cannot_go_to_the_bank_is_refused_and_nothing_is_saved(
    social_worker, team_manager, person, typed, message
):
    budget = approved_budget(social_worker, team_manager, person)
    with pytest.raises(ValidationError) as refused:
        services.direct_payment_agreement_create(
            actor=social_worker, budget=budget, recipient_name="Ada Lovelace", account_name=typed,
            sort_code="309457", account_number="12345678", starts_on=dt.date(2026, 4, 20),
            agreed_on=dt.date(2026, 4, 20),
        )  # fmt: skip
    assert refused.value.message_dict["account_name"][0].startswith(message)
    assert not DirectPaymentAgreement.objects.exists()


def test_a_name_saved_before_names_were_checked_still_makes_a_safe_file(
    social_worker, team_manager, person, finance_officer, settings, django_capture_on_commit_callbacks
):
    agreement = agreement_for(social_worker, team_manager, person)
    DirectPaymentAgreement.objects.filter(pk=agreement.pk).update(account_name="=cmd|' /C calc'!A0")
    settings.OWNWAY_COUNCIL_NAME = "+Ownway, City Council"
    with django_capture_on_commit_callbacks(execute=True):
        run = services.payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))
    text = (settings.OWNWAY_BACS_DIR / run.bacs_file.name).read_bytes().decode("ascii")
    rows = _cells(text)
    assert rows[0][1] == "OWNWAY CITY COUNCI"
    assert rows[1][3] == "CMD /C CALCA0"
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert set(rows[1][3]) <= BACS_CHARACTERS
    assert len(text.splitlines()) == 3  # header, one credit, trailer: no line break got in
