import datetime as dt
import html
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ownway.core.money import format_money
from ownway.jobs.models import Job
from ownway.jobs.services import job_start
from ownway.jobs.worker import run_queued
from ownway.payments import services
from ownway.payments.models import AccountTransaction, DirectPaymentAgreement, Payment
from ownway.payments.rules.schedule import period_containing
from ownway.payments.selectors import cycle
from ownway.payments.tasks import direct_payments_run
from ownway.payments.tests.factories import agreement_for, approved_budget
from ownway.ui.jinja2 import govuk_date

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
    # Spoken to the person: "you", no regulation numbers, the agreement's list as a list.
    assert "We will review your direct payment with you by 20 October 2026, 6 months after your first payment" in mine
    assert "reg 7" not in mine
    assert "the person" not in mine.lower()
    assert "your budget less your contribution, which you pay into the account yourself" in mine
    assert "<li>Help to get up, washed and dressed" in mine
    assert '<p class="govuk-body">- ' not in mine


def test_finance_officers_run_payments_from_the_page(social_worker, team_manager, person, finance_officer):
    agreement_for(social_worker, team_manager, person, starts_on=dt.date(2026, 4, 20))
    finance = Client()
    finance.force_login(finance_officer)
    response = finance.post("/direct-payments/run/")
    assert response.status_code == 302
    assert not Payment.objects.exists()  # the request only starts the run
    run_queued()
    assert Payment.objects.filter(period_start=dt.date(2026, 4, 6)).get().amount == Decimal("530.42")
    assert "payments made" in finance.get(response.url).content.decode()


def _pay(finance: Client) -> str:
    """Press "Pay what is due today", let the worker run it, and read the run's page."""
    response = finance.post("/direct-payments/run/")
    assert response.status_code == 302
    run_queued()
    return finance.get(response.url).content.decode()


def test_pressed_twice_the_button_starts_one_run_and_nothing_is_paid_twice(
    social_worker, team_manager, person, finance_officer
):
    agreement_for(social_worker, team_manager, person)
    finance = Client()
    finance.force_login(finance_officer)
    first = finance.post("/direct-payments/run/")
    second = finance.post("/direct-payments/run/", follow=True)
    assert second.redirect_chain[-1][0] == first.url  # the same run's page
    assert "The payment run you started is still going" in second.content.decode()
    assert Job.objects.filter(task_path=direct_payments_run.module_path).count() == 1
    page = finance.get(first.url).content.decode()
    assert "This page shows the latest every 3 seconds" in page
    run_queued()
    paid = Payment.objects.count()
    assert paid >= 1
    assert f"{paid} payment" in finance.get(first.url).content.decode()
    # Another run straight after (the button again, the scheduled run): nothing is paid twice.
    third = finance.post("/direct-payments/run/")
    assert third.url != first.url
    job_start(direct_payments_run, label="The scheduled run", arguments={})
    run_queued()
    assert Payment.objects.count() == paid
    assert len({(p.agreement_id, p.period_start) for p in Payment.objects.all()}) == paid
    assert "No payments were due today" in finance.get(third.url).content.decode()


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
    # Recovery decisions are the finance team's: the form is not shown to the worker, nor saved from them.
    assert social_worker_client.get(url + "recovery/").status_code == 403
    refused = social_worker_client.post(
        url + "recovery/", {"persons_view": "x", "amount_to_recover": "0", "reasons": "y"}
    )
    assert refused.status_code == 403
    assert social_worker_client.get(url + "nonsense/").status_code == 404


def _set_up(client, budget, *, account_name="A LOVELACE", agreed_on=None, starts_on=dt.date(2026, 4, 20)):
    return client.post(
        f"/direct-payments/set-up/{budget.pk}/",
        {"recipient": "person", "recipient_name": "Ada Lovelace", "account_name": account_name,
         "sort_code": "30-94-57", "account_number": "12345678", "basis": "net",
         **_date("starts_on", starts_on), **_date("agreed_on", agreed_on or timezone.localdate())},
    )  # fmt: skip


def test_the_set_up_page_says_the_name_limit_before_it_is_typed_and_refuses_what_cannot_go_to_the_bank(
    social_worker, team_manager, person, social_worker_client
):
    budget = approved_budget(social_worker, team_manager, person)
    page = social_worker_client.get(f"/direct-payments/set-up/{budget.pk}/").content.decode()
    hint = page.index("Up to 18 characters")
    assert hint < page.index('name="account_name"')
    assert "Use letters, numbers, spaces and . / &amp; - only" in page[hint:]
    assert "Zoë Ní Bhriain becomes ZOE NI BHRIAIN" in page[hint:]
    refused = _set_up(social_worker_client, budget, account_name="Smith, J")
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "govuk-error-summary" in text
    assert "Account name can only include letters, numbers, spaces and . / &amp; - (not “,”)" in text
    too_long = _set_up(social_worker_client, budget, account_name="Jonathan Smithson-Williams").content.decode()
    assert "Account name must be 18 characters or fewer: it is 26" in too_long
    assert not DirectPaymentAgreement.objects.exists()
    response = _set_up(social_worker_client, budget, account_name="Zoë Ní Bhriain")
    agreement = DirectPaymentAgreement.objects.get()
    assert response.url == f"/direct-payments/{agreement.pk}/"
    assert agreement.account_name == "ZOE NI BHRIAIN"
    shown = social_worker_client.get(response.url).content.decode()
    assert "The bank is sent the name ZOE NI BHRIAIN (for “Zoë Ní Bhriain”)" in shown


