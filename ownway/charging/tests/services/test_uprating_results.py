"""The yearly uprating gives every person the same new contribution, to the penny, as it always has.

``uprating_results.json`` holds what the uprating made for 2,000 people (a seeded, varied population with the
awkward cases of the rules: the capital limits and the £250 slices at their edges, each disregard, joint income
with half pence, every Minimum Income Guarantee amount and the ages where it changes, the premiums, nothing to
pay and less than nothing left, the free services, light touch, and people it cannot recalculate): each new
contribution with its steps, warnings and flags, the report, what the followers were told and the audit. Any
change to how the uprating works must give the same. Written once from the uprating as it stood (before it was
made faster) by running this module with ``OWNWAY_WRITE_UPRATING_RESULTS=1``; never rewritten to make a change
pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from ownway.accounts.audit import AuditEvent
from ownway.accounts.models import Team
from ownway.charging import events, followers
from ownway.charging.models import AssessmentReason, AssessmentStatus, FinancialAssessment
from ownway.charging.rules.contribution import (
    Circumstances,
    CircumstancesError,
    Income,
    IncomeKind,
    RuleSetIncomplete,
    Service,
    assess,
    circumstances_to_data,
    steps_to_data,
)
from ownway.charging.rules.rulesets import RULES_2025_26
from ownway.charging.selectors import rule_set_for, rules_of
from ownway.charging.services import charging_rule_set_save, contributions_uprate
from ownway.people.models import Person
from ownway.ui.jinja2 import govuk_date

pytestmark = pytest.mark.django_db
D = Decimal
RESULTS = Path(__file__).with_name("uprating_results.json")
PEOPLE = 2000
START = dt.date(2026, 4, 6)
#: The 2026/27 figures: the benchmark's, a council addition and the night-care policy for PIP too, with some
#: figures left unconfirmed (their contributions carry warnings) and the carer premium not set (those who get
#: it cannot be recalculated).
FIGURES_2026_27 = RULES_2025_26.to_data() | {
    "year": "2026/27",
    "mig_single_18_to_24": "90.65",
    "mig_single_25_to_pension_age": "114.40",
    "mig_single_pension_age": "241.45",
    "disability_premium": "50.50",
    "enhanced_disability_premium": "24.65",
    "disability_benefit_day_rate": "76.70",
    "mig_local_addition": "1.05",
    "night_care_disregard_includes_pip": True,
    "unconfirmed": {"mig_lone_parent": "carried over", "disability_premium": "carried over"},
}
#: Incomes counted in full or in part (the others are disregarded).
COUNTED = (IncomeKind.STATE_PENSION, IncomeKind.PRIVATE_PENSION, IncomeKind.ESA, IncomeKind.UNIVERSAL_CREDIT,
           IncomeKind.ATTENDANCE_ALLOWANCE, IncomeKind.PIP_DAILY_LIVING, IncomeKind.DLA_CARE,
           IncomeKind.WAR_WIDOWS_PENSION)  # fmt: skip


def _born(rng: random.Random, n: int) -> dt.date:
    """Birthdays around the ages where the guarantee changes on 6 April 2026 (25 and 66), and the limits
    of the ages assessed (18 and 130: 131 cannot be), else any adult age."""
    edges = [dt.date(2001, 4, 6), dt.date(2001, 4, 7), dt.date(1960, 4, 6), dt.date(1960, 4, 7),
             dt.date(2008, 4, 6), dt.date(1896, 4, 6), dt.date(1895, 4, 5), dt.date(2000, 2, 29)]  # fmt: skip
    if n % 7 == 0:
        return edges[n // 7 % len(edges)]
    return dt.date(rng.randint(1925, 2007), rng.randint(1, 12), rng.randint(1, 28))


def _capital(rng: random.Random) -> Decimal:
    """Capital at and either side of the limits and the £250 slices, or anything."""
    return rng.choice(
        [
            D("0"), D("0"), D("14250.00"), D("14250.01"), D("14500.00"), D("14500.01"), D("14499.99"),
            D("23250.00"), D("23250.01"), D("23000.01"), D("18450.00"), D("15000.00"), D("1000000.00"),
            D(rng.randint(0, 3_000_000)) / 100,
        ]
    )  # fmt: skip


def _money(rng: random.Random, high: int) -> Decimal:
    """An amount with odd pence (halves of them are half pennies), sometimes nothing."""
    return rng.choice([D("0"), D("0.01"), D("0.05"), D(rng.randint(0, high)) / 100, D(rng.randint(0, high)) / 100])


def _circumstances(rng: random.Random, n: int, age: int) -> Circumstances:
    couple = rng.random() < 0.25
    lone_parent = not couple and rng.random() < 0.1
    # The couple premiums (reg 7(6)) have no figure: the few who have them cannot be recalculated.
    disability = rng.random() < (0.05 if couple else 0.4)
    service = rng.choice([Service.CARE_AND_SUPPORT] * 6 + list(Service))
    c = Circumstances(
        age=age,
        weekly_cost_of_care=rng.choice([D("0"), D("0.01"), D("450.00"), *[D(rng.randint(0, 150_000)) / 100] * 5]),
        incomes=tuple(
            Income(
                rng.choice([*COUNTED, *COUNTED, *IncomeKind]),
                _money(rng, 40_000) if rng.random() < 0.1 else D(rng.randint(5_000, 40_000)) / 100,
                rng.random() < 0.2,
            )
            for _ in range(rng.choice([0, 1, 2, 2, 3, 5]))
        ),
        capital=_capital(rng),
        joint_capital=rng.choice([D("0"), D("0"), D("0.01"), _capital(rng)]),
        member_of_couple=couple,
        lone_parent=lone_parent,
        dependent_children=rng.choice([0, 0, 0, 1, 3]) if lone_parent or couple else 0,
        disability_premium=disability,
        enhanced_disability_premium=disability and rng.random() < 0.4,
        carer_premium=rng.random() < 0.03,
        housing_costs=_money(rng, 12_000),
        disability_related_expenditure=_money(rng, 6_000),
        light_touch_full_cost=rng.random() < 0.03,
        service=service,
        weeks_of_service_so_far=rng.choice([0, 5, 6, 7, 12]),
        adaptation_cost=rng.choice([D("0"), D("999.99"), D("1000.00"), D("1000.01"), D("2500")]),
        day_care_only=rng.random() < 0.3,
    )
    if n % 97 == 5:  # stored circumstances the rules refuse: a negative amount
        c = dataclasses.replace(c, housing_costs=D("-0.01"))
    return c


def _population(team: Team, record: Any) -> None:
    """2,000 people, each with a current 2025/26 assessment to uprate, and some that must be left alone."""
    rng = random.Random(20260406)
    Person.objects.bulk_create(
        Person(reference=f"R{n:05d}", first_name="Uprate", last_name=f"Case{n}", date_of_birth=_born(rng, n),
               team=team)
        for n in range(PEOPLE)
    )  # fmt: skip
    rules = rules_of(record)
    now = timezone.now()
    rows = []
    for person_id, reference, born in Person.objects.filter(reference__startswith="R").values_list(
        "id", "reference", "date_of_birth"
    ):
        n = int(reference[1:])
        age = min(130, max(18, 2025 - born.year - ((born.month, born.day) < (4, 6))))
        c = _circumstances(rng, n, age)
        try:
            result = assess(c, rules)
            weekly, full, free, steps, warnings = (
                result.weekly, result.full_cost_payer, result.free, steps_to_data(result), list(result.warnings)
            )  # fmt: skip
        except (CircumstancesError, RuleSetIncomplete):
            weekly, full, free, steps, warnings = D("0.00"), False, False, [], []
        charges_from = record.starts_on + dt.timedelta(days=n % 300)
        status = AssessmentStatus.CURRENT
        if n % 211 == 3:  # already charged from the new year's start: not uprated
            charges_from = START
        if n % 223 == 7:  # no current assessment: nothing to uprate
            status = AssessmentStatus.SUPERSEDED
        rows.append(
            FinancialAssessment(
                person_id=person_id, rule_set=record, charges_from=charges_from, circumstances=circumstances_to_data(c),
                weekly_cost_of_care=c.weekly_cost_of_care, weekly_contribution=weekly, full_cost_payer=full,
                free=free, steps=steps, warnings=warnings, assessed_at=now, status=status,
            )
        )  # fmt: skip
    FinancialAssessment.objects.bulk_create(rows)


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


@pytest.fixture
def told() -> Iterator[list[followers.ContributionChange]]:
    """What the followers are told (after the real followers)."""
    heard: list[followers.ContributionChange] = []
    followers.contribution_follower_register(
        followers.ContributionFollower(name="test.told", follow=lambda _actor, changes: heard.extend(changes),
                                       order=1000)
    )  # fmt: skip
    yield heard
    followers.contribution_follower_unregister("test.told")


def _results(report: Any, heard: Sequence[followers.ContributionChange], record: Any) -> dict[str, Any]:
    """Everything the uprating made, by each person's reference (ids differ between databases)."""
    references = dict(Person.objects.values_list("id", "reference"))
    today = govuk_date(timezone.now())
    people: dict[str, Any] = {}
    for fa in FinancialAssessment.objects.filter(status=AssessmentStatus.CURRENT).select_related("rule_set"):
        person = references[fa.person_id]
        uprated = fa.rule_set_id == record.pk
        if uprated:
            old = fa.supersedes
            assert old is not None
            assert (old.status, old.person_id) == (AssessmentStatus.SUPERSEDED, fa.person_id)
            assert (fa.reason, fa.assessed_by_id) == (AssessmentReason.UPRATING, None)
        people[person] = {
            "year": fa.rule_set.year,
            "charges_from": fa.charges_from.isoformat(),
            "weekly": str(fa.weekly_contribution),
            "cost": str(fa.weekly_cost_of_care),
            "full_cost_payer": fa.full_cost_payer,
            "free": fa.free,
            "warnings": fa.warnings,
            "steps": _digest(fa.steps),
            "circumstances": _digest(fa.circumstances),
        }
    ids = {fa.pk for fa in FinancialAssessment.objects.filter(rule_set=record)}
    assert all(change.financial_assessment_id in ids for change in heard)
    return {
        "recalculated": report.recalculated,
        "changed": report.changed,
        "total_before": str(report.total_before),
        "total_after": str(report.total_after),
        "changes": sorted([references[p], str(b), str(a)] for p, b, a in report.changes),
        "not_recalculated": sorted([references[p], why] for p, why in report.not_recalculated),
        "followers_told": sorted(
            [references[c.person_id], str(c.weekly), c.charges_from.isoformat(), c.source.replace(today, "TODAY")]
            for c in heard
        ),
        "audit": AuditEvent.objects.filter(action=events.CONTRIBUTIONS_UPRATED).get().new,
        "assessments": FinancialAssessment.objects.count(),
        "superseded": FinancialAssessment.objects.filter(status=AssessmentStatus.SUPERSEDED).count(),
        "people": people,
    }


