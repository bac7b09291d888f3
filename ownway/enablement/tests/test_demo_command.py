from io import StringIO

from django.core.management import call_command

from ownway.enablement.models import EnablementWorker, PlannedVisit, Shift


def test_demo_team(db):
    out = StringIO()
    call_command("enablement_demo", "--workers", "3", "--people", "4", "--date", "2030-01-07", stdout=out)
    assert "3 workers on shift and 4 people on 7 January 2030" in out.getvalue()
    assert EnablementWorker.objects.count() == 3
    assert Shift.objects.filter(date="2030-01-07").count() == 3
    assert PlannedVisit.objects.filter(episode__person__team__name="Enablement (demo)").exists()
