from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ownway.allocation.models import PlanCostSample, RasModelVersion


def _csv(tmp_path, rows):
    path = tmp_path / "plans.csv"
    path.write_text("points,weekly_cost,age,client_group\n" + "\n".join(rows) + "\n")
    return path


def test_fits_reports_and_publishes(tmp_path, db):
    rows = [f"{p},{p * 8},{30 if p % 2 else 70},{'Learning disability' if p % 2 else 'Physical support'}"
            for p in range(1, 80)]  # fmt: skip
    rows += [f"35,{400 if n < 6 else 250},{30 if n < 6 else 70},x" for n in range(12)]
    out = StringIO()
    call_command("calibrate_ras", costs=_csv(tmp_path, rows), thresholds="0", publish="Fitted", stdout=out)
    text = out.getvalue()
    assert "Loaded 91 support plans" in text
    assert "r_squared=0.9" in text
    assert "mean_absolute_error=" in text
    assert "GAPS:" in text
    assert "With 30 to 39 points of need, 25 to 64 get" in text
    assert "Published RAS version 2 (Fitted)" in text
    version = RasModelVersion.objects.get(status="active")
    assert version.number == 2
    assert version.definition["price_table"][0]["from_points"] == 0
    assert PlanCostSample.objects.count() == 91


def test_bad_files_are_clear_errors(tmp_path, db):
    path = tmp_path / "bad.csv"
    path.write_text("score,cost\n1,2\n")
    with pytest.raises(CommandError, match="needs the columns points and weekly_cost"):
        call_command("calibrate_ras", costs=path)
    with pytest.raises(CommandError, match="Line 2"):
        call_command("calibrate_ras", costs=_csv(tmp_path, ["many,10,30,x"]))
    with pytest.raises(CommandError, match="No support-plan costs are loaded"):
        call_command("calibrate_ras")
