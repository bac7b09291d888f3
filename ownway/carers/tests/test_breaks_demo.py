"""The demo city's carers: breaks booked (a weekly one among them) and consents at each state."""

from __future__ import annotations

from django.test import Client

from ownway.accounts.models import User
from ownway.carers.models import BreakBooking, BreakKind, CarerConsent


def _client(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_demo_carer_has_a_weekly_break_and_sees_the_plan_the_person_they_care_for_agreed_to(db, settings, tmp_path):
    from ownway.cli import build_city

    settings.OWNWAY_BACS_DIR = tmp_path
    lines = build_city(people=300, seed=5, per_team=6)
    assert any(line.startswith("Carers' breaks:") for line in lines)
    carer = User.objects.get(username="carer").person
    mine = BreakBooking.objects.filter(relationship__carer=carer)
    assert sorted(mine.values_list("kind", flat=True)) == [BreakKind.ONE_OFF, BreakKind.WEEKLY]
    assert BreakBooking.objects.exclude(relationship__carer=carer).filter(kind=BreakKind.WEEKLY).exists()
    # Consents at each state: current (the demo citizen's), withdrawn, and none (every other carer).
    assert CarerConsent.objects.filter(relationship__carer=carer, withdrawn_on__isnull=True).exists()
    assert CarerConsent.objects.filter(withdrawn_on__isnull=False).exists()
    page = _client("carer").get("/carers/me/").content.decode()
    assert "Every Wednesday, 13:00 to 16:00" in page
    assert "Ask the provider" in page  # the respite house has not said what it costs
    assert "support plan" in page
    assert "has not agreed to you seeing their plan" not in page