def test_every_person_gets_the_contribution_the_uprating_has_always_given(told):
    """The uprating of 2,000 varied people gives each exactly what it gave before it was made faster."""
    _population(Team.objects.create(name="Uprating", kind="locality"), rule_set_for(year="2025/26"))
    charging_rule_set_save(actor=None, year="2026/27", starts_on=START, figures=FIGURES_2026_27)
    record = rule_set_for(year="2026/27")
    results = _results(contributions_uprate(actor=None, year="2026/27"), told, record)
    if os.environ.get("OWNWAY_WRITE_UPRATING_RESULTS") == "1":
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    expected = json.loads(RESULTS.read_text())
    assert results["recalculated"] + len(results["not_recalculated"]) > 1800  # the population is as meant
    for key in expected:
        if key != "people":
            assert results[key] == expected[key], key
    assert results["people"].keys() == expected["people"].keys()
    different = [p for p in expected["people"] if results["people"][p] != expected["people"][p]]
    assert not different, [(p, expected["people"][p], results["people"][p]) for p in different[:5]]
    # Running it again uprates no one twice.
    again = contributions_uprate(actor=None, year="2026/27")
    assert (again.recalculated, again.changed) == (0, 0)
    assert FinancialAssessment.objects.count() == expected["assessments"]


def test_each_value_the_uprating_writes_is_made_ready_as_its_field_makes_it():
    """The new assessments are written without the field's own method for every value: the values are the
    same as that method gives, on this database."""
    from django.db import connection

    from ownway.charging.services import _prepared, _row_preparers, _Uprated

    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL takes the new rows by COPY, as text")
    circumstances = circumstances_to_data(_circumstances(random.Random(1), 1, 70))
    row = _Uprated(
        person_id=7, circumstances=circumstances, weekly_cost_of_care=D("450.00"), weekly_contribution=D("12.35"),
        full_cost_payer=False, free=True, steps=[{"label": "Your capital", "amount": "£14,250.01", "why": "reg 12"}],
        warnings=["mig lone parent (£103.65): carried over"], supersedes_id=3,
    )  # fmt: skip
    fields = [FinancialAssessment._meta.get_field(name) for name in row._fields]
    assert _prepared(row, _row_preparers()) == [
        field.get_db_prep_save(value, connection)  # type: ignore[union-attr]
        for field, value in zip(fields, row, strict=True)
    ]
