from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ownway.charging.models import ChargingRuleSet


def _run(*args):
    out = StringIO()
    call_command("charging_rules", *args, stdout=out)
    return out.getvalue()


def test_shows_figures_with_unconfirmed_marks(db):
    text = _run("--year", "2025/26")
    assert "mig_single_25_to_pension_age     112.50   NOT CONFIRMED" in text
    assert "carer_premium                    (not set)   NOT CONFIRMED" in text
    assert "lower_capital_limit              14250.00\n" in text


def test_council_sets_a_figure(db):
    text = _run("--year", "2025/26", "--set", "carer_premium=48.15")
    assert "carer_premium                    48.15\n" in text
    assert "carer_premium" not in ChargingRuleSet.objects.get(year="2025/26").figures["unconfirmed"]


def test_new_year_copied_keeps_figures_marked_until_set(db):
    text = _run("--year", "2026/27", "--starts", "2026-04-06", "--copy-from", "2025/26",
                "--set", "mig_single_18_to_24=90.65")  # fmt: skip
    assert "mig_single_18_to_24              90.65\n" in text
    assert "mig_single_25_to_pension_age     112.50   NOT CONFIRMED: copied from 2025/26" in text
    assert "upper_capital_limit              23250.00\n" in text


def test_errors(db):
    with pytest.raises(CommandError, match="NAME=VALUE"):
        _run("--year", "2025/26", "--set", "carer_premium")
    with pytest.raises(CommandError, match="Unknown figures"):
        _run("--year", "2025/26", "--set", "made_up=1")
    with pytest.raises(CommandError, match="No charging figures are held for 2031/32"):
        _run("--year", "2031/32")
    with pytest.raises(CommandError, match="give --starts"):
        _run("--year", "2031/32", "--set", "carer_premium=1")
