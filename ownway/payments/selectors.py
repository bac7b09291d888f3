"""Reading direct-payment accounts: balance, spending, surplus, reviews, and whether the ledger reconciles."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from ownway.accounts import events as account_events
from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.money import format_money, pence, pounds
from ownway.people.selectors import person_name_condition
from ownway.ui.jinja2 import govuk_date

from . import events
from .models import (
    AccountTransaction,
    AgreementRate,
    AgreementStatus,
    BacsFile,
    BacsFileStatus,
    Basis,
    DirectPaymentAgreement,
    LedgerEntry,
    LedgerKind,
    Payment,
    StartCheck,
    StartCheckDone,
    StatementImport,
    Suspension,
)
from .permissions import PaymentAction, user_can, user_can_for, visible_to
from .rules import schedule
from .rules.matching import CATEGORY_LABELS, Category
from .rules.reviews import ReviewDue, next_review_due
from .rules.surplus import SurplusCheck, surplus_check


def agreement_get_for_user(*, user: User, pk: int) -> DirectPaymentAgreement:
    """A direct payment account: a citizen opens only their own; staff those of people they may see. Audited."""
    agreement = DirectPaymentAgreement.objects.select_related("person", "budget").filter(pk=pk).first()
    if agreement is None:
        raise Http404("No such direct payment")
    return _opened(user, agreement)


def my_agreement_for_user(*, user: User) -> DirectPaymentAgreement | None:
    """A citizen's own direct payment account (the newest), opened as :func:`agreement_get_for_user` opens one;
    ``None`` when they have none."""
    agreement = agreements_of_citizen(user=user).select_related("person", "budget").first()
    return _opened(user, agreement) if agreement is not None else None


def _opened(user: User, agreement: DirectPaymentAgreement) -> DirectPaymentAgreement:
    allowed = user_can_for(user, PaymentAction.VIEW, agreement.person)
    with transaction.atomic():
        audit_record(
            actor=user,
            action=events.AGREEMENT_VIEWED if allowed else account_events.ACCESS_REFUSED,
            subject=agreement,
            person=agreement.person,
        )
    if not allowed:
        raise PermissionDenied("You cannot see this direct payment")
    return agreement


def agreements_for_user(*, user: User, query: str = "") -> QuerySet[DirectPaymentAgreement]:
    """The agreements the user may see; with a ``query``, those of people whose names each of its words begins,
    whatever the accents or case (:mod:`ownway.core.names`). Show them through :func:`agreements_shown`."""
    return (
        visible_to(user)
        .filter(person_name_condition(query, person="person_id"))
        .select_related("person")
        .order_by("reference")
    )


def agreements_shown(*, user: User, agreements: list[DirectPaymentAgreement]) -> None:
    """Write each person on a page of agreements to the audit trail."""
    with transaction.atomic():
        audit_shown(actor=user, action=events.AGREEMENTS_LISTED, shown=[(a, a.person_id) for a in agreements])


def agreements_of_citizen(*, user: User) -> QuerySet[DirectPaymentAgreement]:
    if user.role != Role.CITIZEN or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has a direct payment of their own")
    return DirectPaymentAgreement.objects.filter(person_id=user.person_id).order_by("-starts_on")


def current_rate(agreement: DirectPaymentAgreement, on: dt.date) -> AgreementRate | None:
    return agreement.rates.filter(effective_from__lte=on).order_by("-effective_from", "-id").first()


def _rate_on(rates: list[AgreementRate], on: dt.date) -> AgreementRate | None:
    """:func:`current_rate` from the agreement's rates already read, in order of ``effective_from`` and ID."""
    return next((rate for rate in reversed(rates) if rate.effective_from <= on), None)


def weekly_payment(agreement: DirectPaymentAgreement, on: dt.date) -> Decimal:
    """What the council pays a week now: the budget less the contribution (net) or the whole budget (gross)."""
    return _weekly(agreement, current_rate(agreement, on))


def _weekly(agreement: DirectPaymentAgreement, rate: AgreementRate | None) -> Decimal:
    if rate is None:
        return Decimal("0.00")
    if agreement.basis == Basis.NET:
        return max(Decimal("0.00"), rate.weekly_budget - rate.weekly_contribution)
    return rate.weekly_budget


