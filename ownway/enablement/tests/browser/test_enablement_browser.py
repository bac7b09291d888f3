"""Enablement in a real browser, as a new rosterer and worker would use it, every page checked with axe."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator

import pytest
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Page, expect

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.enablement import demo, services
from ownway.enablement.models import Episode, RotaVisit, Shift
from ownway.jobs import worker as worker_module
from ownway.jobs.worker import Worker
from ownway.ui.tests.browser.helpers import PASSWORD, check_page, sign_in

pytestmark = pytest.mark.browser


class BackgroundWorker:
    """A worker in a thread beside the live server that runs the work queued so far, then stops.

    The live server shares the test's in-memory SQLite database, where a connection that writes locks out the
    others rather than making them wait. So the worker starts only once the page that queued the work has loaded,
    and both connections read without waiting for the other's writes (``read_uncommitted``); on a real
    database, as in the demo, a worker runs all the time beside the web server.
    """

    def __init__(self) -> None:
        self.worker = Worker(interval=0, batch=True, schedules=False)
        self.thread = threading.Thread(target=self._work, name="background-worker", daemon=True)

    def _work(self) -> None:
        try:
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA read_uncommitted = 1")
            self.worker.run()
        finally:
            connection.close()

    def start(self, page: Page) -> None:
        page.wait_for_load_state("load")
        self.thread.start()

    def stop(self) -> None:
        self.worker.running = False
        self.thread.join(timeout=60)


@pytest.fixture
def background_worker(live_server, monkeypatch) -> Iterator[BackgroundWorker]:
    # It says it is alive only as it starts: a second thread writing would be a third connection to lock out.
    monkeypatch.setattr(worker_module, "BEAT_SECONDS", 3600)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")
    worker = BackgroundWorker()
    yield worker
    if worker.thread.is_alive():
        worker.stop()


def test_rosterer_optimises_adjusts_publishes_and_a_worker_sees_their_day(
    page: Page, new_context, settings, background_worker
):
    settings.OWNWAY_ENABLEMENT_ROTA_SECONDS = 1.0
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    team = demo.enablement_team()
    manager = UserFactory(username="rosterer", role=Role.ENABLEMENT_MANAGER, team=team)
    demo.make_team(manager=manager, team=team, day=tomorrow, workers=4, people=8)
    # A call after every shift has ended, so the rota leaves at least one visit out.
    services.planned_visit_add(
        actor=manager, episode=Episode.objects.first(), preferred_start=dt.time(23, 30), duration_minutes=30
    )

    sign_in(page, "rosterer")
    page.get_by_role("link", name="Enablement").first.click()
    check_page(page, "enablement-home")
    page.get_by_role("link", name="Tomorrow's rota").click()
    check_page(page, "enablement-rota-empty")
    page.get_by_role("button", name="Run the optimiser").click()
    expect(page).to_have_url(re.compile(r"/enablement/rota/runs/[0-9a-f-]{36}/$"))
    background_worker.start(page)
    expect(page.get_by_role("heading", name="What it did")).to_be_visible(timeout=30_000)
    background_worker.stop()
    expect(page.locator("#run-result")).to_contain_text("A new draft rota. Placed")
    check_page(page, "enablement-rota-run-done")
    page.get_by_role("link", name="Go to the rota for").click()
    check_page(page, "enablement-rota-draft")

    # Adjust one visit by hand: put it first in its own worker's day (a move the checker accepts or refuses).
    page.get_by_role("link", name="Move").first.click()
    check_page(page, "enablement-move")
    page.get_by_label("Place in their day").fill("0")
    page.get_by_role("button", name="Move the visit").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The place in the day is 1 or more")
    check_page(page, "enablement-move-error")
    page.get_by_label("Place in their day").fill("99")
    page.get_by_role("button", name="Move the visit").click()
    if page.locator(".govuk-error-summary").count():
        expect(page.locator(".govuk-error-summary")).to_contain_text("This move breaks a rule")
        page.get_by_role("link", name="Cancel").click()
    else:
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Visit moved")
    # A rota that leaves visits out is published only when the rosterer ticks that they know.
    expect(page.locator(".govuk-warning-text")).to_contain_text("not on this rota")
    page.get_by_role("button", name="Publish the rota").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("not on this rota")
    check_page(page, "enablement-rota-publish-unplaced-error")
    page.get_by_label("Publish without the visits that are not on the rota").check()
    page.get_by_role("button", name="Publish the rota").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Rota published")
    check_page(page, "enablement-rota-published")

    page.goto("/enablement/dashboard/")
    expect(page.get_by_role("table", name="By team", exact=True)).to_contain_text("%")
    check_page(page, "enablement-dashboard")

    page.goto("/enablement/episodes/")
    check_page(page, "enablement-episodes")
    page.locator("tbody a").first.click()
    expect(page.get_by_role("heading", level=2, name="Goals, in their words")).to_be_visible()
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write what happened on the visit")
    check_page(page, "enablement-episode-errors")
    page.goto(f"/enablement/workforce/{tomorrow.isoformat()}/")
    check_page(page, "enablement-workforce")

    placed = RotaVisit.objects.filter(worker__isnull=False).select_related("worker__user").first()
    worker = placed.worker.user
    worker.set_password(PASSWORD)
    worker.save()
    phone = new_context(viewport={"width": 375, "height": 740}, is_mobile=True).new_page()
    sign_in(phone, worker.username)
    phone.goto(f"/enablement/my-day/?date={tomorrow.isoformat()}")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("My day")
    expect(phone.locator("main")).to_contain_text(placed.planned_visit.episode.person.full_name)
    check_page(phone, "enablement-my-day-phone")
    phone.get_by_role("link", name="Goals and notes for").first.click()
    phone.get_by_label("What happened on the visit").fill("Made a cup of tea with a little prompting")
    phone.get_by_role("button", name="Save the note").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text("Visit note saved")
    check_page(phone, "enablement-episode-phone")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the worker's day scrolls sideways on a phone ({width}px)"


def test_manager_records_a_referral_starts_enablement_plans_visits_and_sets_a_shift(page: Page):
    from decimal import Decimal

    from ownway.enablement import services
    from ownway.enablement.models import Episode, Shift
    from ownway.people.tests.factories import PersonFactory

    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    team = demo.enablement_team()
    manager = UserFactory(username="rosterer", role=Role.ENABLEMENT_MANAGER, team=team)
    person = PersonFactory(reference="P0000777", first_name="Iris", last_name="Dunne", postcode="B1 1BB")
    worker_user = UserFactory(username="amira", first_name="Amira", last_name="Khan", role=Role.ENABLEMENT_WORKER)
    services.worker_profile_save(
        actor=manager,
        user=worker_user,
        data=services.WorkerData(
            team=team,
            area="North",
            skills=["personal care"],
            latitude=Decimal("52.480000"),
            longitude=Decimal("-1.900000"),
            contracted_hours=Decimal("30.0"),
        ),
    )

    sign_in(page, "rosterer")
    page.goto("/enablement/")
    page.get_by_role("link", name="Record a referral or start enablement").click()
    check_page(page, "enablement-referrals")
    page.get_by_role("button", name="Record the referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's Ownway reference")
    check_page(page, "enablement-referrals-errors")
    page.get_by_label("The person's Ownway reference").fill("P0000777")
    page.locator('[name="date_of_birth-day"]').fill(str(person.date_of_birth.day))
    page.locator('[name="date_of_birth-month"]').fill(str(person.date_of_birth.month))
    page.locator('[name="date_of_birth-year"]').fill(str(person.date_of_birth.year))
    page.get_by_label("Hospital discharge").check()
    page.locator('[name="received_on-day"]').fill(str(today.day))
    page.locator('[name="received_on-month"]').fill(str(today.month))
    page.locator('[name="received_on-year"]').fill(str(today.year))
    page.get_by_label("Why enablement might help").fill("Home from hospital; wants to manage the stairs again")
    page.get_by_role("button", name="Record the referral").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Start enablement for Iris Dunne")
    expect(page.locator(".govuk-inset-text")).to_contain_text("at most six weeks")
    check_page(page, "enablement-start-episode")
    page.get_by_role("button", name="Start enablement").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Enablement started")
    check_page(page, "enablement-episode-new")
    episode = Episode.objects.get(person=person)
    assert episode.planned_end_date == today + dt.timedelta(days=42)

    page.get_by_text("Add a goal").click()
    page.get_by_label("The goal, in the person's own words").fill("I want to get up my own stairs")
    page.get_by_label("How we will know").fill("Climbs the 14 stairs at home with the rail, three days running")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Goal added")
    expect(page.get_by_role("region", name="Goals")).to_contain_text("I want to get up my own stairs")

    page.get_by_text("Add a visit to the plan").click()
    page.get_by_label("Time of the visit").fill("08:30")
    page.get_by_label("Length of the visit").fill("45")
    page.get_by_label("One worker").check()
    page.get_by_role("button", name="Add the visit").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Visit added to the plan")
    expect(page.get_by_role("region", name="Visits each day")).to_contain_text("08:30")
    check_page(page, "enablement-episode-planned")

    page.goto(f"/enablement/workforce/{tomorrow.isoformat()}/")
    page.get_by_role("link", name="Amira Khan").click()
    check_page(page, "enablement-worker")
    page.get_by_label("Night").check()
    page.get_by_label("Starts").fill("22:00")
    page.get_by_label("Ends").fill("07:00")
    page.get_by_role("button", name="Set the shift").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Shift set for")
    expect(page.locator("main")).to_contain_text("night shift 22:00 to 07:00")
    check_page(page, "enablement-worker-shift-set")
    shift = Shift.objects.get(worker__user=worker_user)
    assert (shift.date, shift.kind) == (tomorrow, "night")


def test_rosterer_runs_a_week_watches_it_work_without_javascript_and_sees_what_it_did(
    new_context, settings, background_worker
):
    settings.OWNWAY_ENABLEMENT_ROTA_SECONDS = 3.0
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    team = demo.enablement_team()
    manager = UserFactory(username="rosterer", role=Role.ENABLEMENT_MANAGER, team=team)
    demo.make_team(manager=manager, team=team, day=tomorrow, workers=4, people=12)
    # The same shifts the day after, so the week has two days to work on.
    for shift in Shift.objects.filter(date=tomorrow):
        services.shift_set(
            actor=manager,
            worker=shift.worker,
            date=tomorrow + dt.timedelta(days=1),
            starts=shift.starts,
            ends=shift.ends,
        )

    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "rosterer")
    page.goto(f"/enablement/rota/{tomorrow.isoformat()}/")
    page.get_by_role("button", name="Run it for 7 days from this day").click()
    expect(page).to_have_url(re.compile(r"/enablement/rota/runs/[0-9a-f-]{36}/$"))
    address = page.url
    expect(page.locator("#run-status")).to_contain_text("Waiting to start")
    background_worker.start(page)

    # The page shows how far the search has got, and refreshes itself (no JavaScript) as it goes.
    progress = page.locator("#run-progress")
    expect(progress).to_contain_text("Rounds of search", timeout=20_000)
    expect(progress).to_contain_text("Visits placed")
    expect(progress).to_contain_text("Best cost so far")
    expect(progress).to_contain_text("1 of 7: ")
    first = progress.inner_text()
    expect(progress).not_to_have_text(first, timeout=10_000)  # a later refresh shows more rounds
    expect(progress).to_contain_text("2 of 7: ", timeout=20_000)
    assert page.url == address

    expect(page.get_by_role("heading", name="What it did")).to_be_visible(timeout=30_000)
    background_worker.stop()
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    result = page.locator("#run-result")
    expect(result.get_by_text("A new draft rota. Placed")).to_have_count(2)
    expect(result.get_by_text("Nothing to do: nobody is on shift")).to_have_count(5)
    check_page(page, "enablement-rota-run-week-done")

    # The page stays where it was, and the rota it links to is the new draft.
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Optimise the rota for 7 days from")
    page.get_by_role("link", name="Go to the rota for").click()
    expect(page.locator("main")).to_contain_text("Draft")
