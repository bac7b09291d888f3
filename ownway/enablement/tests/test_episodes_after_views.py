"""The pages after six weeks: extend, hand over (and take on), follow up, and the dashboard's outcomes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role, TeamKind
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.enablement import services
from ownway.enablement.models import EpisodeFollowUp, EpisodeHandOff, FollowUpPoint
from ownway.people.tests.factories import PersonFactory

TODAY = timezone.localdate()


def _episode(manager, team, started):
    person = PersonFactory(team=team)
    referral = services.referral_record(
        actor=manager, person=person, team=team, source="community", received_on=started, reason="After a fall"
    )
    return services.episode_start(
        actor=manager, referral=referral, start_date=started, planned_end_date=started + dt.timedelta(days=42),
        latitude=Decimal("52.4"), longitude=Decimal("-1.5"),
    )  # fmt: skip


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def test_extend_then_refused_beyond_the_limit_then_hand_over_and_take_on(client, manager, enablement_team):
    episode = _episode(manager, enablement_team, TODAY - dt.timedelta(days=40))
    client.force_login(manager)
    path = reverse("enablement:episode_next", kwargs={"pk": episode.pk})
    assert client.get(path).status_code == 200
    too_far = episode.start_date + dt.timedelta(days=57)
    refused = client.post(path, {"action": "extend", "extend-reason": "Stairs", **_date("extend-new_end", too_far)})
    assert refused.status_code == 200
    assert "at the latest" in refused.text
    fine = episode.start_date + dt.timedelta(days=50)
    done = client.post(path, {"action": "extend", "extend-reason": "Stairs", **_date("extend-new_end", fine)})
    assert done.status_code == 302
    locality = TeamFactory(name="East locality", kind=TeamKind.LOCALITY)
    sent = client.post(path, {"action": "hand_off", "hand_off-to_team": str(locality.pk),
                              "hand_off-needs": "Help to wash each morning"})  # fmt: skip
    assert sent.status_code == 302
    worker = UserFactory(username="sw-east", role=Role.SOCIAL_WORKER, team=locality)
    client.force_login(worker)
    assert "People handed over from enablement" in client.get(reverse("home:home")).text
    listed = client.get(reverse("enablement:hand_offs"))
    assert "Help to wash each morning" in listed.text
    hand_off = EpisodeHandOff.objects.get()
    assert client.post(reverse("enablement:hand_offs"), {"hand_off": str(hand_off.pk)}).status_code == 302
    hand_off.refresh_from_db()
    assert hand_off.taken_by == worker


def test_the_follow_up_due_is_on_the_list_and_recorded_from_its_page(client, manager, enablement_team):
    episode = _episode(manager, enablement_team, TODAY - dt.timedelta(days=30))
    services.episode_end(actor=manager, episode=episode, ended_on=TODAY, outcome="ongoing_low_level")
    client.force_login(manager)
    listed = client.get(reverse("enablement:follow_ups"))
    assert episode.person.full_name in listed.text
    end = EpisodeFollowUp.objects.get(episode=episode, point=FollowUpPoint.END)
    path = reverse("enablement:episode_next", kwargs={"pk": episode.pk})
    sent = client.post(path, {"action": "follow_up", "follow_up": str(end.pk), f"f{end.pk}-at_home": "yes",
                              f"f{end.pk}-support_after": "none", f"f{end.pk}-care_hours_start": "10.5",
                              f"f{end.pk}-care_hours_now": "0"})  # fmt: skip
    assert sent.status_code == 302
    end.refresh_from_db()
    assert end.at_home is True
    assert end.care_hours_start == Decimal("10.5")
    dashboard = client.get(reverse("enablement:dashboard"))
    assert "Needing no long-term support afterwards (ASCOF 2A)" in dashboard.text
    assert "100.0% (1 of 1 episodes)" in dashboard.text
    assert "Coventry" in dashboard.text
