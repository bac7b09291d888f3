import datetime as dt
import io

import pytest
from django.test import Client
from pypdf import PdfReader

from ownway.accounts.models import AuditEvent
from ownway.charging.models import ChargingRuleSet, FinancialAssessment
from ownway.charging.services import charging_rule_set_save


def _finance_client(finance_officer):
    client = Client()
    client.force_login(finance_officer)
    return client


@pytest.fixture
def confirmed(finance_officer):
    """The council has checked and set the 2026/27 figures these letters use (so letters may go out)."""
    figures = {"mig_single_pension_age": "241.45", "mig_couple_member_pension_age": "150.00"}
    charging_rule_set_save(actor=finance_officer, year="2026/27", starts_on=dt.date(2026, 4, 6), figures=figures)


FORM = {
    "weekly_cost_of_care": "300", "service": "care_and_support", "income_state_pension": "230.25",
    "income_private_pension": "60", "income_pip_mobility": "75.75", "capital": "18450",
}  # fmt: skip


def test_finance_officer_assesses_and_the_person_reads_the_letter(finance_officer, person, citizen_client, confirmed):
    client = _finance_client(finance_officer)
    response = client.post("/money/", {"reference": person.reference})
    assert response["Location"] == f"/money/person/{person.pk}/"
    page = client.get(f"/money/person/{person.pk}/").content.decode()
    assert "Financial assessment" in page
    response = client.post(f"/money/person/{person.pk}/", FORM)
    assert response.status_code == 302, response.content.decode()
    fa = FinancialAssessment.objects.get()
    assert str(fa.weekly_contribution) == "65.80"  # 290.25 − 241.45 + 17 tariff, under the 2026/27 figures
    response = citizen_client.get("/money/mine/")
    letter = citizen_client.get(response["Location"]).content.decode()
    assert "You pay £65.80 a week" in letter
    assert "Tariff income from capital" in letter
    assert "Not counted: the mobility part of PIP is not counted (Schedule 1 para 8)." in letter
    assert "Figure not confirmed" not in letter  # warnings are for staff
    easy = citizen_client.get(f"/money/{fa.pk}/easy-read/").content.decode()
    assert "You pay <strong>£65.80</strong> each week." in easy


def test_bad_amounts_are_specific_errors(finance_officer, person):
    client = _finance_client(finance_officer)
    body = client.post(f"/money/person/{person.pk}/", {**FORM, "capital": "lots", "weekly_cost_of_care": ""})
    text = body.content.decode()
    assert "Capital in their own name must be an amount in pounds, like 120.50" in text
    assert "Enter weekly cost of care" in text
    body = client.post(f"/money/person/{person.pk}/", {**FORM, "carer_premium": "on"}).content.decode()
    assert "no figure for carer premium" in body
    assert not FinancialAssessment.objects.exists()


def test_unknown_reference(finance_officer):
    body = _finance_client(finance_officer).post("/money/", {"reference": "nope"}).content.decode()
    assert "There is no record you can open with the reference NOPE" in body


def test_finding_a_person_by_reference_opens_their_record_as_any_lookup_does(finance_officer, person):
    """The lookup goes through the people selector: any case and spaces, and the opening is audited."""
    response = _finance_client(finance_officer).post("/money/", {"reference": f" {person.reference.lower()} "})
    assert response["Location"] == f"/money/person/{person.pk}/"
    assert AuditEvent.objects.filter(action="people.person_viewed", actor=finance_officer, person_id=person.pk).exists()


def test_only_finance_assesses(social_worker_client, person):
    assert social_worker_client.get(f"/money/person/{person.pk}/").status_code == 403
    assert social_worker_client.get("/money/").status_code == 403


