"""Complaints fixtures: the council's complaints team and its officer."""

from __future__ import annotations

import pytest
from django.test import Client

from ownway.accounts.roles import Role, TeamKind
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.planning import services as planning
from ownway.planning.tests.factories import draft_plan


@pytest.fixture
def complaints_team(db):
    return TeamFactory(name="Complaints and customer relations", kind=TeamKind.COMPLAINTS)


@pytest.fixture
def complaints_officer(complaints_team):
    return UserFactory(username="complaints_officer", role=Role.TEAM_MANAGER, team=complaints_team,
                       first_name="Carol", last_name="Hughes")  # fmt: skip


@pytest.fixture
def officer_client(complaints_officer):
    client = Client()
    client.force_login(complaints_officer)
    return client


@pytest.fixture
def approved(social_worker, team_manager, person):
    """The person's plan, approved by the team manager: (plan, version)."""
    person.named_worker = social_worker
    person.save(update_fields=["named_worker"])
    plan, version = draft_plan(social_worker, person)
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets the person's outcomes")
    version.refresh_from_db()
    return plan, version
