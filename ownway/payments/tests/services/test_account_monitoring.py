import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.payments import selectors, services
from ownway.payments.models import AccountTransaction, LedgerEntry
from ownway.payments.statements import StatementError, parse_csv
from ownway.payments.tests.factories import agreement_for

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def agreement(social_worker, team_manager, person, finance_officer):
    agreement = agreement_for(social_worker, team_manager, person)
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))
    agreement.refresh_from_db()
    return agreement


def _import(agreement, user, name):
    return services.statement_import(
        actor=user, agreement=agreement, file_name=name, data=(DATA / name.split("-")[-1]).read_bytes()
    )


def test_csv_statement_is_matched_to_plan_lines_and_categories(agreement, finance_officer):
    record = _import(agreement, finance_officer, "statement.csv")
    assert record.transactions_added == 7
    got = {
        (t.description, t.category, t.plan_line.description if t.plan_line else None)
        for t in agreement.transactions.all()
    }
    assert ("ANN LEE WAGES WK1", "plan_line", "Help to get up, washed and dressed") in got
    assert ("FRIENDLY DAY SERVICES CHOIR", "plan_line", "Community choir, Thursday evenings") in got
    assert ("HMRC PAYE 123PA00045678", "pa_tax", None) in got
    assert ("TESCO STORES 2231", "to_check", None) in got
    assert ("A LOVELACE CONTRIBUTION", "contribution", None) in got
    assert agreement.transactions.get(amount=Decimal("530.42")).category == "council_payment"
    assert selectors.account_balance(agreement) == Decimal("293.32")


def test_importing_the_same_statement_again_adds_nothing(agreement, finance_officer):
    _import(agreement, finance_officer, "statement.csv")
    again = _import(agreement, finance_officer, "statement.csv")
    assert (again.transactions_added, again.transactions_already_held) == (0, 7)
    assert AccountTransaction.objects.count() == 7  # both identical Tesco lines kept, once each


def test_ofx_statement(agreement, finance_officer):
    record = _import(agreement, finance_officer, "statement.ofx")
    assert record.format == "ofx"
    assert record.transactions_added == 4
    assert agreement.transactions.get(bank_id="ofx-202605010001").category == "pension"
    assert selectors.account_balance(agreement) == Decimal("223.29")


def test_a_bad_file_gets_a_clear_error_and_nothing_is_saved(agreement, finance_officer):
    with pytest.raises(ValidationError, match="Row 2: '31/02/2026' is not a date"):
        services.statement_import(
            actor=finance_officer, agreement=agreement, file_name="s.csv",
            data=b"Date,Description,Amount\n31/02/2026,Shop,-3.00\n",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="CSV"):
        services.statement_import(actor=finance_officer, agreement=agreement, file_name="s.pdf", data=b"%PDF")
    with pytest.raises(ValidationError, match="not a statement in OFX"):
        services.statement_import(actor=finance_officer, agreement=agreement, file_name="s.ofx", data=b"<OFX>")
    assert not AccountTransaction.objects.exists()


def test_csv_with_a_signed_amount_column_and_newest_first():
    statement = parse_csv(
        "Transaction Date,Details,Amount,Balance\n"
        '02/05/2026,SHOP,"-1,020.50",100.00\n'
        "01/05/2026,COUNCIL,£1120.50,1120.50\n".encode()
    )
    assert [line.amount for line in statement.lines] == [Decimal("-1020.50"), Decimal("1120.50")]
    assert (statement.closing_balance, statement.balance_on) == (Decimal("100.00"), dt.date(2026, 5, 2))
    with pytest.raises(StatementError, match="first row must name the columns"):
        parse_csv(b"a,b\n1,2\n")


def test_only_finance_officers_import_and_citizens_cannot(agreement, citizen, social_worker):
    for user in (citizen, social_worker):
        with pytest.raises(PermissionDenied):
            _import(agreement, user, "statement.csv")


def test_a_transaction_is_put_right_by_hand(agreement, finance_officer):
    _import(agreement, finance_officer, "statement.csv")
    tesco = agreement.transactions.filter(description__startswith="TESCO").first()
    line = agreement.budget.lines.get(plan_line__kind="pa_hours")
    with pytest.raises(ValidationError, match="line of the person's plan"):
        services.transaction_categorise(actor=finance_officer, account_transaction=tesco, category="plan_line")
    services.transaction_categorise(
        actor=finance_officer, account_transaction=tesco, category="plan_line", plan_line_id=line.plan_line_id
    )
    tesco.refresh_from_db()
    assert tesco.plan_line_id == line.plan_line_id
    summary = selectors.account_summary(agreement, dt.date(2026, 5, 5))
    assert summary.to_check == 1
    assert summary.paid_in_total == Decimal("530.42")
    assert {s.label: s.amount for s in summary.spending}["Help to get up, washed and dressed"] == Decimal("283.10")