def test_estimator_needs_no_sign_in_and_saves_nothing(client, db):
    page = client.get("/how-much-might-i-pay/").content.decode()
    assert "How much might I pay for care?" in page
    events = AuditEvent.objects.count()
    body = client.post(
        "/how-much-might-i-pay/",
        {"age": "70", "couple": "no", "state_pension": "230.25", "savings": "15000", "weekly_cost_of_care": "50"},
    ).content.decode()
    assert "About £0.00 a week" in body  # 230.25 + 3 < 241.45, the 2026/27 pension-age guarantee
    body = client.post("/how-much-might-i-pay/", {"age": "70", "couple": "no", "state_pension": "300"}).content.decode()
    assert "Up to £58.55 a week" in body
    assert AuditEvent.objects.count() == events
    assert not FinancialAssessment.objects.exists()


def test_estimator_errors(client, db):
    body = client.post("/how-much-might-i-pay/", {"age": "12", "savings": "-5"}).content.decode()
    assert "You must be 18 or over" in body
    assert "Your savings must be £0 or more" in body
    assert "Select yes if you live with a husband, wife or partner" in body


def _pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    return reader, " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def test_letter_as_pdf_in_plain_english_and_easy_read(
    finance_officer, person, citizen_client, provider_client, confirmed
):
    client = _finance_client(finance_officer)
    client.post(f"/money/person/{person.pk}/", FORM)
    fa = FinancialAssessment.objects.get()
    for path in (f"/money/{fa.pk}/letter.pdf", f"/money/{fa.pk}/easy-read.pdf"):
        response = citizen_client.get(path)
        _pdf_text(response)
        assert person.reference in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"
    assert provider_client.get(f"/money/{fa.pk}/letter.pdf").status_code == 403
    downloads = AuditEvent.objects.filter(action="charging.letter_downloaded").order_by("pk")
    assert [e.new["version"] for e in downloads] == ["plain", "easy_read"]


def test_pdf_is_the_council_letter_with_the_figures_and_the_steps(
    finance_officer, person, citizen_client, settings, confirmed
):
    person.address_line_1 = "12 Lime Grove"
    person.town = "Ownway"
    person.postcode = "OW2 3CD"
    person.save()
    client = _finance_client(finance_officer)
    client.post(f"/money/person/{person.pk}/", FORM)
    fa = FinancialAssessment.objects.get()
    reader, text = _pdf_text(citizen_client.get(f"/money/{fa.pk}/letter.pdf"))
    assert reader.metadata.title == "What you pay towards your care"
    page = reader.pages[0].mediabox
    assert (round(page.width / 72 * 25.4), round(page.height / 72 * 25.4)) == (210, 297)  # A4, in mm
    # The council's letterhead, the address block and the reference, as on every council letter.
    assert settings.OWNWAY_COUNCIL_NAME in text
    assert "12 Lime Grove Ownway OW2 3CD" in text
    assert f"Our reference: {person.reference}" in text
    assert f"Our reference {person.reference} Page 1 of" in text
    # The same words and figures as the page, every step with its amount.
    assert "You pay £65.80 a week. Your care costs £300.00 a week; the council pays the rest." in text
    assert "Care and Support (Charging and Assessment of Resources) Regulations 2014" in text
    for step in fa.steps:
        assert step["label"] in text
    assert "Tariff income from capital" in text
    assert "£17.00" in text
    assert "Figure not confirmed" not in text
    _reader, easy = _pdf_text(citizen_client.get(f"/money/{fa.pk}/easy-read.pdf"))
    assert "You pay £65.80 each week." in easy
    assert "Tariff income from capital: £17.00" in easy
    assert "If you do not agree" in easy


def test_couple_with_joint_income_and_capital(finance_officer, person):
    client = _finance_client(finance_officer)
    body = client.post(f"/money/person/{person.pk}/", {**FORM, "joint_incomes": ["esa"]}).content.decode()
    assert "Enter the amount of Employment and Support Allowance before marking it joint" in body
    assert "Select member of a couple to count joint income or capital" in body
    response = client.post(
        f"/money/person/{person.pk}/",
        {**FORM, "capital": "", "member_of_couple": "on", "income_private_pension": "100",
         "joint_incomes": ["private_pension"], "joint_capital": "30000"},
    )  # fmt: skip
    assert response.status_code == 302
    fa = FinancialAssessment.objects.get()
    assert str(fa.weekly_contribution) == "141.70"  # 230.25 + 50 + 3 tariff − 141.55 couple pension-age guarantee
    assert fa.rule_set.year == "2026/27"
    assert fa.circumstances["incomes"][1] == {"kind": "private_pension", "weekly": "100.00", "joint": True}


