"""A year's figures set and confirmed by the finance team: each checked figure records its source, who checked it
and when; a figure that cannot be read as its kind is refused and nothing is saved; a change made after someone
else's is refused; and a contribution held back by a figure not confirmed is worked out again and its letter goes
once the figure is confirmed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.charging import events
from ownway.charging.models import (
    AssessmentReason,
    AssessmentStatus,
    ChargingFigureCheck,
    ChargingRuleSet,
    FigureCheckKind,
    FinancialAssessment,
)
from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
from ownway.charging.selectors import LetterNotReady, financial_assessment_get_for_user
from ownway.charging.services import charging_rule_set_save, charging_rule_set_start, financial_assessment_record
from ownway.core.versioning import StaleEdit
from ownway.jobs.worker import run_queued
from ownway.people.models import Letter

pytestmark = pytest.mark.django_db
D = Decimal
YEAR, STARTS = "2026/27", dt.date(2026, 4, 6)
CIRCULAR = "LAC(DHSC)(2026)1, annex, table 2"
#: A pensioner: £290.25 a week counted, less the pension-age guarantee (£241.45 in 2026/27, not confirmed).
PENSIONER = Circumstances(
    age=70,
    weekly_cost_of_care=D("300"),
    incomes=(Income(IncomeKind.STATE_PENSION, D("230.25")), Income(IncomeKind.PRIVATE_PENSION, D("60"))),
)


def _figures():
    return ChargingRuleSet.objects.get(year=YEAR).figures


def test_a_figure_confirmed_as_it_stands_loses_its_mark_and_records_its_source_who_and_when(finance_officer):
    assert "mig_single_pension_age" in _figures()["unconfirmed"]
    record = charging_rule_set_save(
        actor=finance_officer, year=YEAR, starts_on=STARTS, figures={}, confirm={"mig_single_pension_age": CIRCULAR}
    )
    figures = record.figures
    assert figures["mig_single_pension_age"] == "241.45"  # as it stood
    assert "mig_single_pension_age" not in figures["unconfirmed"]
    assert figures["sources"]["mig_single_pension_age"] == CIRCULAR
    check = ChargingFigureCheck.objects.get(rule_set=record, figure="mig_single_pension_age")
    assert (check.kind, check.source, check.checked_by, check.value) == (
        FigureCheckKind.CONFIRMED, CIRCULAR, finance_officer, "241.45"
    )  # fmt: skip
    assert check.checked_at is not None
    event = AuditEvent.objects.filter(action=events.RULE_SET_CHANGED).latest("pk")
    assert event.new["confirmed"] == {"mig_single_pension_age": CIRCULAR}
    # The other figures keep their marks.
    assert "mig_single_25_to_pension_age" in figures["unconfirmed"]


def test_a_figure_set_with_the_source_checked_records_both(finance_officer):
    record = charging_rule_set_save(
        actor=finance_officer, year=YEAR, starts_on=STARTS, figures={"carer_premium": "£48.15"},
        confirm={"carer_premium": CIRCULAR},
    )  # fmt: skip
    assert record.figures["carer_premium"] == "48.15"
    assert record.figures["sources"]["carer_premium"] == CIRCULAR
    assert "carer_premium" not in record.figures["unconfirmed"]
    check = ChargingFigureCheck.objects.get(figure="carer_premium")
    assert (check.kind, check.value, check.source) == (FigureCheckKind.SET, "48.15", CIRCULAR)
    # Set without a source, a figure counts as set by the council.
    record = charging_rule_set_save(actor=finance_officer, year=YEAR, starts_on=STARTS,
                                    figures={"free_reablement_weeks": "8"})  # fmt: skip
    assert record.figures["sources"]["free_reablement_weeks"] == "set by the council"
    assert ChargingFigureCheck.objects.get(figure="free_reablement_weeks").value == 8


def test_figures_that_cannot_be_read_as_their_kind_are_refused_by_name_and_nothing_is_saved(finance_officer):
    before = ChargingRuleSet.objects.get(year=YEAR)
    with pytest.raises(ValidationError) as error:
        charging_rule_set_save(
            actor=finance_officer, year=YEAR, starts_on=STARTS,
            figures={"mig_single_18_to_24": "96.00", "carer_premium": "lots", "free_reablement_weeks": "six",
                     "pension_credit_age": "66.5", "war_widows_pension_disregarded_in_full": "maybe"},
            confirm={"mig_single_18_to_24": CIRCULAR},
        )  # fmt: skip
    assert error.value.message_dict == {
        "carer_premium": ["Carer premium must be an amount in pounds, like 12.50"],
        "free_reablement_weeks": ["Weeks of reablement that are free must be a whole number"],
        "pension_credit_age": ["Pension credit qualifying age must be a whole number"],
        "war_widows_pension_disregarded_in_full": [
            "Disregard all of a war widow's or widower's pension is a yes or no choice: give yes or no, not 'maybe'"
        ],
    }
    after = ChargingRuleSet.objects.get(year=YEAR)
    assert after.figures == before.figures  # the good figure was not saved either
    assert after.lock_version == before.lock_version
    assert not ChargingFigureCheck.objects.exists()


def test_what_cannot_be_confirmed_is_refused_with_a_reason(finance_officer):
    cases = [
        ({"carer_premium": CIRCULAR}, "carer_premium", "Enter carer premium before confirming it: it is not set"),
        ({"war_widows_pension_disregarded_in_full": CIRCULAR}, "war_widows_pension_disregarded_in_full",
         "is the council's own choice"),
        ({"mig_single_pension_age": "  "}, "mig_single_pension_age", "Say where you checked"),
        ({"mig_single_pension_age": "x" * 301}, "mig_single_pension_age", "300 characters or fewer"),
        ({"made_up": CIRCULAR}, "made_up", "No figure is called made_up"),
    ]  # fmt: skip
    for confirm, name, message in cases:
        with pytest.raises(ValidationError) as error:
            charging_rule_set_save(actor=finance_officer, year=YEAR, starts_on=STARTS, figures={}, confirm=confirm)
        assert message in error.value.message_dict[name][0], (name, error.value.message_dict)
    assert not ChargingFigureCheck.objects.exists()


def test_only_those_who_manage_the_figures_set_them(social_worker, citizen):
    for actor in (social_worker, citizen):
        with pytest.raises(PermissionDenied):
            charging_rule_set_save(actor=actor, year=YEAR, starts_on=STARTS, figures={},
                                   confirm={"mig_single_pension_age": CIRCULAR})  # fmt: skip
    assert "mig_single_pension_age" in _figures()["unconfirmed"]


def test_a_change_made_after_someone_elses_is_refused_and_saves_nothing(finance_officer, administrator):
    shown = ChargingRuleSet.objects.get(year=YEAR).lock_version
    charging_rule_set_save(actor=administrator, year=YEAR, starts_on=STARTS, figures={"carer_premium": "48.15"},
                           expected_version=shown)  # fmt: skip
    with pytest.raises(StaleEdit) as error:
        charging_rule_set_save(actor=finance_officer, year=YEAR, starts_on=STARTS, figures={"carer_premium": "50.00"},
                               expected_version=shown)  # fmt: skip
    assert error.value.current_version == shown + 1
    assert _figures()["carer_premium"] == "48.15"
    # Having seen the change, the officer saves again from the version now saved.
    record = charging_rule_set_save(actor=finance_officer, year=YEAR, starts_on=STARTS,
                                    figures={"carer_premium": "50.00"}, expected_version=shown + 1)  # fmt: skip
    assert (record.figures["carer_premium"], record.lock_version) == ("50.00", shown + 2)


@pytest.fixture
def held(finance_officer, person, citizen):
    """The person's contribution, worked out with the pension-age guarantee not confirmed: its letter is held."""
    person.email, person.letters_by = "ada@example.com", "email"
    person.save()
    fa = financial_assessment_record(actor=finance_officer, person=person, circumstances=PENSIONER,
                                     charges_from=dt.date(2026, 5, 1))  # fmt: skip
    assert fa.warnings
    assert not Letter.objects.filter(person=person).exists()
    return fa


