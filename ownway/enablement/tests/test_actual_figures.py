"""Figures from recorded visits, beside the plan, on the dashboard."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.enablement.models import RotaVisit
from ownway.enablement.selectors_visits import actual_figures_for_user
from ownway.enablement.services_visits import visit_record


def _record_worker_day(rota, worker) -> tuple[int, int]:
    """Record each of the worker's visits, the first one missed; returns (visits done, contact minutes)."""
    visits = list(RotaVisit.objects.filter(rota=rota, worker=worker).select_related("planned_visit", "rota"))
    now = timezone.now()
    contact = done = 0
    for k, rv in enumerate(visits):
        if k == 0:
            visit_record(actor=worker.user, rota_visit=rv, client_id=uuid.uuid4(), kind="missed", reason="not_in")
            continue
        minutes = rv.planned_visit.duration_minutes
        start = now - dt.timedelta(minutes=minutes + 1 + k)
        visit_record(actor=worker.user, rota_visit=rv, client_id=uuid.uuid4(), kind="arrive", device_time=start)
        visit_record(
            actor=worker.user, rota_visit=rv, client_id=uuid.uuid4(), kind="depart",
            device_time=start + dt.timedelta(minutes=minutes),
        )  # fmt: skip
        contact += minutes
        done += 1
    return done, contact


def test_actual_contact_comes_from_recorded_times_beside_the_plan(manager, placed):
    done, contact = _record_worker_day(placed.rota, placed.worker)
    figures = actual_figures_for_user(user=manager, hourly_cost=Decimal("25.00"))
    (team,) = figures.by_team
    assert team.visits == done
    assert team.missed == 1
    assert team.actual.contact_minutes == contact
    planned = placed.rota.figures[str(placed.worker_id)]
    assert team.planned.contact_minutes == planned["contact"]
    assert team.actual.paid_minutes >= planned["paid"]
    assert figures.by_worker is not None
    assert figures.by_worker[0].label == str(placed.worker)
    assert figures.targets.contact_pct == Decimal(50)
    assert "seed 004" in figures.targets.cost_source


def test_the_dashboard_shows_planned_and_actual_and_commissioners_see_no_workers(client, manager, placed):
    _record_worker_day(placed.rota, placed.worker)
    client.force_login(manager)
    page = client.get(reverse("enablement:dashboard"))
    assert page.status_code == 200
    assert b"Planned and actual by team" in page.content
    assert b"Planned and actual by worker" in page.content
    client.force_login(UserFactory(username="commissioner", role=Role.COMMISSIONER))
    page = client.get(reverse("enablement:dashboard"))
    assert b"Planned and actual by area" in page.content
    assert b"Planned and actual by worker" not in page.content
