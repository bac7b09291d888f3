import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ownway.accounts.models import User
from ownway.enablement import demo
from ownway.enablement.models import EnablementWorker, Episode, Rota, RotaStatus, RotaVisit
from ownway.jobs.worker import run_queued

from .conftest import TOMORROW


@pytest.fixture(autouse=True)
def _quick_optimiser(settings):
    settings.OWNWAY_ENABLEMENT_ROTA_SECONDS = 0.5


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_manager_optimises_moves_and_publishes_and_the_worker_sees_their_day(manager, small_day):
    client = _client(manager)
    home = client.get(reverse("enablement:home"))
    assert home.status_code == 200
    assert "Tomorrow&#39;s rota" in home.text or "Tomorrow's rota" in home.text
    url = reverse("enablement:rota", kwargs={"day": TOMORROW.isoformat()})
    assert "No rota yet for this day" in client.get(url).text

    response = client.post(url, {"action": "optimise"})
    assert response.status_code == 302
    assert response.url.startswith("/enablement/rota/runs/")
    waiting = client.get(response.url)
    assert '<meta http-equiv="refresh" content="2">' in waiting.text
    assert "Stop the optimiser" in waiting.text
    assert run_queued() == 1
    done = client.get(response.url)
    assert "refresh" not in done.text
    assert "A new draft rota. Placed" in done.text
    page = client.get(url)
    assert "Contact time" in page.text
    rota = Rota.objects.get()
    assert rota.status == RotaStatus.DRAFT
    first = rota.visits.filter(worker__isnull=False).first()
    assert first.planned_visit.episode.person.full_name in page.text

    # Move one visit: the page offers every worker on shift; a refused move says why and changes nothing.
    move_url = reverse("enablement:move", kwargs={"pk": first.pk})
    assert client.get(move_url).status_code == 200
    bad = client.post(move_url, {"worker": str(first.worker_id), "position": "0"})
    assert "The place in the day is 1 or more" in bad.text
    single = rota.visits.filter(worker__isnull=False, planned_visit__workers_needed=1).first()
    moved = False
    for worker in EnablementWorker.objects.exclude(pk=single.worker_id):
        for position in ("1", "99"):
            response = client.post(
                reverse("enablement:move", kwargs={"pk": single.pk}), {"worker": str(worker.pk), "position": position}
            )
            if response.status_code == 302:
                moved = True
                assert RotaVisit.objects.get(rota=rota, planned_visit=single.planned_visit, part=0).worker == worker
                break
            assert "This move breaks a rule" in response.text
        if moved:
            break

    # A short search may leave visits out: the rosterer confirms publishing without them.
    response = client.post(url, {"action": "publish", "rota": rota.pk, "publish_unplaced": "on"})
    assert response.status_code == 302
    rota.refresh_from_db()
    assert rota.status == RotaStatus.PUBLISHED

    placed = RotaVisit.objects.filter(rota=rota, worker__isnull=False).select_related("worker__user").first()
    worker_client = _client(placed.worker.user)
    assert worker_client.get(reverse("enablement:home")).status_code == 302
    day = worker_client.get(reverse("enablement:my_day") + f"?date={TOMORROW.isoformat()}")
    assert day.status_code == 200
    assert placed.planned_visit.episode.person.full_name in day.text

    dashboard = client.get(reverse("enablement:dashboard"))
    assert dashboard.status_code == 200
    assert f"{rota.team.name}" in dashboard.text
    assert "%" in dashboard.text
    costed = client.get(reverse("enablement:dashboard") + "?hourly_cost=18.20")
    assert "£18.20" in costed.text
    assert (
        "Enter the cost of a paid hour in pounds"
        in client.get(reverse("enablement:dashboard") + "?hourly_cost=abc").text
    )


def test_worker_without_published_day_asks_for_a_day(manager, small_day):
    user = User.objects.filter(role="enablement_worker").first()
    client = _client(user)
    page = client.get(reverse("enablement:my_day"))
    assert "Your day has not been published yet" in page.text
    wrong = client.post(reverse("enablement:my_day"), {"date-day": "31", "date-month": "2", "date-year": "2030"})
    assert "Choose what you would like on that day" in wrong.text
    sent = client.post(
        reverse("enablement:my_day"),
        {
            "date-day": "4",
            "date-month": "3",
            "date-year": "2030",
            "kind": "unavailable",
            "note": "Hospital appointment",
        },
    )
    assert sent.status_code == 302
    assert user.enablement_worker.requests.get().kind == "unavailable"
    assert "Cannot work (Hospital appointment)" in client.get(reverse("enablement:my_day")).text


