import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ownway.charging.rules.contribution import Circumstances, Income, IncomeKind
from ownway.charging.rules.rulesets import RULES_2025_26
from ownway.charging.services import charging_rule_set_save, financial_assessment_record


def test_uprates_and_reports(finance_officer, person, tmp_path):
    financial_assessment_record(
        actor=finance_officer, person=person, year="2025/26",
        circumstances=Circumstances(age=70, weekly_cost_of_care=Decimal(300),
                                    incomes=(Income(IncomeKind.STATE_PENSION, Decimal("230.25")),)),
    )  # fmt: skip
    figures = RULES_2025_26.to_data() | {"year": "2026/27", "mig_single_pension_age": "220.00"}
    charging_rule_set_save(actor=finance_officer, year="2026/27", starts_on=dt.date(2026, 4, 6), figures=figures)
    out = StringIO()
    changes = tmp_path / "changes.csv"
    call_command("uprate_contributions", year="2026/27", changes=changes, stdout=out)
    text = out.getvalue()
    assert "1 contributions recalculated, 1 changed" in text
    assert f"person {person.pk}: £0.00 → £10.25" in text  # 230.25 < 232.60; 230.25 − 220.00
    assert text.strip().splitlines()[-1].startswith("seconds=")
    assert changes.read_text().splitlines()[1] == f"{person.pk},0.00,10.25"


def test_unknown_year(db):
    with pytest.raises(CommandError, match="No charging figures are held for 2030/31"):
        call_command("uprate_contributions", year="2030/31")