def account_balance(agreement: DirectPaymentAgreement) -> Decimal:
    """The balance on the latest statement; without one, the sum of the transactions held."""
    latest = (
        StatementImport.objects.filter(agreement=agreement, closing_balance__isnull=False)
        .order_by("-balance_on", "-imported_at", "-id")
        .first()
    )
    if latest is not None and latest.closing_balance is not None:
        return latest.closing_balance
    return pounds(agreement.transactions.aggregate(total=Sum("amount"))["total"] or 0)


def surplus_for(agreement: DirectPaymentAgreement, on: dt.date | None = None) -> SurplusCheck:
    on = on or timezone.localdate()
    return _surplus(account_balance(agreement), weekly_payment(agreement, on))


def _surplus(balance: Decimal, weekly: Decimal) -> SurplusCheck:
    return surplus_check(balance=balance, weekly_payment=weekly, weeks=int(settings.OWNWAY_DP_SURPLUS_WEEKS))


def review_due_for(agreement: DirectPaymentAgreement, today: dt.date) -> ReviewDue:
    return next_review_due(
        first_payment_on=agreement.first_payment_on,
        reviews_held_on=agreement.reviews.values_list("held_on", flat=True),
        today=today,
    )


def cycle() -> tuple[dt.date, int]:
    """The council's payment cycle: its first day and its length in days (settings ``OWNWAY_DP_CYCLE_*``)."""
    return dt.date.fromisoformat(str(settings.OWNWAY_DP_CYCLE_START)), int(settings.OWNWAY_DP_CYCLE_DAYS)


@dataclass(frozen=True)
class ScheduleInputs:
    """What the payment rules need about each agreement: its rates, its suspensions and the periods paid."""

    rates: dict[int, list[schedule.Rate]]
    gaps: dict[int, list[schedule.Gap]]
    paid: dict[int, set[dt.date]]


def schedule_inputs(ids: Collection[int], *, rates_read: list[AgreementRate] | None = None) -> ScheduleInputs:
    """The rates, suspensions and periods paid of these agreements, in three queries (two when the rates of the
    one agreement are already read, as ``rates_read``)."""
    rates: dict[int, list[schedule.Rate]] = defaultdict(list)
    for rate in AgreementRate.objects.filter(agreement_id__in=ids) if rates_read is None else rates_read:
        rates[rate.agreement_id].append(
            schedule.Rate(rate.effective_from, rate.weekly_budget, rate.weekly_contribution)
        )
    gaps: dict[int, list[schedule.Gap]] = defaultdict(list)
    for suspension in Suspension.objects.filter(agreement_id__in=ids):
        gaps[suspension.agreement_id].append(schedule.Gap(suspension.starts_on, suspension.ends_on))
    paid: dict[int, set[dt.date]] = defaultdict(set)
    for agreement_id, period_start in Payment.objects.filter(agreement_id__in=ids).values_list(
        "agreement_id", "period_start"
    ):
        paid[agreement_id].add(period_start)
    return ScheduleInputs(rates=rates, gaps=gaps, paid=paid)


def _schedule(agreement: DirectPaymentAgreement, inputs: ScheduleInputs) -> dict[str, Any]:
    """The arguments the schedule rules take about one agreement."""
    anchor, length = cycle()
    return {
        "anchor": anchor, "length_days": length, "starts_on": agreement.starts_on, "ends_on": agreement.ends_on,
        "rates": inputs.rates[agreement.pk], "gaps": inputs.gaps[agreement.pk],
        "basis": schedule.Basis(agreement.basis), "paid": inputs.paid[agreement.pk],
    }  # fmt: skip


def _next_payment(
    agreement: DirectPaymentAgreement, inputs: ScheduleInputs, today: dt.date, *, after: dt.date | None = None
) -> schedule.NextPayment | None:
    if agreement.status == AgreementStatus.SUSPENDED:
        return None  # nothing is paid until it resumes
    return schedule.next_payment(**_schedule(agreement, inputs), today=today, after=after)


