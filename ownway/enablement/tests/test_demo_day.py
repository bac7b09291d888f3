"""The demonstration team's day: shifts that follow the calls, and a rota the optimiser can fill."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from ownway.enablement import demo, services
from ownway.enablement.models import Rota, Shift

from .conftest import TOMORROW


def test_shift_split_staffs_each_shift_for_its_busiest_hour():
    # Early calls spread over three hours; tea and bed calls bunch into one: the late shift's busiest hour
    # (600 worker-minutes) outweighs the early shift's (300), though the early shift has more work in all.
    early = [(8 * 60, 300), (9 * 60, 300), (10 * 60, 300)]
    late = [(19 * 60, 450), (19 * 60 + 30, 150)]
    assert demo.shift_split(workers=30, work=early + late) == 10
    assert demo.shift_split(workers=2, work=early) == 2
    assert demo.shift_split(workers=2, work=[(8 * 60, 1000), (20 * 60, 10)]) == 1
    assert demo.shift_split(workers=5, work=[]) == 5


@pytest.mark.slow
def test_the_demo_team_is_on_shift_for_tea_and_bed_calls(db):
    """The demonstration day, optimised as its manager would, places every visit, tea and bed calls included."""
    call_command("enablement_demo", "--date", TOMORROW.isoformat(), stdout=StringIO())
    late = Shift.objects.filter(date=TOMORROW, starts__gte=dt.time(14, 0))
    assert late.filter(ends__gte=dt.time(22, 0)).exists()
    manager = demo.enablement_team("Enablement (demo)").members.get(username="enablement-manager")
    rota = services.rota_create(actor=manager, team=manager.team, date=TOMORROW)
    unplaced = [
        f"{v.planned_visit.preferred_start:%H:%M} {v.unplaced_reason}"
        for v in rota.visits.filter(worker__isnull=True).select_related("planned_visit")
    ]
    assert unplaced == []
    assert Rota.objects.get().visits.filter(planned_visit__preferred_start__gte=dt.time(16, 30)).count() > 50
