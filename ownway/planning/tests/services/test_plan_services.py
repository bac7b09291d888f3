import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from ownway.accounts.models import AuditEvent
from ownway.core.workflow import TransitionRefused
from ownway.planning import services
from ownway.planning.models import BudgetStatus, ManagementChange, PlanStatus
from ownway.planning.tests.factories import draft_plan

pytestmark = pytest.mark.django_db


def test_a_plan_is_written_line_by_line_with_weekly_costs(social_worker, person):
    _plan, version = draft_plan(social_worker, person)
    lines = {line.kind: line for line in version.lines.all()}
    # 20 PA hours at £13 cost the employer £301.71 a week (planning.rules.pa_costs worked example)
    assert lines["pa_hours"].weekly_cost == Decimal("301.71")
    assert lines["pa_hours"].unit_cost == Decimal("15.09")
    assert lines["pa_hours"].delivery_mechanism == "Direct Payment"
    assert lines["service"].weekly_cost == Decimal("8.50")
    assert str(lines["service"].directory_service_id).startswith("6f1c1d2e")
    assert lines["service"].directory_service.name == "Community choir"
    assert lines["unpaid"].weekly_cost == Decimal("0.00")
    assert lines["unpaid"].management == "not_paid"
    assert services.plan_problems(version) == []
    assert AuditEvent.objects.filter(action="planning.line_added", person=person).count() == 3


def test_missing_parts_are_named_before_sending(social_worker, person):
    plan = services.support_plan_start(actor=social_worker, person=person, indicative_budget_weekly=Decimal(100))
    version = plan.versions.get()
    services.plan_outcome_add(actor=social_worker, version=version, own_words="See my grandchildren")
    with pytest.raises(ValidationError) as error:
        services.plan_submit(actor=social_worker, version=version)
    text = " ".join(error.value.messages)
    assert "Say how this outcome will be met" in text
    assert "risks" in text
    assert "contingency" in text
    assert "£100.00 less than the indicative budget" in text
    assert version.status == PlanStatus.DRAFT


