"""With a read replica (``DATABASE_REPLICA_URL``), reporting pages read their figures from it; every other read
and every write goes to the primary. Here the replica is a second alias on the same test database (a mirror of
``default``), so each query is seen on the connection it was sent to."""

from __future__ import annotations

import pytest
from django.db import connections, router
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ownway.accounts.models import AuditEvent
from ownway.core.reporting import reporting_read, reporting_reads
from ownway.people.models import Person

# Committed data (transaction=True), so that the replica's own connection sees it.
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"], serialized_rollback=True)


@pytest.fixture(autouse=True)
def _replica(settings):
    settings.OWNWAY_READ_REPLICA = True


def test_reads_go_to_the_primary_except_in_a_reporting_read():
    assert Person.objects.all().db == "default"
    with reporting_reads():
        assert Person.objects.all().db == "replica"
        assert router.db_for_write(Person) == "default"
        assert router.db_for_write(AuditEvent) == "default"
    assert Person.objects.all().db == "default"


def test_a_marked_selector_reads_from_the_replica(person):
    @reporting_read
    def count_people() -> int:
        return Person.objects.count()

    with CaptureQueriesContext(connections["replica"]) as replica:
        assert count_people() == 1
    assert len(replica) == 1
    assert Person.objects.filter(pk=person.pk).exists()  # after it, the primary again


def test_without_a_replica_there_is_one_database(settings):
    settings.OWNWAY_READ_REPLICA = False
    with reporting_reads():
        assert Person.objects.all().db == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "people")
    assert not router.allow_migrate("replica", "people")


def _page(user, url: str) -> tuple[int, list[str], list[str]]:
    client = Client()
    client.force_login(user)
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        response = client.get(url)
    return response.status_code, [q["sql"] for q in replica], [q["sql"] for q in primary]


def test_the_commissioners_figures_come_from_the_replica(commissioner, person):
    status, replica, primary = _page(commissioner, "/")
    assert status == 200
    # population_summary_for_user reads the people once, grouped, whatever the size of the city.
    assert sum('FROM "people_person"' in sql for sql in replica) == 1
    assert not any('FROM "people_person"' in sql for sql in primary)
    assert any("django_session" in sql for sql in primary)  # signing in is the primary's


def test_the_enablement_dashboard_reads_its_figures_from_the_replica(enablement_manager):
    status, replica, primary = _page(enablement_manager, "/enablement/dashboard/")
    assert status == 200
    assert replica, "the utilisation and outcome figures"
    assert primary, "the session and the user"


def test_the_ras_calibration_reads_from_the_replica(commissioner):
    status, replica, _primary = _page(commissioner, "/budgets/calibration/")
    assert status == 200
    assert replica
