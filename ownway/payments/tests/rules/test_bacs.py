"""Names in a BACS file: the Standard 18 character set, accents taken off, 18 characters at most."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownway.payments.rules.bacs import ACCOUNT_NAME_LENGTH, BACS_CHARACTERS, account_name, field


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("Zoë Ní Bhriain", "ZOE NI BHRIAIN"),
        ("A Lovelace DP", "A LOVELACE DP"),
        ("Søren Æbelø", "SOREN AEBELO"),
        ("Groß & Söhne", "GROSS & SOHNE"),
        ("Łucja Wałęsa", "LUCJA WALESA"),
        ("O'Brien M", "OBRIEN M"),
        ("D’Souza R", "DSOUZA R"),
        ("  Ana   María\tRuiz ", "ANA MARIA RUIZ"),
        ("J. Smith-Jones", "J. SMITH-JONES"),
        ("Ann¨ Lee¨", "ANN LEE"),
        ("Flat 2/3 Trust", "FLAT 2/3 TRUST"),
    ],
)
def test_names_are_written_as_banks_write_them(typed, sent):
    name = account_name(typed)
    assert (name.problem, name.value) == ("", sent)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "Enter the name on the account"),
        ("   ", "Enter the name on the account"),
        ("=HYPERLINK(1)", "Account name can only include letters, numbers, spaces and . / & - (not “=”, “(”, “)”)"),
        ("-A LOVELACE", "Account name must start with a letter or a number"),
        ("@LOVELACE", "Account name can only include letters, numbers, spaces and . / & - (not “@”)"),
        ("+44 SMITH", "Account name can only include letters, numbers, spaces and . / & - (not “+”)"),
        ("李小龍", "Account name can only include letters, numbers, spaces and . / & - (not “李”, “小”, “龍”)"),
        ("Smith, J", "Account name can only include letters, numbers, spaces and . / & - (not “,”)"),
        ("A\x00B", "Account name can only include letters, numbers, spaces and . / & - (not an invisible character)"),
        (
            "Jonathan Smithson-Williams",
            "Account name must be 18 characters or fewer: it is 26. Shorten it the way the bank does, for example "
            "with initials",
        ),
    ],
)
def test_what_cannot_be_mapped_is_refused_with_a_clear_message(typed, problem):
    name = account_name(typed)
    assert name.problem == problem
    assert name.value == ""
    assert not name.usable


def test_a_line_break_is_a_space_and_never_reaches_the_file():
    assert account_name("A LOVELACE\nDP").value == "A LOVELACE DP"
    assert account_name("A LOVELACE\r\n=1+1").problem.startswith("Account name can only include")


def test_eighteen_characters_is_the_limit_counted_after_accents_are_taken_off():
    assert account_name("Zoë Ní Bhriain-Øst").value == "ZOE NI BHRIAIN-OST"  # 18
    assert account_name("Straße Straße Stra").problem.startswith(
        "Account name must be 18 characters or fewer: it is 20"
    )


def test_the_explanation_says_what_the_bank_is_sent():
    assert (
        account_name("Zoë Ní Bhriain").explanation == "The bank is sent the name ZOE NI BHRIAIN (for “Zoë Ní Bhriain”)"
    )
    assert account_name("A LOVELACE").explanation == "The bank is sent the name A LOVELACE"


def test_a_field_never_checked_on_the_way_in_is_made_fit():
    assert field("Ownway City Council", 18) == "OWNWAY CITY COUNCI"
    assert field('=HYPERLINK("x")\nZoë', 18) == "HYPERLINKX ZOE"
    assert field("--- @@@", 18) == ""


@given(st.text())
def test_whatever_is_typed_what_is_sent_is_in_the_character_set_and_starts_with_a_letter_or_number(typed):
    name = account_name(typed)
    assert set(name.value) <= BACS_CHARACTERS
    assert len(name.value) <= ACCOUNT_NAME_LENGTH
    assert name.usable == bool(name.value)
    if name.value:
        assert name.value[0].isalnum()
        assert account_name(name.value).value == name.value  # writing it again changes nothing
    made_fit = field(typed, ACCOUNT_NAME_LENGTH)
    assert set(made_fit) <= BACS_CHARACTERS
    assert made_fit == "" or made_fit[0].isalnum()