def test_bad_figures_get_specific_errors_and_nothing_is_saved(social_worker, person):
    _plan, version = draft_plan(social_worker, person)
    outcome = version.outcomes.first()
    count = version.lines.count()
    with pytest.raises(ValidationError, match="below the legal minimum"):
        services.plan_line_add(
            actor=social_worker, outcome=outcome, kind="pa_hours", description="PA", pa_hourly_rate=Decimal("11"),
            units=Decimal(5), management="direct_payment",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="2 decimal places"):
        services.plan_line_add(
            actor=social_worker, outcome=outcome, kind="equipment", description="Chair", unit_cost=Decimal("1.005"),
            units=Decimal(1), frequency="one_off", management="council_managed",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="who will receive the payment"):
        services.plan_line_add(
            actor=social_worker, outcome=outcome, kind="equipment", description="Chair", unit_cost=Decimal("100"),
            units=Decimal(1), frequency="one_off", management="direct_payment_nominated",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Not a day and time"):
        services.plan_line_add(
            actor=social_worker, outcome=outcome, kind="unpaid", description="Friend", timetable=["moon-morning"]
        )
    assert version.lines.count() == count


def test_small_plan_approved_by_the_worker_with_reasons_and_no_panel(social_worker, person):
    _plan, version = draft_plan(social_worker, person, pa_hours="10", with_service=False)
    with override_settings(OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE="250.00"):
        services.plan_submit(actor=social_worker, version=version)
    assert version.approver == "worker"
    with pytest.raises(ValidationError, match="reasons"):
        services.plan_approve(actor=social_worker, version=version, reasons=" ")
    budget = services.plan_approve(actor=social_worker, version=version, reasons="Meets Ada's outcomes")
    assert budget.total_weekly == version.total_weekly
    assert budget.contribution_weekly == Decimal("45.00")
    assert budget.council_weekly == budget.total_weekly - Decimal("45.00")
    assert budget.lines.count() == 1  # unpaid support is in the plan, not the budget


def test_a_plan_above_the_threshold_needs_a_team_manager(social_worker, team_manager, person):
    _plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    assert version.total_weekly == Decimal("310.21")
    assert version.approver == "manager"
    with pytest.raises(PermissionDenied, match="team manager"):
        services.plan_approve(actor=social_worker, version=version, reasons="Fine")
    budget = services.plan_approve(actor=team_manager, version=version, reasons="Meets the outcomes, fair cost")
    version.refresh_from_db()
    assert version.status == PlanStatus.APPROVED
    assert version.decisions.get().approved
    assert budget.starts_on == dt.date(2026, 4, 20)
    with pytest.raises(TransitionRefused, match="is now 'Approved', so you cannot approve it"):
        services.plan_approve(actor=team_manager, version=version, reasons="Again")


def test_sent_back_with_reasons_then_changed(social_worker, team_manager, person):
    _plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    with pytest.raises(ValidationError, match="been sent for approval"):
        services.plan_outcome_add(actor=social_worker, version=version, own_words="More")
    services.plan_send_back(actor=team_manager, version=version, reasons="Add what happens at weekends")
    assert version.status == PlanStatus.DRAFT
    services.plan_outcome_add(actor=social_worker, version=version, own_words="Weekends with my sister")
    assert version.decisions.get().reasons == "Add what happens at weekends"


def test_new_versions_copy_and_never_overwrite(social_worker, team_manager, person):
    plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    first_budget = services.plan_approve(actor=team_manager, version=version, reasons="Good plan")
    second = services.plan_version_start(actor=social_worker, plan=plan)
    assert second.number == 2
    assert second.lines.count() == version.lines.count() == 3
    assert second.outcomes.count() == 2
    with pytest.raises(ValidationError, match="already has a version being written"):
        services.plan_version_start(actor=social_worker, plan=plan)
    line = second.lines.get(kind="service")
    services.plan_line_remove(actor=social_worker, line=line)
    assert version.lines.count() == 3  # the approved version is untouched
    services.plan_version_update(actor=social_worker, version=second, reason_for_difference="", starts_on=None)
    services.plan_version_update(
        actor=social_worker,
        version=second,
        starts_on=dt.date(2026, 6, 1),
        reason_for_difference="Choir stopped",
        confirm_start=True,
    )
    services.plan_submit(actor=social_worker, version=second)
    services.plan_approve(actor=team_manager, version=second, reasons="Choir ended")
    version.refresh_from_db()
    first_budget.refresh_from_db()
    assert version.status == PlanStatus.SUPERSEDED
    assert first_budget.status == BudgetStatus.ENDED
    assert first_budget.ends_on == dt.date(2026, 5, 31)


def test_only_workers_for_the_person_write_plans(citizen, broker, other_team_person, social_worker, person):
    with pytest.raises(PermissionDenied):
        services.support_plan_start(actor=citizen, person=person)
    with pytest.raises(PermissionDenied):
        services.support_plan_start(actor=broker, person=person)
    with pytest.raises(PermissionDenied):
        services.support_plan_start(actor=social_worker, person=other_team_person)


def test_a_budget_line_switches_back_to_council_managed(social_worker, team_manager, person):
    _plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    budget = services.plan_approve(actor=team_manager, version=version, reasons="Good")
    line = budget.lines.get(plan_line__kind="service")
    services.budget_line_management_change(
        actor=social_worker, line=line, to_management="council_managed", effective_on=dt.date(2026, 5, 1),
        reason="Ada would rather the council paid the choir",
    )  # fmt: skip
    line.refresh_from_db()
    assert line.management == "council_managed"
    assert line.delivery_mechanism == "CASSR Managed Personal Budget"
    change = ManagementChange.objects.get()
    assert (change.from_management, change.to_management) == ("direct_payment", "council_managed")
    with pytest.raises(ValidationError, match="already managed that way"):
        services.budget_line_management_change(
            actor=social_worker, line=line, to_management="council_managed", effective_on=dt.date(2026, 5, 1),
            reason="again",
        )  # fmt: skip


@pytest.mark.parametrize(
    ("figures", "field", "message"),
    [
        ({"unit_cost": Decimal("1E+18")}, "unit_cost", "The cost of one unit must be £100,000 or less"),
        ({"unit_cost": Decimal("NaN")}, "unit_cost", "The cost of one unit must be an amount in pounds"),
        ({"units": Decimal("1E+18")}, "units", "How many must be 1,000 or less"),
        ({"units": Decimal("Infinity")}, "units", "How many must be a number"),
        (
            {"unit_cost": Decimal("100000"), "units": Decimal("1000")},
            "unit_cost",
            "This line would cost £100,000,000.00 a week",
        ),
    ],
)
def test_line_figures_beyond_what_a_plan_can_hold_are_refused(social_worker, person, figures, field, message):
    _plan, version = draft_plan(social_worker, person)
    outcome = version.outcomes.first()
    count = version.lines.count()
    values = {"unit_cost": Decimal("10"), "units": Decimal(1), **figures}
    with pytest.raises(ValidationError) as error:
        services.plan_line_add(
            actor=social_worker, outcome=outcome, kind="service", description="Day centre", frequency="weekly",
            management="council_managed", **values,
        )  # fmt: skip
    assert list(error.value.message_dict) == [field]
    assert message in error.value.message_dict[field][0]
    assert version.lines.count() == count


@pytest.mark.parametrize(
    ("figures", "field"),
    [
        ({"pa_hourly_rate": Decimal("1E+18")}, "pa_hourly_rate"),
        ({"units": Decimal("169")}, "units"),
    ],
)
def test_pa_hours_beyond_a_week_or_a_real_rate_are_refused(social_worker, person, figures, field):
    _plan, version = draft_plan(social_worker, person)
    values = {"pa_hourly_rate": Decimal("13.00"), "units": Decimal(10), **figures}
    with pytest.raises(ValidationError) as error:
        services.plan_line_add(
            actor=social_worker, outcome=version.outcomes.first(), kind="pa_hours", description="PA",
            management="direct_payment", **values,
        )  # fmt: skip
    assert list(error.value.message_dict) == [field]


@pytest.mark.parametrize("amount", [Decimal("1E+18"), Decimal("NaN"), Decimal("-1")])
def test_a_plan_cannot_start_with_a_budget_it_cannot_hold(social_worker, person, amount):
    with pytest.raises(ValidationError) as error:
        services.support_plan_start(actor=social_worker, person=person, indicative_budget_weekly=amount)
    assert list(error.value.message_dict) == ["indicative_budget_weekly"]
    assert not person.support_plans.exists()


def test_two_people_saving_the_same_plan_the_second_is_refused_and_the_first_kept(social_worker, team_manager, person):
    from ownway.core.versioning import StaleEdit
    from ownway.planning.models import PlanVersion

    _plan, version = draft_plan(social_worker, person)
    # Both open the plan at the same version.
    seen_by_worker = PlanVersion.objects.get(pk=version.pk)
    seen_by_manager = PlanVersion.objects.get(pk=version.pk)
    services.plan_version_update(
        actor=social_worker, version=seen_by_worker, expected_version=seen_by_worker.lock_version,
        risks="Falls at night: a pendant alarm",
    )  # fmt: skip
    with pytest.raises(StaleEdit) as refused:
        services.plan_version_update(
            actor=team_manager, version=seen_by_manager, expected_version=seen_by_manager.lock_version,
            risks="None known",
        )  # fmt: skip
    assert refused.value.current_version == seen_by_manager.lock_version + 1
    version.refresh_from_db()
    assert version.risks == "Falls at night: a pendant alarm"
    updates = AuditEvent.objects.filter(action="planning.plan_updated", person=person)
    assert not [event for event in updates if event.new.get("risks") == "None known"]


def test_every_change_to_a_draft_moves_its_version_on_so_an_older_form_is_refused(social_worker, person):
    from ownway.core.versioning import StaleEdit

    _plan, version = draft_plan(social_worker, person)
    opened = version.lock_version
    outcome = services.plan_outcome_add(actor=social_worker, version=version, own_words="I want to cook")
    line = services.plan_line_add(
        actor=social_worker, outcome=outcome, kind="unpaid", description="My sister shows me", expected_version=None
    )
    version.refresh_from_db()
    assert version.lock_version == opened + 2
    with pytest.raises(StaleEdit):
        services.plan_line_remove(actor=social_worker, line=line, expected_version=opened)
    with pytest.raises(StaleEdit):
        services.plan_submit(actor=social_worker, version=version, expected_version=opened)
    assert version.lines.filter(pk=line.pk).exists()
    services.plan_line_remove(actor=social_worker, line=line, expected_version=version.lock_version)
    assert not version.lines.filter(pk=line.pk).exists()


def test_two_approvals_of_the_same_plan_one_is_refused(social_worker, team_manager, person):
    """Two managers open the same plan waiting for approval; the second to approve finds it approved."""
    _plan, version = draft_plan(social_worker, person)
    services.plan_submit(actor=social_worker, version=version)
    first = type(version).objects.get(pk=version.pk)
    second = type(version).objects.get(pk=version.pk)  # opened before the first approval was saved
    services.plan_approve(actor=team_manager, version=first, reasons="Meets the outcomes")
    with pytest.raises(TransitionRefused) as refused:
        services.plan_approve(actor=team_manager, version=second, reasons="Fair cost")
    assert refused.value.found == PlanStatus.APPROVED
    assert refused.value.allowed == (PlanStatus.AWAITING_APPROVAL,)
    assert str(refused.value).startswith("This support plan is now 'Approved', so you cannot approve it.")
    assert version.decisions.count() == 1  # nothing of the second approval is kept
    assert person.personal_budgets.count() == 1
    with pytest.raises(TransitionRefused, match="so you cannot send it back"):
        services.plan_send_back(actor=team_manager, version=second, reasons="Change the times")