# --- No letter with a figure that is not confirmed; the warning is for staff only ---------------------


def test_a_letter_that_uses_unconfirmed_figures_is_held_back(finance_officer, person, citizen_client,
                                                              social_worker_client):  # fmt: skip
    client = _finance_client(finance_officer)
    client.post(f"/money/person/{person.pk}/", FORM)
    fa = FinancialAssessment.objects.get()
    assert any(w.startswith("mig single pension age (£241.45)") for w in fa.warnings)
    # Staff are refused the letter, page and PDF, with which figures hold it and what to do: the finance team
    # is sent to the year's figures page, where they confirm them; no one is sent to a command line.
    for staff in (client, social_worker_client):
        for path in (f"/money/{fa.pk}/", f"/money/{fa.pk}/easy-read/", f"/money/{fa.pk}/letter.pdf",
                     f"/money/{fa.pk}/easy-read.pdf"):  # fmt: skip
            response = staff.get(path)
            assert response.status_code == 409, path
            page = response.content.decode()
            assert "This letter cannot be sent yet" in page
            assert "mig single pension age (£241.45)" in page
            assert "manage.py" not in page
            if staff is client:
                assert 'href="/money/figures/2026-27/">Check and confirm the 2026/27 charging figures</a>' in page
            else:
                assert "/money/figures/" not in page
                assert "The finance team checks and confirms the figures" in page
    # The person is told only that it is not ready: no letter, and no word of unconfirmed figures.
    for path in (f"/money/{fa.pk}/", f"/money/{fa.pk}/easy-read/", f"/money/{fa.pk}/letter.pdf"):
        response = citizen_client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        page = response.content.decode()
        assert "Your letter about what you pay is not ready yet" in page
        assert "confirm" not in page.lower()
        assert "£65.80" not in page
    assert not AuditEvent.objects.filter(action="charging.letter_downloaded").exists()


def test_the_letter_goes_out_once_the_figures_are_confirmed(finance_officer, person, citizen_client, confirmed):
    client = _finance_client(finance_officer)
    client.post(f"/money/person/{person.pk}/", {**FORM, "charges_from-day": "1", "charges_from-month": "5",
                                                "charges_from-year": "2026"})  # fmt: skip
    fa = FinancialAssessment.objects.get()
    assert (fa.warnings, fa.charges_from) == ([], dt.date(2026, 5, 1))
    letter = citizen_client.get(f"/money/{fa.pk}/").content.decode()
    assert "This applies from 1 May 2026." in letter
    assert "What happens next" in letter
    assert "within 12 months" in letter
    assert "Local Government and Social Care Ombudsman" in letter
    assert "not confirmed" not in letter.lower()
    staff_letter = client.get(f"/money/{fa.pk}/").content.decode()
    assert "not confirmed" not in staff_letter.lower()


def test_the_year_follows_the_date_the_charge_applies_from(finance_officer, person):
    client = _finance_client(finance_officer)
    body = client.post(f"/money/person/{person.pk}/", {**FORM, "charges_from-day": "1", "charges_from-month": "5",
                                                       "charges_from-year": "2031"}).content.decode()  # fmt: skip
    assert "No charging figures are held for 2031/32" in body
    client.post(f"/money/person/{person.pk}/", {**FORM, "charges_from-day": "1", "charges_from-month": "3",
                                                "charges_from-year": "2026"})  # fmt: skip
    fa = FinancialAssessment.objects.get()
    assert (fa.rule_set.year, str(fa.weekly_contribution)) == ("2025/26", "74.65")  # 290.25 − 232.60 + 17


