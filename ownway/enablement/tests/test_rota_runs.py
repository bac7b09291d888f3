"""The rota optimiser in the background: its page, stopping it, asking twice, saving once, and being told."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.urls import reverse

from ownway.enablement import services
from ownway.enablement.models import Rota, RotaRun, RotaStatus
from ownway.jobs import worker as worker_module
from ownway.jobs.models import Job, JobStatus
from ownway.jobs.services import JobContext
from ownway.jobs.worker import Worker, run_queued

from .conftest import TOMORROW


@pytest.fixture(autouse=True)
def _quick_optimiser(settings):
    settings.OWNWAY_ENABLEMENT_ROTA_SECONDS = 0.3


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


ROTA = reverse("enablement:rota", kwargs={"day": TOMORROW.isoformat()})


def test_the_run_page_waits_for_a_worker_then_shows_what_the_run_did(manager, small_day):
    client = _client(manager)
    started = client.post(ROTA, {"action": "optimise_week"})
    assert started.status_code == 302
    run = RotaRun.objects.get()
    assert started.url == reverse("enablement:rota_run", kwargs={"pk": run.job_id})
    assert (run.days, run.first_day, run.started_with[TOMORROW.isoformat()]) == (7, TOMORROW, None)

    waiting = client.get(started.url).text
    assert '<meta http-equiv="refresh" content="2">' in waiting
    assert "Waiting to start" in waiting
    assert "Nothing is running background work at the moment" in waiting  # no worker has said it is alive
    assert "Stop the optimiser" in waiting
    paused = client.get(started.url + "?refresh=off").text
    assert "refresh" not in paused.split("</head>")[0]
    assert "This page no longer refreshes itself" in paused
    assert "The optimiser is working on this day now" in client.get(ROTA).text

    assert run_queued() == 1
    run.refresh_from_db()
    job = run.job
    assert job.status == JobStatus.DONE
    # The last report from the search: the seventh day, its rounds, visits placed and best cost.
    assert job.progress["day_number"] == 7
    assert {"rounds", "placed", "visits", "best_cost"} <= set(job.progress)
    rota = Rota.objects.get()
    assert (rota.made_by_run, rota.status, rota.created_by) == (run, RotaStatus.DRAFT, manager)

    done = client.get(started.url).text
    assert "refresh" not in done
    assert "Stop the optimiser" not in done
    assert done.count("A new draft rota. Placed") == 1
    assert done.count("Nothing to do: nobody is on shift") == 6
    assert f'href="{ROTA}"' in done
    placed = rota.visits.filter(worker__isnull=False).count()
    assert f"{placed} of {rota.visits.count()} placed" in done


def test_a_second_click_goes_to_the_run_already_working_on_that_day(manager, small_day):
    client = _client(manager)
    first = client.post(ROTA, {"action": "optimise"})
    again = client.post(ROTA, {"action": "optimise"})
    assert again.url == first.url
    assert "The optimiser is already working on this" in client.get(again.url).text
    week = client.post(ROTA, {"action": "optimise_week"})
    assert week.url != first.url  # a week is a run of its own ...
    assert client.post(ROTA, {"action": "optimise_week"}).url == week.url  # ... asked for once
    assert Job.objects.count() == 2
    run_queued()
    # Once it has finished, the button starts a new run.
    assert client.post(ROTA, {"action": "optimise"}).url not in (first.url, week.url)


def test_a_run_saves_once_however_often_it_is_run(manager, small_day):
    run, _ = services.rota_run_start(actor=manager, team=manager.team, first_day=TOMORROW, days=1)
    run_queued()
    run.refresh_from_db()
    assert Rota.objects.count() == 1
    # A retried or recovered attempt after the rota was saved gives back what was done and saves nothing more.
    again = services.rota_run_work(JobContext(run.job))
    assert again == run.outcome
    assert Rota.objects.count() == 1


def test_a_rota_changed_while_the_run_worked_is_not_replaced(manager, small_day):
    draft = services.rota_create(actor=manager, team=manager.team, date=TOMORROW, time_limit=0.2)
    client = _client(manager)
    page = client.post(ROTA, {"action": "optimise"}).url
    # Meanwhile the manager publishes the draft the run started from.
    services.rota_publish(actor=manager, rota=draft, publish_unplaced=True)
    run_queued()
    run = RotaRun.objects.get()
    assert run.job.status == JobStatus.DONE
    assert run.outcome["days"][0]["outcome"] == "changed"
    assert list(Rota.objects.all()) == [draft]
    assert "Not saved: the rota for this day changed while the optimiser worked" in client.get(page).text


def test_the_manager_is_told_on_their_next_page_and_on_the_enablement_home(manager, small_day):
    client = _client(manager)
    page = client.post(ROTA, {"action": "optimise"}).url
    assert "has finished" not in client.get(reverse("home:home")).text  # not yet
    run_queued()
    home = client.get(reverse("home:home")).text
    assert "has finished. " in home
    assert f'href="{page}">See what it did' in home
    assert "finished, not yet seen" in client.get(reverse("enablement:home")).text
    client.get(page)  # seen
    assert RotaRun.objects.get().job.seen_by_requester
    assert "has finished" not in client.get(reverse("home:home")).text
    assert "finished, not yet seen" not in client.get(reverse("enablement:home")).text


def test_a_finished_run_cannot_be_stopped(manager, small_day):
    client = _client(manager)
    page = client.post(ROTA, {"action": "optimise"}).url
    run_queued()
    refused = client.post(page, {"action": "cancel"})
    assert refused.status_code == 200
    assert "The optimiser has already finished" in refused.text
    assert client.post(page, {"action": "something else"}).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stopping_a_run_stops_the_search_and_keeps_the_rota_as_it_was(manager, small_day, settings, monkeypatch):
    settings.OWNWAY_ENABLEMENT_ROTA_SECONDS = 60
    draft = services.rota_create(actor=manager, team=manager.team, date=TOMORROW, time_limit=0.2)
    client = _client(manager)
    page = client.post(ROTA, {"action": "optimise_week"}).url
    job = RotaRun.objects.get().job
    # A worker in a thread runs what is queued, then stops. The test's in-memory SQLite database locks out a second
    # connection that writes rather than making it wait, so the worker shares the test's connection (as the live
    # server does) and says it is alive only as it starts.
    monkeypatch.setattr(worker_module, "BEAT_SECONDS", 3600)
    shared = connections[DEFAULT_DB_ALIAS]
    worker = Worker(interval=0, batch=True)

    def work() -> None:
        if shared.vendor == "sqlite" and shared.is_in_memory_db():
            connections[DEFAULT_DB_ALIAS] = shared
        try:
            worker.run()
        finally:
            if connections[DEFAULT_DB_ALIAS] is not shared:
                connections[DEFAULT_DB_ALIAS].close()

    shared.inc_thread_sharing()
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status == JobStatus.RUNNING and job.progress.get("rounds"):
                break
            time.sleep(0.1)
        assert job.status == JobStatus.RUNNING
        running = client.get(page).text
        assert '<meta http-equiv="refresh" content="2">' in running
        for shown in ("Rounds of search", "Visits placed", "Best cost so far", "1 of 7: "):
            assert shown in running
        stopped_at = time.monotonic()
        assert client.post(page, {"action": "cancel"}).status_code == 302
        thread.join(timeout=15)
        assert not thread.is_alive()
        assert time.monotonic() - stopped_at < 10  # at its next check, not after its 60 seconds
    finally:
        worker.running = False
        thread.join(timeout=60)
        shared.dec_thread_sharing()
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert list(Rota.objects.all()) == [draft]
    cancelled = client.get(page).text
    assert "The optimiser was stopped before it finished. The rota is as it was." in cancelled
    assert "refresh" not in cancelled


def test_the_optimisers_explanation_counts_visits_as_the_page_does(manager, small_day):
    """Each worker's part of a visit is a visit (a visit needing two counts twice, as it has two lines on the rota);
    a worker's break is not one, so the explanation's count is the page's."""
    client = _client(manager)
    started = client.post(ROTA, {"action": "optimise"})
    run_queued()
    rota = Rota.objects.get()
    placed = rota.visits.filter(worker__isnull=False).count()
    assert rota.visits.filter(part=1).exists()  # a visit needing two workers is in this day
    assert f"Placed {placed} of {rota.visits.count()} visits" in rota.explanation
    assert f"{placed} of {rota.visits.count()} placed" in client.get(started.url).text
    assert RotaRun.objects.get().job.progress["visits"] == rota.visits.count()  # the run page while it works
