import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection

from ownway.payments import services
from ownway.payments.models import AgreementStatus, BacsFile, LedgerEntry, Payment, PaymentRun, RunStatus
from ownway.payments.selectors import ledger_reconciliation
from ownway.payments.tests.factories import agreement_for

pytestmark = pytest.mark.django_db

# The council's cycle starts on Monday 6 April 2026 (settings); the plan starts on Monday 20 April.
FIRST_RUN = dt.date(2026, 4, 20)


@pytest.fixture
def agreement(social_worker, team_manager, person):
    return agreement_for(social_worker, team_manager, person)


def test_the_agreement_is_in_plain_english_with_the_amounts(agreement):
    # DP lines: PA £301.71 + choir £8.50 = £310.21 a week; contribution £45
    rate = agreement.rates.get()
    assert (rate.weekly_budget, rate.weekly_contribution) == (Decimal("310.21"), Decimal("45.00"))
    assert "We pay £265.21 a week into your account every four weeks, in advance." in agreement.conditions
    assert "You pay your contribution of £45.00 a week" in agreement.conditions
    assert "Help to get up, washed and dressed (Ann Lee): £301.71 a week" in agreement.may_spend_on
    assert agreement.reference.startswith("DP")


def test_first_payment_is_pro_rata_and_a_repeat_run_pays_nothing(agreement, finance_officer):
    run = services.payment_run(actor=finance_officer, as_of=FIRST_RUN)
    payment = Payment.objects.get()
    # 14 of the 28 days from 6 April: 2 weeks × £265.21
    assert payment.amount == Decimal("530.42")
    assert payment.days_paid == 14
    assert (run.status, run.payments_made, run.total) == (RunStatus.COMPLETED, 1, Decimal("530.42"))
    agreement.refresh_from_db()
    assert agreement.first_payment_on == FIRST_RUN
    again = services.payment_run(actor=finance_officer, as_of=FIRST_RUN)
    assert again.payments_made == 0
    assert not BacsFile.objects.filter(run=again).exists()
    assert Payment.objects.count() == 1
    later = services.payment_run(actor=None, as_of=dt.date(2026, 5, 4))
    assert later.total == Decimal("1060.84")  # a full four weeks
    assert ledger_reconciliation().reconciles


def test_bacs_file_has_one_credit_per_account_and_a_trailer(
    agreement, finance_officer, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.payment_run(actor=finance_officer, as_of=dt.date(2026, 5, 4))  # catches up two periods
    bacs = run.bacs_file
    lines = bacs.content.splitlines()
    assert lines[0].startswith("H,")
    assert lines[1] == f"D,309457,12345678,A LOVELACE DP,99,159126,{agreement.reference}"
    assert lines[-1] == "T,1,159126"
    assert bacs.payments_count == 2
    assert bacs.total == Decimal("1591.26")
    assert (settings.OWNWAY_BACS_DIR / bacs.name).read_text() == bacs.content


def test_gross_basis_pays_it_all_and_ledgers_the_contribution(social_worker, team_manager, person, finance_officer):
    agreement_for(social_worker, team_manager, person, basis="gross")
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 5, 4))
    assert Payment.objects.get(period_start=dt.date(2026, 5, 4)).amount == Decimal("1240.84")
    due = LedgerEntry.objects.filter(kind="contribution_due")
    assert [entry.amount for entry in due] == [Decimal("90.00"), Decimal("180.00")]


def test_an_interrupted_run_is_finished_by_the_next_and_nothing_is_paid_twice(
    social_worker, team_manager, person, other_team_person, finance_officer
):
    from ownway.people.tests.factories import PersonFactory

    people = [person, *(PersonFactory(team=person.team) for _ in range(4))]
    for someone in people:
        agreement_for(social_worker, team_manager, someone)
    with pytest.raises(services.RunInterrupted):
        services.payment_run(actor=finance_officer, as_of=FIRST_RUN, batch_size=2, stop_after_batches=1)
    stopped = PaymentRun.objects.get()
    assert stopped.status == RunStatus.FAILED
    assert Payment.objects.count() == 2
    assert not BacsFile.objects.exists()
    services.payment_run(actor=finance_officer, as_of=FIRST_RUN, batch_size=2)
    assert Payment.objects.count() == 5
    assert BacsFile.objects.get().payments_count == 5  # the stopped run's payments are sent too, once
    check = ledger_reconciliation()
    assert check.reconciles
    assert check.payments_not_in_a_file == 0


