from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.allocation import events
from ownway.allocation.models import AppealStatus, BudgetAppeal, IndicativeBudget, RasModelVersion
from ownway.allocation.rules.default_model import default_definition
from ownway.allocation.selectors import (
    answers_from_assessment,
    appeals_to_decide_for_user,
    budget_get_for_user,
    ras_model_active,
)
from ownway.allocation.services import (
    budget_appeal_decide,
    budget_appeal_raise,
    indicative_budget_calculate,
    ras_version_create,
)


def _answers(assessment):
    _version, model = ras_model_active()
    return answers_from_assessment(model=model, assessment=assessment) | {"nights": "none", "carer": "managing"}


def test_answers_are_drawn_from_the_assessment(completed_assessment):
    answers = _answers(completed_assessment)
    assert answers["personal_hygiene"] == "a_lot"
    assert answers["nutrition"] == "full"
    assert answers["community_facilities"] == "some"
    assert answers["clothing"] == "none"


def test_budget_records_its_version_and_explanation(social_worker, person, completed_assessment):
    budget = indicative_budget_calculate(
        actor=social_worker, person=person, answers=_answers(completed_assessment), assessment=completed_assessment
    )
    assert budget.points == 15
    assert budget.weekly_amount == Decimal("90.00")
    assert budget.band == "basic"
    assert budget.ras_version.number == 1
    assert "£90 a week (basic band)" in budget.explanation
    assert budget.areas[0]["sentence"].startswith("£78 for looking after yourself because")
    assert AuditEvent.objects.filter(action=events.BUDGET_CALCULATED, person=person).exists()


def test_new_version_used_from_then_on_and_old_budgets_keep_theirs(
    social_worker, administrator, person, completed_assessment
):
    first = indicative_budget_calculate(actor=social_worker, person=person, answers=_answers(completed_assessment))
    definition = default_definition()
    definition["price_table"][0]["pounds_per_point"] = "7.00"
    ras_version_create(actor=administrator, name="Calibrated 2026", definition=definition, activate=True)
    second = indicative_budget_calculate(actor=social_worker, person=person, answers=_answers(completed_assessment))
    first.refresh_from_db()
    assert (first.ras_version.number, first.weekly_amount) == (1, Decimal("90.00"))
    assert (second.ras_version.number, second.weekly_amount) == (2, Decimal("105.00"))
    assert RasModelVersion.objects.get(number=1).status == "retired"


def test_a_bad_version_is_refused_whole(administrator):
    definition = default_definition()
    definition["bands"] = []
    with pytest.raises(ValidationError, match="Name at least one band"):
        ras_version_create(actor=administrator, name="Broken", definition=definition)
    assert RasModelVersion.objects.count() == 1


def test_unanswered_questions_are_refused(social_worker, person):
    with pytest.raises(ValidationError) as error:
        indicative_budget_calculate(actor=social_worker, person=person, answers={"nutrition": "some"})
    assert "carer" in error.value.message_dict
    assert not IndicativeBudget.objects.exists()


def test_other_team_and_citizens_cannot_calculate(social_worker, citizen, other_team_person, person):
    with pytest.raises(PermissionDenied):
        indicative_budget_calculate(actor=social_worker, person=other_team_person, answers={})
    with pytest.raises(PermissionDenied):
        indicative_budget_calculate(actor=citizen, person=person, answers={})


@pytest.fixture
def budget(social_worker, person, completed_assessment):
    return indicative_budget_calculate(
        actor=social_worker, person=person, answers=_answers(completed_assessment), assessment=completed_assessment
    )


def test_citizen_appeals_and_someone_else_decides(citizen, social_worker, team_manager, budget):
    appeal = budget_appeal_raise(actor=citizen, budget=budget, reasons="I need help at night too.")
    assert (appeal.due_on - budget.calculated_at.date()).days >= 27
    with pytest.raises(ValidationError, match="already asked"):
        budget_appeal_raise(actor=citizen, budget=budget, reasons="Again")
    assert appeals_to_decide_for_user(user=social_worker) == []  # the assessor may not decide
    assert appeals_to_decide_for_user(user=team_manager) == [appeal]
    with pytest.raises(PermissionDenied):
        budget_appeal_decide(actor=social_worker, appeal=appeal, upheld=False, reasons="No")
    with pytest.raises(ValidationError) as error:
        budget_appeal_decide(actor=team_manager, appeal=appeal, upheld=True, reasons="", revised_weekly_amount="x")
    assert set(error.value.message_dict) == {"reasons", "revised_weekly_amount"}
    decided = budget_appeal_decide(
        actor=team_manager,
        appeal=appeal,
        upheld=True,
        reasons="Night support was missed.",
        revised_weekly_amount="180.00",
    )
    assert decided.status == AppealStatus.UPHELD
    latest = IndicativeBudget.objects.filter(person=budget.person).first()
    assert latest.revised_by_appeal == decided
    assert latest.weekly_amount == Decimal("180.00")
    assert "Night support was missed." in latest.explanation
    budget.refresh_from_db()
    assert budget.weekly_amount == Decimal("90.00")  # the original is kept
    with pytest.raises(ValidationError, match="is now 'Changed', so you cannot decide it"):
        budget_appeal_decide(actor=team_manager, appeal=appeal, upheld=False, reasons="Changed my mind")


