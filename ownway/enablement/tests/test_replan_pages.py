"""Re-planning a published day from the manager's pages: off sick, add, cancel; the changes; publishing them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ownway.accounts.models import AuditEvent
from ownway.enablement import services
from ownway.enablement.models import EnablementWorker, PlannedVisit, Replan, Rota, RotaStatus, RotaVisit
from ownway.jobs.models import JobStatus
from ownway.jobs.worker import run_queued

from .conftest import TOMORROW


@pytest.fixture(autouse=True)
def _quick_optimiser(settings):
    settings.OWNWAY_ENABLEMENT_ROTA_SECONDS = 0.5


@pytest.fixture
def published(manager, enablement_team, small_day):
    rota = services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=1)
    return services.rota_publish(actor=manager, rota=rota, publish_unplaced=True)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


REPLAN = reverse("enablement:replan", kwargs={"day": TOMORROW.isoformat()})


def _busiest_after(rota: Rota, minute: int) -> EnablementWorker:
    counts: dict[int, int] = {}
    for row in RotaVisit.objects.filter(rota=rota, worker__isnull=False, start_minute__gte=minute):
        counts[row.worker_id] = counts.get(row.worker_id, 0) + 1
    return EnablementWorker.objects.get(pk=max(counts, key=lambda k: (counts[k], k)))


def test_off_sick_at_ten_re_plans_lists_the_changes_and_publishes_them(manager, published):
    client = _client(manager)
    assert (
        "re-plan the rest of the day"
        in client.get(reverse("enablement:rota", kwargs={"day": TOMORROW.isoformat()})).text
    )
    sick = _busiest_after(published, 600)
    lost = set(
        RotaVisit.objects.filter(rota=published, worker=sick, start_minute__gte=600).values_list(
            "planned_visit_id", flat=True
        )
    )
    page = client.get(REPLAN)
    assert "Someone is off sick" in page.text
    started = client.post(REPLAN, {"action": "off_sick", "sick-worker": str(sick.pk), "sick-at": "10:00"})
    assert started.status_code == 302
    replan = Replan.objects.get()
    assert started.url == reverse("enablement:replan_run", kwargs={"pk": replan.job_id})
    assert '<meta http-equiv="refresh" content="2">' in client.get(started.url).text

    assert run_queued() == 1
    replan.refresh_from_db()
    assert replan.job.status == JobStatus.DONE
    assert replan.outcome["feasible"]
    done = client.get(started.url).text
    assert "The changes" in done
    assert "Publish the changes" in done
    assert f"{sick} at" in done  # the visits they had, listed as moved from them
    assert "Re-planned from 10:00" in done

    published_now = client.post(started.url, {"action": "publish"})
    assert published_now.status_code == 302
    old = Rota.objects.get(pk=published.pk)
    assert old.status == RotaStatus.REPLACED
    new = Rota.objects.get(team=published.team, date=TOMORROW, status=RotaStatus.PUBLISHED)
    assert not RotaVisit.objects.filter(rota=new, worker=sick, start_minute__gte=600).exists()
    placed = set(RotaVisit.objects.filter(rota=new, worker__isnull=False).values_list("planned_visit_id", flat=True))
    unplaced = RotaVisit.objects.filter(rota=new, worker__isnull=True, planned_visit_id__in=lost)
    assert lost <= placed | set(unplaced.values_list("planned_visit_id", flat=True))
    assert all(row.unplaced_reason for row in unplaced)
    assert AuditEvent.objects.filter(action="enablement.replan_published", subject_id=str(new.pk)).exists()
    # A worker given a visit, or a new time for one, sees it on their own day.
    for change in [c for c in replan.outcome["changes"] if c["to_worker"]][:2]:
        taker = EnablementWorker.objects.get(pk=int(change["to_worker"]))
        episode = PlannedVisit.objects.get(pk=int(change["visit"])).episode_id
        own_day = _client(taker.user).get(reverse("enablement:my_day") + f"?date={TOMORROW.isoformat()}").text
        assert reverse("enablement:episode", kwargs={"pk": episode}) in own_day
    # Publishing twice is refused.
    again = client.post(started.url, {"action": "publish"})
    assert "These changes are already published" in again.text


def test_a_cancelled_visit_comes_off_the_new_rota_and_stays_off(manager, published):
    client = _client(manager)
    row = (
        RotaVisit.objects.filter(rota=published, worker__isnull=False, start_minute__gte=660)
        .order_by("start_minute")
        .first()
    )
    started = client.post(REPLAN, {"action": "cancel", "cancel-visit": str(row.planned_visit_id), "cancel-at": "10:00"})
    assert started.status_code == 302
    run_queued()
    assert "Cancelled" in client.get(started.url).text
    client.post(started.url, {"action": "publish"})
    new = Rota.objects.get(team=published.team, date=TOMORROW, status=RotaStatus.PUBLISHED)
    rows = RotaVisit.objects.filter(rota=new, planned_visit_id=row.planned_visit_id)
    assert {r.unplaced_reason for r in rows} == {"Cancelled for the day"}
    # It is no longer offered for cancelling, nor for adding back.
    page = client.get(REPLAN).text
    assert f'value="{row.planned_visit_id}"' not in page


def test_bad_input_is_refused_with_a_clear_message(manager, published, enablement_team):
    client = _client(manager)
    worker = EnablementWorker.objects.filter(team=enablement_team).first()
    outside = client.post(REPLAN, {"action": "off_sick", "sick-worker": str(worker.pk), "sick-at": "03:00"})
    assert "Give a time when the team is working that day" in outside.text
    nonsense = client.post(REPLAN, {"action": "off_sick", "sick-worker": str(worker.pk), "sick-at": "25:99"})
    assert "Enter the time like 10:00" in nonsense.text
    stranger = client.post(REPLAN, {"action": "off_sick", "sick-worker": "999999", "sick-at": "10:00"})
    assert "Choose a worker on the rota for this day" in stranger.text
    off_rota = PlannedVisit.objects.exclude(
        pk__in=RotaVisit.objects.filter(rota=published, worker__isnull=False).values("planned_visit_id")
    ).first()
    if off_rota is not None:
        not_on = client.post(REPLAN, {"action": "cancel", "cancel-visit": str(off_rota.pk), "cancel-at": "10:00"})
        assert "Choose a visit on the rota" in not_on.text
    assert not Replan.objects.exists()


def test_a_day_without_a_published_rota_has_nothing_to_re_plan(manager, small_day):
    client = _client(manager)
    assert "There is no published rota for this day" in client.get(REPLAN).text
    assert client.post(REPLAN, {"action": "off_sick", "sick-worker": "1", "sick-at": "10:00"}).status_code == 404