def next_payment_text(agreement: DirectPaymentAgreement, next_payment: schedule.NextPayment | None) -> str:
    """When the next payment falls due and how much it is, or why there is none, in plain English."""
    if next_payment is not None:
        return next_payment.explanation
    if agreement.status == AgreementStatus.SUSPENDED:
        return "None while the direct payment is suspended"
    if agreement.ends_on is not None:
        return f"None: the direct payment ends on {govuk_date(agreement.ends_on)}"
    return "None due in the next year"


@dataclass(frozen=True)
class PaymentsOutlook:
    """What the next payment runs will pay, for the finance officer: payments due and not made, and the next
    day payments fall due."""

    today: dt.date
    being_paid: int
    suspended: int
    late: int
    late_total: Decimal
    next_due_on: dt.date | None
    next_count: int
    next_total: Decimal

    @property
    def explanation(self) -> str:
        if not self.being_paid:
            text = "No direct payment is being paid."
        elif self.next_due_on is None:
            text = "No payment falls due in the next year."
        else:
            text = (
                f"The next payments fall due on {govuk_date(self.next_due_on)}: {self.next_count} direct "
                f"payment{'s' if self.next_count != 1 else ''}, {format_money(self.next_total)}."
            )
        if self.late:
            text = (
                f"{self.late} payment{'s' if self.late != 1 else ''} ({format_money(self.late_total)}) due by "
                f"{govuk_date(self.today)} {'have' if self.late != 1 else 'has'} not been made. " + text
            )
        if self.suspended:
            text += (
                f" {self.suspended} suspended direct payment{'s are' if self.suspended != 1 else ' is'} not paid "
                "until resumed."
            )
        return text


def payments_outlook(*, user: User, today: dt.date) -> PaymentsOutlook:
    """The payments due and not made by ``today``, and the next day payments fall due, for a finance officer."""
    if not user_can(user, PaymentAction.RUN):
        raise PermissionDenied("Only a finance officer sees what the payment runs will pay")
    agreements = list(
        DirectPaymentAgreement.objects.filter(status__in=[AgreementStatus.ACTIVE, AgreementStatus.ENDED]).exclude(
            ends_on__lt=today - dt.timedelta(days=366)
        )
    )
    suspended = DirectPaymentAgreement.objects.filter(status=AgreementStatus.SUSPENDED).count()
    inputs = schedule_inputs([agreement.pk for agreement in agreements])
    late, late_total = 0, Decimal("0.00")
    upcoming: dict[dt.date, list[Decimal]] = defaultdict(list)
    for agreement in agreements:
        for due in schedule.payments_due(**_schedule(agreement, inputs), as_of=today):
            late += 1
            late_total += due.amount
        coming = _next_payment(agreement, inputs, today, after=today)
        if coming is not None:
            upcoming[coming.due_on].append(coming.payment.amount)
    next_due_on = min(upcoming, default=None)
    amounts = upcoming.get(next_due_on, []) if next_due_on is not None else []
    return PaymentsOutlook(
        today=today,
        being_paid=sum(1 for agreement in agreements if agreement.status == AgreementStatus.ACTIVE),
        suspended=suspended,
        late=late,
        late_total=late_total,
        next_due_on=next_due_on,
        next_count=len(amounts),
        next_total=sum(amounts, Decimal("0.00")),
    )


@dataclass(frozen=True)
class SpendingLine:
    label: str
    amount: Decimal
    count: int


@dataclass(frozen=True)
class RateShown:
    """A weekly rate of a direct payment as people read it: from when, what the council pays into the account a
    week, the contribution it carries, and why it changed."""

    effective_from: dt.date
    pays: Decimal
    contribution: Decimal
    reason: str


def _rate_shown(agreement: DirectPaymentAgreement, rate: AgreementRate) -> RateShown:
    pays = max(Decimal("0.00"), rate.weekly_budget - rate.weekly_contribution)
    return RateShown(
        effective_from=rate.effective_from,
        pays=pays if agreement.basis == Basis.NET else rate.weekly_budget,
        contribution=rate.weekly_contribution,
        reason=rate.reason,
    )


