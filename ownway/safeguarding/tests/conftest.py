"""Safeguarding fixtures: the council's safeguarding team and a worker and manager in it."""

from __future__ import annotations

import pytest
from django.test import Client

from ownway.accounts.roles import Role, TeamKind
from ownway.accounts.tests.factories import TeamFactory, UserFactory


@pytest.fixture
def safeguarding_team(db):
    return TeamFactory(name="Adult safeguarding", kind=TeamKind.SAFEGUARDING)


@pytest.fixture
def safeguarder(safeguarding_team):
    return UserFactory(username="safeguarder", role=Role.SOCIAL_WORKER, team=safeguarding_team, first_name="Sian",
                       last_name="Guard")  # fmt: skip


@pytest.fixture
def safeguarding_lead(safeguarding_team):
    return UserFactory(username="safeguarding_lead", role=Role.TEAM_MANAGER, team=safeguarding_team)


@pytest.fixture
def safeguarder_client(safeguarder):
    client = Client()
    client.force_login(safeguarder)
    return client