def test_confirming_the_figure_sends_the_held_letter(finance_officer, person, citizen, held,
                                                     django_capture_on_commit_callbacks):  # fmt: skip
    with pytest.raises(LetterNotReady):
        financial_assessment_get_for_user(user=citizen, pk=held.pk, as_letter=True)
    with django_capture_on_commit_callbacks(execute=True):
        charging_rule_set_save(actor=finance_officer, year=YEAR, starts_on=STARTS, figures={},
                               confirm={"mig_single_pension_age": CIRCULAR})  # fmt: skip
    fa = FinancialAssessment.objects.get(person=person, status=AssessmentStatus.CURRENT)
    assert fa.supersedes == held
    assert (fa.warnings, fa.weekly_contribution, fa.charges_from) == ([], D("48.80"), dt.date(2026, 5, 1))
    assert fa.reason == AssessmentReason.ASSESSMENT
    assert fa.assessed_by == finance_officer
    letter = Letter.objects.get(person=person)
    assert (letter.about, letter.page) == ("What you pay towards your care", f"/money/{fa.pk}/")
    run_queued()
    assert [m.to for m in mail.outbox] == [["ada@example.com"]]
    assert financial_assessment_get_for_user(user=citizen, pk=fa.pk, as_letter=True) == fa
    assert (
        AuditEvent.objects.filter(action=events.FINANCIAL_ASSESSMENT_RECORDED, person=person)
        .latest("pk")
        .new["because"]
        == "the 2026/27 figures it used were confirmed"
    )
    # Confirming another figure it does not use changes nothing more.
    charging_rule_set_save(actor=finance_officer, year=YEAR, starts_on=STARTS, figures={"carer_premium": "48.15"})
    assert FinancialAssessment.objects.filter(person=person).count() == 2
    assert Letter.objects.filter(person=person).count() == 1