@dataclass(frozen=True)
class AccountSummary:
    agreement: DirectPaymentAgreement
    weekly_payment: Decimal
    #: The contribution the payment carries now: paid into the account by the person (net) or billed (gross).
    weekly_contribution: Decimal
    #: Each change of the weekly amount since the first, in the order they apply.
    rate_changes: tuple[RateShown, ...]
    #: Contribution owed (or no longer due) for days paid before it changed, from the ledger.
    contribution_adjustments: tuple[LedgerEntry, ...]
    balance: Decimal
    #: Whether any statement has been imported: without one the balance is not known, whatever was paid in.
    balance_known: bool
    surplus: SurplusCheck
    review: ReviewDue
    paid_in_total: Decimal
    spending: tuple[SpendingLine, ...]
    to_check: int
    next_payment: schedule.NextPayment | None
    next_payment_text: str


def account_summary(agreement: DirectPaymentAgreement, today: dt.date) -> AccountSummary:
    """The account at a glance, for an agreement the caller has opened through ``agreement_get_for_user``."""
    paid_in = pounds(agreement.payments.aggregate(total=Sum("amount"))["total"] or 0)
    rows = (
        AccountTransaction.objects.filter(agreement=agreement, amount__lt=0)
        .values("category", "plan_line__description")
        .annotate(total=Sum("amount"), n=Count("id"))
        .order_by("category", "plan_line__description")
    )
    spending = tuple(
        SpendingLine(
            label=row["plan_line__description"] or CATEGORY_LABELS[Category(row["category"])],
            amount=pounds(-row["total"]),
            count=row["n"],
        )
        for row in rows
    )
    # Each of the agreement's rates, its balance and its weekly payment is read once for the whole summary.
    rates = list(agreement.rates.order_by("effective_from", "id"))
    next_due = _next_payment(agreement, schedule_inputs([agreement.pk], rates_read=rates), today)
    # A rate set again from the same day replaces the one before it: only the last of each day is shown.
    by_day = {rate.effective_from: rate for rate in rates[1:] if rate.effective_from >= agreement.starts_on}
    now = _rate_on(rates, today)
    weekly = _weekly(agreement, now)
    balance = account_balance(agreement)
    return AccountSummary(
        agreement=agreement,
        weekly_payment=weekly,
        weekly_contribution=now.weekly_contribution if now is not None else Decimal("0.00"),
        rate_changes=tuple(_rate_shown(agreement, rate) for rate in by_day.values()),
        contribution_adjustments=tuple(
            LedgerEntry.objects.filter(
                agreement=agreement, kind=LedgerKind.CONTRIBUTION_DUE, payment__isnull=True
            ).order_by("on", "id")
        ),
        balance=balance,
        balance_known=StatementImport.objects.filter(agreement=agreement).exists(),
        surplus=_surplus(balance, weekly),
        review=review_due_for(agreement, today),
        paid_in_total=paid_in,
        spending=spending,
        to_check=agreement.transactions.filter(category=Category.TO_CHECK).count(),
        next_payment=next_due,
        next_payment_text=next_payment_text(agreement, next_due),
    )


@dataclass(frozen=True)
class Reconciliation:
    """Whether the ledger and the bank files on disk agree, and each way they do not, in plain English."""

    payments_total: Decimal
    ledger_payments_total: Decimal
    #: The total of the files written (what the ledger says was sent to the bank).
    files_total: Decimal
    payments_without_ledger_entry: int
    #: Payments not in a file that has been written: not sent to the bank yet.
    payments_not_in_a_file: int
    unsent_total: Decimal
    duplicate_periods: int
    files_written: int
    discrepancies: tuple[str, ...]

    @property
    def reconciles(self) -> bool:
        return not self.discrepancies