def test_surplus_is_flagged_and_recovery_needs_the_persons_view(agreement, finance_officer):
    services.statement_import(
        actor=finance_officer, agreement=agreement, file_name="s.csv",
        data=b"Date,Description,Amount,Balance\n01/05/2026,Saved up,2500.00,2500.00\n",
    )  # fmt: skip
    check = selectors.surplus_for(agreement, dt.date(2026, 5, 5))
    # 8 weeks × £265.21 = £2,121.68 allowed
    assert check.flagged
    assert check.surplus == Decimal("378.32")
    with pytest.raises(ValidationError, match="without hearing them"):
        services.recovery_decide(
            actor=finance_officer, agreement=agreement, decided_on=dt.date(2026, 5, 6),
            amount_to_recover=Decimal(100), persons_view="", reasons="Surplus",
        )  # fmt: skip
    with pytest.raises(ValidationError, match=r"£378\.32 at most"):
        services.recovery_decide(
            actor=finance_officer, agreement=agreement, decided_on=dt.date(2026, 5, 6),
            amount_to_recover=Decimal(1000), persons_view="Saving for a holiday", reasons="Surplus",
        )  # fmt: skip
    decision = services.recovery_decide(
        actor=finance_officer, agreement=agreement, decided_on=dt.date(2026, 5, 6),
        amount_to_recover=Decimal("0.00"), persons_view="Ada is saving for a short break with her PA in June",
        reasons="The short break meets her outcome of getting out: she keeps it",
    )  # fmt: skip
    assert decision.amount_to_recover == 0
    assert not LedgerEntry.objects.filter(kind="recovery").exists()


def test_reviews_are_due_six_months_after_the_first_payment_then_yearly(agreement, social_worker, finance_officer):
    due = selectors.review_due_for(agreement, dt.date(2026, 5, 1))
    assert due.due_by == dt.date(2026, 10, 20)
    services.direct_payment_review_record(
        actor=social_worker, agreement=agreement, held_on=dt.date(2026, 9, 1), notes="Working well, keep going"
    )
    assert selectors.review_due_for(agreement, dt.date(2026, 9, 2)).due_by == dt.date(2027, 9, 1)
    with pytest.raises(PermissionDenied):
        services.direct_payment_review_record(
            actor=finance_officer, agreement=agreement, held_on=dt.date(2026, 9, 1), notes="x"
        )


def test_the_citizen_sees_only_their_own_account(agreement, citizen, other_team_person, django_user_model):
    assert selectors.agreement_get_for_user(user=citizen, pk=agreement.pk) == agreement
    assert list(selectors.agreements_of_citizen(user=citizen)) == [agreement]
    from ownway.accounts.roles import Role

    stranger = django_user_model.objects.create_user(
        username="stranger", password="x" * 12, role=Role.CITIZEN, person=other_team_person
    )
    with pytest.raises(PermissionDenied):
        selectors.agreement_get_for_user(user=stranger, pk=agreement.pk)


@pytest.mark.parametrize("run_dates", [["2026-04-20", "2026-04-20", "2026-06-01", "2026-05-04", "2026-09-30"]])
def test_the_ledger_reconciles_after_every_run(agreement, finance_officer, run_dates):
    for day in run_dates:
        services.payment_run(actor=finance_officer, as_of=dt.date.fromisoformat(day))
        check = selectors.ledger_reconciliation()
        assert check.reconciles, check
        assert check.payments_not_in_a_file == 0


def test_reviews_worklist_puts_late_ones_first(agreement, social_worker, citizen, django_assert_max_num_queries):
    rows = selectors.reviews_due_for_user(user=social_worker, today=dt.date(2026, 10, 1))
    assert [(row.agreement, row.review.due_by, row.review.overdue) for row in rows] == [
        (agreement, dt.date(2026, 10, 20), False)
    ]
    assert selectors.reviews_due_for_user(user=social_worker, today=dt.date(2026, 5, 1)) == []
    # the agreements and their reviews; the audit rows of the people shown, in one insert (in a savepoint)
    with django_assert_max_num_queries(5):
        late = selectors.reviews_due_for_user(user=social_worker, today=dt.date(2026, 11, 1))
    assert late[0].review.overdue
    with pytest.raises(PermissionDenied):
        selectors.reviews_due_for_user(user=citizen, today=dt.date(2026, 11, 1))


def test_the_payments_outlook_is_for_finance_and_its_queries_do_not_grow_with_the_agreements(
    agreement, social_worker, team_manager, finance_officer, django_assert_max_num_queries
):
    from ownway.people.tests.factories import PersonFactory

    for _ in range(3):
        agreement_for(social_worker, team_manager, PersonFactory(team=agreement.person.team))
    with pytest.raises(PermissionDenied):
        selectors.payments_outlook(user=social_worker, today=dt.date(2026, 4, 20))
    with django_assert_max_num_queries(5):
        outlook = selectors.payments_outlook(user=finance_officer, today=dt.date(2026, 4, 20))
    # The first agreement was paid on 20 April; the three new ones are due that day too.
    assert (outlook.being_paid, outlook.late, outlook.late_total) == (4, 3, Decimal("1591.26"))
    assert (outlook.next_due_on, outlook.next_count, outlook.next_total) == (dt.date(2026, 5, 4), 4, Decimal("4243.36"))
    assert outlook.explanation == (
        "3 payments (£1,591.26) due by 20 April 2026 have not been made. "
        "The next payments fall due on 4 May 2026: 4 direct payments, £4,243.36."
    )
