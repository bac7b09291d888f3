import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ownway.payments import services
from ownway.payments.models import AccountTransaction, Payment
from ownway.payments.tests.factories import agreement_for

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _bacs_dir(settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"


def test_finance_imports_a_statement_and_the_person_sees_their_balance(
    social_worker, team_manager, person, finance_officer, citizen_client
):
    agreement = agreement_for(social_worker, team_manager, person)
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))
    finance = Client()
    finance.force_login(finance_officer)
    page = finance.get("/direct-payments/").content.decode()
    assert agreement.reference in page
    response = finance.post(
        f"/direct-payments/{agreement.pk}/",
        {"statement": SimpleUploadedFile("statement.csv", (DATA / "statement.csv").read_bytes())},
    )
    assert response.status_code == 302
    assert AccountTransaction.objects.count() == 7
    page = finance.get(f"/direct-payments/{agreement.pk}/").content.decode()
    assert "£293.32" in page
    assert "Help to get up, washed and dressed" in page
    bad = finance.post(
        f"/direct-payments/{agreement.pk}/", {"statement": SimpleUploadedFile("s.txt", b"hello")}
    ).content.decode()
    assert "Choose a statement saved as CSV (.csv) or OFX (.ofx)" in bad
    mine = citizen_client.get("/my-money/").content.decode()
    assert "Money in my account" in mine
    assert "£293.32" in mine
    assert "£265.21 a week" in mine
    assert "The first review is due by 20 October 2026" in mine


def test_finance_officers_run_payments_from_the_page(social_worker, team_manager, person, finance_officer):
    agreement_for(social_worker, team_manager, person, starts_on=dt.date(2026, 4, 20))
    finance = Client()
    finance.force_login(finance_officer)
    response = finance.post("/direct-payments/run/")
    assert response.status_code == 302
    assert Payment.objects.filter(period_start=dt.date(2026, 4, 6)).get().amount == Decimal("530.42")
    assert "payments made" in finance.get("/direct-payments/").content.decode()


def test_others_cannot_run_payments_or_import(
    social_worker_client, citizen_client, social_worker, team_manager, person
):
    agreement = agreement_for(social_worker, team_manager, person)
    assert social_worker_client.post("/direct-payments/run/").status_code == 403
    assert citizen_client.get("/direct-payments/").status_code == 403
    response = social_worker_client.post(
        f"/direct-payments/{agreement.pk}/", {"statement": SimpleUploadedFile("statement.csv", b"x")}
    )
    assert response.status_code == 403


def test_the_reviews_page_lists_what_is_due(social_worker, team_manager, person, finance_officer, social_worker_client):
    agreement = agreement_for(social_worker, team_manager, person)
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))
    page = social_worker_client.get("/direct-payments/reviews/").content.decode()
    # Today (after 20 October 2026) the first review is late; before then it is due.
    assert agreement.reference in page
    assert "20 October 2026" in page


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_suspend_resume_review_surplus_and_switch_through_the_pages(
    social_worker, team_manager, person, finance_officer, team_manager_client, social_worker_client
):
    agreement = agreement_for(social_worker, team_manager, person)
    url = f"/direct-payments/{agreement.pk}/"
    page = team_manager_client.get(url).content.decode()
    assert "Suspend" in page
    bad = team_manager_client.post(url + "suspend/", {"reason": ""}).content.decode()
    assert "Enter the reason" in bad
    response = team_manager_client.post(
        url + "suspend/", {**_date("starts_on", dt.date(2026, 5, 1)), "reason": "In hospital"}
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "suspended"
    early = team_manager_client.post(url + "resume/", _date("resumes_on", dt.date(2026, 4, 1))).content.decode()
    assert "Payments must resume after the day they were suspended" in early
    team_manager_client.post(url + "resume/", _date("resumes_on", dt.date(2026, 5, 20)))
    agreement.refresh_from_db()
    assert agreement.status == "active"
    social_worker_client.post(url + "review/", {**_date("held_on", dt.date(2026, 9, 1)), "notes": "Going well"})
    assert agreement.reviews.get().notes == "Going well"
    line = agreement.budget.lines.get(plan_line__kind="service")
    social_worker_client.post(
        url + "switch/", {"line": line.pk, **_date("effective_on", dt.date(2026, 6, 1)), "reason": "Ada asked"}
    )
    line.refresh_from_db()
    assert line.management == "council_managed"
    assert social_worker_client.get(url + "recovery/").status_code == 200
    refused = social_worker_client.post(
        url + "recovery/", {"persons_view": "x", "amount_to_recover": "0", "reasons": "y"}
    )
    assert refused.status_code == 403
    assert social_worker_client.get(url + "nonsense/").status_code == 404


def test_every_agreement_is_listed_a_page_at_a_time_and_found_by_name(
    social_worker, team_manager, person, finance_officer, team
):
    from ownway.payments.models import DirectPaymentAgreement
    from ownway.people.tests.factories import PersonFactory

    first = agreement_for(social_worker, team_manager, person)
    copies = []
    for n in range(210):
        copy = DirectPaymentAgreement.objects.get(pk=first.pk)
        copy.pk = None
        copy.reference = f"DPX{n:04d}"
        copy.person = PersonFactory(first_name=f"Someone{n}", last_name="Else", team=team)
        copies.append(copy)
    DirectPaymentAgreement.objects.bulk_create(copies)
    finance = Client()
    finance.force_login(finance_officer)
    first_page = finance.get("/direct-payments/").text
    assert "211 agreements" in first_page
    assert 'class="govuk-pagination' in first_page
    last_page = finance.get("/direct-payments/", {"page": "5"}).text
    assert "DPX0209" in last_page  # nothing is left off the end
    by_name = finance.get("/direct-payments/", {"q": "lovelace"}).text
    assert first.reference in by_name
    assert "DPX0000" not in by_name
    by_reference = finance.get("/direct-payments/", {"sort": "reference", "order": "desc"}).text
    assert 'aria-sort="descending"' in by_reference
    assert by_reference.index("DPX0209") < by_reference.index("DPX0208")