def _read_bank_file(path: Path) -> tuple[dict[str, int], tuple[int, int] | None]:
    """The credits in a bank file (agreement reference -> pence) and its trailer (count, total pence)."""
    credits: dict[str, int] = {}
    trailer = None
    for row in csv.reader(io.StringIO(path.read_bytes().decode("ascii"))):
        if row and row[0] == "D" and len(row) >= 7:
            credits[row[6]] = credits.get(row[6], 0) + int(row[5])
        elif row and row[0] == "T" and len(row) >= 3:
            trailer = (int(row[1]), int(row[2]))
    return credits, trailer


def _check_written_file(bacs_file: BacsFile, folder: Path, ledger: dict[str, Decimal]) -> list[str]:
    """How a file recorded as sent differs from what is on disk and from the payments the ledger puts in it."""
    path = folder / bacs_file.name
    if not path.is_file():
        return [f"File {bacs_file.name}, recorded as sent, is not in {folder}"]
    problems = []
    data = path.read_bytes()
    if bacs_file.sha256 and hashlib.sha256(data).hexdigest() != bacs_file.sha256:
        problems.append(f"File {bacs_file.name} in {folder} has changed since it was written (its checksum differs)")
    try:
        credits, trailer = _read_bank_file(path)
    except (UnicodeDecodeError, ValueError, IndexError):
        return [*problems, f"File {bacs_file.name} cannot be read as a bank file"]
    expected = {reference: pence(amount) for reference, amount in ledger.items() if amount > 0}
    for reference in sorted(set(credits) | set(expected)):
        in_file, in_ledger = credits.get(reference, 0), expected.get(reference, 0)
        if in_file != in_ledger:
            problems.append(
                f"File {bacs_file.name} pays {reference} {format_money(Decimal(in_file) / 100)} but the ledger puts "
                f"{format_money(Decimal(in_ledger) / 100)} for it in that file"
            )
    if trailer != (len(credits), sum(credits.values())):
        problems.append(f"File {bacs_file.name}: its last line does not match its credits")
    return problems


def ledger_reconciliation() -> Reconciliation:
    """Whether payments, the ledger and the bank files on disk agree: every payment once, in the ledger once,
    in one file that was written; each written file still in ``OWNWAY_BACS_DIR`` as it was written, paying each
    account what the ledger says; and no file in the folder that the ledger does not know."""
    zero = Decimal("0.00")
    folder = Path(settings.OWNWAY_BACS_DIR)
    payments_total = Payment.objects.aggregate(t=Sum("amount"))["t"] or zero
    ledger_total = LedgerEntry.objects.filter(kind=LedgerKind.PAYMENT).aggregate(t=Sum("amount"))["t"] or zero
    without = Payment.objects.exclude(ledger__kind=LedgerKind.PAYMENT).count()
    duplicates = (
        Payment.objects.values("agreement_id", "period_start").annotate(n=Count("id")).filter(Q(n__gt=1)).count()
    )
    unsent = Payment.objects.exclude(bacs_file__status=BacsFileStatus.WRITTEN).aggregate(n=Count("id"), t=Sum("amount"))
    written = list(BacsFile.objects.filter(status=BacsFileStatus.WRITTEN).order_by("name"))
    found: list[str] = []
    if payments_total != ledger_total:
        found.append(
            f"The payments add up to {format_money(payments_total)} "
            f"but the ledger's payments to {format_money(ledger_total)}"
        )
    if without:
        found.append(f"{without} payments have no entry in the ledger")
    if duplicates:
        found.append(f"{duplicates} periods are paid more than once")
    for bacs_file in BacsFile.objects.filter(status=BacsFileStatus.WRITING).order_by("name"):
        found.append(
            f"File {bacs_file.name} has not been written yet: its {bacs_file.payments_count} payments "
            f"({format_money(bacs_file.total)}) are not sent. The next payment run writes it"
        )
    loose = Payment.objects.filter(bacs_file__isnull=True).aggregate(n=Count("id"), t=Sum("amount"))
    if loose["n"]:
        found.append(
            f"{loose['n']} payments ({format_money(loose['t'] or zero)}) are in no bank file. "
            "The next payment run sends them"
        )
    by_file: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in (
        Payment.objects.filter(bacs_file__status=BacsFileStatus.WRITTEN)
        .values("bacs_file_id", "agreement__reference")
        .annotate(total=Sum("amount"))
    ):
        by_file[row["bacs_file_id"]][row["agreement__reference"]] = row["total"]
    for bacs_file in written:
        found.extend(_check_written_file(bacs_file, folder, by_file[bacs_file.pk]))
    known = set(BacsFile.objects.values_list("name", flat=True))
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.is_file() and not path.name.startswith(".") and path.name not in known:
                found.append(f"File {path.name} in {folder} is not in the ledger")
    return Reconciliation(
        payments_total=payments_total,
        ledger_payments_total=ledger_total,
        files_total=sum((f.total for f in written), zero),
        payments_without_ledger_entry=without,
        payments_not_in_a_file=unsent["n"],
        unsent_total=unsent["t"] or zero,
        duplicate_periods=duplicates,
        files_written=len(written),
        discrepancies=tuple(found),
    )


