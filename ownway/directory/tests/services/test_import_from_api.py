"""Importing from a live ORUK 3.0 API: every page of /services, then each service in full."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from ownway.directory.demo import build_feed
from ownway.directory.models import Service
from ownway.directory.services import directory_import


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_import_oruk_reads_a_whole_api(live_server, tmp_path):
    directory_import(actor=None, payload=build_feed(services=12, seed=11), source="test")
    before = {s.pk: (s.name, s.cost_from, s.days) for s in Service.objects.all()}
    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        call_command("import_oruk", f"{live_server.url}/oruk/", "--api", stdout=handle)
    assert "0 services added, 12 updated" in out.read_text()
    assert {s.pk: (s.name, s.cost_from, s.days) for s in Service.objects.all()} == before
