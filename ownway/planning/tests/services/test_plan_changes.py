"""A draft plan's lines can be changed and taken out, and a plan's start date is checked."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.planning import services
from ownway.planning.tests.factories import draft_plan

pytestmark = pytest.mark.django_db


def test_a_line_in_a_draft_is_changed_costed_again_and_audited(social_worker, person):
    _plan, version = draft_plan(social_worker, person)
    line = version.lines.get(kind="pa_hours")
    changed = services.plan_line_update(
        actor=social_worker, line=line, outcome=line.outcome, kind="pa_hours", description="Help to get up",
        provider_name="Ann Lee", pa_hourly_rate=Decimal("13.00"), units=Decimal(12), management="direct_payment",
        timetable=["mon-morning", "wed-morning"],
    )  # fmt: skip
    line.refresh_from_db()
    assert changed.pk == line.pk
    assert line.units == Decimal(12)
    assert line.description == "Help to get up"
    assert line.weekly_cost < Decimal("301.71")  # 20 hours cost £301.71; 12 cost less, priced the same way
    assert line.timetable == ["mon-morning", "wed-morning"]
    event = AuditEvent.objects.get(action="planning.line_changed", person=person)
    assert event.old["units"] == "20.00"
    assert event.new["units"] == "12.00"


def test_a_bad_change_is_refused_and_the_line_is_as_it_was(social_worker, person):
    _plan, version = draft_plan(social_worker, person)
    line = version.lines.get(kind="service")
    with pytest.raises(ValidationError, match="2 decimal places"):
        services.plan_line_update(
            actor=social_worker, line=line, outcome=line.outcome, kind="service", description="Choir",
            unit="session", unit_cost=Decimal("8.505"), units=Decimal(1), management="direct_payment",
        )  # fmt: skip
    line.refresh_from_db()
    assert line.description == "Community choir, Thursday evenings"
    assert line.weekly_cost == Decimal("8.50")


def test_a_line_is_not_changed_or_removed_once_sent(social_worker, person):
    _plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    line = version.lines.get(kind="unpaid")
    with pytest.raises(ValidationError, match="start a new version"):
        services.plan_line_update(
            actor=social_worker, line=line, outcome=line.outcome, kind="unpaid", description="Another lift"
        )
    with pytest.raises(ValidationError, match="start a new version"):
        services.plan_line_remove(actor=social_worker, line=line)


def test_a_line_moves_only_to_an_outcome_of_its_own_version(social_worker, person, other_team_person, team_manager):
    _plan, version = draft_plan(social_worker, person)
    _other_plan, other = draft_plan(social_worker, person)
    line = version.lines.get(kind="unpaid")
    with pytest.raises(ValidationError, match="outcome of this plan"):
        services.plan_line_update(
            actor=social_worker, line=line, outcome=other.outcomes.first(), kind="unpaid", description="Lift"
        )


def test_a_start_date_more_than_four_weeks_back_needs_confirming(social_worker, person):
    _plan, version = draft_plan(social_worker, person)
    long_ago = dt.date(2020, 1, 1)
    with pytest.raises(ValidationError, match="more than 4 weeks ago") as error:
        services.plan_version_update(actor=social_worker, version=version, starts_on=long_ago)
    assert "backdated" in " ".join(error.value.messages)
    version.refresh_from_db()
    assert version.starts_on == dt.date(2026, 4, 20)
    services.plan_version_update(actor=social_worker, version=version, starts_on=long_ago, confirm_start=True)
    assert version.starts_on == long_ago
    recent = timezone.localdate() - dt.timedelta(days=28)
    services.plan_version_update(actor=social_worker, version=version, starts_on=recent)
    assert version.starts_on == recent


def test_a_start_date_more_than_a_year_ahead_is_refused(social_worker, person):
    _plan, version = draft_plan(social_worker, person)
    with pytest.raises(ValidationError, match="within a year"):
        services.plan_version_update(
            actor=social_worker, version=version, starts_on=timezone.localdate() + dt.timedelta(days=400)
        )


def test_a_new_version_cannot_start_before_the_plan_it_replaces(social_worker, team_manager, person):
    plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    services.plan_approve(actor=team_manager, version=version, reasons="Good plan")
    second = services.plan_version_start(actor=social_worker, plan=plan)
    with pytest.raises(ValidationError, match="on or after 20 April 2026"):
        services.plan_version_update(
            actor=social_worker, version=second, starts_on=dt.date(2026, 4, 1), confirm_start=True
        )
