import datetime as dt
import html
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


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("1e309", "Row 2: the amount '1e309' must be an amount in pounds, like 12.50"),
        ("NaN", "Row 2: the amount 'NaN' must be an amount in pounds, like 12.50"),
        ("1000000000000000000", "Row 2: the amount '1000000000000000000' must be £1,000,000 or less"),
        ("-1000000000000000000", "Row 2: the amount '-1000000000000000000' must be -£1,000,000 or more"),
        ("12.345", "Row 2: the amount '12.345' must be in pounds and pence"),
    ],
)
def test_a_statement_amount_that_is_not_real_money_is_refused_on_the_page(
    social_worker, team_manager, person, finance_officer, amount, message
):
    agreement = agreement_for(social_worker, team_manager, person)
    finance = Client()
    finance.force_login(finance_officer)
    statement = f"Date,Description,Amount\n01/05/2026,SHOP,{amount}\n02/05/2026,SHOP,-3.00\n".encode()
    response = finance.post(f"/direct-payments/{agreement.pk}/", {"statement": SimpleUploadedFile("s.csv", statement)})
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not AccountTransaction.objects.exists()
    assert finance.get(f"/direct-payments/{agreement.pk}/").status_code == 200


def test_an_ofx_amount_too_large_for_an_account_is_refused(social_worker, team_manager, person, finance_officer):
    agreement = agreement_for(social_worker, team_manager, person)
    finance = Client()
    finance.force_login(finance_officer)
    ofx = (DATA / "statement.ofx").read_bytes().replace(b"<TRNAMT>-41.99", b"<TRNAMT>-1000000000000000000")
    response = finance.post(f"/direct-payments/{agreement.pk}/", {"statement": SimpleUploadedFile("s.ofx", ofx)})
    assert response.status_code == 200
    assert "Transaction 4: the amount must be -£1,000,000 or more" in response.content.decode()
    assert not AccountTransaction.objects.exists()


def test_two_managers_acting_on_the_same_direct_payment_the_second_is_refused_with_both_shown(
    social_worker, team_manager, person, finance_officer
):
    from ownway.ui.tests.stale import refused_stale_save, version_on_page

    agreement = agreement_for(social_worker, team_manager, person)
    url = f"/direct-payments/{agreement.pk}/"
    first, second = Client(), Client()
    first.force_login(team_manager)
    second.force_login(finance_officer)
    # Both open a form on the account while the payment is active.
    suspend_version = version_on_page(first.get(url + "suspend/").content.decode())
    end_version = version_on_page(second.get(url + "end/").content.decode())
    suspended = first.post(
        url + "suspend/",
        {**_date("starts_on", dt.date(2026, 5, 1)), "reason": "In hospital", "lock_version": suspend_version},
    )
    assert suspended.status_code == 302
    refused = second.post(
        url + "end/", {**_date("ends_on", dt.date(2026, 5, 31)), "reason": "Moved away", "lock_version": end_version}
    )
    page, table = refused_stale_save(refused, "direct payment")
    assert "Suspended" in table
    assert "End the direct payment" in table
    assert 'value="Moved away"' in page or ">Moved away</textarea>" in page
    agreement.refresh_from_db()
    assert agreement.status == "suspended"
    assert agreement.ends_on is None


def test_a_stale_suspension_is_refused_by_the_service(social_worker, team_manager, person):
    from ownway.core.versioning import StaleEdit

    agreement = agreement_for(social_worker, team_manager, person)
    opened = agreement.lock_version
    services.direct_payment_end(
        actor=team_manager, agreement=agreement, ends_on=dt.date(2026, 5, 31), reason="Moved", expected_version=opened
    )
    agreement.status = "active"  # the second person's page still shows it active
    with pytest.raises(StaleEdit):
        services.direct_payment_suspend(
            actor=team_manager, agreement=agreement, starts_on=dt.date(2026, 5, 1), reason="x", expected_version=opened
        )
    agreement.refresh_from_db()
    assert agreement.status == "ended"
    assert not agreement.suspensions.exists()