def test_a_held_contribution_is_worked_out_with_the_figure_the_council_sets(finance_officer, person, held):
    charging_rule_set_save(
        actor=finance_officer, year=YEAR, starts_on=STARTS,
        figures={"mig_single_pension_age": "250"}, confirm={"mig_single_pension_age": CIRCULAR},
    )  # fmt: skip
    fa = FinancialAssessment.objects.get(person=person, status=AssessmentStatus.CURRENT)
    assert fa.weekly_contribution == D("40.25")  # 290.25 − 250.00
    assert Letter.objects.filter(person=person).count() == 1


def test_a_contribution_still_using_a_figure_not_confirmed_stays_held(finance_officer, person, held):
    """Setting one figure it uses to a new value works it out again, but while another it uses is not confirmed,
    no letter goes."""
    charging_rule_set_save(actor=finance_officer, year=YEAR, starts_on=STARTS, figures={},
                           confirm={"lower_capital_limit": CIRCULAR})  # fmt: skip
    assert FinancialAssessment.objects.get(person=person, status=AssessmentStatus.CURRENT) == held
    assert not Letter.objects.filter(person=person).exists()


def test_a_new_year_starts_from_the_last_with_the_figures_changed_each_april_marked(finance_officer, social_worker):
    record = charging_rule_set_start(actor=finance_officer, year="2027/28", starts_on=dt.date(2027, 4, 6),
                                     copy_from=YEAR)  # fmt: skip
    assert record.figures["mig_single_pension_age"] == "241.45"
    assert record.figures["unconfirmed"]["mig_single_pension_age"] == "copied from 2026/27: set the 2027/28 figure"
    assert record.figures["sources"]["lower_capital_limit"] == _figures()["sources"]["lower_capital_limit"]
    assert record.updated_by == finance_officer
    assert AuditEvent.objects.filter(action=events.RULE_SET_CHANGED, subject_id=str(record.pk)).exists()
    for year, starts, copy_from, field, message in [
        ("2027/28", dt.date(2027, 4, 6), YEAR, "year", "2027/28 already has figures"),
        ("2028/29", dt.date(2028, 4, 6), "2019/20", "copy_from", "No charging figures are held for 2019/20"),
        ("2028", dt.date(2028, 4, 6), YEAR, "year", "like 2027/28"),
        ("2028/29", dt.date(2027, 4, 6), YEAR, "starts_on", "must start in 2028"),
    ]:
        with pytest.raises(ValidationError) as error:
            charging_rule_set_start(actor=finance_officer, year=year, starts_on=starts, copy_from=copy_from)
        assert message in error.value.message_dict[field][0]
    with pytest.raises(PermissionDenied):
        charging_rule_set_start(actor=social_worker, year="2028/29", starts_on=dt.date(2028, 4, 6), copy_from=YEAR)
    assert ChargingRuleSet.objects.count() == 3