def test_suspended_days_are_not_paid_and_resuming_pays_the_rest(agreement, finance_officer, team_manager):
    services.direct_payment_suspend(
        actor=team_manager, agreement=agreement, starts_on=dt.date(2026, 4, 20), reason="In hospital"
    )
    assert services.payment_run(actor=finance_officer, as_of=dt.date(2026, 5, 4)).payments_made == 0
    services.direct_payment_resume(actor=finance_officer, agreement=agreement, resumes_on=dt.date(2026, 5, 11))
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 5, 11))
    payment = Payment.objects.get()
    assert payment.period_start == dt.date(2026, 5, 4)
    assert payment.days_paid == 21
    assert payment.amount == Decimal("795.63")  # 3 weeks × £265.21


def test_ending_stops_payments_after_the_end(agreement, finance_officer):
    services.direct_payment_end(
        actor=finance_officer, agreement=agreement, ends_on=dt.date(2026, 5, 10), reason="Moved away"
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 8, 1))
    assert [p.days_paid for p in Payment.objects.order_by("period_start")] == [14, 7]
    with pytest.raises(ValidationError, match="already ended"):
        services.direct_payment_end(actor=finance_officer, agreement=agreement, ends_on=FIRST_RUN, reason="x")


def test_switching_a_line_back_to_the_council_lowers_the_payment_from_that_day(
    agreement, social_worker, finance_officer
):
    line = agreement.budget.lines.get(plan_line__kind="service")
    services.direct_payment_line_to_council(
        actor=social_worker, agreement=agreement, line=line, effective_on=dt.date(2026, 5, 4),
        reason="The council pays the choir directly",
    )  # fmt: skip
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 5, 4))
    assert Payment.objects.get(period_start=dt.date(2026, 5, 4)).amount == Decimal("1026.84")  # (301.71-45) × 4


def test_a_long_reason_for_switching_a_line_is_kept_whole_and_the_rate_says_it_in_short(agreement, social_worker):
    from ownway.payments.models import AgreementRate
    from ownway.planning.models import ManagementChange

    line = agreement.budget.lines.get(plan_line__kind="service")
    reason = "The council pays the choir directly, " * 50  # 1,850 characters
    rate = services.direct_payment_line_to_council(
        actor=social_worker, agreement=agreement, line=line, effective_on=dt.date(2026, 5, 4), reason=reason
    )
    limit = AgreementRate._meta.get_field("reason").max_length
    assert len(rate.reason) <= limit
    assert rate.reason.startswith(f"“{line.plan_line.description}” now arranged by the council: The council pays")
    assert rate.reason.endswith("…")
    assert ManagementChange.objects.get().reason == reason.strip()


def test_only_finance_officers_run_payments(agreement, social_worker, citizen):
    for user in (social_worker, citizen):
        with pytest.raises(PermissionDenied):
            services.payment_run(actor=user, as_of=FIRST_RUN)
    with pytest.raises(PermissionDenied):
        services.direct_payment_suspend(actor=citizen, agreement=agreement, starts_on=FIRST_RUN, reason="x")


def test_the_command_runs_and_reports(agreement, capsys):
    call_command("run_direct_payments", "--as-of", "2026-04-20")
    call_command("run_direct_payments", "--as-of", "2026-04-20")
    out = capsys.readouterr().out
    assert "1 payments, £530.42" in out
    assert "Nothing new to send to the bank" in out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_runs_at_the_same_time_never_pay_twice(social_worker, team_manager, person, finance_officer):
    from ownway.people.tests.factories import PersonFactory

    for someone in [person, *(PersonFactory(team=person.team) for _ in range(5))]:
        agreement_for(social_worker, team_manager, someone)
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def run() -> None:
        try:
            barrier.wait()
            services.payment_run(actor=finance_officer, as_of=dt.date(2026, 5, 4), batch_size=2)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Payment.objects.count() == 12  # six agreements, two periods each, once
    assert sum(f.payments_count for f in BacsFile.objects.all()) == 12
    assert ledger_reconciliation().reconciles
