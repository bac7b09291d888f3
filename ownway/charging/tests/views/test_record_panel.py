"""The person's record shows their open contribution to staff, and the citizen a link to what they pay."""

from ownway.charging.models import FinancialAssessment

from .test_charging_views import FORM, _finance_client


def test_staff_see_the_open_contribution_with_a_link(finance_officer, social_worker_client, person):
    page = social_worker_client.get(f"/people/{person.pk}/").content.decode()
    assert "Contribution" in page
    assert "No financial assessment yet." in page
    client = _finance_client(finance_officer)
    client.post(f"/money/person/{person.pk}/", FORM)
    client.post(f"/money/person/{person.pk}/", {**FORM, "capital": "0"})
    fa = FinancialAssessment.objects.get(status="current")
    assert str(fa.weekly_contribution) == "48.80"  # 290.25 − 241.45 (2026/27)
    for page in (social_worker_client.get(f"/people/{person.pk}/").content.decode(),
                 client.get(f"/people/{person.pk}/").content.decode()):  # fmt: skip
        link = f'href="/money/{fa.pk}/">£48.80 a week<span class="govuk-visually-hidden"> contribution</span></a>'
        assert f"{link} towards care costing £300.00 a week" in page
        assert "No financial assessment yet." not in page
        assert "Its letter is held until the council confirms the figures it used." in page
    letter = social_worker_client.get(f"/money/{fa.pk}/").content.decode()
    assert f'href="/people/{person.pk}/"' in letter
    assert "Back to financial assessments" not in letter
    assert "Back to financial assessments" in client.get(f"/money/{fa.pk}/").content.decode()


def test_the_citizen_has_a_link_to_what_i_pay(citizen_client, person):
    page = citizen_client.get(f"/people/{person.pk}/").content.decode()
    assert '<a class="govuk-link" href="/money/mine/">What I pay</a>' in page


def test_those_who_may_not_see_contributions_do_not_see_the_section(commissioner_client, person):
    assert "No financial assessment yet." not in commissioner_client.get(f"/people/{person.pk}/").content.decode()
