import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.charging import events
from ownway.charging.models import AssessmentStatus, ChargingRuleSet, FinancialAssessment
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind, Service
from ownway.charging.rules.rulesets import RULES_2025_26
from ownway.charging.selectors import (
    NoRuleSet,
    financial_assessment_current,
    financial_assessment_get_for_user,
    rule_set_for,
)
from ownway.charging.services import charging_rule_set_save, contributions_uprate, financial_assessment_record
from ownway.people.tests.factories import PersonFactory

D = Decimal
pytestmark = pytest.mark.django_db
PENSIONER = Circumstances(
    age=70,
    weekly_cost_of_care=D("300"),
    incomes=(Income(IncomeKind.STATE_PENSION, D("230.25")), Income(IncomeKind.PRIVATE_PENSION, D("60"))),
)


def test_2025_26_figures_are_loaded_with_their_unconfirmed_marks():
    record = rule_set_for(year="2025/26")
    assert record.figures["mig_single_25_to_pension_age"] == "112.50"
    assert "carer_premium" in record.figures["unconfirmed"]
    assert rule_set_for(on=dt.date(2025, 6, 1)) == record


def test_finance_officer_records_an_assessment(finance_officer, person, citizen):
    fa = financial_assessment_record(actor=finance_officer, person=person, circumstances=PENSIONER, year="2025/26")
    assert fa.weekly_contribution == D("57.65")  # 290.25 − 232.60
    assert fa.steps[-1] == {
        "label": "Your weekly contribution",
        "amount": "57.65",
        "why": "You pay what you can afford, because it is no more than the cost of your care.",
    }
    assert fa.warnings
    assert AuditEvent.objects.filter(action=events.FINANCIAL_ASSESSMENT_RECORDED, person=person).exists()
    again = financial_assessment_record(
        actor=finance_officer,
        person=person,
        circumstances=dataclasses.replace(PENSIONER, capital=D("15000")),
        year="2025/26",
    )
    fa.refresh_from_db()
    assert fa.status == AssessmentStatus.SUPERSEDED
    assert again.supersedes == fa
    assert financial_assessment_current(user=citizen, person=person) == again
    assert financial_assessment_get_for_user(user=citizen, pk=again.pk).weekly_contribution == D("60.65")


def test_bad_circumstances_save_nothing(finance_officer, person):
    with pytest.raises(ValidationError) as error:
        financial_assessment_record(
            actor=finance_officer, person=person, circumstances=dataclasses.replace(PENSIONER, capital=D(-1))
        )
    assert "capital" in error.value.message_dict
    with pytest.raises(ValidationError, match="carer premium"):
        financial_assessment_record(
            actor=finance_officer, person=person, circumstances=dataclasses.replace(PENSIONER, carer_premium=True)
        )
    assert not FinancialAssessment.objects.exists()


def test_only_the_finance_team_assesses(social_worker, citizen, person):
    for actor in (social_worker, citizen):
        with pytest.raises(PermissionDenied):
            financial_assessment_record(actor=actor, person=person, circumstances=PENSIONER)


def test_council_sets_a_figure_and_it_counts_as_confirmed(finance_officer):
    record = charging_rule_set_save(
        actor=finance_officer, year="2025/26", starts_on=dt.date(2025, 4, 6), figures={"carer_premium": "48.15"}
    )
    assert record.figures["carer_premium"] == "48.15"
    assert "carer_premium" not in record.figures["unconfirmed"]
    with pytest.raises(ValidationError, match="upper capital limit"):
        charging_rule_set_save(
            actor=finance_officer,
            year="2025/26",
            starts_on=dt.date(2025, 4, 6),
            figures={"upper_capital_limit": "1000"},
        )
    with pytest.raises(ValidationError, match="Unknown figures"):
        charging_rule_set_save(actor=finance_officer, year="2025/26", starts_on=dt.date(2025, 4, 6),
                               figures={"made_up": "1"})  # fmt: skip


