"""Charging figures stored typed and with their sources; the 2025/26 figures found since; 2026/27 added.

* Every stored figure is read by its kind (money, weeks, an age, a council's choice), so a whole number
  stored as text ("6") becomes a number, and one that cannot be read is put back to the software's
  value and marked for the council to check (``repair_figures``).
* 2025/26: figures the council has not set are replaced by the ones the software now ships, with their
  sources and marks (the pension-age guarantee was the 2023/24 amount carried forward). Figures the
  council set are kept.
* 2026/27 is added from 6 April 2026, unless the council already holds it.
"""

import datetime as dt

from django.db import migrations

from ownway.charging.rules.rulesets import RULES_2025_26, RULES_2026_27, repair_figures

#: The 2025/26 figures as first shipped (migration 0002), to tell them from figures the council set.
_SHIPPED_2025 = {
    "lower_capital_limit": "14250.00", "upper_capital_limit": "23250.00", "tariff_slice": "250.00",
    "tariff_per_slice": "1.00", "pension_credit_age": 66, "mig_single_18_to_24": "89.15",
    "mig_single_25_to_pension_age": "112.50", "mig_single_pension_age": "214.35", "mig_lone_parent": "103.65",
    "mig_couple_member": "71.05", "mig_couple_member_pension_age": "141.55", "mig_per_child": "94.90",
    "disability_premium": "49.65", "enhanced_disability_premium": "24.25", "disability_premium_couple_member": None,
    "enhanced_disability_premium_couple_member": None, "carer_premium": None,
    "personal_expenses_allowance": "30.65", "mig_local_addition": "0.00", "free_adaptation_limit": "1000.00",
    "free_reablement_weeks": 6,
}  # fmt: skip


def _refreshed_2025(stored):
    shipped = RULES_2025_26.to_data()
    marks = dict(stored.get("unconfirmed", {}))
    data = dict(shipped)
    for name, value in stored.items():
        if name in ("year", "unconfirmed", "sources") or name not in shipped:
            continue
        first = _SHIPPED_2025.get(name, shipped[name])
        if name not in marks and value != first:  # set by the council: keep it, confirmed
            data[name] = value
            data["unconfirmed"].pop(name, None)
            data["sources"][name] = "set by the council"
    return data


def forward(apps, schema_editor):
    ChargingRuleSet = apps.get_model("charging", "ChargingRuleSet")
    for record in ChargingRuleSet.objects.all():
        figures = repair_figures(record.figures)
        if record.year == RULES_2025_26.year:
            figures = repair_figures(_refreshed_2025(figures))
        ChargingRuleSet.objects.filter(pk=record.pk).update(figures=figures)
    ChargingRuleSet.objects.get_or_create(
        year=RULES_2026_27.year, defaults={"starts_on": dt.date(2026, 4, 6), "figures": RULES_2026_27.to_data()}
    )


class Migration(migrations.Migration):
    dependencies = [("charging", "0003_financialassessment_charges_from")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
