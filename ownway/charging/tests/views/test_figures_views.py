"""The finance team's charging figures pages: the years held, and each year's figures with their sources or why
they are not confirmed, set and confirmed on the page, with a GOV.UK error for each figure that cannot be read
and a change made after someone else's refused with both shown."""

import datetime as dt
import html
import re

import pytest
from django.test import Client
from django.utils import timezone

from ownway.charging.models import ChargingFigureCheck, ChargingRuleSet, FinancialAssessment
from ownway.charging.rules.rulesets import figure_fields, figure_label
from ownway.charging.services import charging_rule_set_save
from ownway.people.models import Letter
from ownway.ui.tests.stale import refused_stale_save, version_on_page

pytestmark = pytest.mark.django_db
YEAR_PAGE = "/money/figures/2026-27/"
CIRCULAR = "LAC(DHSC)(2026)1, annex, table 2"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(page: str) -> dict[str, str]:
    """What the page's form sends as it stands: every input with its value, and each radio checked."""
    data: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name is None or name.group(1) == "csrfmiddlewaretoken":
            continue
        if 'type="radio"' in tag and "checked" not in tag:
            continue
        data[name.group(1)] = value.group(1) if value else ""
    return data


def test_only_those_who_set_the_figures_see_them(finance_officer, administrator, social_worker_client,
                                                  citizen_client, commissioner_client, client):  # fmt: skip
    for user in (finance_officer, administrator):
        assert _client(user).get("/money/figures/").status_code == 200
        assert _client(user).get(YEAR_PAGE).status_code == 200
    for other in (social_worker_client, citizen_client, commissioner_client):
        assert other.get("/money/figures/").status_code == 403
        assert other.get(YEAR_PAGE).status_code == 403
        assert other.post(YEAR_PAGE, {"carer_premium": "48.15"}).status_code == 403
    assert client.get(YEAR_PAGE)["Location"].startswith("/sign-in/")
    assert "carer_premium" in ChargingRuleSet.objects.get(year="2026/27").figures["unconfirmed"]
    assert _client(finance_officer).get("/money/figures/2031-32/").status_code == 404


def test_the_years_held_with_how_many_figures_are_not_confirmed(finance_officer):
    page = _client(finance_officer).get("/money/figures/").content.decode()
    for year, starts in (("2026/27", "6 April 2026"), ("2025/26", "6 April 2025")):
        record = ChargingRuleSet.objects.get(year=year)
        count = len(record.figures["unconfirmed"])
        row = page.split(f'href="/money/figures/{year.replace("/", "-")}/">{year}')[1].split("</tr>")[0]
        assert starts in row
        assert f">{count}<" in row
    assert page.index("2026/27") < page.index("2025/26")  # newest first


def test_the_year_page_shows_every_figure_in_groups_with_its_kind_and_its_source_or_why_not(finance_officer):
    page = _client(finance_officer).get(YEAR_PAGE).content.decode()
    assert "<h1" in page
    assert "2026/27 charging figures" in page
    headings = ("Capital limits and tariff income", "Minimum Income Guarantee", "Premiums added to the guarantee",
                "Disregards and benefit rates", "Free services and care homes",
                "The council&#39;s choices")  # fmt: skip
    for heading in headings:
        assert f'<h2 class="govuk-heading-m">{heading}</h2>' in page
    for f in figure_fields():
        assert figure_label(f.name).replace("'", "&#39;") in page, f.name
    mig = page.split('id="id_mig_single_pension_age-hint"')[1].split("</div>")[0]
    assert "Pounds a week" in mig
    assert "Not confirmed" in mig
    assert "from DHSC&#39;s February 2026 announcement" in mig
    assert 'value="241.45"' in page
    lower = page.split('id="id_lower_capital_limit-hint"')[1].split("</div>")[0]
    assert "Pounds" in lower
    assert "Source: SI 2014/2672 reg 12" in lower
    assert "Not confirmed" not in lower
    weeks = page.split('id="id_free_reablement_weeks-hint"')[1].split("</div>")[0]
    assert "Weeks" in weeks
    choice = page.split('id="id_war_widows_pension_disregarded_in_full-hint"')[1].split("</div>")[0]
    assert "The council's choice." in html.unescape(choice)
    assert 'name="source_mig_single_pension_age"' in page
    assert 'name="source_war_widows_pension_disregarded_in_full"' not in page  # no source for a council's choice
    assert "manage.py" not in page