def test_who_may_see_what(social_worker_client, manager, small_day, commissioner_client):
    day = TOMORROW.isoformat()
    assert social_worker_client.get(reverse("enablement:home")).status_code == 403
    assert social_worker_client.get(reverse("enablement:rota", kwargs={"day": day})).status_code == 403
    assert social_worker_client.get(reverse("enablement:dashboard")).status_code == 403
    assert commissioner_client.get(reverse("enablement:dashboard")).status_code == 200
    worker = User.objects.filter(role="enablement_worker").first()
    assert _client(worker).get(reverse("enablement:rota", kwargs={"day": day})).status_code == 403
    assert _client(worker).get(reverse("enablement:dashboard")).status_code == 403
    assert _client(manager).get(reverse("enablement:rota", kwargs={"day": "not-a-date"})).status_code == 404
    assert _client(manager).get(reverse("enablement:my_day")).status_code == 403


def test_week_button(manager, small_day):
    url = reverse("enablement:rota", kwargs={"day": TOMORROW.isoformat()})
    client = _client(manager)
    response = client.post(url, {"action": "optimise_week"})
    assert response.status_code == 302
    run_queued()
    result = client.get(response.url).text
    assert result.count("A new draft rota.") == 1
    assert result.count("Nothing to do: nobody is on shift") == 6


def test_workforce_page(manager, small_day, django_assert_max_num_queries):
    worker = EnablementWorker.objects.first()
    from ownway.enablement import services

    services.roster_request_record(actor=worker.user, worker=worker, date=TOMORROW, kind="rather_not", note="Dentist")
    client = _client(manager)
    url = reverse("enablement:workforce", kwargs={"day": TOMORROW.isoformat()})
    with django_assert_max_num_queries(10):
        page = client.get(url)
    assert page.status_code == 200
    assert "Would rather not work (Dentist)" in page.text
    assert "4 workers" in page.text
    assert _client(worker.user).get(url).status_code == 403


def test_no_shifts_says_so(manager):
    day = (TOMORROW + dt.timedelta(days=30)).isoformat()
    response = _client(manager).post(reverse("enablement:rota", kwargs={"day": day}), {"action": "optimise"})
    assert response.status_code == 200
    assert "has a shift" in response.text


def test_episode_page_notes_and_end(manager, small_day, social_worker_client):
    from ownway.enablement.models import Episode

    episode = Episode.objects.first()
    client = _client(manager)
    listing = client.get(reverse("enablement:episodes"))
    assert episode.person.full_name in listing.text
    url = reverse("enablement:episode", kwargs={"pk": episode.pk})
    page = client.get(url)
    assert "I want to make my own breakfast again" in page.text
    goal = episode.goals.get()
    empty = client.post(url, {"action": "note", "note-note": ""})
    assert "Write what happened on the visit" in empty.text
    worker = User.objects.filter(role="enablement_worker").first()
    saved = _client(worker).post(
        url, {"action": "note", "note-note": "Made toast with prompting", "note-goal": goal.pk, "note-progress": "some"}
    )
    assert saved.status_code == 302
    goal.refresh_from_db()
    assert goal.progress == "some"
    assert "End the enablement" not in _client(worker).get(url).text
    no_outcome = client.post(url, {"action": "end"})
    assert "Choose what followed the enablement" in no_outcome.text
    ended = client.post(url, {"action": "end", "end-outcome": "ongoing_low_level"})
    assert ended.status_code == 302
    episode.refresh_from_db()
    assert episode.outcome == "ongoing_low_level"
    dashboard = client.get(reverse("enablement:dashboard"))
    assert "Ongoing low-level support" in dashboard.text
    assert social_worker_client.get(url).status_code == 403


# --- Each person a page shows is written to the audit trail -----------------------------------------


def test_the_rota_page_and_the_move_page_write_the_people_they_show(manager, small_day, enablement_team):
    from ownway.accounts.tests.trail import people_shown
    from ownway.enablement import events, services

    rota = services.rota_create(actor=manager, team=enablement_team, date=TOMORROW, time_limit=0.3)
    client = _client(manager)
    client.get(reverse("enablement:rota", kwargs={"day": TOMORROW.isoformat()}))
    on_rota = set(rota.visits.values_list("planned_visit__episode__person_id", flat=True))
    assert set(people_shown(events.ROTA_VIEWED, manager)) == on_rota
    visit = rota.visits.select_related("planned_visit__episode").first()
    client.get(reverse("enablement:move", kwargs={"pk": visit.pk}))
    assert people_shown(events.ROTA_VISIT_VIEWED, manager) == [visit.planned_visit.episode.person_id]


