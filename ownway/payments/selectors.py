"""Reading direct-payment accounts: balance, spending, surplus, reviews, and whether the ledger reconciles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from ownway.accounts import events as account_events
from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.names import name_filter

from . import events
from .models import (
    AccountTransaction,
    AgreementRate,
    BacsFile,
    Basis,
    DirectPaymentAgreement,
    LedgerEntry,
    LedgerKind,
    Payment,
    StatementImport,
)
from .permissions import PaymentAction, user_can, user_can_for, visible_to
from .rules.matching import CATEGORY_LABELS, Category
from .rules.money import pounds
from .rules.reviews import ReviewDue, next_review_due
from .rules.surplus import SurplusCheck, surplus_check


def agreement_get_for_user(*, user: User, pk: int) -> DirectPaymentAgreement:
    """A direct payment account: a citizen opens only their own; staff those of people they may see. Audited."""
    agreement = DirectPaymentAgreement.objects.select_related("person", "budget").filter(pk=pk).first()
    if agreement is None:
        raise Http404("No such direct payment")
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
    whatever the accents or case (:mod:`ownway.core.names`)."""
    return (
        visible_to(user)
        .filter(name_filter("person__search_name", query))
        .select_related("person")
        .order_by("reference")
    )


def agreements_of_citizen(*, user: User) -> QuerySet[DirectPaymentAgreement]:
    if user.role != Role.CITIZEN or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has a direct payment of their own")
    return DirectPaymentAgreement.objects.filter(person_id=user.person_id).order_by("-starts_on")


def current_rate(agreement: DirectPaymentAgreement, on: dt.date) -> AgreementRate | None:
    return agreement.rates.filter(effective_from__lte=on).order_by("-effective_from", "-id").first()


def weekly_payment(agreement: DirectPaymentAgreement, on: dt.date) -> Decimal:
    """What the council pays a week now: the budget less the contribution (net) or the whole budget (gross)."""
    rate = current_rate(agreement, on)
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
    return surplus_check(
        balance=account_balance(agreement),
        weekly_payment=weekly_payment(agreement, on),
        weeks=int(settings.OWNWAY_DP_SURPLUS_WEEKS),
    )


def review_due_for(agreement: DirectPaymentAgreement, today: dt.date) -> ReviewDue:
    return next_review_due(
        first_payment_on=agreement.first_payment_on,
        reviews_held_on=agreement.reviews.values_list("held_on", flat=True),
        today=today,
    )


@dataclass(frozen=True)
class SpendingLine:
    label: str
    amount: Decimal
    count: int


@dataclass(frozen=True)
class AccountSummary:
    agreement: DirectPaymentAgreement
    weekly_payment: Decimal
    balance: Decimal
    surplus: SurplusCheck
    review: ReviewDue
    paid_in_total: Decimal
    spending: tuple[SpendingLine, ...]
    to_check: int


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
    return AccountSummary(
        agreement=agreement,
        weekly_payment=weekly_payment(agreement, today),
        balance=account_balance(agreement),
        surplus=surplus_for(agreement, today),
        review=review_due_for(agreement, today),
        paid_in_total=paid_in,
        spending=spending,
        to_check=agreement.transactions.filter(category=Category.TO_CHECK).count(),
    )


@dataclass(frozen=True)
class Reconciliation:
    payments_total: Decimal
    ledger_payments_total: Decimal
    files_total: Decimal
    payments_without_ledger_entry: int
    payments_not_in_a_file: int
    duplicate_periods: int

    @property
    def reconciles(self) -> bool:
        return (
            self.payments_total == self.ledger_payments_total
            and self.payments_without_ledger_entry == 0
            and self.duplicate_periods == 0
            and self.files_total + self.unsent_total == self.payments_total
        )

    @property
    def unsent_total(self) -> Decimal:
        return Payment.objects.filter(bacs_file__isnull=True).aggregate(t=Sum("amount"))["t"] or Decimal("0.00")


def ledger_reconciliation() -> Reconciliation:
    """Whether payments, the ledger and the BACS files agree: every payment once, in the ledger once, sent once."""
    zero = Decimal("0.00")
    payments_total = Payment.objects.aggregate(t=Sum("amount"))["t"] or zero
    ledger_total = LedgerEntry.objects.filter(kind=LedgerKind.PAYMENT).aggregate(t=Sum("amount"))["t"] or zero
    files_total = BacsFile.objects.aggregate(t=Sum("total"))["t"] or zero
    without = Payment.objects.exclude(ledger__kind=LedgerKind.PAYMENT).count()
    not_in_file = Payment.objects.filter(bacs_file__isnull=True).count()
    duplicates = (
        Payment.objects.values("agreement_id", "period_start").annotate(n=Count("id")).filter(Q(n__gt=1)).count()
    )
    return Reconciliation(
        payments_total=payments_total,
        ledger_payments_total=ledger_total,
        files_total=files_total,
        payments_without_ledger_entry=without,
        payments_not_in_a_file=not_in_file,
        duplicate_periods=duplicates,
    )


@dataclass(frozen=True)
class ReviewRow:
    agreement: DirectPaymentAgreement
    review: ReviewDue


def reviews_due_for_user(*, user: User, today: dt.date, within_days: int = 42) -> list[ReviewRow]:
    """Direct payments whose reg 7 review is late or due within ``within_days``, for the people the user may
    see: late ones first, then by the date due. Scheduled from the first payment and the reviews held."""
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
    return rows