def test_figures_confirmed_and_set_on_the_page(finance_officer):
    client = _client(finance_officer)
    data = _form(client.get(YEAR_PAGE).content.decode())
    data.update(source_mig_single_pension_age=CIRCULAR, carer_premium="48.15", source_carer_premium=CIRCULAR,
                free_reablement_weeks="8", war_widows_pension_disregarded_in_full="yes")  # fmt: skip
    response = client.post(YEAR_PAGE, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == YEAR_PAGE
    figures = ChargingRuleSet.objects.get(year="2026/27").figures
    assert (figures["mig_single_pension_age"], figures["sources"]["mig_single_pension_age"]) == ("241.45", CIRCULAR)
    assert (figures["carer_premium"], figures["sources"]["carer_premium"]) == ("48.15", CIRCULAR)
    assert figures["free_reablement_weeks"] == 8
    assert figures["sources"]["free_reablement_weeks"] == "set by the council"
    assert figures["war_widows_pension_disregarded_in_full"] is True
    # Only what was changed or confirmed is recorded as checked.
    assert sorted(ChargingFigureCheck.objects.values_list("figure", "kind")) == [
        ("carer_premium", "set"), ("free_reablement_weeks", "set"), ("mig_single_pension_age", "confirmed"),
        ("war_widows_pension_disregarded_in_full", "set"),
    ]  # fmt: skip
    assert "mig_single_18_to_24" in figures["unconfirmed"]
    page = client.get(YEAR_PAGE).content.decode()
    assert "4 figures saved" in page
    name, today = finance_officer.get_full_name() or finance_officer.username, timezone.localdate()
    mig = page.split('id="id_mig_single_pension_age-hint"')[1].split("</div>")[0]
    assert f"Confirmed by {name} on {today.day} {today:%B %Y}" in mig
    assert CIRCULAR in mig
    carer = page.split('id="id_carer_premium-hint"')[1].split("</div>")[0]
    assert f"Set to £48.15 by {name} on {today.day} {today:%B %Y}" in carer


def test_figures_that_cannot_be_read_are_each_a_govuk_error_and_nothing_is_saved(finance_officer):
    client = _client(finance_officer)
    data = _form(client.get(YEAR_PAGE).content.decode())
    before = ChargingRuleSet.objects.get(year="2026/27").figures
    data.update(mig_single_18_to_24="96.00", source_mig_single_18_to_24=CIRCULAR, carer_premium="lots",
                free_reablement_weeks="six", pension_credit_age="1e309", lower_capital_limit="",
                source_mig_single_pension_age="x" * 301, source_lower_capital_limit="\x00")  # fmt: skip
    response = client.post(YEAR_PAGE, data)
    assert response.status_code == 200
    page = response.content.decode()
    summary = page.split("govuk-error-summary__list")[1].split("</ul>")[0]
    for field, message in [
        ("carer_premium", "Carer premium must be an amount in pounds, like 12.50"),
        ("free_reablement_weeks", "Weeks of reablement that are free must be a whole number"),
        ("pension_credit_age", "Pension credit qualifying age must be a whole number"),
        ("lower_capital_limit", "Enter lower capital limit: it cannot be left empty"),
        ("source_mig_single_pension_age", "Where you checked guarantee for a single person of pension credit age "
         "must be 300 characters or fewer"),
    ]:  # fmt: skip
        assert f'href="#id_{field}"' in summary, field
        assert message in summary, message
        assert f'id="id_{field}-error"' in page, field
    assert ChargingRuleSet.objects.get(year="2026/27").figures == before
    assert not ChargingFigureCheck.objects.exists()
    assert 'value="96.00"' in page  # what was typed is kept


def test_a_figure_with_no_value_cannot_be_confirmed_and_saving_nothing_says_so(finance_officer):
    client = _client(finance_officer)
    data = _form(client.get(YEAR_PAGE).content.decode())
    page = client.post(YEAR_PAGE, data).content.decode()
    assert "Change a figure, or say where you checked one to confirm it" in page
    page = client.post(YEAR_PAGE, {**data, "source_carer_premium": CIRCULAR}).content.decode()
    assert "Enter carer premium before confirming it: it is not set" in page
    assert 'href="#id_carer_premium"' in page


def test_a_save_made_after_someone_elses_is_refused_showing_both_values(finance_officer, administrator):
    officer = _client(finance_officer)
    shown = officer.get(YEAR_PAGE).content.decode()
    data = _form(shown)
    assert data["lock_version"] == version_on_page(shown)
    charging_rule_set_save(actor=administrator, year="2026/27", starts_on=dt.date(2026, 4, 6),
                           figures={"carer_premium": "48.15", "mig_single_18_to_24": "96.00"})  # fmt: skip
    response = officer.post(YEAR_PAGE, {**data, "carer_premium": "50.00", "source_carer_premium": CIRCULAR})
    page, table = refused_stale_save(response, "set of charging figures")
    assert "Carer premium" in table
    assert "£48.15" in table  # theirs
    assert "£50.00" in table  # what this officer typed
    assert "Guarantee for a single person aged 18 to 24" in table
    assert "£96.00" in table
    assert "You did not change it" in table
    assert ChargingRuleSet.objects.get(year="2026/27").figures["carer_premium"] == "48.15"
    # The form now holds their change where this officer changed nothing, and this officer's own change.
    again = _form(page)
    assert (again["mig_single_18_to_24"], again["carer_premium"]) == ("96.00", "50.00")
    assert again["lock_version"] == str(ChargingRuleSet.objects.get(year="2026/27").lock_version)
    assert officer.post(YEAR_PAGE, again).status_code == 302
    figures = ChargingRuleSet.objects.get(year="2026/27").figures
    assert (figures["carer_premium"], figures["mig_single_18_to_24"]) == ("50.00", "96.00")


def test_a_new_year_is_started_from_the_last(finance_officer):
    client = _client(finance_officer)
    page = client.get("/money/figures/").content.decode()
    assert 'value="2027/28"' in page
    start = {"year": "2027/28", "starts_on-day": "6", "starts_on-month": "4", "starts_on-year": "2027",
             "copy_from": "2026/27"}  # fmt: skip
    response = client.post("/money/figures/", start)
    assert response["Location"] == "/money/figures/2027-28/"
    record = ChargingRuleSet.objects.get(year="2027/28")
    assert record.figures["unconfirmed"]["mig_single_pension_age"] == "copied from 2026/27: set the 2027/28 figure"
    page = client.post("/money/figures/", start).content.decode()
    assert "2027/28 already has figures" in page
    bad = {"year": "next", "starts_on-day": "31", "starts_on-month": "2", "starts_on-year": "2028",
           "copy_from": "1999/00"}  # fmt: skip
    page = client.post("/money/figures/", bad).content.decode()
    assert "Name the year like 2027/28" in page
    assert "The day the figures start must be a real date" in page
    assert "Select a valid choice" not in page
    assert ChargingRuleSet.objects.count() == 3


def test_after_confirming_on_the_page_the_held_letter_goes_to_the_person(finance_officer, person, citizen_client):
    from ownway.charging.services import financial_assessment_record
    from ownway.charging.tests.services.test_figures import PENSIONER

    held = financial_assessment_record(actor=finance_officer, person=person, circumstances=PENSIONER,
                                       charges_from=dt.date(2026, 5, 1))  # fmt: skip
    assert "not ready yet" in citizen_client.get(f"/money/{held.pk}/").content.decode()
    client = _client(finance_officer)
    page = client.get(YEAR_PAGE).content.decode()
    assert "1 person's contribution uses figures not confirmed, so its letter has not gone to them" in html.unescape(
        page
    )
    client.post(YEAR_PAGE, {**_form(page), "source_mig_single_pension_age": CIRCULAR})
    assert (
        "1 contribution worked out again: its letter has gone to the person" in client.get(YEAR_PAGE).content.decode()
    )
    fa = FinancialAssessment.objects.get(person=person, status="current")
    assert Letter.objects.get(person=person).page == f"/money/{fa.pk}/"
    letter = citizen_client.get("/money/mine/", follow=True).content.decode()
    assert "You pay £48.80 a week" in letter
    assert "not confirmed" not in letter.lower()


def test_the_finance_officers_home_and_worklist_lead_to_the_figures(finance_officer):
    client = _client(finance_officer)
    home = client.get("/").content.decode()
    count = len(ChargingRuleSet.objects.get(year="2026/27").figures["unconfirmed"])
    assert f'href="/money/figures/">Charging figures</a> ({count} not confirmed for 2026/27)' in home
    assert 'href="/money/figures/">Charging figures for each year</a>' in client.get("/money/").content.decode()


def test_the_finance_pages_that_mention_figures_not_confirmed_lead_to_the_figures(finance_officer, person):
    from decimal import Decimal

    from ownway.charging.services import cost_of_care_set, financial_assessment_record
    from ownway.charging.tests.services.test_figures import PENSIONER

    financial_assessment_record(actor=finance_officer, person=person, circumstances=PENSIONER,
                                charges_from=dt.date(2026, 5, 1))  # fmt: skip
    cost_of_care_set(actor=finance_officer, person=person, weekly=Decimal("120.00"), charges_from=dt.date(2026, 6, 1),
                     source="support plan version 1")  # fmt: skip
    client = _client(finance_officer)
    waiting = client.get("/money/waiting/").content.decode()
    assert f'href="{YEAR_PAGE}">Confirm the 2026/27 figures it uses</a>' in waiting
    assess = client.get(f"/money/person/{person.pk}/").content.decode()
    assert f'href="{YEAR_PAGE}">2026/27 charging figures</a> page' in assess


@pytest.mark.parametrize("hostile", ["1e309", "-1", "x" * 10_000, "\x00"])
def test_hostile_values_in_every_field_are_refused_with_a_message_never_a_500(finance_officer, hostile):
    client = _client(finance_officer)
    data = _form(client.get(YEAR_PAGE).content.decode())
    before = ChargingRuleSet.objects.get(year="2026/27").figures
    for name in [n for n in data if n != "lock_version"]:
        response = client.post(YEAR_PAGE, {**data, name: hostile})
        assert response.status_code in (200, 302), (name, response.status_code)
    response = client.post(YEAR_PAGE, {**data, "lock_version": hostile, "initial-carer_premium": hostile})
    assert response.status_code in (200, 302)
    for name in ("year", "starts_on-day", "starts_on-month", "starts_on-year", "copy_from"):
        start = {"year": "2027/28", "starts_on-day": "6", "starts_on-month": "4", "starts_on-year": "2027",
                 "copy_from": "2026/27", name: hostile}  # fmt: skip
        assert client.post("/money/figures/", start).status_code == 200, name
    assert ChargingRuleSet.objects.get(year="2026/27").figures["carer_premium"] == before["carer_premium"]


def test_a_figure_typed_again_in_another_form_is_not_a_change(finance_officer):
    """Typing "14,250" where the page showed 14250.00 changes nothing: the figure keeps its source."""
    client = _client(finance_officer)
    data = _form(client.get(YEAR_PAGE).content.decode())
    page = client.post(YEAR_PAGE, {**data, "lower_capital_limit": "£14,250"}).content.decode()
    assert "Change a figure, or say where you checked one to confirm it" in page
    figures = ChargingRuleSet.objects.get(year="2026/27").figures
    assert figures["sources"]["lower_capital_limit"].startswith("SI 2014/2672 reg 12")
    assert not ChargingFigureCheck.objects.exists()