def test_a_held_change_of_cost_says_what_the_person_paid_before_as_they_were_told_it(
    finance_officer, person, citizen, citizen_client
):
    """The person was told £187.50 a week. Their plan's new cost, from after their 66th birthday, uses the
    pension-age guarantee, not confirmed: that contribution is held. Once it is confirmed, the letter that goes
    says what changed from the £187.50 they were told, not from the held amount they never saw."""
    from ownway.charging.models import CostOfCare, CostOfCareStatus
    from ownway.charging.services import cost_of_care_set

    person.date_of_birth, person.email, person.letters_by = dt.date(1960, 6, 1), "ada@example.com", "email"
    person.save()
    charging_rule_set_save(actor=finance_officer, year=YEAR, starts_on=STARTS, figures={},
                           confirm={"mig_single_25_to_pension_age": CIRCULAR})  # fmt: skip
    working_age = Circumstances(age=65, weekly_cost_of_care=D("300"), incomes=(Income(IncomeKind.OTHER, D("300")),))
    told = financial_assessment_record(actor=finance_officer, person=person, circumstances=working_age,
                                       charges_from=dt.date(2026, 5, 1))  # fmt: skip
    assert (told.weekly_contribution, told.warnings) == (D("187.50"), [])  # 300 − 112.50
    cost = cost_of_care_set(actor=finance_officer, person=person, weekly=D("150.00"),
                            charges_from=dt.date(2026, 7, 1), source="support plan version 1")  # fmt: skip
    held_change = cost.financial_assessment
    assert (held_change.weekly_contribution, cost.status) == (D("58.55"), CostOfCareStatus.TO_CHECK)  # 300 − 241.45
    assert Letter.objects.filter(person=person).count() == 1

    charging_rule_set_save(actor=finance_officer, year=YEAR, starts_on=STARTS, figures={},
                           confirm={"mig_single_pension_age": CIRCULAR})  # fmt: skip
    fa = FinancialAssessment.objects.get(person=person, status=AssessmentStatus.CURRENT)
    assert (fa.supersedes, fa.reason, fa.weekly_contribution) == (
        held_change,
        AssessmentReason.COST_OF_CARE,
        D("58.55"),
    )
    cost = CostOfCare.objects.get(pk=cost.pk)
    assert (cost.financial_assessment, cost.status) == (fa, CostOfCareStatus.ASSESSED)
    assert fa.told_before == told
    assert Letter.objects.filter(person=person).latest("pk").about == "What you pay has changed"
    letter = citizen_client.get(f"/money/{fa.pk}/").content.decode()
    assert "Before, you paid £187.50 a week" in letter
    easy = citizen_client.get(f"/money/{fa.pk}/easy-read/").content.decode()
    assert "Before, you paid £187.50 each week." in easy
