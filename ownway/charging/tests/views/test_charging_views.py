import io

from django.test import Client
from pypdf import PdfReader

from ownway.accounts.models import AuditEvent
from ownway.charging.models import FinancialAssessment


def _finance_client(finance_officer):
    client = Client()
    client.force_login(finance_officer)
    return client


FORM = {
    "weekly_cost_of_care": "300", "service": "care_and_support", "income_state_pension": "230.25",
    "income_private_pension": "60", "income_pip_mobility": "75.75", "capital": "18450",
}  # fmt: skip


def test_finance_officer_assesses_and_the_person_reads_the_letter(finance_officer, person, citizen_client):
    client = _finance_client(finance_officer)
    response = client.post("/money/", {"reference": person.reference})
    assert response["Location"] == f"/money/person/{person.pk}/"
    page = client.get(f"/money/person/{person.pk}/").content.decode()
    assert "Financial assessment" in page
    response = client.post(f"/money/person/{person.pk}/", FORM)
    assert response.status_code == 302, response.content.decode()
    fa = FinancialAssessment.objects.get()
    assert str(fa.weekly_contribution) == "92.90"  # 290.25 − 214.35 + 17 tariff
    response = citizen_client.get("/money/mine/")
    letter = citizen_client.get(response["Location"]).content.decode()
    assert "You pay £92.90 a week" in letter
    assert "Tariff income from capital" in letter
    assert "Not counted: the mobility part of PIP is not counted (Schedule 1 para 8)." in letter
    assert "Figure not confirmed" not in letter  # warnings are for staff
    easy = citizen_client.get(f"/money/{fa.pk}/easy-read/").content.decode()
    assert "You pay <strong>£92.90</strong> each week." in easy


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
    body = _finance_client(finance_officer).post("/money/", {"reference": "NOPE"}).content.decode()
    assert "No one has that reference" in body


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
    assert "About £18.90 a week" in body  # 230.25 + 3 − 214.35 = 18.90, below the £50 cost
    body = client.post("/how-much-might-i-pay/", {"age": "70", "couple": "no", "state_pension": "300"}).content.decode()
    assert "Up to £85.65 a week" in body
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


def test_letter_as_pdf_in_plain_english_and_easy_read(finance_officer, person, citizen_client, provider_client):
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


def test_pdf_is_the_council_letter_with_the_figures_and_the_steps(finance_officer, person, citizen_client, settings):
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
    assert "You pay £92.90 a week. Your care costs £300.00 a week; the council pays the rest." in text
    assert "Care and Support (Charging and Assessment of Resources) Regulations 2014" in text
    for step in fa.steps:
        assert step["label"] in text
    assert "Tariff income from capital" in text
    assert "£17.00" in text
    assert "Figure not confirmed" not in text
    _reader, easy = _pdf_text(citizen_client.get(f"/money/{fa.pk}/easy-read.pdf"))
    assert "You pay £92.90 each week." in easy
    assert "Tariff income from capital: £17.00" in easy
    assert "If you think it is wrong" in easy


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
    assert fa.circumstances["incomes"][1] == {"kind": "private_pension", "weekly": "100.00", "joint": True}


def test_amounts_are_read_as_people_type_them(finance_officer, person):
    client = _finance_client(finance_officer)
    typed = {**FORM, "weekly_cost_of_care": "£300", "income_state_pension": "230.25", "capital": "£18,450"}
    response = client.post(f"/money/person/{person.pk}/", typed)
    assert response.status_code == 302, response.content.decode()
    assert str(FinancialAssessment.objects.get().weekly_contribution) == "92.90"


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
        {"age": "70", "couple": "no", "state_pension": "230.25", "savings": "£15,000", "weekly_cost_of_care": "50"},
    ).content.decode()
    assert "About £18.90 a week" in body
    body = client.post(
        "/how-much-might-i-pay/", {"age": "1e309", "couple": "no", "savings": "1e309", "state_pension": "Infinity"}
    ).content.decode()
    assert "Enter your age as a number, like 67" in body
    assert "Your savings must be an amount in pounds, like 120.50" in body
    assert "State Pension, each week must be an amount in pounds, like 120.50" in body
