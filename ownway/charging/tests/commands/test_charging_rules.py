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
    assert "lower_capital_limit              14250.00   from SI 2014/2672 reg 12" in text
    assert "free_reablement_weeks            6 weeks   from SI 2014/2672 reg 3(2)(b)" in text
    assert "war_widows_pension_disregarded_in_full no (the council's choice)" in text


def test_council_sets_a_figure(db):
    text = _run("--year", "2025/26", "--set", "carer_premium=48.15")
    assert "carer_premium                    48.15   set by the council\n" in text
    assert "carer_premium" not in ChargingRuleSet.objects.get(year="2025/26").figures["unconfirmed"]


def test_new_year_copied_keeps_figures_marked_until_set(db):
    text = _run("--year", "2027/28", "--starts", "2027-04-06", "--copy-from", "2026/27",
                "--set", "mig_single_18_to_24=99.65")  # fmt: skip
    assert "mig_single_18_to_24              99.65   set by the council\n" in text
    assert "mig_single_25_to_pension_age     112.50   NOT CONFIRMED: copied from 2026/27" in text
    assert "upper_capital_limit              23250.00   from SI 2014/2672 reg 12" in text


def test_errors(db):
    with pytest.raises(CommandError, match="NAME=VALUE"):
        _run("--year", "2025/26", "--set", "carer_premium")
    with pytest.raises(CommandError, match="Unknown figures"):
        _run("--year", "2025/26", "--set", "made_up=1")
    with pytest.raises(CommandError, match="No charging figures are held for 2031/32"):
        _run("--year", "2031/32")
    with pytest.raises(CommandError, match="give --starts"):
        _run("--year", "2031/32", "--set", "carer_premium=1")


def test_a_whole_number_set_as_text_is_stored_as_a_number_and_used(db, finance_officer, person):
    import datetime as dt
    from decimal import Decimal

    from ownway.charging.rules.contribution import Circumstances, Service
    from ownway.charging.services import financial_assessment_record

    text = _run("--year", "2025/26", "--set", "free_reablement_weeks=8")
    assert "free_reablement_weeks            8 weeks   set by the council\n" in text
    assert ChargingRuleSet.objects.get(year="2025/26").figures["free_reablement_weeks"] == 8
    fa = financial_assessment_record(
        actor=finance_officer, person=person, charges_from=dt.date(2025, 6, 1),
        circumstances=Circumstances(age=70, weekly_cost_of_care=Decimal(300), service=Service.REABLEMENT,
                                    weeks_of_service_so_far=7),
    )  # fmt: skip
    assert fa.free
    with pytest.raises(CommandError, match="Weeks of reablement that are free must be a whole number"):
        _run("--year", "2025/26", "--set", "free_reablement_weeks=six")
    with pytest.raises(CommandError, match="Pension credit qualifying age must be a whole number"):
        _run("--year", "2025/26", "--set", "pension_credit_age=66.5")


def test_council_confirms_a_figure_as_it_stands_naming_the_source(db):
    text = _run("--year", "2026/27", "--confirm", "mig_single_pension_age=LAC(DHSC)(2026)1, annex, table 2")
    assert "mig_single_pension_age           241.45   from LAC(DHSC)(2026)1, annex, table 2\n" in text
    with pytest.raises(CommandError, match="Enter carer premium before confirming it"):
        _run("--year", "2026/27", "--confirm", "carer_premium=LAC(DHSC)(2026)1")
