"""Determinations made before letters spoke to the person get their letter reasons from their assessment."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE = [("assessments", "0004_letter_sending")]
AFTER = [("assessments", "0005_determination_letter_reasons")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_determinations_are_given_reasons_said_to_the_person():
    apps = _migrate(BEFORE)
    try:
        worker = UserFactory(role=Role.SOCIAL_WORKER)
        person = PersonFactory()
        Assessment = apps.get_model("assessments", "Assessment")
        assessment = Assessment.objects.create(
            person_id=person.pk, assessor_id=worker.pk, started_on=dt.date(2026, 1, 5), status="completed",
            arises_from_impairment_or_illness=True, significant_impact_on_wellbeing=True,
            wellbeing_impact="Her world has shrunk to one room.",
        )  # fmt: skip
        for outcome in ("nutrition", "clothing"):
            apps.get_model("assessments", "OutcomeFinding").objects.create(
                assessment=assessment, outcome=outcome, unable_without_assistance=True
            )
        apps.get_model("assessments", "EligibilityDetermination").objects.create(
            assessment=assessment, rule_eligible=True, rule_reasons=["Their needs arise from…"],
            rule_outcomes_not_achieved=["nutrition", "clothing"], eligible=True, decided_by_id=worker.pk,
        )  # fmt: skip
        apps = _migrate(AFTER)
        determination = apps.get_model("assessments", "EligibilityDetermination").objects.get()
        assert determination.letter_reasons == [
            "Your needs arise from a physical or mental impairment or illness (reg 2(1)(a)).",
            "You are unable to manage and maintain your nutrition (reg 2(2)(a)): you cannot do it without help "
            "(including prompting).",
            "You are unable to be appropriately clothed (reg 2(2)(d)): you cannot do it without help (including "
            "prompting).",
            "You are unable to achieve 2 of the outcomes, and the threshold is two (reg 2(1)(b)).",
            "As a result there is, or is likely to be, a significant impact on your well-being (reg 2(1)(c)).",
            "So your needs meet the eligibility criteria.",
        ]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
