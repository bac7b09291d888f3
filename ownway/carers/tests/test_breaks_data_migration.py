"""Consents recorded in day opportunities move to the carers app with their history, covering what they covered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.people.services import caring_relationship_create
from ownway.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE = [("dayops", "0007_recorded_by"), ("carers", "0001_carers")]
AFTER = [("dayops", "0008_carer_consent_moved_to_carers")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def test_each_day_opportunity_consent_becomes_one_covering_the_breaks_with_its_history():
    team = TeamFactory()
    worker = UserFactory(role=Role.SOCIAL_WORKER, team=team)
    ada = PersonFactory(first_name="Ada", team=team)
    mary = PersonFactory(first_name="Mary", team=team)
    relationship = caring_relationship_create(actor=worker, carer=mary, cared_for=ada, relationship="parent",
                                              hours_per_week=Decimal(20))  # fmt: skip
    apps = _migrate(BEFORE)
    try:
        Old = apps.get_model("dayops", "CarerConsent")
        old = Old.objects.create(relationship_id=relationship.pk, given_on=dt.date(2026, 1, 5),
                                 recorded_by_id=worker.pk, withdrawn_on=dt.date(2026, 3, 1),
                                 withdrawn_by_id=worker.pk)  # fmt: skip
        Old.objects.create(relationship_id=relationship.pk, given_on=dt.date(2026, 4, 1), recorded_by_id=worker.pk)
        recorded_at = Old.objects.get(pk=old.pk).recorded_at
        apps = _migrate(AFTER)
        New = apps.get_model("carers", "CarerConsent")
        rows = list(New.objects.order_by("given_on").values_list(
            "relationship_id", "given_on", "withdrawn_on", "withdrawn_by_id", "covers_day_breaks", "covers_plan",
            "covers_reviews",
        ))  # fmt: skip
        assert rows == [
            (relationship.pk, dt.date(2026, 1, 5), dt.date(2026, 3, 1), worker.pk, True, False, False),
            (relationship.pk, dt.date(2026, 4, 1), None, None, True, False, False),
        ]
        assert New.objects.get(given_on=dt.date(2026, 1, 5)).recorded_at == recorded_at
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
