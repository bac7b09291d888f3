"""Writing direct payments: agreements, payment runs, statements, recovery decisions and reviews.

Each service is one transaction and audited, except ``payment_run``, which works in batches so that a run
of thousands of payments neither holds one long transaction nor pays twice: every batch locks its
agreements, skips periods already paid and relies on the database's one-payment-per-agreement-and-period
constraint as the last guard. A run stopped part way leaves whole batches paid; the next run pays the rest
and puts every payment not yet sent into its BACS file. The file is an outbox (see ``models.BacsFile``): a
payment counts as sent only once the file it is in has been written, synced and recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.charging.followers import ContributionChange
from ownway.core.money import format_money, pence, pounds
from ownway.core.text import column_length, shortened
from ownway.core.versioning import version_claim
from ownway.core.workflow import transition
from ownway.planning import services as planning_services
from ownway.planning.models import BudgetLine, BudgetStatus, PersonalBudget
from ownway.planning.rules.management import DIRECT_PAYMENT_KINDS, Management
from ownway.planning.rules.splits import Split, split_on
from ownway.planning.selectors import budget_splits, budget_splits_of
from ownway.ui.csv_files import csv_text
from ownway.ui.jinja2 import govuk_date

from . import events
from .faults import fault_point
from .models import (
    AccountTransaction,
    AgreementRate,
    AgreementStatus,
    BacsFile,
    BacsFileStatus,
    Basis,
    DirectPaymentAgreement,
    DirectPaymentReview,
    LedgerEntry,
    LedgerKind,
    Payment,
    PaymentRun,
    Recipient,
    RecoveryDecision,
    RunStatus,
    StartCheck,
    StartCheckDone,
    StatementImport,
    Suspension,
)
from .permissions import PaymentAction, user_can, user_can_for
from .rules import bacs, schedule
from .rules.matching import Category, LineToMatch, match_transaction
from .rules.reviews import FIRST_REVIEW_MONTHS
from .rules.surplus import DEFAULT_SURPLUS_WEEKS
from .selectors import cycle, schedule_inputs
from .statements import StatementError, parse_statement


def _check(actor: User, action: PaymentAction, agreement_or_person: DirectPaymentAgreement | object) -> None:
    person = agreement_or_person.person if isinstance(agreement_or_person, DirectPaymentAgreement) else None
    if person is None or not user_can_for(actor, action, person):
        raise PermissionDenied("You cannot do this for this direct payment")


def direct_payment_weekly(budget: PersonalBudget, on: dt.date) -> tuple[Decimal, Decimal]:
    """The weekly amount of a budget paid by direct payment, and the part of the contribution it carries on a day
    (the budget's split in force then, ``planning.selectors.budget_splits``).

    The person's contribution is taken from the direct-payment part first, up to all of it (the rest of the
    budget the council pays providers itself).
    """
    weekly = sum(
        (line.weekly_cost for line in budget.lines.all() if line.management in DIRECT_PAYMENT_KINDS), Decimal(0)
    )
    split = split_on(budget_splits(budget), on)
    return pounds(weekly), pounds(min(split.contribution, weekly))


def _on_day(splits: Sequence[Split]) -> Callable[[dt.date], Decimal]:
    """The person's weekly contribution on each day, from a budget's splits."""
    return lambda day: split_on(splits, day).contribution


def _contribution_on(budget: PersonalBudget) -> Callable[[dt.date], Decimal]:
    """The person's weekly contribution on each day, from the budget's splits (read once)."""
    return _on_day(budget_splits(budget))


def _contribution_reason(contribution: Decimal, source: str) -> str:
    return f"The contribution is {format_money(contribution)} a week, from the {source}"[:300]


def agreement_text(*, budget: PersonalBudget, basis: str, weekly: Decimal, contribution: Decimal) -> tuple[str, str]:
    """What the money may be spent on, and the conditions, in plain English, from the plan's lines."""
    items = [
        f"- {line.plan_line.description}"
        + (f" ({line.plan_line.provider_name})" if line.plan_line.provider_name else "")
        + f": {format_money(line.weekly_cost)} a week"
        for line in budget.lines.select_related("plan_line")
        if line.management in DIRECT_PAYMENT_KINDS
    ]
    may_spend_on = "\n".join(
        [
            "You can spend the money on the support in your plan:",
            *items,
            "If you employ a personal assistant, the money also pays their holiday, tax and National Insurance, "
            "pension, your employer's insurance and a payroll service.",
            "You can change how you get this support if it still meets the outcomes in your plan. Ask us first "
            "if you are not sure.",
        ]
    )
    if basis == Basis.NET:
        payment = f"We pay {format_money(weekly - contribution)} a week into your account every four weeks, in advance."
        contribution_text = f"You pay your contribution of {format_money(contribution)} a week into the same account."
    else:
        payment = f"We pay {format_money(weekly)} a week into your account every four weeks, in advance."
        contribution_text = f"We will send you a bill for your contribution of {format_money(contribution)} a week."
    conditions = "\n".join(
        [
            payment,
            contribution_text,
            "Keep the money in an account you use only for your direct payment.",
            "Keep your statements and receipts. We look at your account, and talk with you about anything "
            "we do not understand.",
            "Tell us if your needs change, or if you go into hospital.",
            f"We review how your direct payment is working within {FIRST_REVIEW_MONTHS} months of the first "
            "payment, then at least once a year, as the law says.",
            f"If more than {DEFAULT_SURPLUS_WEEKS} weeks of payments build up, we talk with you before we decide "
            "anything. We will not ask for money back without listening to you first.",
            "You can stop at any time, or ask us to arrange some or all of your support instead.",
        ]
    )
    return may_spend_on, conditions


