"""The optimiser starts from the day's published rota, or yesterday's, where there is one."""

import datetime as dt

from ownway.enablement import services
from ownway.enablement.models import Rota, RotaStatus
from ownway.enablement.rostering import warm_routes

from ..conftest import TOMORROW


def test_a_day_starts_from_its_published_rota_then_from_yesterdays(manager, enablement_team, small_day):
    assert warm_routes(enablement_team, TOMORROW) is None
    rota = services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.3)
    assert warm_routes(enablement_team, TOMORROW) is None  # a draft is not a starting point
    services.rota_publish(actor=manager, rota=rota, publish_unplaced=True)
    assert warm_routes(enablement_team, TOMORROW) == rota.routes
    next_day = TOMORROW + dt.timedelta(days=1)
    assert warm_routes(enablement_team, next_day) == rota.routes
    previous = {"1": ("9/0",)}
    assert warm_routes(enablement_team, next_day, previous) == {"1": ["9/0"]}


def test_a_rerun_of_a_published_day_keeps_its_rota_when_nothing_changed(manager, enablement_team, small_day):
    first = services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.5)
    services.rota_publish(actor=manager, rota=first, publish_unplaced=True)
    again = services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.3)
    assert Rota.objects.get(pk=first.pk).status == RotaStatus.PUBLISHED
    placed_before = first.visits.filter(worker__isnull=False).count()
    # The search starts from the published rota, so it places at least as many visits.
    assert again.visits.filter(worker__isnull=False).count() >= placed_before
