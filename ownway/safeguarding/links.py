"""Links from other steps of the journey to safeguarding (issue: "Links").

* A direct payment's monitoring that suggests financial abuse (``ownway.safeguarding.money_signs``) offers, on the
  account's page, to raise a concern, prefilled with what the monitoring shows.
* A review offers to raise a concern about the person, prefilled with where it came from.
* A provider's portal offers to raise a concern (``views_channels``).
* (A concern can lead to an unplanned review: ``services.concern_review_request``.)

The offers are registered on the earlier apps' pages (``ownway.ui.offers``) in ``SafeguardingConfig.ready()``. The
concern is raised through the staff form on the person's record, so the same people may raise it and it is
checked and audited the same way; the prefill only fills the form, and the worker changes or sends it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import User
from ownway.ui.offers import Offer, OfferSource

from .money_signs import Debit, Sign, money_signs
from .permissions import SafeguardingAction, user_can

if TYPE_CHECKING:
    from ownway.payments.models import DirectPaymentAgreement
    from ownway.payments.selectors import AccountSummary
    from ownway.reviews.models import Review

#: How far back a direct payment's statement lines are read for the signs.
SIGNS_PERIOD = dt.timedelta(weeks=13)
FROM_DIRECT_PAYMENT = "direct_payment"
FROM_REVIEW = "review"


def direct_payment_signs(agreement: DirectPaymentAgreement, *, weekly_payment: Decimal, today: dt.date) -> list[Sign]:
    """The signs of financial abuse in what the payments app has recorded about the account (last 13 weeks)."""
    from ownway.payments.models import DirectPaymentAgreement
    from ownway.payments.rules.matching import Category
    from ownway.payments.selectors import account_balance

    rows = agreement.transactions.filter(amount__lt=0, posted_on__gt=today - SIGNS_PERIOD).values_list(
        "description", "amount", "category"
    )
    debits = [Debit(description, -amount, category == Category.TO_CHECK) for description, amount, category in rows]
    known = agreement.statements.exists()
    payees = list(
        DirectPaymentAgreement.objects.filter(person_id=agreement.person_id)
        .order_by("starts_on", "pk")
        .values_list("recipient_name", flat=True)[:20]
    )
    return money_signs(
        debits=debits,
        weekly_payment=weekly_payment,
        balance=account_balance(agreement) if known else None,
        payees=payees,
    )


def _raise_href(person_id: int, source: str, record_id: int) -> str:
    query = urlencode({"from": source, "record": record_id})
    return f"{reverse('safeguarding:raise', kwargs={'pk': person_id})}?{query}"


def direct_payment_offer(user: User, summary: AccountSummary) -> Offer | None:
    """On a direct payment's page: when the monitoring shows a sign of financial abuse, to staff who may raise."""
    if not user_can(user, SafeguardingAction.RAISE):
        return None
    agreement = summary.agreement
    signs = direct_payment_signs(agreement, weekly_payment=summary.weekly_payment, today=timezone.localdate())
    if not signs:
        return None
    return Offer(
        heading="This could be financial abuse",
        text="Raise a safeguarding concern about it",
        href=_raise_href(agreement.person_id, FROM_DIRECT_PAYMENT, agreement.pk),
        reasons=tuple(sign.text for sign in signs),
        warning=True,
    )


def review_offer(user: User, review: Review) -> Offer | None:
    """On a review's page: to staff who may raise a concern."""
    if not user_can(user, SafeguardingAction.RAISE):
        return None
    return Offer(
        heading="Worried the person is being abused or neglected?",
        text="Raise a safeguarding concern from this review",
        href=_raise_href(review.person_id, FROM_REVIEW, review.pk),
    )


def concern_prefill(*, user: User, person_id: int, query: Mapping[str, str]) -> dict[str, Any]:
    """What the staff form starts with when it was offered from a direct payment or a review: the record is opened
    through its own app (checked and audited) and must be the person's; otherwise the form starts empty."""
    from ownway.core.numbers import parse_id

    source = query.get("from", "")[:20]
    record_id = parse_id(query.get("record"))
    if record_id is None:
        return {}
    if source == FROM_DIRECT_PAYMENT:
        from ownway.payments.selectors import account_summary, agreement_get_for_user

        try:
            agreement = agreement_get_for_user(user=user, pk=record_id)
        except (Http404, PermissionDenied):  # a refusal is on the audit trail already
            return {}
        if agreement.person_id != person_id:
            return {}
        summary = account_summary(agreement, timezone.localdate())
        signs = direct_payment_signs(agreement, weekly_payment=summary.weekly_payment, today=timezone.localdate())
        lines = [f"Monitoring of direct payment {agreement.reference} shows:"] + [f"- {s.text}" for s in signs]
        return {"what_happened": "\n".join(lines), "suspected_types": ["financial"]}
    if source == FROM_REVIEW:
        from ownway.reviews.selectors import review_get_for_user

        try:
            review = review_get_for_user(user=user, pk=record_id)
        except Http404:
            return {}
        if review.person_id != person_id:
            return {}
        when = f" held on {review.held_on:%d %B %Y}" if review.held_on else f" due by {review.due_on:%d %B %Y}"
        return {"what_happened": f"Raised from the review of their support plan{when}.\n"}
    return {}


def provider_offer(user: User, record: object) -> Offer | None:
    """On a provider's portal: to raise a concern about an adult it supports (or anyone)."""
    if not user_can(user, SafeguardingAction.RAISE_AS_PROVIDER):
        return None
    return Offer(
        heading="Worried an adult is being abused or neglected?",
        text="Tell the council's safeguarding team",
        href=reverse("safeguarding:provider_raise"),
    )


PROVIDER_OFFER = OfferSource(page="directory.provider_services", name="safeguarding.concern", offer=provider_offer)
DIRECT_PAYMENT_OFFER = OfferSource(page="payments.account", name="safeguarding.concern", offer=direct_payment_offer)
REVIEW_OFFER = OfferSource(page="reviews.review", name="safeguarding.concern", offer=review_offer)
