import pytest

from ownway.accounts.models import User
from ownway.enablement import services
from ownway.enablement.models import RotaVisit

from ..conftest import TOMORROW


@pytest.fixture
def published(manager, small_day, enablement_team):
    rota = services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.3)
    return services.rota_publish(actor=manager, rota=rota, publish_unplaced=True)


def test_team_rota_and_own_day(api_client, manager, published):
    response = api_client(manager).get(f"/api/v1/enablement/rota?date={TOMORROW.isoformat()}")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "published"
    assert body["paid_minutes"] > body["contact_minutes"] > 0
    placed = RotaVisit.objects.filter(rota=published, worker__isnull=False).select_related("worker__user").first()
    day = api_client(placed.worker.user).get(f"/api/v1/enablement/my-day?date={TOMORROW.isoformat()}")
    assert day.status_code == 200
    people = [item["person"] for item in day.json()["items"]]
    assert placed.planned_visit.episode.person.full_name in people


def test_refusals(api_client, manager, published, social_worker):
    assert api_client(social_worker).get(f"/api/v1/enablement/rota?date={TOMORROW.isoformat()}").status_code == 403
    assert api_client(manager).get(f"/api/v1/enablement/my-day?date={TOMORROW.isoformat()}").status_code == 403
    worker = User.objects.filter(role="enablement_worker").first()
    other_day = api_client(worker).get("/api/v1/enablement/my-day?date=2000-01-01")
    assert other_day.status_code == 404
    assert other_day.json()["detail"] == "Your day for that date has not been published"


def test_the_rota_and_a_workers_day_write_each_person_they_show(api_client, manager, published):
    from ownway.accounts.tests.trail import people_shown
    from ownway.enablement import events

    on_rota = set(published.visits.values_list("planned_visit__episode__person_id", flat=True))
    api_client(manager).get(f"/api/v1/enablement/rota?date={TOMORROW.isoformat()}")
    assert set(people_shown(events.ROTA_VIEWED, manager)) == on_rota

    placed = RotaVisit.objects.filter(rota=published, worker__isnull=False).select_related("worker__user").first()
    worker_user = placed.worker.user
    api_client(worker_user).get(f"/api/v1/enablement/my-day?date={TOMORROW.isoformat()}")
    visited = set(
        RotaVisit.objects.filter(rota=published, worker=placed.worker).values_list(
            "planned_visit__episode__person_id", flat=True
        )
    )
    assert set(people_shown(events.OWN_DAY_VIEWED, worker_user)) == visited
