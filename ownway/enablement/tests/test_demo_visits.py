"""The demo team's past: visits recorded (some late, some missed with reasons) and episodes followed up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ownway.accounts.roles import TeamKind
from ownway.accounts.tests.factories import TeamFactory
from ownway.enablement import demo
from ownway.enablement.demo_visits import episodes_after, past_days
from ownway.enablement.models import ActualStatus, ActualVisit, EpisodeExtension, EpisodeFollowUp, EpisodeHandOff
from ownway.enablement.selectors_episodes import outcome_figures_for_user
from ownway.enablement.selectors_visits import actual_figures_for_user


def test_the_demo_past(manager, enablement_team):
    TeamFactory(name="Locality", kind=TeamKind.LOCALITY)
    demo.make_team(
        manager=manager, team=enablement_team, day=timezone.localdate() + dt.timedelta(days=1), workers=3, people=8
    )
    recorded, _late, missed = past_days(manager=manager, team=enablement_team, days=2, time_limit=0.3, seed=2)
    assert recorded > 0
    assert ActualVisit.objects.filter(status__in=[ActualStatus.DONE, ActualStatus.CUT_SHORT]).count() == recorded
    assert ActualVisit.objects.filter(status=ActualStatus.MISSED).exclude(reason="").count() == missed
    summary = episodes_after(manager=manager, team=enablement_team, people=8, seed=2)
    assert "handed to long-term support" in summary
    assert EpisodeHandOff.objects.count() == 2
    assert EpisodeExtension.objects.exists()
    assert EpisodeFollowUp.objects.filter(recorded_on__isnull=False).exists()
    assert EpisodeFollowUp.objects.filter(recorded_on__isnull=True, due_on__lte=timezone.localdate()).exists()
    figures = actual_figures_for_user(user=manager, hourly_cost=Decimal("25.00"))
    assert figures.by_team[0].actual.contact_minutes > 0
    assert outcome_figures_for_user(user=manager).ascof_2a.denominator == 8