def direct_payment_agreement_create(
    *,
    actor: User,
    budget: PersonalBudget,
    recipient: str = Recipient.PERSON,
    recipient_name: str,
    account_name: str,
    sort_code: str,
    account_number: str,
    starts_on: dt.date,
    basis: str | None = None,
    agreed_on: dt.date | None = None,
) -> DirectPaymentAgreement:
    """Set up the direct payment for the direct-payment lines of a current budget, in plain English."""
    if not user_can_for(actor, PaymentAction.SET_UP, budget.person):
        raise PermissionDenied("You cannot set up a direct payment for this person")
    basis = basis or str(settings.OWNWAY_DP_BASIS)
    errors: dict[str, list[str]] = {}
    sort_code = sort_code.replace("-", "").replace(" ", "")
    account_number = account_number.replace(" ", "")
    if budget.status != BudgetStatus.CURRENT:
        errors["budget"] = ["This budget has ended"]
    if recipient not in Recipient.values:
        errors["recipient"] = ["Choose who receives the payment"]
    if not recipient_name.strip():
        errors["recipient_name"] = ["Enter the name of the person who receives the payment"]
    if not (len(sort_code) == 6 and sort_code.isdigit()):
        errors["sort_code"] = ["Enter a sort code of 6 digits, like 30-94-57"]
    if not (len(account_number) == 8 and account_number.isdigit()):
        errors["account_number"] = ["Enter an account number of 8 digits"]
    name_on_account = bacs.account_name(account_name)
    if not name_on_account.usable:
        errors["account_name"] = [name_on_account.problem]
    if basis not in Basis.values:
        errors["basis"] = ["Choose net or gross"]
    if starts_on < budget.starts_on:
        errors["starts_on"] = ["The direct payment cannot start before the budget"]
    if agreed_on is not None and agreed_on > timezone.localdate():
        errors["agreed_on"] = ["The date the person agreed must be today or in the past"]
    weekly, contribution = direct_payment_weekly(budget, starts_on)
    if weekly <= 0:
        errors["budget"] = ["No part of this budget is to be paid by direct payment"]
    if errors:
        raise ValidationError(errors)
    may_spend_on, conditions = agreement_text(budget=budget, basis=basis, weekly=weekly, contribution=contribution)
    with transaction.atomic():
        agreement = DirectPaymentAgreement.objects.create(
            reference=uuid.uuid4().hex[:12],
            person=budget.person,
            budget=budget,
            recipient=recipient,
            recipient_name=recipient_name.strip(),
            account_name=name_on_account.value,
            sort_code=sort_code,
            account_number=account_number,
            basis=basis,
            starts_on=starts_on,
            may_spend_on=may_spend_on,
            conditions=conditions,
            agreed_on=agreed_on,
            created_by=actor,
        )
        agreement.reference = f"DP{agreement.pk:07d}"
        agreement.save(update_fields=["reference"])
        AgreementRate.objects.create(
            agreement=agreement,
            effective_from=starts_on,
            weekly_budget=weekly,
            weekly_contribution=contribution,
            reason="The direct payment lines of the approved plan",
        )
        # A change of contribution already known from a later day (the next year's uprating) comes with it.
        later = [split for split in budget_splits(budget) if split.starts_on > starts_on]
        for split in later:
            AgreementRate.objects.create(
                agreement=agreement,
                effective_from=split.starts_on,
                weekly_budget=weekly,
                weekly_contribution=min(split.contribution, weekly),
                reason=_contribution_reason(split.contribution, split.source),
            )
        audit_record(
            actor=actor, action=events.AGREEMENT_CREATED, subject=agreement, person=budget.person,
            new={"weekly": str(weekly), "contribution": str(contribution), "basis": basis,
                 "starts_on": starts_on.isoformat()},
        )  # fmt: skip
    return agreement


#: How an agreement is named when someone else's change is found (``ownway.core.versioning``).
AGREEMENT = "direct payment"


