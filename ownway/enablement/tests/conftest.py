import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.enablement import demo, services
from ownway.enablement.models import Rota, RotaVisit

TOMORROW = timezone.localdate() + dt.timedelta(days=1)
#: The published home-care routing instances (Mankowska et al. 2014), kept with the benchmarks that time the solver.
MANKOWSKA = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "hhcrsp-mankowska"


@pytest.fixture
def enablement_team(db):
    return demo.enablement_team()


@pytest.fixture
def manager(enablement_team):
    return UserFactory(username="rosterer", role=Role.ENABLEMENT_MANAGER, team=enablement_team)


@pytest.fixture
def small_day(manager, enablement_team):
    """Four workers on shift tomorrow and ten people with their visit plans."""
    staff, people = demo.make_team(manager=manager, team=enablement_team, day=TOMORROW, workers=4, people=10)
    return staff, people


@pytest.fixture
def today_rota(manager, enablement_team) -> Rota:
    demo.make_team(manager=manager, team=enablement_team, day=timezone.localdate(), workers=2, people=4, seed=3)
    rota = services.rota_create(actor=manager, team=enablement_team, date=timezone.localdate(), time_limit=0.3)
    return services.rota_publish(actor=manager, rota=rota, publish_unplaced=True)


@pytest.fixture
def placed(today_rota) -> RotaVisit:
    return (
        RotaVisit.objects.filter(rota=today_rota, worker__isnull=False)
        .select_related("worker__user", "planned_visit__episode", "rota")
        .order_by("pk")
        .first()
    )
