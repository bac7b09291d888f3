"""The person's record shows their latest indicative budget to staff, and the citizen a link to theirs."""

from ownway.allocation.services import indicative_budget_calculate

ANSWERS = {
    "nutrition": "full", "personal_hygiene": "a_lot", "toilet_needs": "none", "clothing": "none",
    "using_home_safely": "none", "habitable_home": "none", "relationships": "none",
    "community_facilities": "some", "work_training_education_volunteering": "none",
    "caring_for_a_child": "none", "nights": "none", "carer": "managing",
}  # fmt: skip


def test_staff_see_the_latest_budget_with_a_link(social_worker_client, social_worker, person, completed_assessment):
    page = social_worker_client.get(f"/people/{person.pk}/").content.decode()
    assert "Indicative budget" in page
    assert "No indicative budget worked out yet." in page
    indicative_budget_calculate(actor=social_worker, person=person, answers=ANSWERS, assessment=completed_assessment)
    latest = indicative_budget_calculate(
        actor=social_worker, person=person, answers={**ANSWERS, "nights": "sometimes"}, assessment=completed_assessment
    )
    page = social_worker_client.get(f"/people/{person.pk}/").content.decode()
    hidden = '<span class="govuk-visually-hidden"> indicative budget</span>'
    assert f'href="/budgets/{latest.pk}/">£{latest.weekly_amount:,} a week{hidden}</a>' in page
    assert "by Sam Social" in page
    assert "No indicative budget worked out yet." not in page


def test_the_citizen_has_a_link_to_my_budget(citizen_client, person):
    page = citizen_client.get(f"/people/{person.pk}/").content.decode()
    assert "Your budget" in page
    assert '<a class="govuk-link" href="/budgets/mine/">My budget</a>' in page
    assert "Indicative budget" not in page


def test_those_who_may_not_see_budgets_do_not_see_the_section(commissioner_client, person):
    response = commissioner_client.get(f"/people/{person.pk}/")
    assert "Indicative budget" not in response.content.decode()