def test_war_pensions_and_day_care_only_can_be_entered(finance_officer, person, confirmed):
    client = _finance_client(finance_officer)
    page = client.get(f"/money/person/{person.pk}/").content.decode()
    for words in ("War disablement pension (weekly)", "War widow&#39;s or widower&#39;s pension (weekly)",
                  "The council arranges their care only in the day", "The date the charge applies from"):  # fmt: skip
        assert words in page
    response = client.post(f"/money/person/{person.pk}/", {**FORM, "income_war_disablement_pension": "120",
                                                           "income_war_widows_pension": "50"})  # fmt: skip
    assert response.status_code == 302
    fa = FinancialAssessment.objects.get()
    assert str(fa.weekly_contribution) == "105.80"  # 65.80 + (50 − 10): the war disablement pension is not counted


def test_pages_work_when_no_figures_are_held_for_this_year(finance_officer, person, client):
    ChargingRuleSet.objects.filter(year="2026/27").delete()
    page = _finance_client(finance_officer).get(f"/money/person/{person.pk}/").content.decode()
    assert "No charging figures are held for 2026/27" in page
    body = client.post("/how-much-might-i-pay/", {"age": "70", "couple": "no", "state_pension": "300"})
    assert body.status_code == 200
    assert "We cannot work this out online for you at the moment. Call us on" in body.content.decode()


def test_the_estimator_never_mentions_figures_being_checked(client, db):
    body = client.post("/how-much-might-i-pay/", {"age": "70", "couple": "no", "state_pension": "300"})
    text = body.content.decode()
    assert "Up to £58.55 a week" in text
    assert "being checked" not in text
    assert "not confirmed" not in text.lower()


def test_the_recent_assessments_write_each_person_shown(finance_officer, person):
    from ownway.accounts.tests.trail import people_shown
    from ownway.charging import events

    client = _finance_client(finance_officer)
    client.post(f"/money/person/{person.pk}/", FORM)
    client.get("/money/")
    assert people_shown(events.ASSESSMENTS_LISTED, finance_officer) == [person.pk]


def test_amounts_are_read_as_people_type_them(finance_officer, person):
    client = _finance_client(finance_officer)
    typed = {**FORM, "weekly_cost_of_care": "£300", "income_state_pension": "230.25", "capital": "£18,450"}
    response = client.post(f"/money/person/{person.pk}/", typed)
    assert response.status_code == 302, response.content.decode()
    # The same figures as FORM, typed as people type them: the same contribution as the first test.
    assert str(FinancialAssessment.objects.get().weekly_contribution) == "65.80"


def test_amounts_that_are_not_real_or_too_large_are_explained_and_nothing_is_saved(finance_officer, person):
    client = _finance_client(finance_officer)
    body = client.post(
        f"/money/person/{person.pk}/",
        {**FORM, "capital": "1e309", "weekly_cost_of_care": "100,000.01", "income_private_pension": "NaN",
         "dependent_children": "1e309", "weeks_of_service_so_far": "Infinity"},
    ).content.decode()  # fmt: skip
    assert "Capital in their own name must be an amount in pounds, like 120.50" in body
    assert "Weekly cost of care must be £100,000 or less" in body
    assert "must be an amount in pounds, like 120.50" in body.split("Private pension")[-1]
    assert "Enter the number of children, like 2" in body
    assert "Weeks must be a whole number, like 2" in body
    assert not FinancialAssessment.objects.exists()


def test_estimator_takes_savings_as_typed_and_refuses_what_is_not_an_amount(client, db):
    body = client.post(
        "/how-much-might-i-pay/",
        {"age": "70", "couple": "no", "state_pension": "260", "savings": "£15,000", "weekly_cost_of_care": "50"},
    ).content.decode()
    assert "About £21.55 a week" in body  # 260 + 3 tariff on £15,000 − 241.45, the 2026/27 pension-age guarantee
    body = client.post(
        "/how-much-might-i-pay/", {"age": "1e309", "couple": "no", "savings": "1e309", "state_pension": "Infinity"}
    ).content.decode()
    assert "Enter your age as a number, like 67" in body
    assert "Your savings must be an amount in pounds, like 120.50" in body
    assert "State Pension, each week must be an amount in pounds, like 120.50" in body