def test_uprating_recalculates_every_open_contribution(finance_officer):
    people = [PersonFactory(date_of_birth=dt.date(1950, 1, 1)) for _ in range(3)]
    young = PersonFactory(date_of_birth=dt.date(2001, 3, 1))  # 24 in 2025, 25 by April 2026
    for p in people:
        financial_assessment_record(actor=finance_officer, person=p, circumstances=PENSIONER, year="2025/26")
    financial_assessment_record(
        actor=finance_officer, person=young, year="2025/26",
        circumstances=Circumstances(age=24, weekly_cost_of_care=D("500"), incomes=(Income(IncomeKind.ESA, D("150")),)),
    )  # fmt: skip
    figures = RULES_2025_26.to_data() | {"year": "2026/27", "mig_single_pension_age": "220.00", "unconfirmed": {}}
    charging_rule_set_save(actor=finance_officer, year="2026/27", starts_on=dt.date(2026, 4, 6), figures=figures)
    report = contributions_uprate(actor=finance_officer, year="2026/27")
    assert report.recalculated == 4
    assert report.changed == 4
    assert (people[0].pk, D("57.65"), D("70.25")) in report.changes
    assert (young.pk, D("60.85"), D("37.50")) in report.changes  # now on the 25-and-over guarantee
    assert FinancialAssessment.objects.filter(status="current", rule_set__year="2026/27").count() == 4
    assert FinancialAssessment.objects.filter(status="superseded").count() == 4
    assert AuditEvent.objects.filter(action=events.CONTRIBUTIONS_UPRATED).get().new["changed"] == 4
    # Running it again finds nothing left to uprate.
    assert contributions_uprate(actor=finance_officer, year="2026/27").recalculated == 0


def test_uprating_leaves_those_it_cannot_recalculate(finance_officer, person):
    charging_rule_set_save(actor=finance_officer, year="2025/26", starts_on=dt.date(2025, 4, 6),
                           figures={"carer_premium": "48.15"})  # fmt: skip
    financial_assessment_record(
        actor=finance_officer, person=person, circumstances=dataclasses.replace(PENSIONER, carer_premium=True),
        year="2025/26",
    )  # fmt: skip
    figures = RULES_2025_26.to_data() | {"year": "2026/27"}
    charging_rule_set_save(actor=finance_officer, year="2026/27", starts_on=dt.date(2026, 4, 6), figures=figures)
    report = contributions_uprate(actor=finance_officer, year="2026/27")
    assert report.recalculated == 0
    assert report.not_recalculated[0][0] == person.pk
    assert "carer premium" in report.not_recalculated[0][1]
    assert ChargingRuleSet.objects.count() == 2


# --- Which year's figures: the date the charge applies from ------------------------------------------


def test_rule_year_follows_the_date_the_charge_applies_from():
    assert rule_set_for(on=dt.date(2026, 12, 1)).year == "2026/27"
    assert rule_set_for(on=dt.date(2026, 4, 6)).year == "2026/27"
    assert rule_set_for(on=dt.date(2026, 4, 5)).year == "2025/26"
    assert rule_set_for(on=dt.date(2025, 4, 6)).year == "2025/26"


def test_a_date_in_a_year_with_no_figures_held_is_refused():
    ChargingRuleSet.objects.filter(year="2026/27").delete()
    with pytest.raises(NoRuleSet, match="No charging figures are held for 2026/27"):
        rule_set_for(on=dt.date(2026, 12, 1))
    with pytest.raises(NoRuleSet, match="2024/25"):
        rule_set_for(on=dt.date(2025, 1, 1))


