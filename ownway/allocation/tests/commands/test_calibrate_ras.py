import re
from decimal import Decimal
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


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("NaN,100,30,x", "Line 3: points must be a whole number"),
        ("1e309,100,30,x", "Line 3: points must be a whole number"),
        ("-1,100,30,x", "Line 3: points must be 0 or more"),
        (f"{'9' * 5000},100,30,x", "Line 3: points must be a whole number"),
        ("12,NaN,30,x", "Line 3: weekly_cost must be an amount in pounds, like 12.50"),
        ("12,1e309,30,x", "Line 3: weekly_cost must be an amount in pounds, like 12.50"),
        ("12,-1,30,x", "Line 3: weekly_cost must be £0 or more"),
        ("12,1000000000000,30,x", "Line 3: weekly_cost must be £100,000 or less"),
        ("12,100,9999,x", "Line 3: age must be 130 or less"),
        (f"12,100,{'9' * 5000},x", "Line 3: age must be a whole number"),
        (f"12,100,30,{'x' * 10_000}", "Line 3: client_group must be 120 characters or fewer"),
        ("12,100,30,a\x01b", "Line 3: client_group holds a control character"),
    ],
)
def test_a_row_that_cannot_be_used_names_its_line_and_loads_nothing(tmp_path, db, row, message):
    path = _csv(tmp_path, ["10,80,30,Learning disability", row])
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("calibrate_ras", costs=path, stdout=StringIO())
    assert not PlanCostSample.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x81\x8d\x8f\x90\x9d" * 10, "is not text saved as CSV"),
        (b"points,weekly_cost\x00\n1,2\n", "is not text saved as CSV"),
        (b'points,weekly_cost\n1,"2' + b"x" * 200_000 + b"\n", "Line 2 cannot be split into cells"),
    ],
)
def test_a_file_that_is_not_csv_text_is_a_clear_error(tmp_path, db, data, message):
    path = tmp_path / "plans.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError, match=message):
        call_command("calibrate_ras", costs=path, stdout=StringIO())


def test_costs_are_read_as_people_type_them(tmp_path, db):
    path = tmp_path / "plans.csv"
    path.write_text('points,weekly_cost,age,client_group\n10,"£1,250.50",70,x\n20,80,,y\n30,90\n', encoding="cp1252")
    call_command("calibrate_ras", costs=path, thresholds="0", stdout=StringIO())
    assert sorted(PlanCostSample.objects.values_list("points", "weekly_cost", "age_band", "client_group")) == [
        (10, Decimal("1250.50"), "65 to 84", "x"),
        (20, Decimal("80.00"), "", "y"),
        (30, Decimal("90.00"), "", ""),  # a short row: its age and group are not given
    ]