def test_a_direct_payment_agreed_today_is_set_up_and_one_agreed_tomorrow_is_not(
    social_worker, team_manager, person, social_worker_client
):
    budget = approved_budget(social_worker, team_manager, person)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    refused = _set_up(social_worker_client, budget, agreed_on=tomorrow).content.decode()
    assert "The date the person agreed must be today or in the past" in refused
    assert not DirectPaymentAgreement.objects.exists()
    response = _set_up(social_worker_client, budget, agreed_on=timezone.localdate())
    assert response.status_code == 302
    assert DirectPaymentAgreement.objects.get().agreed_on == timezone.localdate()
    with pytest.raises(ValidationError, match="The date the person agreed must be today or in the past"):
        services.direct_payment_agreement_create(
            actor=social_worker, budget=budget, recipient_name="Ada Lovelace", account_name="A LOVELACE",
            sort_code="309457", account_number="12345678", starts_on=dt.date(2026, 4, 20), agreed_on=tomorrow,
        )  # fmt: skip


def _next_cycle_day(today):
    anchor, length = cycle()
    return period_containing(today, anchor=anchor, length_days=length).end + dt.timedelta(days=1)


def test_pay_what_is_due_today_says_what_it_did_and_when_payments_next_fall_due(
    social_worker, team_manager, person, finance_officer, team_manager_client, citizen_client
):
    agreement = agreement_for(social_worker, team_manager, person)
    finance = Client()
    finance.force_login(finance_officer)
    today = timezone.localdate()
    next_day = govuk_date(_next_cycle_day(today))
    before = finance.get("/direct-payments/").content.decode()
    assert f"due by {govuk_date(today)} have not been made" in before

    paid = _pay(finance)
    payments = Payment.objects.all()
    total = sum(p.amount for p in payments)
    assert f"{len(payments)} payments made, {format_money(total)} in all, in the bank file DP-" in paid
    assert f"The next payments fall due on {next_day}: 1 direct payment, £1,060.84." in paid

    again = _pay(finance)
    assert (
        f"No payments were due today: every payment due by {govuk_date(today)} had already been made. "
        f"The next payments fall due on {next_day}: 1 direct payment, £1,060.84."
    ) in again
    assert Payment.objects.count() == len(payments)

    account = finance.get(f"/direct-payments/{agreement.pk}/").content.decode()
    assert f'Next payment</dt><dd class="govuk-summary-list__value">£1,060.84 on {next_day}' in account
    mine = citizen_client.get("/my-money/").content.decode()
    assert f'My next payment</dt><dd class="govuk-summary-list__value">£1,060.84 on {next_day}' in mine

    services.direct_payment_suspend(actor=finance_officer, agreement=agreement, starts_on=today, reason="In hospital")
    suspended = _pay(finance)
    assert "No payments were made. No direct payment is being paid. 1 suspended direct payment is not paid until " in (
        suspended
    )
    assert "None while the direct payment is suspended" in citizen_client.get("/my-money/").content.decode()


def test_a_bank_file_that_cannot_be_written_is_explained_on_the_page_not_a_server_error(
    social_worker, team_manager, person, finance_officer, settings, tmp_path
):
    agreement_for(social_worker, team_manager, person)
    blocker = tmp_path / "blocked"
    blocker.write_text("")
    settings.OWNWAY_BACS_DIR = blocker / "bacs"
    finance = Client()
    finance.force_login(finance_officer)
    response = finance.post("/direct-payments/run/")
    run_queued()
    page = finance.get(response.url).content.decode()
    assert "The payment run stopped before the end. The bank file DP-" in page
    assert "could not be written" in page
    assert "Its payments are kept and not sent: the next run writes it. Nothing is paid twice." in page


# --- Each person a list shows is written to the audit trail -----------------------------------------


def test_the_list_of_direct_payments_writes_each_person_shown(social_worker, team_manager, person, finance_officer):
    from ownway.accounts.tests.trail import people_shown
    from ownway.payments import events

    agreement_for(social_worker, team_manager, person)
    client = Client()
    client.force_login(finance_officer)
    client.get("/direct-payments/")
    assert people_shown(events.AGREEMENTS_LISTED, finance_officer) == [person.pk]


def test_the_reviews_due_write_each_person_shown(
    social_worker, team_manager, person, finance_officer, social_worker_client
):
    from ownway.accounts.tests.trail import people_shown
    from ownway.payments import events

    agreement_for(social_worker, team_manager, person)
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))
    social_worker_client.get("/direct-payments/reviews/")
    assert people_shown(events.REVIEWS_LISTED, social_worker) == [person.pk]


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