def test_the_assessment_takes_the_year_of_the_date_the_charge_applies_from(finance_officer, person):
    later = financial_assessment_record(
        actor=finance_officer, person=person, circumstances=PENSIONER, charges_from=dt.date(2026, 5, 1)
    )
    assert (later.rule_set.year, later.charges_from) == ("2026/27", dt.date(2026, 5, 1))
    assert later.weekly_contribution == D("48.80")  # 290.25 − 241.45
    earlier = financial_assessment_record(
        actor=finance_officer, person=person, circumstances=PENSIONER, charges_from=dt.date(2026, 3, 1)
    )
    assert earlier.rule_set.year == "2025/26"
    assert earlier.weekly_contribution == D("57.65")  # 290.25 − 232.60
    with pytest.raises(ValidationError, match="falls in 2026/27, not 2025/26"):
        financial_assessment_record(actor=finance_officer, person=person, circumstances=PENSIONER,
                                    charges_from=dt.date(2026, 5, 1), year="2025/26")  # fmt: skip
    today = financial_assessment_record(actor=finance_officer, person=person, circumstances=PENSIONER)
    assert today.charges_from == timezone.localdate()
    assert today.rule_set == rule_set_for(on=timezone.localdate())


def test_a_charge_from_a_year_with_no_figures_is_refused_with_a_message(finance_officer, person):
    with pytest.raises(ValidationError, match="No charging figures are held for 2031/32") as error:
        financial_assessment_record(
            actor=finance_officer, person=person, circumstances=PENSIONER, charges_from=dt.date(2031, 6, 1)
        )
    assert "charges_from" in error.value.message_dict
    assert not FinancialAssessment.objects.exists()


# --- Figures read by their kind -----------------------------------------------------------------------

REABLEMENT_WEEK_7 = Circumstances(age=70, weekly_cost_of_care=D("300"), service=Service.REABLEMENT,
                                  weeks_of_service_so_far=7, incomes=PENSIONER.incomes)  # fmt: skip


def test_council_keeps_reablement_free_for_longer(finance_officer, person):
    charging_rule_set_save(actor=finance_officer, year="2025/26", starts_on=dt.date(2025, 4, 6),
                           figures={"free_reablement_weeks": "8"})  # fmt: skip
    assert ChargingRuleSet.objects.get(year="2025/26").figures["free_reablement_weeks"] == 8
    fa = financial_assessment_record(actor=finance_officer, person=person, circumstances=REABLEMENT_WEEK_7,
                                     year="2025/26")  # fmt: skip
    assert fa.free
    with pytest.raises(ValidationError) as error:
        charging_rule_set_save(actor=finance_officer, year="2025/26", starts_on=dt.date(2025, 4, 6),
                               figures={"free_reablement_weeks": "six", "carer_premium": "lots"})  # fmt: skip
    assert error.value.message_dict == {
        "free_reablement_weeks": ["Weeks of reablement that are free must be a whole number"],
        "carer_premium": ["Carer premium must be an amount in pounds, like 12.50"],
    }
    with pytest.raises(ValidationError, match="6 or more"):
        charging_rule_set_save(actor=finance_officer, year="2025/26", starts_on=dt.date(2025, 4, 6),
                               figures={"free_reablement_weeks": "4"})  # fmt: skip


def test_a_stored_figure_that_is_text_does_not_break_a_calculation(finance_officer, person):
    record = ChargingRuleSet.objects.get(year="2025/26")
    record.figures = {**record.figures, "free_reablement_weeks": "8"}
    record.save()
    fa = financial_assessment_record(actor=finance_officer, person=person, circumstances=REABLEMENT_WEEK_7,
                                     year="2025/26")  # fmt: skip
    assert fa.free
    record.figures = {**record.figures, "free_reablement_weeks": "eight"}
    record.save()
    with pytest.raises(ValidationError, match="Weeks of reablement that are free must be a whole number"):
        financial_assessment_record(actor=finance_officer, person=person, circumstances=REABLEMENT_WEEK_7,
                                    year="2025/26")  # fmt: skip


def test_a_year_is_named_and_starts_within_itself(finance_officer):
    with pytest.raises(ValidationError, match="like 2027/28"):
        charging_rule_set_save(actor=finance_officer, year="2027", starts_on=dt.date(2027, 4, 6), figures={})
    with pytest.raises(ValidationError, match="2027/28 must start in 2027"):
        charging_rule_set_save(actor=finance_officer, year="2027/28", starts_on=dt.date(2026, 4, 6), figures={})
