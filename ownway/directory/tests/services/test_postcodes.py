"""Postcodes: the packaged Code-Point Open, and the ONSPD import a council runs."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from ownway.directory.geocode import CODE_POINT_SOURCE, locate, locate_roughly
from ownway.directory.models import Postcode
from ownway.directory.rules.geo import haversine_m


def test_real_postcodes_from_the_package(db):
    new_street = locate("b2 4qa")
    assert new_street is not None
    assert new_street.postcode == "B2 4QA"
    assert new_street.source == CODE_POINT_SOURCE
    coventry = locate("CV1 5FB")
    assert coventry is not None
    assert haversine_m(new_street.latitude, new_street.longitude, coventry.latitude, coventry.longitude) == (
        pytest.approx(28_000, rel=0.1)
    )


def test_unknown_and_invalid_postcodes(db):
    assert locate("not a postcode") is None
    assert locate("B99 9ZZ") is None


def test_onspd_import_takes_precedence_and_skips_what_it_cannot_use(tmp_path, db):
    csv = tmp_path / "ONSPD_NOV_2026_UK.csv"
    csv.write_text(
        "pcd,pcd2,pcds,dointr,doterm,lat,long\n"
        "B1  1BB,B1  1BB,B1 1BB,198001,,52.480000,-1.900000\n"
        "B1  9ZZ,B1  9ZZ,B1 9ZZ,198001,200512,52.48,-1.90\n"
        "BT1 1AA,BT1 1AA,BT1 1AA,198001,,54.597,-5.930\n"
        "ZZ1 1ZZ,ZZ1 1ZZ,ZZ1 1ZZ,198001,,99.999999,0.000000\n"
        "CV1 1AA,CV1 1AA,CV1 1AA,198001,,52.408,-1.510\n"
    )
    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        call_command("import_onspd", str(csv), "--areas", "B,BT,ZZ", stdout=handle)
    text = out.read_text()
    assert "Loaded 2 postcodes; skipped 2" in text
    assert "skipped B1 9ZZ: terminated" in text
    assert "skipped ZZ1 1ZZ: it has no grid reference" in text
    assert set(Postcode.objects.values_list("postcode", flat=True)) == {"B1 1BB", "BT1 1AA"}
    point = locate("B1 1BB")
    assert (point.latitude, point.longitude, point.source) == (52.48, -1.9, "ONSPD")
    assert locate("BT1 1AA") is not None  # Northern Ireland, which Code-Point Open does not cover


def test_onspd_import_refuses_another_file(tmp_path, db):
    from django.core.management.base import CommandError

    csv = tmp_path / "other.csv"
    csv.write_text("name,value\nx,1\n")
    with pytest.raises(CommandError, match="not an ONSPD file"):
        call_command("import_onspd", str(csv))


def test_load_postcodes_from_the_package(db, tmp_path):
    call_command("load_postcodes", "--areas", "LD", stdout=(tmp_path / "o.txt").open("w"))
    assert Postcode.objects.filter(postcode__startswith="LD").count() > 1000


def test_an_unknown_unit_falls_back_to_the_middle_of_its_district(db):
    """B2 is Birmingham city centre: a made-up unit in it lands within a mile of New Street (B2 4QA)."""
    assert locate("B2 9ZZ") is None
    rough = locate_roughly("B2 9ZZ")
    assert rough is not None
    assert rough.postcode == "B2"
    assert rough.source.endswith("the middle of the district")
    new_street = locate("B2 4QA")
    assert haversine_m(rough.latitude, rough.longitude, new_street.latitude, new_street.longitude) < 1609
    # A real unit is still found exactly; a district with no postcodes, or a bad one, is not found at all.
    assert locate_roughly("B2 4QA") == new_street
    assert locate_roughly("ZE9 9ZZ") is None  # Shetland has ZE1 to ZE3 only
    assert locate_roughly("not a postcode") is None


def test_onspd_import_skips_a_short_row_and_refuses_a_file_that_is_not_text(tmp_path, db):
    from django.core.management.base import CommandError

    csv = tmp_path / "ONSPD.csv"
    csv.write_text("pcd,pcd2,pcds,dointr,doterm,lat,long\nB1  1BB,B1  1BB,B1 1BB,198001,,52.48\n")
    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        call_command("import_onspd", str(csv), stdout=handle)
    assert "skipped B1 1BB: its latitude or longitude is not a number" in out.read_text()
    csv.write_bytes(b"pcd,pcd2,pcds,dointr,doterm,lat,long\nB1 1BB,\xff\xfe,B1 1BB,198001,,52.48,-1.9\n")
    with pytest.raises(CommandError, match="The file is not text in UTF-8"):
        call_command("import_onspd", str(csv), stdout=(tmp_path / "o.txt").open("w"))
    assert not Postcode.objects.filter(source="ONSPD").exists()
