"""The data migrations repair what is already stored: figures typed as text, 2025/26 as first shipped."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ownway.charging.rules.contribution import Circumstances, Service, assess
from ownway.charging.rules.rulesets import RuleSet

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE = [("charging", "0003_financialassessment_charges_from")]
AFTER = [("charging", "0004_rule_sets_typed_with_sources_and_2026_27")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_stored_figures_are_typed_refreshed_and_the_councils_kept():
    apps = _migrate(BEFORE)
    try:
        ChargingRuleSet = apps.get_model("charging", "ChargingRuleSet")
        ChargingRuleSet.objects.all().delete()
        first = {  # 2025/26 as migration 0002 stored it, then changed with charging_rules before it read by kind
            "year": "2025/26", "lower_capital_limit": "14250.00", "upper_capital_limit": "30000.00",
            "pension_credit_age": 66, "mig_single_pension_age": "214.35", "mig_single_25_to_pension_age": "112.50",
            "carer_premium": "48.15", "free_reablement_weeks": "8",
            "unconfirmed": {"mig_single_pension_age": "carried", "mig_single_25_to_pension_age": "secondary"},
        }  # fmt: skip
        ChargingRuleSet.objects.create(year="2025/26", starts_on=dt.date(2025, 4, 6), figures=first)
        ChargingRuleSet.objects.create(
            year="2024/25", starts_on=dt.date(2024, 4, 8), figures={"year": "2024/25", "pension_credit_age": "sixty"}
        )
        apps = _migrate(AFTER)
        ChargingRuleSet = apps.get_model("charging", "ChargingRuleSet")
        held = {r.year: r.figures for r in ChargingRuleSet.objects.all()}
        assert set(held) == {"2024/25", "2025/26", "2026/27"}
        figures = held["2025/26"]
        assert figures["mig_single_pension_age"] == "232.60"  # not set by the council: the figure found since
        assert figures["upper_capital_limit"] == "30000.00"  # set by the council: kept, confirmed
        assert figures["sources"]["upper_capital_limit"] == "set by the council"
        assert (figures["carer_premium"], figures["free_reablement_weeks"]) == ("48.15", 8)
        assert "carer_premium" not in figures["unconfirmed"]
        rules = RuleSet.from_data(figures)
        week_7 = Circumstances(age=70, weekly_cost_of_care=Decimal(300), service=Service.REABLEMENT,
                               weeks_of_service_so_far=7)  # fmt: skip
        assert assess(week_7, rules).free
        assert held["2024/25"]["pension_credit_age"] == 66
        assert "'sixty' could not be read" in held["2024/25"]["unconfirmed"]["pension_credit_age"]
        assert held["2026/27"]["mig_single_pension_age"] == "241.45"
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