def test_appeal_not_upheld_keeps_the_budget(citizen, team_manager, budget):
    appeal = budget_appeal_raise(actor=citizen, budget=budget, reasons="Too low")
    budget_appeal_decide(actor=team_manager, appeal=appeal, upheld=False, reasons="The answers match the assessment.")
    assert IndicativeBudget.objects.count() == 1
    assert BudgetAppeal.objects.get().status == AppealStatus.NOT_UPHELD


def test_appeal_needs_reasons_and_the_right_person(citizen, commissioner, budget):
    with pytest.raises(ValidationError, match="Tell us why"):
        budget_appeal_raise(actor=citizen, budget=budget, reasons="  ")
    with pytest.raises(PermissionDenied):
        budget_appeal_raise(actor=commissioner, budget=budget, reasons="x")


def test_citizen_sees_only_their_own_budget(citizen, budget, other_team_person, social_worker, team_manager):
    assert budget_get_for_user(user=citizen, pk=budget.pk) == budget
    assert AuditEvent.objects.filter(action=events.BUDGET_VIEWED, actor=citizen).exists()


def test_appeals_list_takes_the_same_queries_however_many(
    citizen, team_manager, social_worker, person, completed_assessment, django_assert_num_queries
):
    from ownway.people.tests.factories import PersonFactory

    answers = _answers(completed_assessment)
    for _ in range(2):
        other = PersonFactory(team=person.team)
        budget = indicative_budget_calculate(actor=social_worker, person=other, answers=answers)
        budget_appeal_raise(actor=social_worker, budget=budget, reasons="Too low")
    # the appeals; the audit rows of the people shown, in one insert (in a savepoint)
    with django_assert_num_queries(4):
        assert len(appeals_to_decide_for_user(user=team_manager)) == 2
    for _ in range(3):
        other = PersonFactory(team=person.team)
        budget = indicative_budget_calculate(actor=social_worker, person=other, answers=answers)
        budget_appeal_raise(actor=social_worker, budget=budget, reasons="Too low")
    with django_assert_num_queries(4):
        assert len(appeals_to_decide_for_user(user=team_manager)) == 5
    assert appeals_to_decide_for_user(user=social_worker) == []


def test_no_budget_from_an_assessment_without_eligible_needs(social_worker, person):
    from ownway.assessments.services import assessment_start, assessment_update, eligibility_determine

    assessment = assessment_start(actor=social_worker, person=person)
    with pytest.raises(ValidationError, match="Decide eligibility before"):
        indicative_budget_calculate(actor=social_worker, person=person, answers={}, assessment=assessment)
    answers = {"arises_from_impairment_or_illness": True, "significant_impact_on_wellbeing": False}
    assessment_update(actor=social_worker, assessment=assessment, answers=answers)
    eligibility_determine(actor=social_worker, assessment=assessment)
    assessment.refresh_from_db()
    with pytest.raises(ValidationError, match="did not find eligible needs"):
        indicative_budget_calculate(actor=social_worker, person=person, answers={}, assessment=assessment)


def test_the_council_sets_the_time_to_decide(citizen, budget, settings):
    settings.OWNWAY_BUDGET_APPEAL_DAYS = 10
    appeal = budget_appeal_raise(actor=citizen, budget=budget, reasons="Too low")
    from django.utils import timezone

    assert (appeal.due_on - timezone.localdate(appeal.raised_at)).days == 10


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("NaN", "The reconsidered budget must be an amount in pounds, like 12.50"),
        (Decimal("NaN"), "The reconsidered budget must be an amount in pounds, like 12.50"),
        ("1e309", "The reconsidered budget must be an amount in pounds, like 12.50"),
        ("100,000.01", "The reconsidered budget must be £100,000 or less"),
        ("0", "The reconsidered budget must be £0.01 or more"),
        ("180.005", "The reconsidered budget must be in pounds and pence"),
    ],
)
def test_a_reconsidered_budget_that_is_not_an_amount_is_refused(citizen, team_manager, budget, typed, message):
    appeal = budget_appeal_raise(actor=citizen, budget=budget, reasons="Too low")
    with pytest.raises(ValidationError) as error:
        budget_appeal_decide(
            actor=team_manager, appeal=appeal, upheld=True, reasons="Night support", revised_weekly_amount=typed
        )
    assert error.value.message_dict["revised_weekly_amount"][0].startswith(message)
    assert IndicativeBudget.objects.filter(person=budget.person).count() == 1


def test_a_reconsidered_budget_is_read_as_typed(citizen, team_manager, budget):
    appeal = budget_appeal_raise(actor=citizen, budget=budget, reasons="Too low")
    budget_appeal_decide(
        actor=team_manager, appeal=appeal, upheld=True, reasons="Night support", revised_weekly_amount="£1,180.5"
    )
    assert IndicativeBudget.objects.filter(person=budget.person).first().weekly_amount == Decimal("1180.50")
