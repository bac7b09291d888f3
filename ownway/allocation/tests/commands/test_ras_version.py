import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ownway.allocation.models import RasModelVersion


def _run(*args):
    out = StringIO()
    call_command("ras_version", *args, stdout=out)
    return out.getvalue()


def test_export_edit_import_and_activate(tmp_path, db):
    path = tmp_path / "ras.json"
    assert "Version 1 written" in _run("--export", "1", "--file", str(path))
    definition = json.loads(path.read_text())
    definition["bands"][0]["lower"] = "100.00"
    path.write_text(json.dumps(definition))
    assert "Made version 2 (Review) and put it into use" in _run("--import", str(path), "--name", "Review",
                                                                  "--activate")  # fmt: skip
    assert RasModelVersion.objects.get(status="active").definition["bands"][0]["lower"] == "100.00"
    listing = _run()
    assert "   1  Retired" in listing
    assert "   2  In use" in listing


def test_bad_definitions_are_refused(tmp_path, db):
    path = tmp_path / "ras.json"
    path.write_text('{"domains": []}')
    with pytest.raises(CommandError, match="incomplete or malformed"):
        _run("--import", str(path), "--name", "Broken")
    path.write_text("not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        _run("--import", str(path), "--name", "Broken")
    with pytest.raises(CommandError, match="There is no version 9"):
        _run("--export", "9")
    assert RasModelVersion.objects.count() == 1