@dataclass(frozen=True)
class ReviewRow:
    agreement: DirectPaymentAgreement
    review: ReviewDue


def reviews_due_for_user(*, user: User, today: dt.date, within_days: int = 42) -> list[ReviewRow]:
    """Direct payments whose reg 7 review is late or due within ``within_days``, for the people the user may
    see: late ones first, then by the date due. Scheduled from the first payment and the reviews held.
    Each person shown is written to the audit trail."""
    if not user_can(user, PaymentAction.REVIEW) and not user_can(user, PaymentAction.MONITOR):
        raise PermissionDenied("You do not review direct payments")
    agreements = (
        visible_to(user)
        .filter(status__in=["active", "suspended"], first_payment_on__isnull=False)
        .select_related("person")
        .prefetch_related("reviews")
    )
    horizon = today + dt.timedelta(days=within_days)
    rows = []
    for agreement in agreements:
        due = next_review_due(
            first_payment_on=agreement.first_payment_on,
            reviews_held_on=[review.held_on for review in agreement.reviews.all()],
            today=today,
        )
        if due.due_by is not None and due.due_by <= horizon:
            rows.append(ReviewRow(agreement=agreement, review=due))
    rows.sort(key=lambda row: (not row.review.overdue, row.review.due_by, row.agreement.reference))
    with transaction.atomic():
        audit_shown(
            actor=user, action=events.REVIEWS_LISTED, shown=[(row.agreement, row.agreement.person_id) for row in rows]
        )
    return rows


def reviews_due_counts(*, user: User, today: dt.date | None = None, within_days: int = 42) -> tuple[int, int] | None:
    """How many direct payments' reg 7 reviews are late or due within ``within_days`` (as on the reviews
    worklist, :func:`reviews_due_for_user`): for the people the worker is named worker for, and for everyone they
    may see. For the home page of those who review direct payments (``None`` for others), in one query: each
    agreement's first payment and its last review since, with the dates worked out by the same rule."""
    if not user_can(user, PaymentAction.REVIEW):
        return None
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=within_days)
    rows = (
        visible_to(user)
        .filter(status__in=["active", "suspended"], first_payment_on__isnull=False)
        .annotate(last=Max("reviews__held_on", filter=Q(reviews__held_on__gte=F("first_payment_on"))))
        .values_list("first_payment_on", "last", "person__named_worker_id")
    )
    mine = team = 0
    for first_payment_on, last, worker_id in rows:
        due = next_review_due(first_payment_on=first_payment_on, reviews_held_on=[last] if last else [], today=today)
        if due.due_by is not None and due.due_by <= horizon:
            team += 1
            mine += worker_id == user.pk
    return mine, team


def start_checks_of(agreement: DirectPaymentAgreement) -> list[tuple[str, StartCheckDone | None]]:
    """Each check before a direct payment starts (:class:`~.models.StartCheck`), with its record if it is done."""
    done = {c.item: c for c in agreement.start_checks.select_related("completed_by")}
    return [(label, done.get(value)) for value, label in StartCheck.choices]


def has_active_direct_payment(person_id: int) -> bool:
    """Whether the person has a direct payment being paid now (an active agreement)."""
    return DirectPaymentAgreement.objects.filter(person_id=person_id, status=AgreementStatus.ACTIVE).exists()
