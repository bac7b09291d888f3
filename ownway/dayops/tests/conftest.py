import datetime as dt
from decimal import Decimal

import pytest

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.directory.models import Schedule
from ownway.directory.services import service_refresh_search
from ownway.people.tests.factories import PersonFactory
from ownway.planning import services as planning
from ownway.planning.models import LineKind
from ownway.planning.tests.factories import directory_service, draft_plan


@pytest.fixture
def team(db):
    return TeamFactory(name="Learning disability North")


@pytest.fixture
def worker(team):
    return UserFactory(username="worker", role=Role.SOCIAL_WORKER, team=team)


@pytest.fixture
def manager(team):
    return UserFactory(username="manager", role=Role.TEAM_MANAGER, team=team)


@pytest.fixture
def broker(db):
    return UserFactory(username="broker", role=Role.BROKER)


@pytest.fixture
def person(team, worker):
    return PersonFactory(first_name="Ada", last_name="Lovelace", team=team, named_worker=worker)


def day_centre(
    name="Northfield day centre",
    *,
    capacity=2,
    days="MO,TU,WE,TH,FR",
    evening=False,
    organization="Friendly Day Services",
):
    """A day service with places per session, open on ``days`` (9 to 4, and 6 to 9 in the evening)."""
    service = directory_service(name, description="Activities, lunch and friends", organization=organization)
    service.capacity = capacity
    service.suits_enablement = True
    service.save(update_fields=["capacity", "suits_enablement"])
    if days:
        Schedule.objects.create(service=service, freq="WEEKLY", byday=days, opens_at=dt.time(9), closes_at=dt.time(16))
        if evening:
            Schedule.objects.create(
                service=service, freq="WEEKLY", byday=days, opens_at=dt.time(18), closes_at=dt.time(21)
            )
        service_refresh_search(service=service)
        service.refresh_from_db()
    return service


@pytest.fixture
def centre(db):
    return day_centre()


def approved_day_line(worker, manager, person, *, management="council_managed", service=None):
    """An approved support plan (from 20 April 2026) with a day-opportunity line."""
    _plan, version = draft_plan(worker, person)
    outcome = version.outcomes.first()
    line = planning.plan_line_add(
        actor=worker,
        outcome=outcome,
        kind=LineKind.DAY_OPPORTUNITY,
        description="Three days a week at a day centre",
        directory_service=service,
        unit="session",
        unit_cost=Decimal("40.00"),
        units=Decimal(3),
        management=management,
        service_type="Long Term Support: Community",
        service_component="Day Support",
    )
    planning.plan_submit(actor=worker, version=version)
    planning.plan_approve(actor=manager, version=version, reasons="Meets her outcomes")
    line.refresh_from_db()
    return line