def test_without_a_statement_the_balance_is_not_known_and_not_shown_as_nothing(
    social_worker, team_manager, person, finance_officer, citizen_client
):
    agreement = agreement_for(social_worker, team_manager, person)
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))
    mine = citizen_client.get("/my-money/").content.decode()
    assert "Not known yet: we have not had a statement from your bank" in mine
    assert "£0.00" not in mine.split("Money in my account", 1)[1].split("</dd>", 1)[0]
    finance = Client()
    finance.force_login(finance_officer)
    assert "Not known: no statement imported yet" in finance.get(f"/direct-payments/{agreement.pk}/").content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("s.csv", b"\x81\x8d\x8f\x90\x9d" * 20, "The file is not text saved as CSV"),
        ("s.csv", b"Date,Description,Amount\x00\n01/05/2026,SHOP\x00,-3.00\n", "The file is not text saved as CSV"),
        ("s.csv", b'Date,Description,Amount\n01/05/2026,"SHOP' + b"x" * 200_000 + b"\n", "Line 2 cannot be split"),
    ],
    ids=["undecodable", "nul", "unclosed-quote"],
)
def test_a_statement_that_is_not_a_csv_file_is_refused_on_the_page(
    social_worker, team_manager, person, finance_officer, name, data, message
):
    agreement = agreement_for(social_worker, team_manager, person)
    finance = Client()
    finance.force_login(finance_officer)
    response = finance.post(f"/direct-payments/{agreement.pk}/", {"statement": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not AccountTransaction.objects.exists()


def test_a_csv_statement_saved_as_unicode_text_is_read(social_worker, team_manager, person, finance_officer):
    agreement = agreement_for(social_worker, team_manager, person)
    finance = Client()
    finance.force_login(finance_officer)
    data = "Date,Description,Amount\n01/05/2026,CAFÉ NERO,-3.00\n".encode("utf-16")
    response = finance.post(f"/direct-payments/{agreement.pk}/", {"statement": SimpleUploadedFile("s.csv", data)})
    assert response.status_code == 302
    assert AccountTransaction.objects.get().description == "CAFÉ NERO"


def test_an_ofx_statement_with_long_ids_and_control_characters_is_stored_as_it_fits(
    social_worker, team_manager, person, finance_officer
):
    agreement = agreement_for(social_worker, team_manager, person)
    finance = Client()
    finance.force_login(finance_officer)
    long_id = b"9" * 200
    ofx = (
        (DATA / "statement.ofx")
        .read_bytes()
        .replace(b"<FITID>202605020001", b"<FITID>" + long_id)
        .replace(b"<NAME>ARGOS LTD", b"<NAME>ARGOS\x01LTD")
    )
    response = finance.post(f"/direct-payments/{agreement.pk}/", {"statement": SimpleUploadedFile("s.ofx", ofx)})
    assert response.status_code == 302
    argos = AccountTransaction.objects.get(description__startswith="ARGOS")
    assert argos.description == "ARGOS LTD"
    assert len(argos.bank_id) <= AccountTransaction._meta.get_field("bank_id").max_length
    again = finance.post(f"/direct-payments/{agreement.pk}/", {"statement": SimpleUploadedFile("s.ofx", ofx)})
    assert again.status_code == 302
    assert AccountTransaction.objects.count() == 4  # the same statement again adds nothing


@pytest.mark.parametrize("action", ["suspend", "end", "switch"])
def test_a_reason_longer_than_a_page_is_a_message_and_saves_nothing(social_worker, team_manager, person, action):
    agreement = agreement_for(social_worker, team_manager, person)
    manager = Client()
    manager.force_login(team_manager)
    response = manager.post(f"/direct-payments/{agreement.pk}/{action}/", {"reason": "x" * 2001})
    assert response.status_code == 200
    assert "Reason must be 2,000 characters or fewer" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "active"


def test_my_money_asks_the_same_number_of_queries_however_long_the_account_has_run(
    social_worker, team_manager, person, finance_officer, citizen_client, django_assert_max_num_queries
):
    """The account is opened once and its rates, balance and payments are each read once: a month of payments
    and a year of them, with a statement's transactions, ask the database as many times."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    agreement = agreement_for(social_worker, team_manager, person)
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert citizen_client.get("/my-money/").status_code == 200
        return len(context.captured_queries)

    few = count()
    services.statement_import(
        actor=finance_officer,
        agreement=agreement,
        file_name="statement.csv",
        data=(DATA / "statement.csv").read_bytes(),
    )
    services.payment_run(actor=finance_officer, as_of=dt.date(2027, 4, 20))
    assert Payment.objects.filter(agreement=agreement).count() > 10
    # 19: with the jargon buster's terms, read once for the page's explanations (ownway.ui.explain).
    with django_assert_max_num_queries(19):
        assert citizen_client.get("/my-money/").status_code == 200
    assert count() <= few  # a statement held gives the balance: the transactions need not be added up