def test_the_episodes_and_referrals_write_each_person_shown(manager, small_day, enablement_team):
    from ownway.accounts.tests.trail import people_shown
    from ownway.enablement import events, services
    from ownway.enablement.models import Episode
    from ownway.people.tests.factories import PersonFactory

    client = _client(manager)
    client.get(reverse("enablement:episodes"))
    active = set(Episode.objects.filter(team=enablement_team, status="active").values_list("person_id", flat=True))
    assert active
    assert set(people_shown(events.EPISODES_LISTED, manager)) == active

    waiting = PersonFactory(first_name="Wendy", last_name="Waiting")
    services.referral_record(
        actor=manager,
        person=waiting,
        team=enablement_team,
        source="community",
        received_on=TOMORROW - dt.timedelta(days=1),
        reason="Falls",
    )
    client.get(reverse("enablement:referrals"))
    assert people_shown(events.REFERRALS_LISTED, manager) == [waiting.pk]


@pytest.mark.parametrize("tampered", ["abc", "²", ""])
def test_publishing_a_tampered_rota_id_is_refused_not_a_server_error(manager, small_day, tampered):
    client = _client(manager)
    url = reverse("enablement:rota", kwargs={"day": TOMORROW.isoformat()})
    response = client.post(url, {"action": "publish", "rota": tampered})
    assert response.status_code == 403


def test_publishing_a_rota_with_unplaced_visits_warns_and_asks_to_confirm(manager, small_day):
    from ownway.enablement import services
    from ownway.enablement.models import Episode

    services.planned_visit_add(
        actor=manager, episode=Episode.objects.first(), preferred_start=dt.time(23, 30), duration_minutes=30
    )
    client = _client(manager)
    url = reverse("enablement:rota", kwargs={"day": TOMORROW.isoformat()})
    client.post(url, {"action": "optimise"})
    run_queued()
    rota = Rota.objects.get()
    unplaced = rota.visits.filter(worker__isnull=True).values("planned_visit").distinct().count()
    visits = f"{unplaced} visit is" if unplaced == 1 else f"{unplaced} visits are"

    page = client.get(url).text
    assert f"{visits} not on this rota" in page
    assert "No worker with the right skills is on shift at a time this visit can happen" in page
    assert "Publish without the visits that are not on the rota" in page

    refused = client.post(url, {"action": "publish", "rota": rota.pk})
    assert refused.status_code == 200
    assert "There is a problem" in refused.text
    assert 'href="#id_publish_unplaced"' in refused.text
    assert "publish without them and arrange them another way" in refused.text
    rota.refresh_from_db()
    assert rota.status == RotaStatus.DRAFT

    confirmed = client.post(url, {"action": "publish", "rota": rota.pk, "publish_unplaced": "on"})
    assert confirmed.status_code == 302
    rota.refresh_from_db()
    assert rota.status == RotaStatus.PUBLISHED


def test_the_episodes_list_is_paged_and_sorted(manager, enablement_team):
    demo.make_team(manager=manager, team=enablement_team, day=TOMORROW, workers=2, people=55, seed=3)
    client = _client(manager)
    first = client.get(reverse("enablement:episodes")).text
    assert "55 active" in first
    assert 'class="govuk-pagination' in first
    assert first.count('<tr class="govuk-table__row">') == 1 + 50
    by_start = client.get(reverse("enablement:episodes"), {"sort": "started", "order": "desc"}).text
    assert 'aria-sort="descending"' in by_start
    latest = Episode.objects.order_by("-start_date", "-pk").first()
    assert latest.person.full_name in by_start.split("<tbody")[1].split("</tr>")[0]
    assert client.get(reverse("enablement:episodes"), {"page": "2"}).text.count('<tr class="govuk-table__row">') == 6


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "abc", "20260230"])
def test_a_day_at_the_ends_of_the_calendar_is_not_found_rather_than_an_error(manager, small_day, day):
    worker = _client(EnablementWorker.objects.first().user)
    assert worker.get(reverse("enablement:my_day") + f"?date={day}").status_code == 404
    client = _client(manager)
    assert client.get(f"/enablement/rota/{day}/").status_code == 404
    assert client.post(f"/enablement/rota/{day}/", {"action": "optimise_week"}).status_code == 404
    assert client.get(f"/enablement/workforce/{day}/").status_code == 404
    assert not Rota.objects.exists()


@pytest.mark.parametrize("rota", ["abc", "1e309", "-1", "9" * 5000, "\x00", ""])
def test_publishing_a_tampered_rota_id_is_refused_not_an_error(manager, small_day, rota):
    url = reverse("enablement:rota", kwargs={"day": TOMORROW.isoformat()})
    client = _client(manager)
    client.post(url, {"action": "optimise"})
    run_queued()
    response = client.post(url, {"action": "publish", "rota": rota, "publish_unplaced": "on"})
    assert response.status_code == 403
    assert Rota.objects.get().status == RotaStatus.DRAFT