def direct_payment_suspend(
    *,
    actor: User,
    agreement: DirectPaymentAgreement,
    starts_on: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> Suspension:
    """Stop payments from ``starts_on``.

    ``expected_version`` (here and when resuming, ending or switching a line to the council) is the version of
    the agreement the person saw: if someone else has changed it since, nothing is saved and
    :class:`~ownway.core.versioning.StaleEdit` is raised.
    """
    _check(actor, PaymentAction.SUSPEND, agreement)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError({"status": ["Only a direct payment being paid can be suspended"]})
    if not reason.strip():
        raise ValidationError({"reason": ["Say why the direct payment is suspended"]})
    with transaction.atomic():
        version_claim(agreement, expected_version=expected_version, what=AGREEMENT)
        transition(
            agreement,
            allowed_from=[AgreementStatus.ACTIVE],
            to=AgreementStatus.SUSPENDED,
            action="suspend it",
            what=AGREEMENT,
        )
        suspension = Suspension.objects.create(
            agreement=agreement, starts_on=starts_on, reason=reason.strip(), suspended_by=actor
        )
        audit_record(
            actor=actor, action=events.AGREEMENT_SUSPENDED, subject=agreement, person=agreement.person,
            new={"from": starts_on.isoformat(), "reason": reason.strip()},
        )  # fmt: skip
    return suspension


def direct_payment_resume(
    *, actor: User, agreement: DirectPaymentAgreement, resumes_on: dt.date, expected_version: int | None = None
) -> Suspension:
    _check(actor, PaymentAction.SUSPEND, agreement)
    suspension = agreement.suspensions.filter(ends_on__isnull=True).last()
    if agreement.status != AgreementStatus.SUSPENDED or suspension is None:
        raise ValidationError({"status": ["This direct payment is not suspended"]})
    if resumes_on <= suspension.starts_on:
        raise ValidationError({"resumes_on": ["Payments must resume after the day they were suspended"]})
    with transaction.atomic():
        version_claim(agreement, expected_version=expected_version, what=AGREEMENT)
        transition(
            agreement,
            allowed_from=[AgreementStatus.SUSPENDED],
            to=AgreementStatus.ACTIVE,
            action="resume it",
            what=AGREEMENT,
        )
        suspension.ends_on = resumes_on - dt.timedelta(days=1)
        suspension.resumed_by = actor
        suspension.save(update_fields=["ends_on", "resumed_by"])
        audit_record(
            actor=actor, action=events.AGREEMENT_RESUMED, subject=agreement, person=agreement.person,
            new={"from": resumes_on.isoformat()},
        )  # fmt: skip
    return suspension


def direct_payment_end(
    *,
    actor: User,
    agreement: DirectPaymentAgreement,
    ends_on: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> DirectPaymentAgreement:
    """End a direct payment on ``ends_on`` (its last day): no payment covers a day after it."""
    _check(actor, PaymentAction.SUSPEND, agreement)
    return _end(actor=actor, agreement=agreement, ends_on=ends_on, reason=reason, expected_version=expected_version)


def direct_payment_end_after_review(
    *, actor: User, agreement: DirectPaymentAgreement, ends_on: dt.date, reason: str
) -> DirectPaymentAgreement:
    """End a direct payment because a review of the person's plan ended their support: the worker holding the
    review ends it, though only finance officers and team managers end direct payments otherwise. The reviews
    app (above this one) calls this only once it has checked the actor holds an open review of this person's plan
    (``reviews.decisions``). No payment covers a day after ``ends_on``."""
    return _end(actor=actor, agreement=agreement, ends_on=ends_on, reason=reason, expected_version=None)


def _end(
    *, actor: User, agreement: DirectPaymentAgreement, ends_on: dt.date, reason: str, expected_version: int | None
) -> DirectPaymentAgreement:
    if agreement.status == AgreementStatus.ENDED:
        raise ValidationError({"status": ["This direct payment has already ended"]})
    if ends_on < agreement.starts_on:
        raise ValidationError({"ends_on": ["A direct payment cannot end before it starts"]})
    if not reason.strip():
        raise ValidationError({"reason": ["Say why the direct payment is ending"]})
    with transaction.atomic():
        version_claim(agreement, expected_version=expected_version, what=AGREEMENT)
        transition(
            agreement,
            allowed_from=[AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED],
            to=AgreementStatus.ENDED,
            action="end it",
            what=AGREEMENT,
        )
        agreement.suspensions.filter(ends_on__isnull=True).update(ends_on=ends_on, resumed_by=actor)
        agreement.ends_on = ends_on
        agreement.end_reason = reason.strip()
        agreement.save(update_fields=["status", "ends_on", "end_reason"])
        audit_record(
            actor=actor, action=events.AGREEMENT_ENDED, subject=agreement, person=agreement.person,
            new={"ends_on": ends_on.isoformat(), "reason": reason.strip()},
        )  # fmt: skip
    return agreement


def direct_payment_line_to_council(
    *,
    actor: User,
    agreement: DirectPaymentAgreement,
    line: BudgetLine,
    effective_on: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> AgreementRate:
    """Switch a line from direct payment back to the council, at any time; the payment drops from that day."""
    _check(actor, PaymentAction.SET_UP, agreement)
    if line.budget_id != agreement.budget_id or line.management not in DIRECT_PAYMENT_KINDS:
        raise ValidationError({"line": ["Choose a line of this direct payment"]})
    if agreement.status == AgreementStatus.ENDED:
        raise ValidationError({"status": ["This direct payment has ended"]})
    with transaction.atomic():
        version_claim(agreement, expected_version=expected_version, what=AGREEMENT)
        planning_services.budget_line_management_change(
            actor=actor, line=line, to_management=Management.COUNCIL_MANAGED, effective_on=effective_on, reason=reason
        )
        since = max(effective_on, agreement.starts_on)
        weekly, contribution = direct_payment_weekly(agreement.budget, since)
        rate = AgreementRate.objects.create(
            agreement=agreement,
            effective_from=since,
            weekly_budget=weekly,
            weekly_contribution=contribution,
            reason=shortened(
                f"“{line.plan_line.description}” now arranged by the council: {reason.strip()}",
                column_length(AgreementRate, "reason") or 300,
            ),  # a summary: the whole reason is kept with the change of management
        )
        # A rate already set from a later day (a new year's contribution) pays the lines left too.
        held = [
            schedule.Rate(r.effective_from, r.weekly_budget, r.weekly_contribution)
            for r in agreement.rates.exclude(pk=rate.pk).order_by("effective_from", "id")
        ]
        for later in schedule.rates_restated(
            held, since, weekly_budget=weekly, contribution_on=_contribution_on(agreement.budget)
        ):
            if later.effective_from > since:
                AgreementRate.objects.create(
                    agreement=agreement, effective_from=later.effective_from, weekly_budget=later.weekly_budget,
                    weekly_contribution=later.weekly_contribution,
                    reason=f"“{line.plan_line.description}” now arranged by the council, from this day too",
                )  # fmt: skip
        audit_record(
            actor=actor, action=events.RATE_CHANGED, subject=agreement, person=agreement.person,
            new={"weekly": str(weekly), "contribution": str(contribution), "from": effective_on.isoformat()},
        )  # fmt: skip
    return rate


#: How many people's direct payments are read at once when contributions change (the uprating changes them all).
FOLLOW_BATCH = 2000


def agreement_rates_follow(*, actor: User | None, changes: Sequence[ContributionChange]) -> list[AgreementRate]:
    """Carry each person's new contribution into their direct payment, in the caller's transaction: the follower
    of :mod:`ownway.charging.followers` that payments registers, told after planning has split the budget.

    Each direct payment of a current budget (being paid, suspended, or ended on or after the day) gets a new rate
    from the day the charge applies (no earlier than the payment starts) carrying the budget's split then, and
    rates already set from later days are set again with it (:func:`~.rules.schedule.rates_restated`); a rate
    change part way through a period is paid a seventh of a week a day, as every change is. Periods already paid
    are never paid again: what the change means for them (net, the contribution the council paid; gross, the
    contribution not collected) goes in the ledger as contribution to collect, or, when the contribution went
    down, as contribution no longer due (:func:`~.rules.schedule.paid_difference`). Audited.
    """
    latest = {change.person_id: change for change in changes}
    people = list(latest)
    anchor, length = cycle()
    today = timezone.localdate()
    made: list[AgreementRate] = []
    for start in range(0, len(people), FOLLOW_BATCH):
        agreements = list(
            DirectPaymentAgreement.objects.select_for_update(of=("self",))
            .filter(person_id__in=people[start : start + FOLLOW_BATCH], budget__status=BudgetStatus.CURRENT)
            .select_related("budget", "person")
            .order_by("pk")
        )
        if not agreements:
            continue
        inputs = schedule_inputs([agreement.pk for agreement in agreements])
        timelines = budget_splits_of({agreement.budget_id: agreement.budget for agreement in agreements}.values())
        for agreement in agreements:
            change = latest[agreement.person_id]
            since = max(change.charges_from, agreement.starts_on)
            if agreement.ends_on is not None and agreement.ends_on < since:
                continue
            splits = timelines[agreement.budget_id]
            before = inputs.rates[agreement.pk]
            added = schedule.rates_restated(before, since, contribution_on=_on_day(splits))
            if not added:
                continue
            rows = AgreementRate.objects.bulk_create(
                AgreementRate(
                    agreement=agreement, effective_from=rate.effective_from, weekly_budget=rate.weekly_budget,
                    weekly_contribution=rate.weekly_contribution,
                    reason=_contribution_reason(split_on(splits, rate.effective_from).contribution, change.source),
                )
                for rate in added
            )  # fmt: skip
            made += rows
            paid = sorted(inputs.paid[agreement.pk])
            owed = schedule.paid_difference(
                [schedule.period_containing(day, anchor=anchor, length_days=length) for day in paid],
                since=since, starts_on=agreement.starts_on, ends_on=agreement.ends_on, before=before,
                after=[*before, *added], gaps=inputs.gaps[agreement.pk], basis=schedule.Basis(agreement.basis),
            )  # fmt: skip
            if owed is not None:
                LedgerEntry.objects.create(
                    agreement=agreement, kind=LedgerKind.CONTRIBUTION_DUE, on=today, amount=owed.contribution_owed,
                    description=owed.explanation[:300],
                )  # fmt: skip
            audit_record(
                actor=actor, action=events.RATE_CHANGED, subject=agreement, person=agreement.person,
                new={"weekly": str(added[0].weekly_budget), "contribution": str(added[0].weekly_contribution),
                     "from": since.isoformat(), "rates_added": len(added),
                     "contribution_owed": str(owed.contribution_owed) if owed is not None else "0.00",
                     "financial_assessment": change.financial_assessment_id},
            )  # fmt: skip
    return made


# --- the payment run ---------------------------------------------------------------------------------

#: A run not heard from for this long is taken to have died, wherever it was running.
RUN_LEASE = dt.timedelta(minutes=15)


class RunInterrupted(RuntimeError):
    """Raised to stop a run part way (used to show that a stopped run never pays twice)."""


class BankFileError(RuntimeError):
    """A bank file could not be written. Its payments are kept, not sent, and the next run writes the file."""


def _when_free[T](work: Callable[[], T]) -> T:
    """Do ``work`` (one transaction), again if the database was busy with another run or paid part of it first.

    PostgreSQL makes a second run wait for the first's row locks; SQLite may instead answer "locked" at once
    (an in-memory or shared-cache database ignores the busy timeout), and a run that read before another
    committed meets the one-payment-per-period constraint. Either way the work is read again and redone.
    """
    for attempt in range(1, 201):
        try:
            return work()
        except IntegrityError:
            if attempt >= 3:
                raise
        except OperationalError as error:
            if "locked" not in str(error).lower() or attempt >= 200:
                raise
            time.sleep(min(0.2, 0.005 * attempt))
    raise RuntimeError("unreachable")  # pragma: no cover


def _batches(ids: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _beat(run: PaymentRun) -> None:
    """Show that the run is still alive (in the caller's transaction)."""
    PaymentRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())


def _process_alive(pid: int) -> bool:
    """Whether a process of this machine is still running (the operating system's answer; on Windows, where
    asking would end the process, the run's heartbeat alone decides)."""
    if os.name == "nt":  # pragma: no cover - Ownway is served from Linux
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _abandon_dead_runs(run: PaymentRun) -> list[str]:
    """Mark as abandoned every other run still "running" whose process has ended (on this machine) or which has
    not been heard from for ``RUN_LEASE`` (anywhere). Returns a note for each. What such a run paid stays paid;
    this run pays the rest and writes any file it left."""
    now = timezone.now()
    host = socket.gethostname()
    notes = []
    with transaction.atomic():
        # A run whose row is locked is in the middle of a transaction, so alive: it is skipped, not waited for.
        running = PaymentRun.objects.select_for_update(skip_locked=True).filter(status=RunStatus.RUNNING)
        for other in running.exclude(pk=run.pk):
            last = other.heartbeat_at or other.started_at
            if other.host == host and other.pid is not None and not _process_alive(other.pid):
                why = f"its process ({host}, {other.pid}) had ended"
            elif last < now - RUN_LEASE:
                why = f"nothing had been heard from it for more than {RUN_LEASE.seconds // 60} minutes"
            else:
                continue
            local = timezone.localtime(last)
            message = (
                f"Stopped without finishing: {why}, last heard from at {local:%H:%M:%S} on {govuk_date(local)}. "
                f"Run {run.pk} found it and carried on."
            )
            if PaymentRun.objects.filter(pk=other.pk, status=RunStatus.RUNNING).update(
                status=RunStatus.ABANDONED, finished_at=now, error=message
            ):
                notes.append(f"Run {other.pk} had stopped without finishing ({why}): marked abandoned.")
    return notes


def _pay_batch(run: PaymentRun, ids: Sequence[int], as_of: dt.date) -> tuple[int, Decimal]:
    """Pay what is due for these agreements, once. Returns the number and total of new payments."""
    anchor, length = cycle()
    with transaction.atomic():
        _beat(run)
        agreements = list(DirectPaymentAgreement.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        inputs = schedule_inputs(ids)
        new: list[Payment] = []
        for agreement in agreements:
            if agreement.status == AgreementStatus.SUSPENDED:
                continue
            for due in schedule.payments_due(
                anchor=anchor, length_days=length, starts_on=agreement.starts_on, ends_on=agreement.ends_on,
                rates=inputs.rates[agreement.pk], gaps=inputs.gaps[agreement.pk],
                basis=schedule.Basis(agreement.basis), paid=inputs.paid[agreement.pk], as_of=as_of,
            ):  # fmt: skip
                new.append(
                    Payment(
                        agreement=agreement, run=run, period_start=due.period.start, period_end=due.period.end,
                        amount=due.amount, contribution_to_collect=due.contribution_to_collect,
                        days_paid=due.days_paid, explanation=due.explanation,
                    )
                )  # fmt: skip
        if not new:
            return 0, Decimal(0)
        created = Payment.objects.bulk_create(new)
        if any(payment.pk is None for payment in created):  # pragma: no cover - both databases return keys
            created = list(Payment.objects.filter(run=run, agreement_id__in=ids))
        entries = []
        for payment in created:
            entries.append(
                LedgerEntry(
                    agreement_id=payment.agreement_id, kind=LedgerKind.PAYMENT, on=as_of, amount=payment.amount,
                    payment=payment, description=payment.explanation[:300],
                )
            )  # fmt: skip
            if payment.contribution_to_collect:
                entries.append(
                    LedgerEntry(
                        agreement_id=payment.agreement_id, kind=LedgerKind.CONTRIBUTION_DUE, on=as_of,
                        amount=payment.contribution_to_collect, payment=payment,
                        description=f"Contribution for the period from {govuk_date(payment.period_start)}",
                    )
                )  # fmt: skip
        LedgerEntry.objects.bulk_create(entries)
        first_paid = {payment.agreement_id for payment in created}
        DirectPaymentAgreement.objects.filter(pk__in=first_paid, first_payment_on__isnull=True).update(
            first_payment_on=as_of
        )
        fault_point("batch_uncommitted")
        return len(created), sum((payment.amount for payment in created), Decimal(0))


def bank_file_content(*, name: str, processing_date: dt.date, payments: Sequence[tuple[int, Decimal]]) -> str:
    """The file for the bank: a header, one credit for each agreement with money to pay (the sum of its
    payments, in pence, to the account on the agreement) and a trailer with the number and total of credits.
    ``payments`` are (agreement id, amount) pairs. Every text field is in the BACS character set
    (``rules.bacs``), so no cell starts with a formula character and no line break gets in."""
    by_agreement: dict[int, Decimal] = defaultdict(Decimal)
    for agreement_id, amount in payments:
        by_agreement[agreement_id] += amount
    accounts = {
        a["pk"]: a
        for a in DirectPaymentAgreement.objects.filter(pk__in=by_agreement).values(
            "pk", "reference", "sort_code", "account_number", "account_name"
        )
    }
    rows: list[list[str]] = [
        ["H", bacs.field(str(settings.OWNWAY_COUNCIL_NAME), 18), f"{processing_date:%Y%m%d}", name]
    ]
    credits, total_pence = 0, 0
    for agreement_id, amount in sorted(by_agreement.items(), key=lambda item: accounts[item[0]]["reference"]):
        if amount <= 0:
            continue
        account = accounts[agreement_id]
        credits += 1
        total_pence += pence(amount)
        rows.append(
            [
                "D", account["sort_code"], account["account_number"],
                bacs.field(account["account_name"], bacs.ACCOUNT_NAME_LENGTH), "99", str(pence(amount)),
                account["reference"],
            ]
        )  # fmt: skip
    rows.append(["T", str(credits), str(total_pence)])
    return csv_text(rows)


def _claim_bacs_file(run: PaymentRun, as_of: dt.date) -> BacsFile | None:
    """Put every payment not yet in a file into this run's file, and save the file's exact content, before a
    byte of it is written: the file is then written by :func:`_write_bacs_file`."""
    with transaction.atomic():
        _beat(run)
        pending = list(
            Payment.objects.select_for_update()
            .filter(bacs_file__isnull=True)
            .order_by("agreement_id", "period_start")
            .values_list("pk", "agreement_id", "amount")
        )
        if not pending:
            return None
        name = f"DP-{as_of:%Y%m%d}-{run.pk:06d}.csv"
        bacs_file = BacsFile.objects.create(
            run=run, name=name, processing_date=as_of, payments_count=len(pending),
            total=sum((amount for _pk, _a, amount in pending), Decimal(0)),
            content=bank_file_content(
                name=name, processing_date=as_of, payments=[(a, amount) for _pk, a, amount in pending]
            ),
        )  # fmt: skip
        Payment.objects.filter(pk__in=[pk for pk, _a, _amount in pending]).update(bacs_file=bacs_file)
        fault_point("file_claim_uncommitted")
    return bacs_file


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; Windows has no way to sync a folder)."""
    if os.name == "nt":  # pragma: no cover - Ownway is served from Linux
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a hidden temporary name beside ``path``, sync it, rename it to ``path`` and sync the
    folder: ``path`` then either does not exist or holds all of ``data``, even after a crash or a power cut."""
    for stale in path.parent.glob(f".{path.name}.*.part"):  # left by a run that died while writing
        stale.unlink(missing_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    try:
        with open(temporary, "xb") as handle:
            if os.name != "nt":  # account numbers: readable by the service and its group only
                os.fchmod(handle.fileno(), 0o640)
            half = len(data) // 2
            handle.write(data[:half])
            handle.flush()
            fault_point("file_partly_written")
            handle.write(data[half:])
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    fault_point("file_renamed")


def _write_bacs_file(run: PaymentRun, pk: int) -> str:
    """Write a file whose payments are saved but which is not yet written, and record it as written (and its
    payments as sent) with its checksum. A file of that name already in the folder with exactly this content was
    written by a run that stopped before recording it: it is recorded, not written again. Returns a note when
    the file was another run's."""
    with transaction.atomic():
        bacs_file = BacsFile.objects.select_for_update().filter(pk=pk, status=BacsFileStatus.WRITING).first()
        if bacs_file is None:
            return ""  # another run wrote it first
        _beat(run)
        data = bacs_file.content.encode("ascii")
        folder = Path(settings.OWNWAY_BACS_DIR)
        path = folder / bacs_file.name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            found = path.read_bytes() if path.exists() else None
            if found is None:
                _write_atomically(path, data)
        except OSError as error:
            raise BankFileError(
                f"The bank file {bacs_file.name} could not be written in {folder} ({error.strerror or error}). "
                "Its payments are kept and not sent: the next run writes it."
            ) from error
        if found is not None and found != data:
            raise BankFileError(
                f"A different file called {bacs_file.name} is already in {folder}, so it was left as it is. Find "
                "out whether the bank was sent it before moving it away; the next run then writes this one."
            )
        bacs_file.status = BacsFileStatus.WRITTEN
        bacs_file.sha256 = hashlib.sha256(data).hexdigest()
        bacs_file.written_at = timezone.now()
        bacs_file.save(update_fields=["status", "sha256", "written_at"])
    fault_point("file_recorded")
    if bacs_file.run_id == run.pk:
        return ""
    if found is not None:
        return (
            f"File {bacs_file.name} of run {bacs_file.run_id} was already in the folder, whole: recorded as sent, "
            "not written again."
        )
    return f"File {bacs_file.name} of run {bacs_file.run_id} had not been written: written now."


def payment_run(
    *, actor: User | None, as_of: dt.date, batch_size: int = 500, stop_after_batches: int | None = None
) -> PaymentRun:
    """Pay every direct payment due by ``as_of``, write the ledger and the BACS file. Safe to repeat at any time.

    ``actor`` is the finance officer who started it, or ``None`` for the scheduled job. In order: runs left
    "running" by a process that died are marked abandoned; each batch of agreements is paid (a transaction
    each); every payment not yet in a file is put into this run's file, whose content is saved first; then
    every file saved but not yet written, this run's and any a stopped run left, is written and recorded as
    sent. Killed at any point, the next run finishes the work and pays nothing twice (``payments.faults``).
    """
    if actor is not None and not user_can(actor, PaymentAction.RUN):
        raise PermissionDenied("Only a finance officer can run direct payments")

    def start() -> PaymentRun:
        with transaction.atomic():
            run = PaymentRun.objects.create(
                as_of=as_of, run_by=actor, host=socket.gethostname(), pid=os.getpid(), heartbeat_at=timezone.now()
            )
            audit_record(actor=actor, action=events.PAYMENT_RUN, subject=run, new={"as_of": as_of.isoformat()})
        return run

    run = _when_free(start)
    fault_point("run_started")
    notes: list[str] = []
    # Ended direct payments are looked at for a year after they end, for periods not yet paid before the end.
    recent_end = as_of - dt.timedelta(days=366)
    count, total = 0, Decimal(0)
    try:
        notes += _when_free(lambda: _abandon_dead_runs(run))
        ids = _when_free(lambda: list(
            DirectPaymentAgreement.objects.filter(starts_on__lte=as_of)
            .filter(Q(status=AgreementStatus.ACTIVE) | Q(status=AgreementStatus.ENDED, ends_on__gte=recent_end))
            .order_by("pk")
            .values_list("pk", flat=True)
        ))  # fmt: skip
        for number, batch in enumerate(_batches(ids, batch_size), start=1):
            if stop_after_batches is not None and number > stop_after_batches:
                raise RunInterrupted(f"Stopped after {stop_after_batches} batches")
            made, amount = _when_free(lambda batch=batch: _pay_batch(run, batch, as_of))  # type: ignore[misc]
            count += made
            total += amount
            fault_point("batch_paid")
        fault_point("payments_made")
        _when_free(lambda: _claim_bacs_file(run, as_of))
        fault_point("file_claimed")
        waiting = _when_free(
            lambda: list(
                BacsFile.objects.filter(status=BacsFileStatus.WRITING).order_by("pk").values_list("pk", flat=True)
            )
        )
        for pk in waiting:
            note = _when_free(lambda pk=pk: _write_bacs_file(run, pk))  # type: ignore[misc]
            if note:
                notes.append(note)
    except Exception as error:
        message = f"{error.__class__.__name__}: {error}"[:2000]
        _when_free(
            lambda: PaymentRun.objects.filter(pk=run.pk).update(
                status=RunStatus.FAILED, finished_at=timezone.now(), error=message, payments_made=count,
                total=total, notes="\n".join(notes),
            )
        )  # fmt: skip
        raise
    _when_free(
        lambda: PaymentRun.objects.filter(pk=run.pk).update(
            status=RunStatus.COMPLETED, finished_at=timezone.now(), heartbeat_at=timezone.now(),
            payments_made=count, total=total, notes="\n".join(notes),
        )
    )  # fmt: skip
    _when_free(run.refresh_from_db)
    return run


# --- monitoring the account ----------------------------------------------------------------------------


def _lines_to_match(agreement: DirectPaymentAgreement) -> list[LineToMatch]:
    lines = []
    for line in agreement.budget.lines.select_related("plan_line"):
        names = tuple(n for n in (line.plan_line.provider_name, line.recipient_name) if n.strip())
        if names:
            lines.append(LineToMatch(line_id=line.plan_line_id, names=names))
    return lines


def statement_import(*, actor: User, agreement: DirectPaymentAgreement, file_name: str, data: bytes) -> StatementImport:
    """Import a CSV or OFX statement: new transactions are matched to plan lines and categories; ones already
    held (the same statement imported twice, or overlapping statements) are left alone."""
    _check(actor, PaymentAction.MONITOR, agreement)
    try:
        kind, statement = parse_statement(file_name, data)
    except StatementError as error:
        raise ValidationError({"file": [str(error)]}) from None
    if not statement.lines:
        raise ValidationError({"file": ["The statement has no transactions"]})
    lines = _lines_to_match(agreement)
    with transaction.atomic():
        held = set(
            agreement.transactions.filter(bank_id__in=[line.bank_id for line in statement.lines]).values_list(
                "bank_id", flat=True
            )
        )
        record = StatementImport.objects.create(
            agreement=agreement, file_name=file_name[:200], format=kind, closing_balance=statement.closing_balance,
            balance_on=statement.balance_on, imported_by=actor,
        )  # fmt: skip
        new = []
        for line in statement.lines:
            if line.bank_id in held:
                continue
            held.add(line.bank_id)
            match = match_transaction(
                description=line.description, amount=line.amount, lines=lines, council_reference=agreement.reference
            )
            new.append(
                AccountTransaction(
                    agreement=agreement, statement=record, posted_on=line.posted_on, amount=line.amount,
                    description=line.description, bank_id=line.bank_id, balance_after=line.balance_after,
                    category=match.category.value, plan_line_id=match.line_id,
                    match_explanation=match.explanation[:300],
                )
            )  # fmt: skip
        AccountTransaction.objects.bulk_create(new)
        record.transactions_added = len(new)
        record.transactions_already_held = len(statement.lines) - len(new)
        record.save(update_fields=["transactions_added", "transactions_already_held"])
        audit_record(
            actor=actor, action=events.STATEMENT_IMPORTED, subject=record, person=agreement.person,
            new={"file": file_name, "added": len(new), "already_held": record.transactions_already_held},
        )  # fmt: skip
    return record


def transaction_categorise(
    *, actor: User, account_transaction: AccountTransaction, category: str, plan_line_id: int | None = None
) -> AccountTransaction:
    """Say what a transaction was for, when the matching could not tell or got it wrong."""
    agreement = account_transaction.agreement
    _check(actor, PaymentAction.MONITOR, agreement)
    if category not in Category.__members__.values():
        raise ValidationError({"category": ["Choose what the money was for"]})
    if category == Category.PLAN_LINE:
        if plan_line_id is None or not agreement.budget.lines.filter(plan_line_id=plan_line_id).exists():
            raise ValidationError({"plan_line": ["Choose a line of the person's plan"]})
    else:
        plan_line_id = None
    with transaction.atomic():
        old = {"category": account_transaction.category, "plan_line": account_transaction.plan_line_id}
        account_transaction.category = category
        account_transaction.plan_line_id = plan_line_id
        account_transaction.match_explanation = f"Checked by {actor.get_full_name() or actor.username}"
        account_transaction.save(update_fields=["category", "plan_line", "match_explanation"])
        audit_record(
            actor=actor, action=events.TRANSACTION_CATEGORISED, subject=account_transaction,
            person=agreement.person, old=old, new={"category": category, "plan_line": plan_line_id},
        )  # fmt: skip
    return account_transaction


def recovery_decide(
    *,
    actor: User,
    agreement: DirectPaymentAgreement,
    decided_on: dt.date,
    amount_to_recover: Decimal,
    persons_view: str,
    reasons: str,
) -> RecoveryDecision:
    """Decide about money left in the account, after hearing the person: recover some, or none."""
    from .selectors import account_balance, surplus_for

    _check(actor, PaymentAction.MONITOR, agreement)
    errors: dict[str, list[str]] = {}
    if not persons_view.strip():
        errors["persons_view"] = ["Write down what the person said: a decision cannot be made without hearing them"]
    if not reasons.strip():
        errors["reasons"] = ["Give the reasons for the decision"]
    amount = pounds(amount_to_recover)
    if amount < 0 or amount != amount_to_recover:
        errors["amount_to_recover"] = ["Enter an amount in pounds and pence, £0 or more"]
    balance = account_balance(agreement)
    check = surplus_for(agreement)
    if amount > check.surplus:
        errors["amount_to_recover"] = [
            f"You can only ask back money above the {DEFAULT_SURPLUS_WEEKS} weeks' contingency: "
            f"{format_money(check.surplus)} at most"
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision = RecoveryDecision.objects.create(
            agreement=agreement, decided_on=decided_on, balance=balance, surplus=check.surplus,
            amount_to_recover=amount, persons_view=persons_view.strip(), reasons=reasons.strip(), decided_by=actor,
        )  # fmt: skip
        if amount > 0:
            LedgerEntry.objects.create(
                agreement=agreement, kind=LedgerKind.RECOVERY, on=decided_on, amount=amount,
                description=f"Surplus asked back after talking with the person: {reasons.strip()}"[:300],
            )  # fmt: skip
        audit_record(
            actor=actor, action=events.RECOVERY_DECIDED, subject=decision, person=agreement.person,
            new={"amount_to_recover": str(amount), "surplus": str(check.surplus)},
        )  # fmt: skip
    return decision


def direct_payment_review_record(
    *, actor: User, agreement: DirectPaymentAgreement, held_on: dt.date, notes: str
) -> DirectPaymentReview:
    """Record a review (reg 7); the next one is then due within 12 months."""
    _check(actor, PaymentAction.REVIEW, agreement)
    if not notes.strip():
        raise ValidationError({"notes": ["Write down what the review found"]})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": ["The review must have taken place today or before"]})
    with transaction.atomic():
        review = DirectPaymentReview.objects.create(
            agreement=agreement, held_on=held_on, notes=notes.strip(), reviewed_by=actor
        )
        audit_record(
            actor=actor, action=events.REVIEW_RECORDED, subject=review, person=agreement.person,
            new={"held_on": held_on.isoformat()},
        )  # fmt: skip
    return review


#: The longest note kept with the checks before a direct payment starts.
MAX_START_CHECK_NOTE = 300


def direct_payment_start_checks_record(
    *, actor: User, agreement: DirectPaymentAgreement, checks: Sequence[str], note: str = ""
) -> list[StartCheckDone]:
    """Record checks done before a direct payment that employs a personal assistant starts (see
    :class:`~.models.StartCheck`), each with who confirmed it and when. A check already recorded keeps its first
    record; all are saved or none."""
    _check(actor, PaymentAction.SET_UP, agreement)
    done = set(agreement.start_checks.values_list("item", flat=True))
    unknown = [c for c in checks if c not in StartCheck.values]
    if unknown:
        raise ValidationError({"checks": ["Choose checks from the list"]})
    new = [c for c in StartCheck.values if c in checks and c not in done]
    if not checks:
        raise ValidationError({"checks": ["Tick each check that is done"]})
    if not new:
        raise ValidationError({"checks": ["Those checks are already recorded"]})
    if len(note.strip()) > MAX_START_CHECK_NOTE:
        raise ValidationError({"note": [f"The note must be {MAX_START_CHECK_NOTE} characters or fewer"]})
    with transaction.atomic():
        records = [
            StartCheckDone.objects.create(agreement=agreement, item=c, note=note.strip(), completed_by=actor)
            for c in new
        ]
        audit_record(
            actor=actor, action=events.START_CHECKS_RECORDED, subject=agreement, person=agreement.person,
            new={"checks": new},
        )  # fmt: skip
    return records
